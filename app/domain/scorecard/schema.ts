/**
 * The scorecard form: one zod schema for the browser (react-hook-form + zodResolver), the JSON
 * autosave endpoint and the no-JavaScript form post. Field names are the form's `name`s, so a
 * plain HTML post (`ratings.<dimension>.score=3`) parses into exactly the shape the autosave sends.
 *
 * Pure: no IO. Submit rules live in scorecard-rules.ts and are layered on with `scorecardSubmitSchema`.
 */
import { z } from "zod";

import { CONFLICT_KINDS, LEVEL_SIGNALS, RECOMMENDATIONS } from "../vocabulary";
import type { ScorecardContext } from "./rules";
import { submitProblems, unknownKeyProblems } from "./rules";

export { EVIDENCE_MIN, FLAG_NOTE_MIN, OVERRIDE_MIN } from "./rules";

/** Text limits. The server refuses longer text; the browser keeps it in the field and says why. */
export const LIMITS = {
  evidence: 10_000,
  summary: 10_000,
  override: 5_000,
  flagNote: 2_000,
  note: 2_000,
  conflictNote: 2_000,
  amendReason: 2_000,
  /** quick notes per scorecard */
  notes: 500,
  /** entries in any keyed section (ratings, flags, signals, focus points, probes) */
  entries: 100,
} as const;

/** Minimum amendment reason. */
export const AMEND_REASON_MIN = 10;

export const SCORE_VALUES = ["1", "2", "3", "4", "na"] as const;
/** "" = not rated yet; "na" = explicitly not assessed. */
export type ScoreValue = "" | (typeof SCORE_VALUES)[number];

const KEY = /^[a-z0-9_]{1,64}$/;

function tooLong(label: string, max: number) {
  return {
    error: (issue: { input?: unknown }) => {
      const length = typeof issue.input === "string" ? issue.input.length : 0;
      return `${label} is limited to ${max.toLocaleString("en-US")} characters; this has ${length.toLocaleString("en-US")}. Shorten it to save — your text stays here.`;
    },
  };
}

function text(label: string, max: number) {
  return z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().max(max, tooLong(label, max)));
}

/** A checkbox: "on" from a form post, true/false (or the value attribute) from react-hook-form. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

const scoreField = z.preprocess(
  (v) => (v === undefined || v === null || v === false ? "" : typeof v === "number" ? String(v) : v),
  z.enum(["", ...SCORE_VALUES], { error: "Choose 1–4 or Not assessed." }),
);

const recommendationField = z.preprocess(
  (v) => (v === undefined || v === null || v === false ? "" : v),
  z.enum(["", ...RECOMMENDATIONS], { error: "Choose one of the four recommendations." }),
);

const levelSignalField = z.preprocess(
  (v) => (v === undefined || v === null || v === false ? "" : v),
  z.enum(["", ...LEVEL_SIGNALS], { error: "Choose Below Lead, Lead or Staff+." }),
);

function keyed<T extends z.ZodType>(value: T) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? {} : v),
    z
      .record(z.string().regex(KEY, "Unknown key"), value)
      .refine((r) => Object.keys(r).length <= LIMITS.entries, "Too many entries"),
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

export const quickNoteSchema = z.object({
  /** client-made id (random), so a note survives retries and offline queues without duplicates */
  id: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, "Malformed note id"),
  minute: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  body: z.string().trim().min(1, "Write the note first.").max(LIMITS.note, tooLong("A quick note", LIMITS.note)),
  /** epoch ms when the note was taken */
  at: z.coerce.number().int().min(0).max(8_640_000_000_000_000),
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
  notes: z.array(quickNoteSchema).max(LIMITS.notes, `At most ${LIMITS.notes} quick notes per scorecard.`).optional(),
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

const versionField = z.unknown().transform((raw, ctx) => {
  const problem = versionProblem(raw);
  if (problem === null) return Number(raw);
  ctx.addIssue({ code: "custom", message: problem });
  return z.NEVER;
});

/** An autosave: the draft plus the version the browser last saw. */
export const scorecardSaveSchema = scorecardDraftSchema.extend({ version: versionField });

/**
 * The draft schema bound to a rubric: unknown dimension, flag, signal or focus keys are refused.
 * Used for saves on the server and in the bench floor.
 */
export function scorecardDraftSchemaFor(ctx: ScorecardContext) {
  return scorecardDraftSchema.superRefine((v, c) => {
    for (const p of unknownKeyProblems(v, ctx)) c.addIssue({ code: "custom", path: p.path, message: p.message });
  });
}

export function scorecardSaveSchemaFor(ctx: ScorecardContext) {
  return scorecardSaveSchema.superRefine((v, c) => {
    for (const p of unknownKeyProblems(v, ctx)) c.addIssue({ code: "custom", path: p.path, message: p.message });
  });
}

/**
 * The same form with the submit rules (scorecard-rules.ts `submitProblems`): every assessed
 * dimension rated or "not assessed", evidence for each rating, a note on each ticked flag, an
 * overall recommendation and the dealbreaker override justification.
 */
export function scorecardSubmitSchema(ctx: ScorecardContext) {
  return scorecardDraftSchema.superRefine((v, c) => {
    for (const p of [...unknownKeyProblems(v, ctx), ...submitProblems(v, ctx)]) {
      c.addIssue({ code: "custom", path: p.path, message: p.message });
    }
  });
}

/** Amending a submitted scorecard: the full scorecard plus the reason for the change. */
export const amendReasonSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(AMEND_REASON_MIN, `Say why you are changing a submitted scorecard (at least ${AMEND_REASON_MIN} characters).`)
    .max(LIMITS.amendReason, tooLong("The reason", LIMITS.amendReason)),
});

export const declareConflictSchema = z.object({
  kind: z.enum(CONFLICT_KINDS, { error: "Choose what the conflict is." }),
  note: z
    .string()
    .trim()
    .min(5, "Add a short note for the recruiter (at least 5 characters).")
    .max(LIMITS.conflictNote, tooLong("The note", LIMITS.conflictNote)),
});

export const TIMER_OPS = ["start", "pause", "reset"] as const;
export type TimerOp = (typeof TIMER_OPS)[number];
export const timerOpSchema = z.object({ op: z.enum(TIMER_OPS) });

/** A quick note added without JavaScript (the server stamps the minute from the timer). */
export const addNoteSchema = z.object({
  body: z.string().trim().min(1, "Write the note first.").max(LIMITS.note, tooLong("A quick note", LIMITS.note)),
});

/** Scorecard ids in URLs: opaque, bounded. */
export const scorecardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** An empty scorecard in the form's shape (missing sections become empty records). */
export function emptyScorecardValues(): ScorecardValues {
  return {
    ratings: {},
    redFlags: {},
    signals: {},
    focus: {},
    probes: {},
    recommendation: "",
    levelSignal: "",
    summary: "",
    overrideJustification: "",
    notes: [],
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function firstString(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return "";
}

/**
 * Whatever was posted, in the form's shape, without applying limits: used to re-render a refused
 * form with every character the interviewer typed (too-long text included). Unknown shapes become
 * empty fields; keys are still restricted to the rubric-key alphabet.
 */
export function lenientScorecardValues(raw: unknown): ScorecardValues {
  const o = isRecord(raw) ? raw : {};
  const out = emptyScorecardValues();
  delete out.notes;
  const entries = (v: unknown) => (isRecord(v) ? Object.entries(v).filter(([k]) => KEY.test(k)) : []);
  for (const [k, r] of entries(o.ratings)) {
    const rr = isRecord(r) ? r : {};
    const score = firstString(typeof rr.score === "number" ? String(rr.score) : rr.score);
    out.ratings[k] = {
      score: (SCORE_VALUES as readonly string[]).includes(score) ? (score as ScoreValue) : "",
      evidence: firstString(rr.evidence),
    };
  }
  const checked = (v: unknown) => v === true || v === "on" || v === "true" || v === "1";
  for (const [k, f] of entries(o.redFlags)) {
    const ff = isRecord(f) ? f : {};
    out.redFlags[k] = { checked: checked(firstString(ff.checked) || ff.checked), note: firstString(ff.note) };
  }
  for (const [k, s] of entries(o.signals)) out.signals[k] = checked(firstString(s) || s);
  for (const [k, s] of entries(o.focus)) out.focus[k] = checked(firstString(s) || s);
  for (const [k, s] of entries(o.probes)) out.probes[k] = checked(firstString(s) || s);
  const rec = firstString(o.recommendation);
  out.recommendation = (RECOMMENDATIONS as readonly string[]).includes(rec)
    ? (rec as ScorecardValues["recommendation"])
    : "";
  const level = firstString(o.levelSignal);
  out.levelSignal = (LEVEL_SIGNALS as readonly string[]).includes(level)
    ? (level as ScorecardValues["levelSignal"])
    : "";
  out.summary = firstString(o.summary);
  out.overrideJustification = firstString(o.overrideJustification);
  if (Array.isArray(o.notes)) {
    const notes = o.notes.flatMap((n) => {
      const p = quickNoteSchema.safeParse(n);
      return p.success ? [p.data] : [];
    });
    out.notes = notes;
  }
  return out;
}
