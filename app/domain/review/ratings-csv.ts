/**
 * CSV export of a loop's ratings: one row per rating of every submitted scorecard.
 * RFC 4180 (CRLF line ends, every field quoted when it holds a comma, quote or line break, quotes
 * doubled) and safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab / carriage
 * return, which some spreadsheets strip first) is prefixed with an apostrophe so it is never run
 * as a formula. Pure; no IO.
 */
import type { LoopAggregate, LoopFacts } from "./types";
import { fileSlug } from "../shared/format";
import { RECOMMENDATION_LABELS } from "../vocabulary";

/** Excel reads UTF-8 without mojibake only with a byte-order mark; other CSV readers ignore it. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: neutralises formulas, then quotes when needed.
 *
 * @example
 * csvCell("plain")        // plain
 * csvCell('say "hi", ok') // "say ""hi"", ok"
 * csvCell("=SUM(A1)")     // '=SUM(A1)
 * csvCell(3)              // 3
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to a CSV document: CRLF between records and after the last one. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export const RATINGS_CSV_HEADER = [
  "loop_id",
  "candidate",
  "interview",
  "exercise",
  "panelist",
  "recommendation",
  "dimension_key",
  "dimension",
  "score",
  "evidence",
  "submitted_at",
  "amended",
] as const;

/** The value written for a rating marked "not assessed". */
export const NOT_ASSESSED = "not assessed";

/**
 * One row per rating of each submitted scorecard, in the aggregate's scorecard order (interview
 * position, then panelist) and rubric dimension order. Drafts and recused scorecards are left out:
 * they are not part of the panel's feedback.
 */
export function ratingsCsvRows(
  aggregate: LoopAggregate,
  facts: Pick<LoopFacts, "loopId" | "candidate">,
): (string | number | null)[][] {
  const position = new Map(aggregate.exercises.map((e, i) => [e.interviewId, i + 1]));
  const rows: (string | number | null)[][] = [[...RATINGS_CSV_HEADER]];
  for (const sc of aggregate.scorecards) {
    if (sc.status !== "submitted") continue;
    for (const r of sc.ratings) {
      if (r.score === null && !r.notAssessed) continue; // never rated: nothing to export
      rows.push([
        facts.loopId,
        facts.candidate.name,
        position.get(sc.interviewId) ?? null,
        sc.exerciseTitle,
        sc.panelistName,
        sc.recommendation ? RECOMMENDATION_LABELS[sc.recommendation] : "",
        r.dimensionKey,
        r.dimensionName,
        r.score ?? NOT_ASSESSED,
        r.evidence,
        sc.submittedAt !== null ? new Date(sc.submittedAt).toISOString() : "",
        sc.amended ? "yes" : "no",
      ]);
    }
  }
  return rows;
}

/**
 * A file name safe in a Content-Disposition header: ASCII letters, digits and dashes.
 *
 * @example csvFileSlug("Ingrid Sørensen") // "ingrid-sorensen"
 */
export function csvFileSlug(name: string): string {
  return fileSlug(name, "candidate");
}
