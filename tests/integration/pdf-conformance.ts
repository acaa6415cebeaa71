// The packet's PDF/UA-1 and PDF/A-2a checks: the strongest validation that runs on this machine
// (veraPDF, the reference validator, is a Java application distributed outside npm and Debian).
// Two independent readers, no npm dependency:
//   - qpdf --check (syntax, cross-reference table, streams) and qpdf --json with decoded streams
//     (every object: the catalog, the structure tree, the parent tree, fonts, the output intent,
//     the XMP packet, and each page's content stream, read here operator by operator: every
//     painting operator inside marked content, the text of each marked-content sequence through
//     the font's ToUnicode map);
//   - poppler (pdfinfo: Tagged, Suspects; pdfinfo -struct: the structure tree as a reader walks
//     it, which must be ours element by element). `pdfinfo -struct-text` shows the text too, but
//     takes minutes on the 64-page packet: a tool for looking, not for tests.
// The rules checked are the machine-checkable part of the Matterhorn Protocol (PDF/UA-1) and of
// ISO 19005-2 level A that concern what the packet contains; what they cannot judge is in the
// README ("Accessible and archivable").
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Finding {
  /** Matterhorn checkpoint or ISO 19005-2 clause, e.g. "01-001", "6.7.3" */
  rule: string;
  message: string;
}

export interface StructNode {
  role: string;
  alt: string | null;
  lang: string | null;
  scope: string | null;
  children: StructNode[];
  /** marked-content ids of this element ("p12R_mc3": page object 12, MCID 3), in order */
  content: string[];
}

export interface ConformanceReport {
  findings: Finding[];
  tree: StructNode;
  /** the document's text in structure-tree order (what a screen reader reads), pieces joined with "\n" */
  readingText: string;
  /** per page, the text inside Artifacts (running heads, footers) */
  artifactText: string[];
  /** per page, the text inside marked content of structure elements */
  taggedText: string[];
  /** per page, what its marked content belongs to, in content order: role and text of each sequence */
  pageContent: { role: string; text: string }[][];
  headings: { level: number; text: string }[];
  metadata: Record<string, string | null>;
  pdfinfo: Record<string, string>;
}

const STANDARD_ROLES = new Set([
  "Document",
  "Part",
  "Art",
  "Sect",
  "Div",
  "BlockQuote",
  "Caption",
  "TOC",
  "TOCI",
  "Index",
  "NonStruct",
  "Private",
  "H",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "P",
  "L",
  "LI",
  "Lbl",
  "LBody",
  "Table",
  "TR",
  "TH",
  "TD",
  "THead",
  "TBody",
  "TFoot",
  "Span",
  "Quote",
  "Note",
  "Reference",
  "BibEntry",
  "Code",
  "Link",
  "Annot",
  "Ruby",
  "Warichu",
  "Figure",
  "Formula",
  "Form",
]);

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Dict = Record<string, Json>;

type QpdfObject = { value?: Json; stream?: { dict: Dict; data?: string } };

class Objects {
  constructor(private readonly all: Record<string, QpdfObject>) {}
  get(v: Json | undefined): Json | undefined {
    if (typeof v === "string" && /^\d+ \d+ R$/.test(v)) {
      const o = this.all[`obj:${v}`];
      return o?.value ?? (o?.stream?.dict as Json | undefined);
    }
    return v;
  }
  dict(v: Json | undefined): Dict | undefined {
    const d = this.get(v);
    return d && typeof d === "object" && !Array.isArray(d) ? d : undefined;
  }
  /** a stream's decoded data as latin1 text (content streams, CMaps) */
  streamText(v: Json | undefined, encoding: "latin1" | "utf8" = "latin1"): string | null {
    const data = typeof v === "string" ? this.all[`obj:${v}`]?.stream?.data : undefined;
    return data === undefined ? null : Buffer.from(data, "base64").toString(encoding);
  }
  array(v: Json | undefined): Json[] {
    const a = this.get(v);
    return Array.isArray(a) ? a : a === undefined || a === null ? [] : [a];
  }
}

const text = (v: Json | undefined): string | null => (typeof v === "string" && v.startsWith("u:") ? v.slice(2) : null);
const pageKey = (ref: string): string => `p${ref.split(" ")[0] ?? ""}R`;

/** Runs every check on a PDF and returns the findings (empty: it passes) with what the readers saw. */
export async function checkPdf(pdf: Buffer): Promise<ConformanceReport> {
  const findings: Finding[] = [];
  const fail = (rule: string, message: string): void => {
    if (findings.length < 200) findings.push({ rule, message });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-pdfcheck-"));
  const file = path.join(dir, "packet.pdf");
  fs.writeFileSync(file, pdf);
  try {
    // ---- qpdf: syntax, then the objects
    const check = spawnSync("qpdf", ["--check", file], { encoding: "utf8" });
    if (check.status !== 0) fail("qpdf", `qpdf --check: ${check.stdout}${check.stderr}`.slice(0, 2000));
    const q = JSON.parse(
      execFileSync("qpdf", ["--json=2", "--json-stream-data=inline", "--decode-level=generalized", file], {
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
      }),
    ) as { qpdf: [unknown, Record<string, QpdfObject>] };
    const objs = new Objects(q.qpdf[1]);
    const trailer = objs.dict(q.qpdf[1].trailer?.value);
    const catalog = objs.dict(trailer?.["/Root"]) ?? {};
    if (objs.dict(catalog["/MarkInfo"])?.["/Marked"] !== true) fail("06-002", "MarkInfo /Marked is not true");
    if (objs.dict(catalog["/MarkInfo"])?.["/Suspects"] === true) fail("01-002", "MarkInfo /Suspects is true");
    if (!text(objs.get(catalog["/Lang"]))) fail("11-006", "no document /Lang");
    if (objs.dict(catalog["/ViewerPreferences"])?.["/DisplayDocTitle"] !== true)
      fail("07-001", "ViewerPreferences /DisplayDocTitle is not true");
    if (!catalog["/Metadata"]) fail("06-001", "no XMP metadata stream");
    const intents = objs.array(catalog["/OutputIntents"]).map((i) => objs.dict(i));
    const pdfa = intents.find((i) => i?.["/S"] === "/GTS_PDFA1");
    if (!pdfa) fail("6.2.3", "no GTS_PDFA1 output intent");
    else if (objs.dict(pdfa["/DestOutputProfile"])?.["/N"] !== 3)
      fail("6.2.3", "the output intent's ICC profile is not an RGB (N 3) profile");
    if (trailer?.["/Encrypt"]) fail("6.1.3", "encrypted");
    if (!Array.isArray(trailer?.["/ID"])) fail("6.1.3", "no file identifier");

    // fonts: embedded, with a ToUnicode map
    for (const [key, o] of Object.entries(q.qpdf[1])) {
      const d = o.value && typeof o.value === "object" && !Array.isArray(o.value) ? (o.value as Dict) : undefined;
      if (d?.["/Type"] !== "/Font" || d["/Subtype"] === "/CIDFontType2" || d["/Subtype"] === "/CIDFontType0") continue;
      const base = String(d["/BaseFont"] ?? key);
      if (!d["/ToUnicode"]) fail("31-027", `font ${base} has no ToUnicode map`);
      const descendant = objs.dict(objs.array(d["/DescendantFonts"])[0]) ?? d;
      const fd = objs.dict(descendant["/FontDescriptor"]);
      if (!fd?.["/FontFile"] && !fd?.["/FontFile2"] && !fd?.["/FontFile3"])
        fail("31-001", `font ${base} is not embedded`);
    }

    // pages
    const pageRefs = objs.array(objs.dict(catalog["/Pages"])?.["/Kids"]).map(String);
    const structRoot = objs.dict(catalog["/StructTreeRoot"]);
    if (!structRoot) fail("01-006", "no structure tree");
    const parentTree = new Map<number, Json[]>();
    const nums = objs.array(objs.dict(structRoot?.["/ParentTree"])?.["/Nums"]);
    for (let i = 0; i + 1 < nums.length; i += 2) parentTree.set(Number(nums[i]), objs.array(nums[i + 1]));
    const pageParents = new Map<string, Json[]>();
    pageRefs.forEach((ref, i) => {
      const page = objs.dict(ref) ?? {};
      if (page["/Tabs"] !== "/S") fail("28-011", `page ${i + 1}: /Tabs is not /S`);
      const sp = page["/StructParents"];
      if (typeof sp !== "number") {
        fail("01-005", `page ${i + 1}: no /StructParents`);
        return;
      }
      pageParents.set(pageKey(ref), parentTree.get(sp) ?? []);
    });

    // the structure tree, in order
    const contentOwner = new Map<string, string>();
    const contentRole = new Map<string, string>();
    const walk = (ref: Json | undefined, inheritedPage: string | null, depth: number): StructNode | null => {
      const d = objs.dict(ref);
      if (!d || depth > 64) return null;
      const role = typeof d["/S"] === "string" ? d["/S"].slice(1) : "?";
      const attrs = objs.dict(d["/A"]);
      const node: StructNode = {
        role,
        alt: text(objs.get(d["/Alt"])),
        lang: text(objs.get(d["/Lang"])),
        scope: typeof attrs?.["/Scope"] === "string" ? attrs["/Scope"].slice(1) : null,
        children: [],
        content: [],
      };
      const pg = typeof d["/Pg"] === "string" ? pageKey(d["/Pg"]) : inheritedPage;
      for (const k of objs.array(d["/K"])) {
        if (typeof k === "number") {
          if (pg) {
            const id = `${pg}_mc${k}`;
            node.content.push(id);
            contentOwner.set(id, typeof ref === "string" ? ref : role);
            contentRole.set(id, role);
            contentRole.set(id, role);
          }
          continue;
        }
        const kd = objs.dict(k);
        if (kd?.["/Type"] === "/MCR") {
          const kp = typeof kd["/Pg"] === "string" ? pageKey(kd["/Pg"]) : pg;
          const id = `${kp}_mc${String(kd["/MCID"])}`;
          node.content.push(id);
          contentOwner.set(id, typeof ref === "string" ? ref : role);
          contentRole.set(id, role);
          continue;
        }
        const child = walk(k, pg, depth + 1);
        if (child) node.children.push(child);
      }
      return node;
    };
    const tree: StructNode = { role: "StructTreeRoot", alt: null, lang: null, scope: null, children: [], content: [] };
    for (const k of objs.array(structRoot?.["/K"])) {
      const n = walk(k, null, 0);
      if (n) tree.children.push(n);
    }
    checkTree(tree, fail);

    // parent tree: each page's MCIDs point back at the element that holds them
    for (const [pk, arr] of pageParents) {
      arr.forEach((elemRef, mcid) => {
        const id = `${pk}_mc${mcid}`;
        if (contentOwner.get(id) !== elemRef) fail("01-007", `${id}: parent tree and structure tree disagree`);
      });
    }

    // ---- the XMP packet (PDF/A and PDF/UA identification)
    const xmp = objs.streamText(catalog["/Metadata"], "utf8") ?? "";
    const metadata = readXmp(xmp);
    if (!metadata["dc:title"]) fail("06-003", "XMP has no dc:title");
    if (metadata["pdfuaid:part"] !== "1") fail("06-002", "XMP has no PDF/UA identification (pdfuaid:part 1)");
    if (metadata["pdfaid:part"] !== "2" || metadata["pdfaid:conformance"] !== "A")
      fail("6.6.4", "XMP does not identify PDF/A-2a");

    // ---- every page's content stream: marked content, painting operators, text
    const texts = new Map<string, string>();
    const artifactText: string[] = [];
    const taggedText: string[] = [];
    const pageContent: { role: string; text: string }[][] = [];
    const cmaps = new Map<string, Map<number, string>>();
    pageRefs.forEach((ref, index) => {
      const p = index + 1;
      const page = objs.dict(ref) ?? {};
      const fonts = objs.dict(objs.dict(page["/Resources"])?.["/Font"]) ?? {};
      const contents = page["/Contents"];
      const content = (Array.isArray(contents) ? contents : [contents ?? null])
        .map((c) => objs.streamText(c) ?? "")
        .join("\n");
      const pk = pageKey(ref);
      const stack: ("artifact" | "content" | "other")[] = [];
      const targets: (string | null)[] = [];
      const seen = new Set<number>();
      let font: { bytes: number; map: Map<number, string> } | null = null;
      let lastY: number | null = null;
      let art = "";
      let tagged = "";
      const put = (str: string): void => {
        const i = stack.findLastIndex((k) => k !== "other");
        if (i < 0) {
          if (str.trim()) fail("01-001", `page ${p}: text outside marked content: ${str}`);
          return;
        }
        if (stack[i] === "artifact") art += str;
        else {
          const id = targets[i] ?? "";
          texts.set(id, (texts.get(id) ?? "") + str);
          tagged += str;
        }
      };
      const newLine = (y: number | null): void => {
        if (lastY !== null && y !== lastY) put("\n");
        lastY = y;
      };
      for (const { op, args } of contentOperations(content)) {
        if (op === "BDC" || op === "BMC") {
          const tag = typeof args[0] === "string" ? args[0].slice(1) : "";
          const props = args[1];
          const mcid =
            op === "BDC" &&
            props &&
            typeof props === "object" &&
            !Array.isArray(props) &&
            !(props instanceof Uint8Array)
              ? props["/MCID"]
              : undefined;
          const kind = tag === "Artifact" ? "artifact" : typeof mcid === "number" ? "content" : "other";
          if (kind !== "other" && stack.some((s) => s !== "other"))
            fail("01-005", `page ${p}: ${tag} marked content nested in ${stack.join(" > ")}`);
          if (typeof mcid === "number") {
            if (seen.has(mcid)) fail("01-007", `page ${p}: MCID ${mcid} used twice`);
            seen.add(mcid);
          }
          stack.push(kind);
          targets.push(typeof mcid === "number" ? `${pk}_mc${mcid}` : null);
        } else if (op === "EMC") {
          // one marked-content sequence ends a line of the extracted text
          put("\n");
          lastY = null;
          if (stack.pop() === undefined) fail("01-005", `page ${p}: EMC without BMC/BDC`);
          targets.pop();
        } else if (op === "Tf") {
          const name = typeof args[0] === "string" ? args[0] : "";
          const fref = fonts[name];
          const key = typeof fref === "string" ? fref : name;
          const fd = objs.dict(fref);
          if (!cmaps.has(key)) cmaps.set(key, parseToUnicode(objs.streamText(fd?.["/ToUnicode"]) ?? ""));
          font = { bytes: fd?.["/Subtype"] === "/Type0" ? 2 : 1, map: cmaps.get(key) ?? new Map() };
        } else if (op === "Tm") newLine(Number(args[5]));
        else if ((op === "Td" || op === "TD") && Number(args[1]) !== 0) newLine(null);
        else if (op === "T*") newLine(null);
        if (TEXT_SHOWING.has(op)) {
          if (op === "'" || op === '"') newLine(null);
          const shown = op === "TJ" && Array.isArray(args[0]) ? args[0] : [args[args.length - 1]];
          put(shown.map((s) => (s instanceof Uint8Array && font ? decodeShown(s, font) : "")).join(""));
        }
        if ((TEXT_SHOWING.has(op) || PAINTING.has(op)) && !stack.some((s) => s === "artifact" || s === "content"))
          fail("01-001", `page ${p}: content neither tagged nor an artifact (operator ${op})`);
      }
      if (stack.length > 0) fail("01-005", `page ${p}: marked content left open`);
      const parents = pageParents.get(pk);
      if (parents && parents.length !== seen.size)
        fail("01-007", `page ${p}: ${seen.size} MCIDs in the content, ${parents.length} in the parent tree`);
      artifactText.push(art);
      taggedText.push(tagged);
      pageContent.push(
        [...seen].map((mcid) => {
          const id = `${pk}_mc${mcid}`;
          return { role: contentRole.get(id) ?? "?", text: (texts.get(id) ?? "").replace(/\s+/g, " ").trim() };
        }),
      );
    });

    // reading order: the tree's content in order
    const pieces: string[] = [];
    const headings: { level: number; text: string }[] = [];
    const collect = (n: StructNode): string => {
      let own = n.content.map((id) => texts.get(id) ?? "").join("");
      for (const c of n.children) own += collect(c);
      return own;
    };
    const visit = (n: StructNode): void => {
      const h = /^H([1-6])$/.exec(n.role);
      if (h) headings.push({ level: Number(h[1]), text: collect(n).replace(/\s+/g, " ").trim() });
      for (const id of n.content) pieces.push(texts.get(id) ?? "");
      for (const c of n.children) visit(c);
    };
    visit(tree);

    const info: Record<string, string> = {};
    for (const line of execFileSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" }).split("\n")) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) info[m[1]] = m[2];
    }
    if (info.Tagged !== "yes") fail("01-006", "poppler does not see a tagged PDF");
    if (info.Suspects === "yes") fail("01-002", "poppler reports Suspects");
    // poppler's view of the structure tree: the same elements, nested the same way
    const outline = (n: StructNode, depth: number, out: string[]): string[] => {
      if (depth >= 0) out.push(`${depth} ${n.role}`);
      for (const c of n.children) outline(c, depth + 1, out);
      return out;
    };
    const readerOutline = popplerOutline(
      execFileSync("pdfinfo", ["-struct", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
    );
    const ours = outline(tree, -1, []);
    const differs = ours.findIndex((line, i) => readerOutline[i] !== line);
    if (differs >= 0 || readerOutline.length !== ours.length)
      fail(
        "01-006",
        `poppler reads a different structure tree (element ${differs}: ${readerOutline[differs] ?? "none"} vs ${ours[differs] ?? "none"})`,
      );

    return {
      findings,
      tree,
      readingText: pieces.join("\n"),
      artifactText,
      taggedText,
      pageContent,
      headings,
      metadata,
      pdfinfo: info,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The structure rules: standard roles, headings in order, figures with Alt, tables with scoped header cells, lists. */
function checkTree(tree: StructNode, fail: (rule: string, message: string) => void): void {
  let lastLevel = 0;
  let firstHeading = true;
  const visit = (n: StructNode, parent: StructNode | null): void => {
    if (!STANDARD_ROLES.has(n.role)) fail("02-001", `non-standard structure type ${n.role} without a role map`);
    const h = /^H([1-6])$/.exec(n.role);
    if (h) {
      const level = Number(h[1]);
      if (firstHeading && level !== 1) fail("14-002", `the first heading is H${level}, not H1`);
      if (level > lastLevel + 1) fail("14-003", `heading level skipped: H${lastLevel} then H${level}`);
      firstHeading = false;
      lastLevel = level;
    }
    if (n.role === "Figure" && !n.alt?.trim()) fail("13-004", "a Figure without alternative text");
    if (n.role === "Table") {
      const rows = n.children.flatMap((c) => (["THead", "TBody", "TFoot"].includes(c.role) ? c.children : [c]));
      if (n.children.some((c) => !["THead", "TBody", "TFoot", "TR", "Caption"].includes(c.role)))
        fail("15-001", "a Table child is not THead/TBody/TFoot/TR/Caption");
      if (rows.some((r) => r.role !== "TR" && r.role !== "Caption")) fail("15-001", "a table row is not TR");
      const cells = rows.flatMap((r) => r.children);
      if (cells.some((c) => c.role !== "TH" && c.role !== "TD")) fail("15-001", "a TR child is not TH/TD");
      if (!cells.some((c) => c.role === "TH")) fail("15-005", "a Table without header cells (TH)");
      for (const c of cells)
        if (c.role === "TH" && !["Row", "Column", "Both"].includes(c.scope ?? ""))
          fail("15-003", "a TH without Scope (Row, Column or Both)");
    }
    if (
      ["THead", "TBody", "TFoot", "TR"].includes(n.role) &&
      !["Table", "THead", "TBody", "TFoot"].includes(parent?.role ?? "")
    )
      fail("15-001", `${n.role} outside a Table`);
    if (["TH", "TD"].includes(n.role) && parent?.role !== "TR") fail("15-001", `${n.role} outside a TR`);
    if (n.role === "L" && n.children.some((c) => !["LI", "L", "Caption"].includes(c.role)))
      fail("16-001", "an L child is not LI");
    if (n.role === "LI" && n.children.some((c) => !["Lbl", "LBody"].includes(c.role)))
      fail("16-002", "an LI child is not Lbl/LBody");
    if (["LI", "Lbl", "LBody"].includes(n.role) && !["L", "LI"].includes(parent?.role ?? ""))
      fail("16-001", `${n.role} outside a list`);
    if (n.children.length === 0 && n.content.length === 0 && !["TD", "TH"].includes(n.role))
      fail("01-007", `an empty ${n.role} element`);
    for (const c of n.children) visit(c, n);
  };
  for (const c of tree.children) visit(c, null);
}

// ------------------------------------------------------------------ content streams

type Operand = number | string | Uint8Array | boolean | null | Operand[] | { [k: string]: Operand };

const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);
const PAINTING = new Set(["f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI"]);
const DELIMITERS = "()<>[]{}/%";
const isSpace = (c: string | undefined): boolean =>
  c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f" || c === "\0";

/** The operators of a content stream with their operands (strings as bytes, names with their slash). */
function* contentOperations(src: string): Generator<{ op: string; args: Operand[] }> {
  let i = 0;
  const skipSpace = (): void => {
    while (i < src.length) {
      if (isSpace(src[i])) i++;
      else if (src[i] === "%") while (i < src.length && src[i] !== "\n" && src[i] !== "\r") i++;
      else break;
    }
  };
  const regular = (): string => {
    const start = i;
    while (i < src.length && !isSpace(src[i]) && !DELIMITERS.includes(src[i] ?? "")) i++;
    return src.slice(start, i);
  };
  const literal = (): Uint8Array => {
    const out: number[] = [];
    let depth = 1;
    i++;
    while (i < src.length) {
      const c = src[i++] ?? "";
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) break;
      if (c !== "\\") {
        out.push(c.charCodeAt(0));
        continue;
      }
      const e = src[i++] ?? "";
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
      if (e in simple) out.push(simple[e] ?? 0);
      else if (/[0-7]/.test(e)) {
        let oct = e;
        while (oct.length < 3 && /[0-7]/.test(src[i] ?? "")) oct += src[i++];
        out.push(parseInt(oct, 8) & 0xff);
      } else if (e === "\r" && src[i] === "\n") i++;
    }
    return Uint8Array.from(out);
  };
  const value = (): Operand | undefined => {
    skipSpace();
    const c = src[i];
    if (c === undefined) return undefined;
    if (c === "(") return literal();
    if (c === "<" && src[i + 1] === "<") {
      i += 2;
      const d: Record<string, Operand> = {};
      for (;;) {
        skipSpace();
        if (src[i] === ">" && src[i + 1] === ">") {
          i += 2;
          return d;
        }
        const k = value();
        const v = value();
        if (typeof k !== "string" || v === undefined) return d;
        d[k] = v;
      }
    }
    if (c === "<") {
      const end = src.indexOf(">", i);
      const hex = src.slice(i + 1, end < 0 ? src.length : end).replace(/\s+/g, "");
      i = end < 0 ? src.length : end + 1;
      return Uint8Array.from((hex.length % 2 ? `${hex}0` : hex).match(/../g) ?? [], (h) => parseInt(h, 16));
    }
    if (c === "[") {
      i++;
      const a: Operand[] = [];
      for (;;) {
        skipSpace();
        if (src[i] === "]" || i >= src.length) {
          i++;
          return a;
        }
        const v = value();
        if (v === undefined) return a;
        a.push(v);
      }
    }
    if (c === "/") {
      i++;
      return `/${regular()}`;
    }
    if (DELIMITERS.includes(c)) {
      i++;
      return null;
    }
    const word = regular();
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    return { op: word } as unknown as Operand;
  };
  let args: Operand[] = [];
  for (;;) {
    const v = value();
    if (v === undefined) return;
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array) && "op" in v) {
      const op = String(v.op);
      yield { op, args };
      args = [];
      // an inline image's data is binary: skip to its EI
      if (op === "ID") {
        const end = src.slice(i).search(/\sEI(\s|$)/);
        i = end < 0 ? src.length : i + end + 3;
      }
    } else args.push(v);
  }
}

/** A ToUnicode CMap's code -> text (bfchar and bfrange, with both range forms). */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string => {
    const units = (hex.replace(/\s+/g, "").match(/..../g) ?? []).map((h) => parseInt(h, 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]*)>/g))
      map.set(parseInt(m[1] ?? "0", 16), utf16(m[2] ?? ""));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of (block[1] ?? "").matchAll(
      /<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g,
    )) {
      const lo = parseInt(m[1] ?? "0", 16);
      const hi = parseInt(m[2] ?? "0", 16);
      const dst = m[3] ?? "";
      if (dst.startsWith("[")) {
        const items = [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => x[1] ?? "");
        items.forEach((h, k) => {
          if (lo + k <= hi) map.set(lo + k, utf16(h));
        });
      } else {
        const base = dst.slice(1, -1).replace(/\s+/g, "");
        const last = parseInt(base.slice(-4), 16);
        for (let code = lo; code <= hi; code++)
          map.set(code, utf16(base.slice(0, -4)) + String.fromCharCode(last + code - lo));
      }
    }
  return map;
}

function decodeShown(bytes: Uint8Array, font: { bytes: number; map: Map<number, string> }): string {
  let out = "";
  for (let k = 0; k + font.bytes <= bytes.length; k += font.bytes) {
    const code = font.bytes === 2 ? ((bytes[k] ?? 0) << 8) | (bytes[k + 1] ?? 0) : (bytes[k] ?? 0);
    out += font.map.get(code) ?? "\ufffd";
  }
  return out;
}

// ------------------------------------------------------------------ XMP and poppler

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");

/** The XMP properties the checks need (element form, as pdfkit and archive.server.ts write them). */
function readXmp(xmp: string): Record<string, string | null> {
  const element = (name: string): string | null => {
    const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xmp);
    if (!m) return null;
    const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1] ?? "");
    return unescapeXml((li ? li[1] : m[1]) ?? "").trim();
  };
  return {
    "dc:title": element("dc:title"),
    "pdfaid:part": element("pdfaid:part"),
    "pdfaid:conformance": element("pdfaid:conformance"),
    "pdfuaid:part": element("pdfuaid:part"),
    "xmp:createdate": element("xmp:CreateDate"),
  };
}

/** Poppler's structure view (pdfinfo -struct) as "depth role" lines; attribute lines are left out. */
function popplerOutline(struct: string): string[] {
  const out: string[] = [];
  for (const line of struct.split("\n")) {
    const m = /^( *)([A-Za-z][A-Za-z0-9]*)(?: \((?:block|inline)\))?:?$/.exec(line);
    if (m) out.push(`${(m[1] ?? "").length / 2} ${m[2] ?? ""}`);
  }
  return out;
}
