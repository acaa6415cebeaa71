/**
 * Forms of a search (requisition): opening one, and closing or reopening it. Parsed the same way
 * in the browser and on the server. Pure; no IO.
 */
import * as z from "zod";

import { idField, optionalText, requiredText } from "../shared/form-values";

/** A hiring team rarely opens more than a handful of seats under one requisition. */
export const MAX_HEADCOUNT = 50;

export const SEARCH_TITLE_MAX = 120;
export const SEARCH_NOTES_MAX = 2000;

/** Headcount as typed: empty for "not stated", else a whole number of seats. */
const headcountField = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v),
  z
    .union([
      z.null(),
      z.coerce
        .number({ error: "Enter a number of seats" })
        .refine((n) => Number.isFinite(n), "Enter a number of seats")
        .pipe(
          z.number().int("Whole seats").min(1, "At least 1 seat").max(MAX_HEADCOUNT, `At most ${MAX_HEADCOUNT} seats`),
        ),
    ])
    .optional()
    .transform((v) => v ?? null),
);

export const newSearchSchema = z.object({
  title: requiredText(SEARCH_TITLE_MAX, "Name the search (e.g. the role and team)"),
  rubricId: z.string().trim().min(1, "Choose the role's rubric").max(64, "Unknown id"),
  hiringManagerId: z.string().trim().min(1, "Choose a hiring manager").max(64, "Unknown id"),
  headcount: headcountField,
  notes: optionalText(SEARCH_NOTES_MAX, "The notes"),
});
export type NewSearch = z.output<typeof newSearchSchema>;

/** Close a search (no new loops) or reopen it. */
export const searchStateSchema = z.object({
  intent: z.enum(["close", "reopen"], { error: "Unknown action" }),
});

/** The search a new loop joins: a search id, or "" to let the server match or open one. */
export const loopSearchField = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z.string().trim().max(64, "Unknown id"),
);

export const searchIdField = idField;
