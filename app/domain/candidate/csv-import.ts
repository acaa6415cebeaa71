/**
 * CSV import of candidates: an RFC 4180 parser (quoted fields with commas, doubled quotes and line
 * breaks; CRLF, LF or CR line ends; a UTF-8 byte-order mark; comma or semicolon separated) and a
 * preview that validates every row with the candidate form's schema. Pure; no IO.
 */
import { candidateSchema, type CandidateInput } from "./schema";
import { searchFold } from "../shared/form-values";

export const MAX_IMPORT_ROWS = 500;
export const MAX_IMPORT_CHARS = 500_000;

export interface CsvParseResult {
  /** records as arrays of fields; record i started on physical line `lines[i]` */
  records: string[][];
  lines: number[];
  delimiter: "," | ";" | "\t";
  error: string | null;
}

/**
 * Chooses the separator from the header line: the one of comma, semicolon or tab that occurs
 * most often outside quotes (comma on a tie), so spreadsheets saved with European settings work.
 */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return ",";
}

/**
 * Parses CSV text into records. Blank lines are skipped; an unterminated quote is an error.
 *
 * @example parseCsv('name,notes\r\n"Ada","likes ""tea"", and\ncake"').records
 * // [["name","notes"],["Ada",'likes "tea", and\ncake']]
 */
export function parseCsv(input: string, delimiter?: "," | ";" | "\t"): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const records: string[][] = [];
  const lines: number[] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let fieldStarted = false; // the current field had any character or quotes
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    const blankLine = record.length === 0 && field === "" && !fieldStarted;
    endField();
    if (!blankLine) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === sep) {
      endField();
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      // a stray quote inside an unquoted field is kept as text (lenient, like spreadsheets)
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) {
    return {
      records,
      lines,
      delimiter: sep,
      error: `A quoted field starting on line ${recordLine} is never closed (missing ").`,
    };
  }
  if (fieldStarted || record.length > 0) endRecord();
  return { records, lines, delimiter: sep, error: null };
}

/** Candidate fields and the header spellings accepted for each (compared case/accent/space-insensitively). */
export const CSV_COLUMNS: Record<keyof CandidateInput, readonly string[]> = {
  name: ["name", "full name", "candidate", "candidate name"],
  email: ["email", "e-mail", "email address", "mail"],
  currentTitle: ["current title", "title", "current_title", "currenttitle", "job title", "position", "role"],
  source: ["source", "origin", "channel"],
  links: ["links", "link", "linkedin", "urls", "url", "profile"],
  notes: ["notes", "note", "comments", "comment"],
};

function normaliseHeader(h: string): string {
  return searchFold(h).replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim();
}

export interface CsvPreviewRow {
  /** the row number as a spreadsheet shows it (the header is row 1) */
  rowNumber: number;
  /** physical line of the file where the row starts */
  line: number;
  /** raw cell values by candidate field */
  raw: Record<keyof CandidateInput, string>;
  /** the validated candidate, or null when the row has errors */
  value: CandidateInput | null;
  /** field → messages (`_row` for the row as a whole) */
  errors: Record<string, string[]>;
}

export interface CsvPreview {
  /** problems with the file as a whole (nothing can be imported) */
  fileErrors: string[];
  /** notes that do not block the import (ignored columns…) */
  notices: string[];
  /** which candidate field each header column maps to (null = ignored) */
  columns: { header: string; field: keyof CandidateInput | null }[];
  rows: CsvPreviewRow[];
  /** rows with errors */
  errorCount: number;
  /** true when the file can be imported as a whole */
  ok: boolean;
}

const FIELD_LABELS: Record<keyof CandidateInput, string> = {
  name: "Name",
  email: "Email",
  currentTitle: "Current title",
  source: "Source",
  links: "Links",
  notes: "Notes",
};

/**
 * Parses and validates a candidate CSV. Every row is checked with the candidate form's schema;
 * emails must be unique within the file and not belong to an existing candidate (`existingEmails`,
 * lowercase). The import may only happen when `ok` (all or nothing).
 */
export function previewCandidateCsv(
  text: string,
  opts: { existingEmails?: ReadonlySet<string>; maxRows?: number } = {},
): CsvPreview {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const empty = (fileErrors: string[]): CsvPreview => ({
    fileErrors,
    notices: [],
    columns: [],
    rows: [],
    errorCount: 0,
    ok: false,
  });
  if (text.length > MAX_IMPORT_CHARS)
    return empty([`The file is too large (at most ${MAX_IMPORT_CHARS.toLocaleString("en")} characters).`]);
  if (text.includes("\u0000")) return empty(["This does not look like a text CSV file (it contains binary data)."]);
  const parsed = parseCsv(text);
  if (parsed.error) return empty([parsed.error]);
  if (parsed.records.length === 0) return empty(["The file is empty."]);

  const header = parsed.records[0]!;
  const used = new Set<keyof CandidateInput>();
  const notices: string[] = [];
  const fileErrors: string[] = [];
  const columns = header.map((h) => {
    const norm = normaliseHeader(h);
    const field =
      (Object.keys(CSV_COLUMNS) as (keyof CandidateInput)[]).find((f) =>
        CSV_COLUMNS[f].some((alias) => normaliseHeader(alias) === norm),
      ) ?? null;
    if (field && used.has(field)) {
      fileErrors.push(`Two columns mean “${FIELD_LABELS[field]}” (“${h}”): keep one.`);
      return { header: h, field: null };
    }
    if (field) used.add(field);
    else if (h.trim() !== "") notices.push(`Column “${h.trim()}” is not a candidate field and will be ignored.`);
    return { header: h, field };
  });
  if (!used.has("name")) {
    fileErrors.push(
      "The first row must be a header with a “name” column (optional: email, current title, source, links, notes).",
    );
  }
  // rows whose cells are all empty (",,,," lines from spreadsheets) are skipped, keeping row numbers
  const dataRecords = parsed.records
    .slice(1)
    .map((record, i) => ({ record, rowNumber: i + 2, line: parsed.lines[i + 1] ?? i + 2 }))
    .filter((r) => r.record.some((v) => v.trim() !== ""));
  if (dataRecords.length === 0) fileErrors.push("The file has a header but no candidates.");
  if (dataRecords.length > maxRows)
    fileErrors.push(`The file has ${dataRecords.length} rows; import at most ${maxRows} at a time.`);
  if (fileErrors.length > 0) return { ...empty(fileErrors), notices, columns };

  const seenEmails = new Map<string, number>();
  const rows: CsvPreviewRow[] = dataRecords.map(({ record, rowNumber, line }) => {
    const raw: Record<keyof CandidateInput, string> = {
      name: "",
      email: "",
      currentTitle: "",
      source: "",
      links: "",
      notes: "",
    };
    columns.forEach((c, j) => {
      if (c.field) raw[c.field] = record[j] ?? "";
    });
    const errors: Record<string, string[]> = {};
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== "")) {
      (errors._row ??= []).push(
        `This row has ${record.length} cells but the header has ${header.length}: check for an unquoted separator.`,
      );
    }
    const result = candidateSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? "_row");
        (errors[key] ??= []).push(issue.message);
      }
    }
    const value = result.success ? result.data : null;
    const email = value?.email ?? "";
    if (email) {
      const first = seenEmails.get(email);
      if (first !== undefined) (errors.email ??= []).push(`Same email as row ${first}.`);
      else seenEmails.set(email, rowNumber);
      if (opts.existingEmails?.has(email)) (errors.email ??= []).push("A candidate with this email already exists.");
    }
    const hasErrors = Object.keys(errors).length > 0;
    return { rowNumber, line, raw, value: hasErrors ? null : value, errors };
  });
  const errorCount = rows.filter((r) => Object.keys(r.errors).length > 0).length;
  return { fileErrors: [], notices, columns, rows, errorCount, ok: errorCount === 0 };
}

/** A small example file for the import page (and the tests). */
export const CSV_TEMPLATE =
  "name,email,current title,source,links,notes\r\n" +
  '"Amelia Hart",amelia.hart@example.com,"Staff ML Engineer, Finch Bank",Referral,https://www.linkedin.com/in/example-amelia,"Met at MLOps meetup"\r\n';
