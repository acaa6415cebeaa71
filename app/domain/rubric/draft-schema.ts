/**
 * The draft rubric editor's form: one schema for the server and the browser, plus the pure
 * conversion from form values to `RubricContent`. Drafts may be incomplete; the strict checks
 * (anchors present, weights sum to 100, every dimension assessed by two exercises) run at publish
 * time with `validateRubricContent`.
 *
 * Each list ends with a spare blank row in the page so rows can be added without JavaScript; a
 * row whose text fields are all blank is ignored, and a row with "remove" ticked is dropped.
 */
import * as z from "zod";

import { checkbox, checkboxList, indexedList, lines, slugKey, text } from "../shared/form-values";
import type { FocusPoint, RubricContent } from "./model";
import { RED_FLAG_SEVERITIES, SIGNAL_KINDS } from "../vocabulary";
import type { RubricProblem } from "./validate";

const keyField = z
  .preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(50, "At most 50 characters"))
  .refine(
    (v) => v === "" || /^[a-z][a-z0-9_]*$/.test(v),
    "Use lowercase letters, digits and underscores, starting with a letter",
  );

const t = (max: number) => z.preprocess((v) => (v === undefined || v === null ? "" : v), text(max));

export const dimensionRowSchema = z.object({
  key: keyField,
  name: t(120),
  description: t(2000),
  anchors: z.object({ belowBar: t(2000), meetsBar: t(2000), exceeds: t(2000) }),
  weight: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? 0 : v),
    z.coerce
      .number({ error: "Enter a whole number" })
      .int("Enter a whole number")
      .min(0, "0 or more")
      .max(100, "At most 100"),
  ),
  remove: checkbox.optional(),
});

export const exerciseRowSchema = z.object({
  key: keyField,
  title: t(120),
  durationMinutes: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? 45 : v),
    z.coerce
      .number({ error: "Enter minutes" })
      .int("Whole minutes")
      .min(5, "At least 5 minutes")
      .max(480, "At most 480 minutes"),
  ),
  prompt: t(5000),
  /** one focus point per line */
  focusPoints: t(5000),
  /** one probe question per line */
  probeQuestions: t(8000),
  dimensionKeys: checkboxList(50),
  remove: checkbox.optional(),
});

export const redFlagRowSchema = z.object({
  key: keyField,
  label: t(200),
  description: t(1000),
  severity: z.enum(RED_FLAG_SEVERITIES, { error: "Choose dealbreaker or concern" }),
  remove: checkbox.optional(),
});

export const signalRowSchema = z.object({
  key: keyField,
  label: t(200),
  kind: z.enum(SIGNAL_KINDS, { error: "Choose strong or weak" }),
  remove: checkbox.optional(),
});

type DimensionRow = z.output<typeof dimensionRowSchema>;
type ExerciseRow = z.output<typeof exerciseRowSchema>;
type RedFlagRow = z.output<typeof redFlagRowSchema>;
type SignalRow = z.output<typeof signalRowSchema>;

export function isBlankDimension(d: DimensionRow): boolean {
  return !d.key && !d.name && !d.description && !d.anchors.belowBar && !d.anchors.meetsBar && !d.anchors.exceeds;
}
export function isBlankExercise(e: ExerciseRow): boolean {
  return !e.key && !e.title && !e.prompt && !e.focusPoints && !e.probeQuestions;
}
export function isBlankRedFlag(f: RedFlagRow): boolean {
  return !f.key && !f.label && !f.description;
}
export function isBlankSignal(s: SignalRow): boolean {
  return !s.key && !s.label;
}

/** The key a row will be stored under: its own, or one derived from its name. */
export function rowKey(key: string, name: string, fallback: string): string {
  return key || slugKey(name, fallback);
}

function checkList<T extends { key: string; remove?: boolean | undefined }>(
  rows: readonly T[],
  list: string,
  isBlank: (row: T) => boolean,
  nameOf: (row: T) => string,
  nameField: string,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    // Also runs when other fields failed (see rubricDraftSchema), so a row may not be well formed.
    if (!isWellFormedRow(row)) return;
    if (row.remove || isBlank(row)) return;
    if (!nameOf(row)) {
      ctx.addIssue({
        code: "custom",
        path: [list, i, nameField],
        message: `Give the ${what} a ${nameField === "title" ? "title" : nameField === "label" ? "label" : "name"}, or tick “Remove”.`,
      });
      return;
    }
    const key = rowKey(row.key, nameOf(row), what.replace(/\s+/g, "_"));
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [list, i, "key"],
        message: `The key “${key}” is already used by another ${what}: choose another.`,
      });
    } else {
      seen.set(key, i);
    }
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A row whose text fields came through as strings (after a failed parse they may not have). */
function isWellFormedRow(row: unknown): boolean {
  if (!isRecord(row)) return false;
  const texts = ["key", "name", "title", "label", "description", "prompt", "focusPoints", "probeQuestions"].filter(
    (k) => k in row,
  );
  if (!texts.every((k) => typeof row[k] === "string")) return false;
  return (
    !("anchors" in row) || (isRecord(row.anchors) && Object.values(row.anchors).every((a) => typeof a === "string"))
  );
}

const ROW_LISTS = ["dimensions", "exercises", "redFlags", "signals"] as const;

export const rubricDraftSchema = z
  .object({
    summary: t(5000),
    dimensions: indexedList(dimensionRowSchema, 30),
    exercises: indexedList(exerciseRowSchema, 20),
    redFlags: indexedList(redFlagRowSchema, 60),
    signals: indexedList(signalRowSchema, 60),
  })
  .superRefine(
    (v, ctx) => {
      checkList(v.dimensions, "dimensions", isBlankDimension, (d) => d.name, "name", "dimension", ctx);
      checkList(v.exercises, "exercises", isBlankExercise, (e) => e.title, "title", "exercise", ctx);
      checkList(v.redFlags, "redFlags", isBlankRedFlag, (f) => f.label, "label", "red flag", ctx);
      checkList(v.signals, "signals", isBlankSignal, (s) => s.label, "label", "signal", ctx);
    },
    {
      // Run even when another field failed (a weight of "abc"), so a missing name is reported in the
      // same round instead of only after the other errors are fixed.
      when: (payload) =>
        isRecord(payload.value) && ROW_LISTS.every((k) => Array.isArray((payload.value as Record<string, unknown>)[k])),
    },
  );

export type RubricDraftInput = z.output<typeof rubricDraftSchema>;

/**
 * Focus points from lines of text: a line whose label matches a focus point of the previous
 * content keeps that key (so scorecards and diffs stay stable); new lines get a key derived from
 * the label, made unique.
 */
export function focusPointsFromLines(value: string, previous: readonly FocusPoint[]): FocusPoint[] {
  const byLabel = new Map(previous.map((p) => [p.label.trim(), p.key]));
  const used = new Set<string>();
  return lines(value).map((label) => {
    let key = byLabel.get(label) ?? slugKey(label, "focus");
    if (used.has(key)) {
      let n = 2;
      while (used.has(`${key}_${n}`)) n++;
      key = `${key}_${n}`;
    }
    used.add(key);
    return { key, label };
  });
}

/** Converts the parsed form to rubric content; name and role title come from the previous content. */
export function draftToContent(v: RubricDraftInput, previous: RubricContent): RubricContent {
  const dimensions = v.dimensions
    .filter((d) => !d.remove && !isBlankDimension(d))
    .map((d) => ({
      key: rowKey(d.key, d.name, "dimension"),
      name: d.name,
      description: d.description,
      anchors: { belowBar: d.anchors.belowBar, meetsBar: d.anchors.meetsBar, exceeds: d.anchors.exceeds },
      weight: d.weight,
    }));
  const dimensionKeys = new Set(dimensions.map((d) => d.key));
  const previousExercises = new Map(previous.exercises.map((e) => [e.key, e]));
  const exercises = v.exercises
    .filter((e) => !e.remove && !isBlankExercise(e))
    .map((e) => {
      const key = rowKey(e.key, e.title, "exercise");
      return {
        key,
        title: e.title,
        durationMinutes: e.durationMinutes,
        prompt: e.prompt,
        focusPoints: focusPointsFromLines(e.focusPoints, previousExercises.get(key)?.focusPoints ?? []),
        probeQuestions: lines(e.probeQuestions),
        // drop dimensions that no longer exist (and duplicates)
        dimensionKeys: [...new Set(e.dimensionKeys)].filter((k) => dimensionKeys.has(k)),
      };
    });
  const redFlags = v.redFlags
    .filter((f) => !f.remove && !isBlankRedFlag(f))
    .map((f) => ({
      key: rowKey(f.key, f.label, "red_flag"),
      label: f.label,
      description: f.description,
      severity: f.severity,
    }));
  const signals = v.signals
    .filter((s) => !s.remove && !isBlankSignal(s))
    .map((s) => ({ key: rowKey(s.key, s.label, "signal"), label: s.label, kind: s.kind }));
  return {
    name: previous.name,
    roleTitle: previous.roleTitle,
    summary: v.summary,
    dimensions,
    exercises,
    redFlags,
    signals,
  };
}

/** Form values (strings, as the inputs hold them) for rubric content. */
export function contentToFormValues(c: RubricContent) {
  return {
    summary: c.summary,
    dimensions: c.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      description: d.description,
      anchors: { ...d.anchors },
      weight: String(d.weight),
      remove: false,
    })),
    exercises: c.exercises.map((e) => ({
      key: e.key,
      title: e.title,
      durationMinutes: String(e.durationMinutes),
      prompt: e.prompt,
      focusPoints: e.focusPoints.map((f) => f.label).join("\n"),
      probeQuestions: e.probeQuestions.join("\n"),
      dimensionKeys: [...e.dimensionKeys],
      remove: false,
    })),
    redFlags: c.redFlags.map((f) => ({
      key: f.key,
      label: f.label,
      description: f.description,
      severity: f.severity,
      remove: false,
    })),
    signals: c.signals.map((s) => ({ key: s.key, label: s.label, kind: s.kind, remove: false })),
  };
}
export type RubricDraftFormValues = ReturnType<typeof contentToFormValues>;

export const BLANK_DIMENSION = {
  key: "",
  name: "",
  description: "",
  anchors: { belowBar: "", meetsBar: "", exceeds: "" },
  weight: "0",
  remove: false,
};
export const BLANK_EXERCISE = {
  key: "",
  title: "",
  durationMinutes: "45",
  prompt: "",
  focusPoints: "",
  probeQuestions: "",
  dimensionKeys: [] as string[],
  remove: false,
};
export const BLANK_RED_FLAG = { key: "", label: "", description: "", severity: "concern" as const, remove: false };
export const BLANK_SIGNAL = { key: "", label: "", kind: "strong" as const, remove: false };

/**
 * `validateRubricContent` paths ("dimensions[2].anchors.meetsBar") as form field names
 * ("dimensions.2.anchors.meetsBar"). Focus point and probe paths point at their text area.
 */
export function problemsToFieldErrors(problems: readonly RubricProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    let path = p.path.replace(/\[(\d+)\]/g, ".$1");
    path = path.replace(/^(exercises\.\d+\.(?:focusPoints|probeQuestions|dimensionKeys))\..*$/, "$1");
    (out[path] ??= []).push(p.message);
  }
  return out;
}
