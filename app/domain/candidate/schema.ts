/**
 * The candidate form (create/edit) and the candidate list filters: one schema for the server
 * (`parseWith`) and the browser (`zodResolver`). Also reused row by row by the CSV import.
 */
import * as z from "zod";

import { optionalText, requiredText, searchFold } from "../shared/form-values";
import { LOOP_STATUSES } from "../vocabulary";

export const MAX_LINKS = 10;
const emailCheck = z.email();

/** Splits a links field (newlines, spaces, commas, semicolons or pipes between URLs). */
export function splitLinks(value: string): string[] {
  return value
    .split(/[\s;,|]+/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** true for an absolute http(s) URL. */
export function isWebLink(value: string): boolean {
  if (value.length > 500) return false;
  try {
    const u = new URL(value);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.includes(".");
  } catch {
    return false;
  }
}

export const candidateSchema = z.object({
  name: requiredText(200, "Enter the candidate's name"),
  email: optionalText(254, "The email address")
    .transform((v) => v.toLowerCase())
    .refine((v) => v === "" || emailCheck.safeParse(v).success, "Enter a valid email address, or leave it empty"),
  currentTitle: optionalText(200, "The current title"),
  source: optionalText(100, "The source"),
  links: optionalText(5000, "The list of links")
    .refine((v) => splitLinks(v).length <= MAX_LINKS, `At most ${MAX_LINKS} links`)
    .refine((v) => splitLinks(v).every(isWebLink), "Each link must be a full web address starting with https://")
    .transform((v) => splitLinks(v)),
  notes: optionalText(5000, "The note"),
});

export type CandidateFormInput = z.input<typeof candidateSchema>;
export type CandidateInput = z.output<typeof candidateSchema>;

/** The form's starting values for an existing candidate (links back to one per line). */
export function candidateFormValues(c: {
  name: string;
  email: string;
  currentTitle: string;
  source: string;
  links: readonly string[];
  notes: string;
}): Record<keyof CandidateInput, string> {
  return {
    name: c.name,
    email: c.email,
    currentTitle: c.currentTitle,
    source: c.source,
    links: c.links.join("\n"),
    notes: c.notes,
  };
}

export const EMPTY_CANDIDATE_FORM: Record<keyof CandidateInput, string> = {
  name: "",
  email: "",
  currentTitle: "",
  source: "",
  links: "",
  notes: "",
};

/**
 * A posted candidate form as typed, to re-render it after a 400. Not clipped to the field limits
 * (the request body limit bounds it), so an over-long note comes back whole to be shortened in place.
 */
export function postedCandidateForm(body: Record<string, unknown>): Record<keyof CandidateInput, string> {
  const out = { ...EMPTY_CANDIDATE_FORM };
  for (const k of Object.keys(out) as (keyof CandidateInput)[]) {
    const v = body[k];
    if (typeof v === "string") out[k] = v.slice(0, 100_000);
  }
  return out;
}

/** Query-string filters of the candidate list. Unknown values fall back to "no filter". */
export const candidateFiltersSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  status: z
    .enum([...LOOP_STATUSES, "none", ""])
    .catch("")
    .default(""),
  hm: z.string().trim().max(64).catch("").default(""),
  archived: z.enum(["1", ""]).catch("").default(""),
});
export type CandidateFilters = z.output<typeof candidateFiltersSchema>;

export interface SearchableCandidate {
  name: string;
  email: string;
  currentTitle: string;
  source: string;
  erasedAt: number | null;
}

/**
 * Free-text search over name, email, title and source; case- and accent-insensitive, every word
 * must match somewhere. Erased candidates match nothing (their PII is gone).
 *
 * @example matchesSearch({ name: "Rafael Domínguez", … }, "rafael dominguez") // true
 */
export function matchesSearch(c: SearchableCandidate, q: string): boolean {
  const words = searchFold(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  if (c.erasedAt !== null) return false;
  const hay = searchFold([c.name, c.email, c.currentTitle, c.source].join(" "));
  return words.every((w) => hay.includes(w));
}
