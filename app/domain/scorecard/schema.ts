/**
 * The scorecard form: one zod schema for the browser (the scorecard form), the JSON autosave
 * endpoint and the no-JavaScript form post. Field names are the form's `name`s, so a plain HTML post
 * (`ratings.<dimension>.score=3`) parses into exactly the shape the autosave sends.
 *
 * Written with `zod/mini` (same engine as `zod`, functions instead of methods): the scorecard page
 * ships this schema to the browser, and the classic API with its locales would triple the page's JS
 * beyond React (README, Decisions 2026-12-03). Every message a person can see is spelled out here.
 *
 * Pure: no IO. Submit rules live in scorecard-rules.ts and are layered on with `scorecardSubmitSchema`.
 */
import * as z from "zod/mini";

import { CONFLICT_KINDS, LEVEL_SIGNALS, RECOMMENDATIONS } from "../vocabulary";
import type { ScorecardContext } from "./rules";
import { submitProblems, unknownKeyProblems } from "./rules";

import { AMEND_REASON_MIN, KEY, LIMITS, SCORE_VALUES, TIMER_OPS } from "./values";

// The zod-free half of the form (limits, labels, value helpers) lives in ./values, which the
// browser loads with the page; this module follows on the first interaction (app/hooks/scorecard-schema.ts).
export * from "./values";

function tooLong(label: string, max: number) {
  return {
    error: (issue: { input?: unknown }) => {
      const length = typeof issue.input === "string" ? issue.input.length : 0;
      return `${label} is limited to ${max.toLocaleString("en-US")} characters; this has ${length.toLocaleString("en-US")}. Shorten it to save — your text stays here.`;
    },
  };
}

/** zod's `preprocess` (mini has none): normalise the raw value, then validate it. */
function preprocess<T extends z.core.$ZodType>(fn: (v: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(fn), schema) as z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, T>;
}

function text(label: string, max: number) {
  return preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z.string().check(z.maxLength(max, tooLong(label, max))),
  );
}

const NOT_TEXT = "Expected text.";
const bounded = (min: number, max: number) => [z.minimum(min, "Out of range."), z.maximum(max, "Out of range.")];

/** A checkbox: "on" from a form post, true/false (or the value attribute) from the browser form. */
const checkbox = preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

const scoreField = preprocess(
  (v) => (v === undefined || v === null || v === false ? "" : typeof v === "number" ? String(v) : v),
  z.enum(["", ...SCORE_VALUES], { error: "Choose 1–4 or Not assessed." }),
);

const recommendationField = preprocess(
  (v) => (v === undefined || v === null || v === false ? "" : v),
  z.enum(["", ...RECOMMENDATIONS], { error: "Choose one of the four recommendations." }),
);

const levelSignalField = preprocess(
  (v) => (v === undefined || v === null || v === false ? "" : v),
  z.enum(["", ...LEVEL_SIGNALS], { error: "Choose Below Lead, Lead or Staff+." }),
);

function keyed<T extends z.core.$ZodType>(value: T) {
  return preprocess(
    (v) => (v === undefined || v === null ? {} : v),
    z
      .record(z.string().check(z.regex(KEY, "Unknown key")), value, { error: "Expected a list of entries." })
      .check(z.refine((r) => Object.keys(r).length <= LIMITS.entries, "Too many entries")),
  );
}

export const ratingSchema = z.object({
  score: scoreField,
  evidence: text("Evidence", LIMITS.evidence),
});

export const redFlagMarkSchema = z.object({
  checked: checkbox,
  note: text("The note on this flag", LIMITS.flagNote),
});

const noteBody = z
  .string(NOT_TEXT)
  .check(
    z.trim(),
    z.minLength(1, "Write the note first."),
    z.maxLength(LIMITS.note, tooLong("A quick note", LIMITS.note)),
  );

export const quickNoteSchema = z.object({
  /** client-made id (random), so a note survives retries and offline queues without duplicates */
  id: z.string(NOT_TEXT).check(z.regex(/^[A-Za-z0-9_-]{6,40}$/, "Malformed note id")),
  minute: z.coerce.number("Expected a minute.").check(z.int("Expected a whole minute."), ...bounded(0, 24 * 60)),
  body: noteBody,
  /** epoch ms when the note was taken */
  at: z.coerce.number("Expected a time.").check(z.int("Expected a time."), ...bounded(0, 8_640_000_000_000_000)),
});
export type QuickNote = z.output<typeof quickNoteSchema>;

/**
 * Everything an interviewer writes on a scorecard. Every field is optional in a draft: the
 * autosave stores whatever is there. `notes` absent means "leave the quick notes as they are"
 * (the no-JS form does not carry them; it appends through its own intent).
 */
export const scorecardDraftSchema = z.object({
  ratings: keyed(ratingSchema),
  redFlags: keyed(redFlagMarkSchema),
  signals: keyed(checkbox),
  focus: keyed(checkbox),
  /** format-2 rubrics: probe key -> asked */
  probes: keyed(checkbox),
  recommendation: recommendationField,
  /** format-2 rubrics: the level read from the interview ("" = none given) */
  levelSignal: levelSignalField,
  summary: text("The summary", LIMITS.summary),
  overrideJustification: text("The override justification", LIMITS.override),
  notes: z.optional(
    z
      .array(quickNoteSchema, "Expected a list of notes.")
      .check(z.maxLength(LIMITS.notes, `At most ${LIMITS.notes} quick notes per scorecard.`)),
  ),
});

export type ScorecardValues = z.output<typeof scorecardDraftSchema>;

const MAX_VERSION = 1_000_000_000;

/**
 * What is wrong with the scorecard version a browser sent (the one it last saw), or null when it
 * is one this server could have given out: a whole number from 0 to 1,000,000,000.
 */
export function versionProblem(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === "") return "Missing version: reload the page.";
  const n = typeof raw === "string" ? Number(raw) : raw;
  if (typeof n !== "number" || Number.isNaN(n)) return "The version is not a number: reload the page.";
  if (n < 0) return "The version cannot be negative: reload the page.";
  if (n > MAX_VERSION) return "The version is too large (at most 1,000,000,000): reload the page.";
  if (!Number.isInteger(n)) return "The version must be a whole number: reload the page.";
  return null;
}

const versionField = z.pipe(
  z.unknown(),
  z.transform((raw, ctx) => {
    const problem = versionProblem(raw);
    if (problem === null) return Number(raw);
    ctx.issues.push({ code: "custom", message: problem, input: raw });
    return z.NEVER;
  }),
);

/** An autosave: the draft plus the version the browser last saw. */
export const scorecardSaveSchema = z.extend(scorecardDraftSchema, { version: versionField });

type Problem = { path: (string | number)[]; message: string };
/** Rubric-bound problems (unknown keys, submit rules) as issues on the parsed value. */
function withProblems<T extends z.ZodMiniObject>(schema: T, problems: (v: z.output<T>) => Problem[]) {
  return schema.check(
    z.superRefine((v: z.output<T>, c) => {
      for (const p of problems(v)) c.addIssue({ code: "custom", path: p.path, message: p.message });
    }),
  );
}

/**
 * The draft schema bound to a rubric: unknown dimension, flag, signal or focus keys are refused.
 * Used for saves on the server and in the bench floor.
 */
export function scorecardDraftSchemaFor(ctx: ScorecardContext) {
  return withProblems(scorecardDraftSchema, (v) => unknownKeyProblems(v, ctx));
}

export function scorecardSaveSchemaFor(ctx: ScorecardContext) {
  return withProblems(scorecardSaveSchema, (v) => unknownKeyProblems(v, ctx));
}

/**
 * The same form with the submit rules (scorecard-rules.ts `submitProblems`): every assessed
 * dimension rated or "not assessed", evidence for each rating, a note on each ticked flag, an
 * overall recommendation and the dealbreaker override justification.
 */
export function scorecardSubmitSchema(ctx: ScorecardContext) {
  return withProblems(scorecardDraftSchema, (v) => [...unknownKeyProblems(v, ctx), ...submitProblems(v, ctx)]);
}

/** Amending a submitted scorecard: the full scorecard plus the reason for the change. */
export const amendReasonSchema = z.object({
  reason: z
    .string(NOT_TEXT)
    .check(
      z.trim(),
      z.minLength(
        AMEND_REASON_MIN,
        `Say why you are changing a submitted scorecard (at least ${AMEND_REASON_MIN} characters).`,
      ),
      z.maxLength(LIMITS.amendReason, tooLong("The reason", LIMITS.amendReason)),
    ),
});

export const declareConflictSchema = z.object({
  kind: z.enum(CONFLICT_KINDS, { error: "Choose what the conflict is." }),
  note: z
    .string(NOT_TEXT)
    .check(
      z.trim(),
      z.minLength(5, "Add a short note for the recruiter (at least 5 characters)."),
      z.maxLength(LIMITS.conflictNote, tooLong("The note", LIMITS.conflictNote)),
    ),
});

export const timerOpSchema = z.object({ op: z.enum(TIMER_OPS, "Unknown timer operation.") });

/** A quick note added without JavaScript (the server stamps the minute from the timer). */
export const addNoteSchema = z.object({ body: noteBody });

export const deleteNoteSchema = z.object({
  noteId: z.string(NOT_TEXT).check(z.regex(/^[A-Za-z0-9_-]{6,40}$/, "Malformed note id")),
});

/** Scorecard ids in URLs: opaque, bounded. */
export const scorecardIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));
