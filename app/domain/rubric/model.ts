/**
 * The rubric model: the shape of a rubric version's content (dimensions with anchors, exercises,
 * red flags, signals). The enums it uses live in ../vocabulary.ts. Pure data and types; no IO.
 */

import type { RedFlagSeverity, SignalKind } from "../vocabulary";

export interface DimensionAnchors {
  /** What a rating below the bar looks like. */
  belowBar: string;
  /** What "meets the bar" looks like. */
  meetsBar: string;
  /** What "exceeds the bar" looks like. */
  exceeds: string;
}

export interface RubricDimension {
  /** Stable slug, unique within a rubric version (e.g. "ml_system_architecture"). */
  key: string;
  name: string;
  /** One or two sentences: what this dimension is about. */
  description: string;
  /** Three bands (format 1). Format 2 derives them from `scale`. */
  anchors: DimensionAnchors;
  /** Default weight in percent for the composite score; a version's weights sum to 100. */
  weight: number;
  /** Format 2: an anchor for every point of the scale. */
  scale?: ScaleAnchors;
  /** Format 2. */
  calibration?: CalibrationExamples;
  /** Format 2. */
  levels?: LevelGuidance;
}

export interface FocusPoint {
  /** Stable slug, unique within the exercise. */
  key: string;
  label: string;
}

export interface RubricExercise {
  key: string;
  title: string;
  durationMinutes: number;
  prompt: string;
  /** What to evaluate: ticked by the interviewer as the candidate covers them (format 2: none; probes are ticked). */
  focusPoints: FocusPoint[];
  /** 4–8 probe questions. Format 2 derives them from `probes`. */
  probeQuestions: string[];
  /** Keys of the dimensions this exercise assesses. */
  dimensionKeys: string[];
  /** Format 2: tagged probes, core ones first. */
  probes?: RubricProbe[];
  /** Format 2: timeboxes that add up to `durationMinutes`. */
  phases?: ExercisePhase[];
  /** Format 2, scripted exercises only: what the interviewer shows when. */
  reveals?: ScriptedReveal[];
  /** Format 2, where the exercise needs one. */
  context?: ContextCard;
}

export interface RubricRedFlag {
  key: string;
  label: string;
  /** What it looks like in the room (optional detail). */
  description: string;
  severity: RedFlagSeverity;
}

export interface RubricSignal {
  key: string;
  label: string;
  kind: SignalKind;
}

/** The full content of one rubric version, as stored and as shown. */
export interface RubricContent {
  /** Absent for format 1. */
  format?: typeof RUBRIC_FORMAT_2;
  /** Rubric family name, e.g. "Lead ML Architect". */
  name: string;
  roleTitle: string;
  summary: string;
  dimensions: RubricDimension[];
  exercises: RubricExercise[];
  redFlags: RubricRedFlag[];
  signals: RubricSignal[];
  /** Format 2. */
  decisionRule?: DecisionRule;
  /** Format 2. */
  interviewerGuidance?: InterviewerGuidance;
}

// ------------------------------------------------------------------ format 2 (rubric v2)
//
// Format 2 adds what keeps four raters consistent: an anchor per scale point, calibration answers,
// tagged probes, timed phases and reveals, level guidance and a decision rule. Every new field is
// optional on these types so format-1 content (rubric v1, stored before format 2 existed) still
// type-checks and renders unchanged; `format: 2` marks content the validator holds to the format-2
// rules. Format-2 content also fills the format-1 fields (three-band anchors, probe questions) from
// the new ones (`withDerivedFields`), so views that only know format 1 still show something true.

/** Content format: absent means format 1 (rubric v1's shape). */
export const RUBRIC_FORMAT_2 = 2;

/** One anchor per point of the 1–4 rating scale (the keys are the scores). */
export interface ScaleAnchors {
  1: string;
  2: string;
  3: string;
  4: string;
}
export const SCALE_POINTS = [1, 2, 3, 4] as const;
/** The points a calibration example is written for: just below, at and above the bar. */
export const CALIBRATION_POINTS = [2, 3, 4] as const;

/**
 * Sample answers for one dimension, all to the same probe of the exercise that tests the dimension
 * best, so raters hear what separates a 2 from a 3 from a 4.
 */
export interface CalibrationExamples {
  exerciseKey: string;
  /** The probe the sample answers respond to (a probe of `exerciseKey`). */
  probeKey: string;
  answers: { 2: string; 3: string; 4: string };
}

/** What this dimension looks like at each level, for the level signal beside the recommendation. */
export interface LevelGuidance {
  /** Not yet at Lead scope. */
  belowLead: string;
  lead: string;
  /** Staff or Principal scope: what goes beyond Lead. */
  staffPlus: string;
}

export interface RubricProbe {
  /** Stable slug, unique within the exercise (probe ticks on a scorecard refer to it). */
  key: string;
  question: string;
  /** Keys of the dimensions the answer informs; each must be one of the exercise's dimensions. */
  dimensionKeys: string[];
  /** What a good answer contains; shown on demand, never read out. */
  lookFor: string;
  /** Core probes are asked in every interview; optional ones only if time allows. */
  core: boolean;
}

export interface ExercisePhase {
  key: string;
  label: string;
  minutes: number;
  /** The phase kept for the candidate's own questions (one per exercise). */
  candidateQuestions?: boolean;
}

/** Something the interviewer shows at a set minute of a scripted exercise (the incident drill). */
export interface ScriptedReveal {
  key: string;
  /** Minutes from the start of the exercise. */
  atMinute: number;
  /** What the interviewer shows or says. */
  show: string;
  /** What the candidate's reaction tells the panel. */
  listenFor: string;
}

/** The facts a candidate gets on a card so "it depends" has something to depend on. */
export interface ContextCard {
  scale?: string;
  labelDelay?: string;
  team?: string;
  stack?: string;
  budget?: string;
}
export const CONTEXT_CARD_FIELDS = ["scale", "labelDelay", "team", "stack", "budget"] as const;
export const CONTEXT_CARD_LABELS: Record<(typeof CONTEXT_CARD_FIELDS)[number], string> = {
  scale: "Scale",
  labelDelay: "Label delay",
  team: "Team",
  stack: "Stack",
  budget: "Budget",
};

export interface DecisionRule {
  /**
   * Dimensions that go to the top of the debrief agenda when the panel rates them below the bar,
   * whatever the composite.
   */
  mustHaveDimensionKeys: string[];
  /** The rule in plain words, for the debrief and the packet (dealbreakers outweigh any composite). */
  statement: string;
}

export interface InterviewerGuidance {
  /** How to run and rate the interview. */
  conduct: string[];
  /** Keeping to the phases. */
  timekeeping: string[];
  /** Topics never to raise (protected characteristics and the like). */
  doNotAsk: string[];
}

export type StructuredDimension = RubricDimension & Required<Pick<RubricDimension, "scale" | "calibration" | "levels">>;
export type StructuredExercise = RubricExercise & Required<Pick<RubricExercise, "probes" | "phases">>;

/** Format-2 content with every format-2 field present (what the v2 data is typed as). */
export interface StructuredRubricContent extends RubricContent {
  format: typeof RUBRIC_FORMAT_2;
  dimensions: StructuredDimension[];
  exercises: StructuredExercise[];
  decisionRule: DecisionRule;
  interviewerGuidance: InterviewerGuidance;
}

/** Format-2 content as authored: the format-1 fields are derived (see `structuredContent`). */
export interface AuthoredRubricContent extends Omit<StructuredRubricContent, "dimensions" | "exercises"> {
  dimensions: Omit<StructuredDimension, "anchors">[];
  exercises: Omit<StructuredExercise, "probeQuestions">[];
}

/** Content that declares format 2 (its fields are only known to be there once it validates). */
export function isFormat2(content: RubricContent): boolean {
  return content.format === RUBRIC_FORMAT_2;
}

/** The three bands a format-1 view shows, from a four-point scale. */
export function bandAnchorsFromScale(scale: ScaleAnchors): DimensionAnchors {
  return { belowBar: `1: ${scale[1]} 2: ${scale[2]}`, meetsBar: scale[3], exceeds: scale[4] };
}

/**
 * Fills the format-1 fields of format-2 content from the format-2 ones (three-band anchors from
 * the scale, probe questions from the probes, core first). Format-1 content is returned as is.
 */
export function withDerivedFields<T extends RubricContent>(content: T): T {
  if (!isFormat2(content)) return content;
  return {
    ...content,
    dimensions: content.dimensions.map((d) => (d.scale ? { ...d, anchors: bandAnchorsFromScale(d.scale) } : d)),
    exercises: content.exercises.map((e) =>
      e.probes ? { ...e, probeQuestions: orderedProbes(e.probes).map((p) => p.question) } : e,
    ),
  };
}

/** Authored format-2 content with its format-1 fields filled in. */
export function structuredContent(authored: AuthoredRubricContent): StructuredRubricContent {
  return {
    ...authored,
    dimensions: authored.dimensions.map((d) => ({ ...d, anchors: bandAnchorsFromScale(d.scale) })),
    exercises: authored.exercises.map((e) => ({
      ...e,
      probeQuestions: orderedProbes(e.probes).map((p) => p.question),
    })),
  };
}

/**
 * The probe (and its exercise) a dimension's calibration answers respond to, for the line above
 * them; null when the dimension has no calibration or it points nowhere.
 */
export function calibrationPrompt(
  content: Pick<RubricContent, "exercises">,
  dimension: Pick<RubricDimension, "calibration">,
): { exerciseTitle: string; question: string } | null {
  const c = dimension.calibration;
  const exercise = c ? content.exercises.find((e) => e.key === c.exerciseKey) : undefined;
  const probe = exercise?.probes?.find((p) => p.key === c?.probeKey);
  return exercise && probe ? { exerciseTitle: exercise.title, question: probe.question } : null;
}

/** `calibrationPrompt` for every dimension that has one, by dimension key. */
export function calibrationPrompts(
  content: Pick<RubricContent, "exercises" | "dimensions">,
): Record<string, { exerciseTitle: string; question: string }> {
  const out: Record<string, { exerciseTitle: string; question: string }> = {};
  for (const d of content.dimensions) {
    const prompt = calibrationPrompt(content, d);
    if (prompt) out[d.key] = prompt;
  }
  return out;
}

/** Core probes first, each group in its own order. */
export function orderedProbes(probes: readonly RubricProbe[]): RubricProbe[] {
  return [...probes.filter((p) => p.core), ...probes.filter((p) => !p.core)];
}

/** JSON with object keys sorted, so two contents compare equal whatever order their keys were built in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** An exercise's dimensions are a set; the database returns them in the rubric's dimension order. */
function inDimensionOrder(content: RubricContent): RubricContent {
  const position = new Map(content.dimensions.map((d, i) => [d.key, i]));
  const at = (key: string) => position.get(key) ?? Number.MAX_SAFE_INTEGER;
  return {
    ...content,
    exercises: content.exercises.map((e) => ({
      ...e,
      dimensionKeys: [...e.dimensionKeys].sort((x, y) => at(x) - at(y)),
    })),
  };
}

/**
 * Whether two rubric contents say exactly the same thing (absent and undefined fields are the
 * same; an exercise's dimension list is compared as a set).
 */
export function sameRubricContent(a: RubricContent | null, b: RubricContent | null): boolean {
  return a !== null && b !== null && canonicalJson(inDimensionOrder(a)) === canonicalJson(inDimensionOrder(b));
}
