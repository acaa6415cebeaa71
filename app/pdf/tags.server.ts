/// <reference types="pdfkit" />
/**
 * The packet's logical structure (tagged PDF, PDF/UA-1): a tree of standard structure elements
 * (Document > Sect > H1…H3, P, L/LI/LBody, Table/THead/TBody/TR/TH/TD, Figure) built with pdfkit's
 * structure API, and marked content around everything drawn on a page:
 *
 * - Text: every `drawLines` output (./text/emit.server.ts) becomes one marked-content sequence
 *   (`/P <</MCID n>> BDC … EMC`) of the current "leaf" element (`into`), so a paragraph that flows
 *   over three pages has one MCID per piece, each on its page.
 * - Figures: the whole drawing (vectors and labels) is one sequence per page of a Figure element
 *   whose /Alt states the data.
 * - Everything else — rules, fills, chips' backgrounds, repeated table headers, the running head
 *   and the footer — is an Artifact (`/Artifact BMC … EMC`).
 *
 * Sequences never nest and never stay open across a page break (`beforeBreak`/`afterBreak`).
 * pdfkit internals used (pinned 0.20): `markStructureContent`, `markContent`, `endMarkedContent`,
 * `struct`, `addStructure`, PDFStructureElement `add`/`end`.
 */

export type StructType =
  | "Document"
  | "Sect"
  | "Div"
  | "H1"
  | "H2"
  | "H3"
  | "P"
  | "BlockQuote"
  | "Note"
  | "L"
  | "LI"
  | "Lbl"
  | "LBody"
  | "Table"
  | "THead"
  | "TBody"
  | "TR"
  | "TH"
  | "TD"
  | "Figure"
  | "Caption";

export interface StructOptions {
  /** Figure: the alternative text */
  alt?: string;
  /** language of the element's content when it differs from the document's (BCP 47) */
  lang?: string;
  /** TH: what the header cell heads */
  scope?: "Row" | "Column" | "Both";
}

/** The part of pdfkit's PDFStructureElement we use. */
export interface StructElem {
  add(child: StructElem | StructContent): unknown;
  end(): void;
  dictionary: { data: { S: string } };
}
type StructContent = object;

interface MarkingDoc {
  struct(type: string, options?: object): StructElem;
  addStructure(elem: StructElem): unknown;
  markStructureContent(tag: string, options?: object): StructContent;
  markContent(tag: string, options?: object | null): unknown;
  endMarkedContent(): unknown;
}

type Open = { kind: "none" } | { kind: "artifact"; type?: string } | { kind: "content"; elem: StructElem };

export class Tags {
  private readonly md: MarkingDoc;
  private readonly stack: StructElem[];
  private leaf: StructElem | null = null;
  private open: Open = { kind: "none" };
  /** runs before a group ends (the flow draws headings still waiting for content there) */
  beforeGroupEnd: () => void = () => undefined;

  constructor(doc: PDFKit.PDFDocument) {
    this.md = doc as unknown as MarkingDoc;
    const root = this.md.struct("Document");
    this.md.addStructure(root);
    this.stack = [root];
    tagsByDoc.set(doc, this);
  }

  /** A new element, child of the innermost open group (not opened itself). */
  create(type: StructType, opts: StructOptions = {}): StructElem {
    const elem = this.md.struct(type, opts);
    this.top().add(elem);
    return elem;
  }

  /** Runs `body` inside a new group element (Sect, L, LI, Table, TR…): new elements become its children. */
  group<T>(type: StructType, opts: StructOptions, body: (elem: StructElem) => T): T {
    const elem = this.create(type, opts);
    this.stack.push(elem);
    try {
      return body(elem);
    } finally {
      this.beforeGroupEnd();
      this.stack.pop();
      elem.end();
    }
  }

  /** Text drawn by `body` belongs to `elem` (each drawLines call one marked-content sequence). */
  into<T>(elem: StructElem, body: () => T): T {
    const prev = this.leaf;
    this.leaf = elem;
    try {
      return body();
    } finally {
      this.leaf = prev;
    }
  }

  /** A leaf element holding what `body` draws, ended afterwards. */
  leafOf<T>(type: StructType, opts: StructOptions, body: () => T): T {
    const elem = this.create(type, opts);
    try {
      return this.into(elem, body);
    } finally {
      elem.end();
    }
  }

  /** Text drawing: in the open sequence, or as the leaf's own sequence, or (no leaf) an artifact. */
  markText(draw: () => void): void {
    if (this.open.kind !== "none") {
      draw();
      return;
    }
    const leaf = this.leaf;
    if (!leaf) {
      this.artifact(draw);
      return;
    }
    const content = this.md.markStructureContent(leaf.dictionary.data.S);
    this.open = { kind: "content", elem: leaf };
    try {
      draw();
    } finally {
      this.md.endMarkedContent();
      this.open = { kind: "none" };
      leaf.add(content);
    }
  }

  /** Decoration: an Artifact sequence, unless a figure or artifact is already open around it. */
  artifact(draw: () => void, type?: "Pagination" | "Layout"): void {
    if (this.open.kind !== "none") {
      draw();
      return;
    }
    this.beginArtifact(type);
    try {
      draw();
    } finally {
      this.md.endMarkedContent();
      this.open = { kind: "none" };
    }
  }

  /**
   * A Figure: everything `body` draws is its content (one sequence per page); `alt` states the data.
   * `after` runs with the Figure as the open group (its Caption).
   */
  figure(alt: string, body: () => void, after?: () => void): void {
    const elem = this.create("Figure", { alt });
    this.beginContent(elem);
    try {
      body();
    } finally {
      this.endContent();
    }
    if (after) {
      this.stack.push(elem);
      try {
        after();
      } finally {
        this.stack.pop();
      }
    }
    elem.end();
  }

  /** Before a page break: close the open sequence (it continues on the next page). */
  beforeBreak(): Open {
    const was = this.open;
    if (was.kind !== "none") {
      this.md.endMarkedContent();
      this.open = { kind: "none" };
    }
    return was;
  }

  /** After a page break: reopen what was open, on the new page. */
  afterBreak(was: Open): void {
    if (was.kind === "artifact") this.beginArtifact(was.type);
    else if (was.kind === "content") this.beginContent(was.elem);
  }

  private beginArtifact(type?: string): void {
    this.md.markContent("Artifact", type ? { type } : null);
    this.open = type ? { kind: "artifact", type } : { kind: "artifact" };
  }

  private beginContent(elem: StructElem): void {
    const content = this.md.markStructureContent(elem.dictionary.data.S);
    elem.add(content);
    this.open = { kind: "content", elem };
  }

  private endContent(): void {
    if (this.open.kind === "none") return;
    this.md.endMarkedContent();
    this.open = { kind: "none" };
  }

  private top(): StructElem {
    const t = this.stack[this.stack.length - 1];
    if (!t) throw new Error("structure stack is empty");
    return t;
  }
}

const tagsByDoc = new WeakMap<object, Tags>();

/** The document's structure, when it is tagged. */
export function tagsOf(doc: PDFKit.PDFDocument): Tags | undefined {
  return tagsByDoc.get(doc);
}

/** Vector decoration (rules, fills, outlines) as an Artifact in a tagged document. */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void): void {
  const t = tagsByDoc.get(doc);
  if (t) t.artifact(draw);
  else draw();
}
