/**
 * zod building blocks for forms that must parse the same way from react-hook-form values (the
 * browser) and from `formDataToObject` (a plain HTML post). Pure; no IO.
 *
 * The two sources differ: a checkbox group is an array or `false` in react-hook-form but a
 * string, an array or missing in a form post; a list of rows named `rows.0.name` is an array in
 * react-hook-form but an object with keys "0", "1"… after `formDataToObject`.
 */
import * as z from "zod";

/** Checked values of a checkbox group (or a multi-select) as a string array. */
export function checkboxList(maxItems = 100) {
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === false || v === "") return [];
      if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x !== "");
      if (typeof v === "string") return [v];
      return v;
    },
    z.array(z.string().max(200)).max(maxItems),
  );
}

/** A single checkbox: true when it was sent checked. */
export const checkbox = z.preprocess((v) => {
  if (Array.isArray(v)) return v.some((x) => x === true || (typeof x === "string" && x !== "" && x !== "false"));
  return v === true || (typeof v === "string" && v !== "" && v !== "false");
}, z.boolean());

/** Rows of a repeated group: an array as is, or an object keyed "0", "1", … in index order. */
export function indexedList<T extends z.ZodType>(row: T, maxRows: number) {
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === "") return [];
      if (Array.isArray(v)) return v.filter((x) => x !== undefined && x !== null);
      if (typeof v === "object") {
        return Object.entries(v as Record<string, unknown>)
          .filter(([k]) => /^\d{1,4}$/.test(k))
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, value]) => value);
      }
      return v;
    },
    z.array(row).max(maxRows, `At most ${maxRows} rows`),
  );
}

/** A trimmed text field with a length limit and a friendly message. */
export function text(max: number, label = "This field") {
  return z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);
}

/** A text field that must not be blank. */
export function requiredText(max: number, message: string) {
  return z.string().trim().min(1, message).max(max, `At most ${max} characters`);
}

/** Optional string input that may arrive as undefined (missing field) — normalised to "". */
export function optionalText(max: number, label = "This field") {
  return z.preprocess((v) => (v === undefined || v === null ? "" : v), text(max, label));
}

/** An opaque row id from a hidden field or a select. */
export const idField = z.string().trim().min(1, "Choose one").max(64, "Unknown id");

/** Splits a multi-line text area into trimmed, non-empty lines. */
export function lines(value: string): string[] {
  return value
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** "Ada Lovelace" -> "ada_lovelace": a rubric-style key. Non-Latin letters are dropped. */
export function slugKey(value: string, fallback = "item"): string {
  const base = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50)
    .replace(/_+$/g, "");
  if (!base) return fallback;
  return /^[a-z]/.test(base) ? base : `${fallback}_${base}`;
}

/** Lowercases and strips diacritics so "dominguez" finds "Domínguez". */
export function searchFold(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLocaleLowerCase("en");
}
