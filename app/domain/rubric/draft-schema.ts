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
import type {
  CalibrationExamples,
  ContextCard,
  ExercisePhase,
  FocusPoint,
  RubricContent,
  RubricDimension,
  RubricExercise,
  RubricProbe,
  ScriptedReveal,
} from "./model";
import { CONTEXT_CARD_FIELDS, RUBRIC_FORMAT_2, isFormat2, withDerivedFields } from "./model";
import { RED_FLAG_SEVERITIES, SIGNAL_KINDS } from "../vocabulary";
import type { RubricProblem } from "./validate";

const keyField = z
  .preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(50, "At most 50 characters"))
  .refine(
    (v) => v === "" || /^[a-z][a-z0-9_]*$/.test(v),
    "Use lowercase letters, digits and underscores, starting with a letter",
  );

const t = (max: number) => z.preprocess((v) => (v === undefined || v === null ? "" : v), text(max));

const wholeMinutes = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? fallback : v),
    z.coerce
      .number({ error: "Enter minutes" })
      .int("Whole minutes")
      .min(min, `At least ${min}`)
      .max(max, `At most ${max}`),
  );

/** An optional group of text fields (absent in a format-1 form): every field "" when missing. */
function textGroup<K extends string>(keys: readonly K[], max: number) {
  const shape = Object.fromEntries(keys.map((k) => [k, t(max)])) as Record<K, ReturnType<typeof t>>;
  return z.preprocess((v) => (v && typeof v === "object" ? v : {}), z.object(shape));
}

// Format 2 (rubric v2). The form names scale points p1–p4 and calibration answers a2–a4: a numeric
// path segment would make react-hook-form build an array.
export const SCALE_FIELDS = ["p1", "p2", "p3", "p4"] as const;
export const CALIBRATION_FIELDS = ["a2", "a3", "a4"] as const;
export const LEVEL_FIELDS = ["belowLead", "lead", "staffPlus"] as const;
export const GUIDANCE_FIELDS = ["conduct", "timekeeping", "doNotAsk"] as const;

export const probeRowSchema = z.object({
  key: keyField,
  question: t(1000),
  lookFor: t(2000),
  core: checkbox.optional(),
  dimensionKeys: checkboxList(50),
  remove: checkbox.optional(),
});

export const phaseRowSchema = z.object({
  key: keyField,
  label: t(200),
  minutes: wholeMinutes(0, 0, 480),
  candidateQuestions: checkbox.optional(),
  remove: checkbox.optional(),
});

export const revealRowSchema = z.object({
  key: keyField,
  atMinute: wholeMinutes(0, 0, 480),
  show: t(2000),
  listenFor: t(2000),
  remove: checkbox.optional(),
});

export const dimensionRowSchema = z.object({
  key: keyField,
  name: t(120),
  description: t(2000),
  anchors: textGroup(["belowBar", "meetsBar", "exceeds"], 2000),
  scale: textGroup(SCALE_FIELDS, 2000).optional(),
  calibration: z
    .preprocess(
      (v) => (v && typeof v === "object" ? v : {}),
      z.object({ exerciseKey: t(50), probeKey: t(50), a2: t(2000), a3: t(2000), a4: t(2000) }),
    )
    .optional(),
  levels: textGroup(LEVEL_FIELDS, 1000).optional(),
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
  durationMinutes: wholeMinutes(45, 5, 480),
  prompt: t(5000),
  /** one focus point per line */
  focusPoints: t(5000),
  /** one probe question per line */
  probeQuestions: t(8000),
  dimensionKeys: checkboxList(50),
  probes: indexedList(probeRowSchema, 20).optional(),
  phases: indexedList(phaseRowSchema, 12).optional(),
  reveals: indexedList(revealRowSchema, 12).optional(),
  context: textGroup(CONTEXT_CARD_FIELDS, 1000).optional(),
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
type ProbeRow = z.output<typeof probeRowSchema>;
type PhaseRow = z.output<typeof phaseRowSchema>;
type RevealRow = z.output<typeof revealRowSchema>;
type ExerciseRow = z.output<typeof exerciseRowSchema>;
type RedFlagRow = z.output<typeof redFlagRowSchema>;
type SignalRow = z.output<typeof signalRowSchema>;

const allBlank = (group: Record<string, string> | undefined) => !group || Object.values(group).every((v) => !v);
// The refinement also runs after a failed parse (see rubricDraftSchema), when a list may be anything.
const rowsOf = <T>(list: readonly T[] | undefined): readonly T[] => (Array.isArray(list) ? list : []);

export function isBlankDimension(d: DimensionRow): boolean {
  return (
    !d.key &&
    !d.name &&
    !d.description &&
    allBlank(d.anchors) &&
    allBlank(d.scale) &&
    allBlank(d.levels) &&
    !d.calibration?.a2 &&
    !d.calibration?.a3 &&
    !d.calibration?.a4
  );
}
export function isBlankExercise(e: ExerciseRow): boolean {
  return (
    !e.key &&
    !e.title &&
    !e.prompt &&
    !e.focusPoints &&
    !e.probeQuestions &&
    rowsOf(e.probes).every(isBlankProbe) &&
    rowsOf(e.phases).every(isBlankPhase) &&
    rowsOf(e.reveals).every(isBlankReveal) &&
    allBlank(e.context)
  );
}
export function isBlankProbe(p: ProbeRow): boolean {
  return !p.key && !p.question && !p.lookFor;
}
export function isBlankPhase(p: PhaseRow): boolean {
  return !p.key && !p.label;
}
export function isBlankReveal(r: RevealRow): boolean {
  return !r.key && !r.show && !r.listenFor;
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

const NAME_FIELD_WORDS: Record<string, string> = {
  title: "a title",
  label: "a label",
  question: "a question",
  show: "what it shows",
};

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
        message: `Give the ${what} ${NAME_FIELD_WORDS[nameField] ?? "a name"}, or tick “Remove”.`,
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
  const texts = [
    "key",
    "name",
    "title",
    "label",
    "description",
    "prompt",
    "focusPoints",
    "probeQuestions",
    "question",
    "lookFor",
    "show",
    "listenFor",
  ].filter((k) => k in row);
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
    /** format 2 */
    decisionRule: z
      .preprocess(
        (v) => (v && typeof v === "object" ? v : {}),
        z.object({ mustHaveDimensionKeys: checkboxList(30), statement: t(2000) }),
      )
      .optional(),
    /** format 2: one item per line */
    interviewerGuidance: textGroup(GUIDANCE_FIELDS, 8000).optional(),
  })
  .superRefine(
    (v, ctx) => {
      checkList(v.dimensions, "dimensions", isBlankDimension, (d) => d.name, "name", "dimension", ctx);
      checkList(v.exercises, "exercises", isBlankExercise, (e) => e.title, "title", "exercise", ctx);
      checkList(v.redFlags, "redFlags", isBlankRedFlag, (f) => f.label, "label", "red flag", ctx);
      checkList(v.signals, "signals", isBlankSignal, (s) => s.label, "label", "signal", ctx);
      v.exercises.forEach((e, i) => {
        if (!isWellFormedRow(e)) return;
        const list = (name: string) => ["exercises", i, name].join(".");
        if (Array.isArray(e.probes))
          checkList(e.probes, list("probes"), isBlankProbe, (p) => p.question, "question", "probe", ctx);
        if (Array.isArray(e.phases))
          checkList(e.phases, list("phases"), isBlankPhase, (p) => p.label, "label", "phase", ctx);
        if (Array.isArray(e.reveals))
          checkList(e.reveals, list("reveals"), isBlankReveal, (r) => r.show, "show", "reveal", ctx);
      });
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

/** Unique keys for new rows: a row's own key, else one derived from its text, made unique. */
function keyer(fallback: string) {
  const used = new Set<string>();
  return (key: string, text: string): string => {
    let k = rowKey(key, text.slice(0, 60), fallback);
    if (used.has(k)) {
      let n = 2;
      while (used.has(`${k}_${n}`)) n++;
      k = `${k}_${n}`;
    }
    used.add(k);
    return k;
  };
}

function format2Dimension(d: DimensionRow): Pick<RubricDimension, "scale" | "calibration" | "levels"> {
  const scale = d.scale ?? { p1: "", p2: "", p3: "", p4: "" };
  const c = d.calibration;
  const calibration: CalibrationExamples = {
    exerciseKey: c?.exerciseKey ?? "",
    probeKey: c?.probeKey ?? "",
    answers: { 2: c?.a2 ?? "", 3: c?.a3 ?? "", 4: c?.a4 ?? "" },
  };
  return {
    scale: { 1: scale.p1, 2: scale.p2, 3: scale.p3, 4: scale.p4 },
    calibration,
    levels: { belowLead: d.levels?.belowLead ?? "", lead: d.levels?.lead ?? "", staffPlus: d.levels?.staffPlus ?? "" },
  };
}

function format2Exercise(
  e: ExerciseRow,
  dimensionKeys: ReadonlySet<string>,
): Pick<RubricExercise, "probes" | "phases" | "reveals" | "context"> {
  const probeKey = keyer("probe");
  const probes: RubricProbe[] = (e.probes ?? [])
    .filter((p) => !p.remove && !isBlankProbe(p))
    .map((p) => ({
      key: probeKey(p.key, p.question),
      question: p.question,
      dimensionKeys: [...new Set(p.dimensionKeys)].filter((k) => dimensionKeys.has(k)),
      lookFor: p.lookFor,
      core: p.core === true,
    }));
  const phaseKey = keyer("phase");
  const phases: ExercisePhase[] = (e.phases ?? [])
    .filter((p) => !p.remove && !isBlankPhase(p))
    .map((p) => ({
      key: phaseKey(p.key, p.label),
      label: p.label,
      minutes: p.minutes,
      ...(p.candidateQuestions ? { candidateQuestions: true } : {}),
    }));
  const revealKey = keyer("reveal");
  const reveals: ScriptedReveal[] = (e.reveals ?? [])
    .filter((r) => !r.remove && !isBlankReveal(r))
    .map((r) => ({ key: revealKey(r.key, r.show), atMinute: r.atMinute, show: r.show, listenFor: r.listenFor }));
  const context: ContextCard = {};
  for (const f of CONTEXT_CARD_FIELDS) if (e.context?.[f]) context[f] = e.context[f];
  return {
    probes,
    phases,
    ...(reveals.length ? { reveals } : {}),
    ...(Object.keys(context).length ? { context } : {}),
  };
}

/**
 * Converts the parsed form to rubric content; name, role title and format come from the previous
 * content. Format-2 content keeps its format-2 fields (the form carries them) and gets its
 * format-1 fields derived from them; format-1 content is built exactly as before.
 */
export function draftToContent(v: RubricDraftInput, previous: RubricContent): RubricContent {
  const format2 = isFormat2(previous);
  const dimensions = v.dimensions
    .filter((d) => !d.remove && !isBlankDimension(d))
    .map((d) => ({
      key: rowKey(d.key, d.name, "dimension"),
      name: d.name,
      description: d.description,
      anchors: { belowBar: d.anchors.belowBar, meetsBar: d.anchors.meetsBar, exceeds: d.anchors.exceeds },
      weight: d.weight,
      ...(format2 ? format2Dimension(d) : {}),
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
        ...(format2 ? format2Exercise(e, dimensionKeys) : {}),
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
  const content: RubricContent = {
    ...(format2 ? { format: RUBRIC_FORMAT_2 } : {}),
    name: previous.name,
    roleTitle: previous.roleTitle,
    summary: v.summary,
    dimensions,
    exercises,
    redFlags,
    signals,
  };
  if (!format2) return content;
  return withDerivedFields({
    ...content,
    decisionRule: {
      mustHaveDimensionKeys: [...new Set(v.decisionRule?.mustHaveDimensionKeys ?? [])].filter((k) =>
        dimensionKeys.has(k),
      ),
      statement: v.decisionRule?.statement ?? "",
    },
    interviewerGuidance: {
      conduct: lines(v.interviewerGuidance?.conduct ?? ""),
      timekeeping: lines(v.interviewerGuidance?.timekeeping ?? ""),
      doNotAsk: lines(v.interviewerGuidance?.doNotAsk ?? ""),
    },
  });
}

/** Form values (strings, as the inputs hold them) for rubric content; format-2 fields when it has them. */
export function contentToFormValues(c: RubricContent) {
  const format2 = isFormat2(c);
  return {
    summary: c.summary,
    dimensions: c.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      description: d.description,
      anchors: { ...d.anchors },
      weight: String(d.weight),
      ...(format2 ? dimensionFormValues(d) : {}),
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
      ...(format2 ? exerciseFormValues(e) : {}),
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
    ...(format2
      ? {
          decisionRule: {
            mustHaveDimensionKeys: [...(c.decisionRule?.mustHaveDimensionKeys ?? [])],
            statement: c.decisionRule?.statement ?? "",
          },
          interviewerGuidance: {
            conduct: (c.interviewerGuidance?.conduct ?? []).join("\n"),
            timekeeping: (c.interviewerGuidance?.timekeeping ?? []).join("\n"),
            doNotAsk: (c.interviewerGuidance?.doNotAsk ?? []).join("\n"),
          },
        }
      : {}),
  };
}
export type RubricDraftFormValues = ReturnType<typeof contentToFormValues>;
export type DimensionFormValues = RubricDraftFormValues["dimensions"][number];
export type ExerciseFormValues = RubricDraftFormValues["exercises"][number];

function dimensionFormValues(d: RubricDimension) {
  return {
    scale: { p1: d.scale?.[1] ?? "", p2: d.scale?.[2] ?? "", p3: d.scale?.[3] ?? "", p4: d.scale?.[4] ?? "" },
    calibration: {
      exerciseKey: d.calibration?.exerciseKey ?? "",
      probeKey: d.calibration?.probeKey ?? "",
      a2: d.calibration?.answers[2] ?? "",
      a3: d.calibration?.answers[3] ?? "",
      a4: d.calibration?.answers[4] ?? "",
    },
    levels: {
      belowLead: d.levels?.belowLead ?? "",
      lead: d.levels?.lead ?? "",
      staffPlus: d.levels?.staffPlus ?? "",
    },
  };
}

function exerciseFormValues(e: RubricExercise) {
  return {
    probes: (e.probes ?? []).map((p) => ({
      key: p.key,
      question: p.question,
      lookFor: p.lookFor,
      core: p.core,
      dimensionKeys: [...p.dimensionKeys],
      remove: false,
    })),
    phases: (e.phases ?? []).map((p) => ({
      key: p.key,
      label: p.label,
      minutes: String(p.minutes),
      candidateQuestions: p.candidateQuestions === true,
      remove: false,
    })),
    reveals: (e.reveals ?? []).map((r) => ({
      key: r.key,
      atMinute: String(r.atMinute),
      show: r.show,
      listenFor: r.listenFor,
      remove: false,
    })),
    context: Object.fromEntries(CONTEXT_CARD_FIELDS.map((f) => [f, e.context?.[f] ?? ""])) as Record<
      (typeof CONTEXT_CARD_FIELDS)[number],
      string
    >,
  };
}

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
export const BLANK_DIMENSION_FORMAT_2 = {
  ...BLANK_DIMENSION,
  scale: { p1: "", p2: "", p3: "", p4: "" },
  calibration: { exerciseKey: "", probeKey: "", a2: "", a3: "", a4: "" },
  levels: { belowLead: "", lead: "", staffPlus: "" },
};
export const BLANK_PROBE = {
  key: "",
  question: "",
  lookFor: "",
  core: false,
  dimensionKeys: [] as string[],
  remove: false,
};
export const BLANK_PHASE = { key: "", label: "", minutes: "", candidateQuestions: false, remove: false };
export const BLANK_REVEAL = { key: "", atMinute: "", show: "", listenFor: "", remove: false };
export const BLANK_EXERCISE_FORMAT_2 = {
  ...BLANK_EXERCISE,
  probes: [] as (typeof BLANK_PROBE)[],
  phases: [] as (typeof BLANK_PHASE)[],
  reveals: [] as (typeof BLANK_REVEAL)[],
  context: { scale: "", labelDelay: "", team: "", stack: "", budget: "" },
};
export const BLANK_RED_FLAG = { key: "", label: "", description: "", severity: "concern" as const, remove: false };
export const BLANK_SIGNAL = { key: "", label: "", kind: "strong" as const, remove: false };

/**
 * `validateRubricContent` paths ("dimensions[2].anchors.meetsBar") as form field names
 * ("dimensions.2.anchors.meetsBar"). Focus point, probe-question and dimension-list paths point at
 * their text area or checkbox group; format-2 scale points and calibration answers at their
 * p1–p4 and a2–a4 fields.
 */
export function problemsToFieldErrors(problems: readonly RubricProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    let path = p.path.replace(/\[(\d+)\]/g, ".$1");
    path = path.replace(/^(exercises\.\d+\.(?:focusPoints|probeQuestions|dimensionKeys))\..*$/, "$1");
    path = path.replace(/^(exercises\.\d+\.probes\.\d+\.dimensionKeys)\..*$/, "$1");
    path = path.replace(/^(decisionRule\.mustHaveDimensionKeys)\..*$/, "$1");
    path = path.replace(/^(dimensions\.\d+\.scale)\.(\d)$/, "$1.p$2");
    path = path.replace(/^(dimensions\.\d+\.calibration)\.answers\.(\d)$/, "$1.a$2");
    (out[path] ??= []).push(p.message);
  }
  return out;
}
