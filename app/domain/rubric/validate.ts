/**
 * Structural validation of rubric content (a published version or a draft about to be published).
 * Pure: takes the content, returns the list of problems found (empty when the rubric is usable).
 * Content that declares format 2 (rubric v2) is also held to the format-2 rules below
 * (`format2Problems`); format-1 content (rubric v1) only to the rules it always had.
 */
import { RED_FLAG_SEVERITIES, SIGNAL_KINDS } from "../vocabulary";
import {
  CALIBRATION_POINTS,
  CONTEXT_CARD_FIELDS,
  SCALE_POINTS,
  bandAnchorsFromScale,
  isFormat2,
  orderedProbes,
  type RubricContent,
  type RubricExercise,
} from "./model";

export interface RubricProblem {
  /** Where the problem is, e.g. "dimensions[2].anchors.meetsBar" or "exercises[0].dimensionKeys[1]". */
  path: string;
  message: string;
}

export const RUBRIC_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const REQUIRED_WEIGHT_TOTAL = 100;
export const MIN_EXERCISES_PER_DIMENSION = 2;

function isBlank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

/**
 * Checks keys (format, uniqueness) of a list of keyed items and reports problems under
 * `${listPath}[i].key`.
 */
function checkKeys(items: readonly { key: string }[], listPath: string, what: string, problems: RubricProblem[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const path = `${listPath}[${i}].key`;
    if (typeof item.key !== "string" || !RUBRIC_KEY_PATTERN.test(item.key)) {
      problems.push({
        path,
        message: `The ${what} key "${String(item.key)}" must be lowercase snake_case (letters, digits, underscores; starting with a letter).`,
      });
      return;
    }
    const first = seen.get(item.key);
    if (first !== undefined) {
      problems.push({
        path,
        message: `Duplicate ${what} key "${item.key}" (already used by ${listPath}[${first}]).`,
      });
    } else {
      seen.set(item.key, i);
    }
  });
}

export function validateRubricContent(content: RubricContent): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const format2 = isFormat2(content);
  if (content.format !== undefined && !format2) {
    problems.push({ path: "format", message: `Unknown content format "${String(content.format)}".` });
  }

  if (isBlank(content.name)) problems.push({ path: "name", message: "The rubric needs a name." });
  if (isBlank(content.roleTitle)) problems.push({ path: "roleTitle", message: "The rubric needs a role title." });

  // ---------------------------------------------------------------- dimensions
  const dimensions = content.dimensions ?? [];
  if (dimensions.length === 0) {
    problems.push({ path: "dimensions", message: "The rubric needs at least one dimension." });
  }
  checkKeys(dimensions, "dimensions", "dimension", problems);

  let weightTotal = 0;
  dimensions.forEach((dimension, i) => {
    const path = `dimensions[${i}]`;
    if (isBlank(dimension.name)) problems.push({ path: `${path}.name`, message: "The dimension needs a name." });
    if (isBlank(dimension.description)) {
      problems.push({ path: `${path}.description`, message: "The dimension needs a description." });
    }
    const anchors = dimension.anchors;
    // Format 2 derives these from the scale, whose own rule reports the gap at its source.
    for (const anchor of format2 ? [] : (["belowBar", "meetsBar", "exceeds"] as const)) {
      if (!anchors || isBlank(anchors[anchor])) {
        problems.push({ path: `${path}.anchors.${anchor}`, message: `The "${anchor}" anchor is missing.` });
      }
    }
    if (typeof dimension.weight !== "number" || !Number.isInteger(dimension.weight) || dimension.weight <= 0) {
      problems.push({
        path: `${path}.weight`,
        message: `The weight must be a positive whole number (got ${String(dimension.weight)}).`,
      });
    }
    if (typeof dimension.weight === "number" && Number.isFinite(dimension.weight)) weightTotal += dimension.weight;
  });
  if (dimensions.length > 0 && weightTotal !== REQUIRED_WEIGHT_TOTAL) {
    problems.push({
      path: "dimensions",
      message: `Dimension weights add up to ${weightTotal}; they must add up to ${REQUIRED_WEIGHT_TOTAL}.`,
    });
  }

  // ---------------------------------------------------------------- exercises
  const exercises = content.exercises ?? [];
  if (exercises.length === 0) {
    problems.push({ path: "exercises", message: "The rubric needs at least one exercise." });
  }
  checkKeys(exercises, "exercises", "exercise", problems);

  const dimensionKeys = new Set(dimensions.map((d) => d.key));
  const assessedBy = new Map<string, number>();

  exercises.forEach((exercise, i) => {
    const path = `exercises[${i}]`;
    if (isBlank(exercise.title)) problems.push({ path: `${path}.title`, message: "The exercise needs a title." });
    if (isBlank(exercise.prompt)) problems.push({ path: `${path}.prompt`, message: "The exercise needs a prompt." });
    if (
      typeof exercise.durationMinutes !== "number" ||
      !Number.isInteger(exercise.durationMinutes) ||
      exercise.durationMinutes <= 0
    ) {
      problems.push({
        path: `${path}.durationMinutes`,
        message: `The duration must be a positive whole number of minutes (got ${String(exercise.durationMinutes)}).`,
      });
    }

    const focusPoints = exercise.focusPoints ?? [];
    // Format 2 ticks probes instead of focus points.
    if (focusPoints.length === 0 && !format2) {
      problems.push({ path: `${path}.focusPoints`, message: "The exercise needs at least one focus point." });
    }
    checkKeys(focusPoints, `${path}.focusPoints`, "focus point", problems);
    focusPoints.forEach((point, j) => {
      if (isBlank(point.label)) {
        problems.push({ path: `${path}.focusPoints[${j}].label`, message: "The focus point needs a label." });
      }
    });

    const probes = exercise.probeQuestions ?? [];
    if (probes.filter((q) => !isBlank(q)).length === 0) {
      problems.push({ path: `${path}.probeQuestions`, message: "The exercise needs at least one probe question." });
    }
    probes.forEach((q, j) => {
      if (isBlank(q)) {
        problems.push({ path: `${path}.probeQuestions[${j}]`, message: "Probe questions must not be empty." });
      }
    });

    const exerciseDims = exercise.dimensionKeys ?? [];
    if (exerciseDims.length === 0) {
      problems.push({ path: `${path}.dimensionKeys`, message: "The exercise must assess at least one dimension." });
    }
    const seenHere = new Set<string>();
    exerciseDims.forEach((key, j) => {
      const keyPath = `${path}.dimensionKeys[${j}]`;
      if (!dimensionKeys.has(key)) {
        problems.push({ path: keyPath, message: `Unknown dimension "${key}".` });
        return;
      }
      if (seenHere.has(key)) {
        problems.push({ path: keyPath, message: `Dimension "${key}" is listed twice for this exercise.` });
        return;
      }
      seenHere.add(key);
      assessedBy.set(key, (assessedBy.get(key) ?? 0) + 1);
    });
  });

  dimensions.forEach((dimension, i) => {
    if (typeof dimension.key !== "string") return;
    const count = assessedBy.get(dimension.key) ?? 0;
    if (count < MIN_EXERCISES_PER_DIMENSION) {
      problems.push({
        path: `dimensions[${i}]`,
        message: `Dimension "${dimension.key}" is assessed by ${count} exercise(s); it needs at least ${MIN_EXERCISES_PER_DIMENSION}.`,
      });
    }
  });

  // ---------------------------------------------------------------- red flags
  const redFlags = content.redFlags ?? [];
  checkKeys(redFlags, "redFlags", "red flag", problems);
  redFlags.forEach((flag, i) => {
    if (isBlank(flag.label)) problems.push({ path: `redFlags[${i}].label`, message: "The red flag needs a label." });
    if (!(RED_FLAG_SEVERITIES as readonly string[]).includes(flag.severity)) {
      problems.push({
        path: `redFlags[${i}].severity`,
        message: `Unknown severity "${String(flag.severity)}" (expected ${RED_FLAG_SEVERITIES.join(" or ")}).`,
      });
    }
  });

  // ---------------------------------------------------------------- signals
  const signals = content.signals ?? [];
  checkKeys(signals, "signals", "signal", problems);
  signals.forEach((signal, i) => {
    if (isBlank(signal.label)) problems.push({ path: `signals[${i}].label`, message: "The signal needs a label." });
    if (!(SIGNAL_KINDS as readonly string[]).includes(signal.kind)) {
      problems.push({
        path: `signals[${i}].kind`,
        message: `Unknown signal kind "${String(signal.kind)}" (expected ${SIGNAL_KINDS.join(" or ")}).`,
      });
    }
  });

  if (format2) problems.push(...format2Problems(content));
  return problems;
}

// ------------------------------------------------------------------ format 2

export const MIN_EXERCISES_PER_DIMENSION_BY_CORE_PROBES = 2;

function blankStrings(list: unknown): boolean {
  return !Array.isArray(list) || list.length === 0 || list.some(isBlank);
}

/**
 * The format-2 rules: every scale point anchored; calibration answers and level guidance for every
 * dimension; probes tagged with dimensions of their exercise, every exercise dimension informed by a
 * core probe and every dimension reached through core probes by at least two exercises; phases that
 * add up to the exercise's duration with time for the candidate's questions; reveals inside the
 * exercise; a decision rule whose must-have dimensions exist; interviewer guidance with a do-not-ask
 * list; and format-1 fields that match the format-2 ones they are derived from.
 */
export function format2Problems(content: RubricContent): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const dimensions = content.dimensions ?? [];
  const exercises = content.exercises ?? [];
  const exerciseByKey = new Map(exercises.map((e) => [e.key, e]));

  // ---------------------------------------------------------------- dimensions
  dimensions.forEach((dimension, i) => {
    const path = `dimensions[${i}]`;
    const scale = dimension.scale;
    for (const point of SCALE_POINTS) {
      if (!scale || isBlank(scale[point])) {
        problems.push({ path: `${path}.scale.${point}`, message: `Scale point ${point} has no anchor.` });
      }
    }
    if (scale && SCALE_POINTS.every((point) => !isBlank(scale[point]))) {
      const bands = bandAnchorsFromScale(scale);
      const anchors = dimension.anchors;
      if (
        !anchors ||
        anchors.belowBar !== bands.belowBar ||
        anchors.meetsBar !== bands.meetsBar ||
        anchors.exceeds !== bands.exceeds
      ) {
        problems.push({
          path: `${path}.anchors`,
          message: "The three-band anchors are out of date with the scale (derive them with withDerivedFields).",
        });
      }
    }

    const levels = dimension.levels;
    for (const level of ["belowLead", "lead", "staffPlus"] as const) {
      if (!levels || isBlank(levels[level])) {
        problems.push({ path: `${path}.levels.${level}`, message: `The "${level}" level guidance is missing.` });
      }
    }

    const calibration = dimension.calibration;
    if (!calibration) {
      problems.push({ path: `${path}.calibration`, message: "The dimension needs calibration answers." });
      return;
    }
    const exercise = exerciseByKey.get(calibration.exerciseKey);
    if (!exercise || !(exercise.dimensionKeys ?? []).includes(dimension.key)) {
      problems.push({
        path: `${path}.calibration.exerciseKey`,
        message: `Calibration answers must come from an exercise that assesses "${dimension.key}" (got "${String(calibration.exerciseKey)}").`,
      });
    } else {
      const probe = (exercise.probes ?? []).find((p) => p.key === calibration.probeKey);
      if (!probe || !(probe.dimensionKeys ?? []).includes(dimension.key)) {
        problems.push({
          path: `${path}.calibration.probeKey`,
          message: `Calibration answers must answer a probe of "${exercise.key}" that informs "${dimension.key}" (got "${String(calibration.probeKey)}").`,
        });
      }
    }
    for (const point of CALIBRATION_POINTS) {
      if (!calibration.answers || isBlank(calibration.answers[point])) {
        problems.push({
          path: `${path}.calibration.answers.${point}`,
          message: `The calibration answer for a ${point} is missing.`,
        });
      }
    }
  });

  // ---------------------------------------------------------------- exercises
  const reachedByCore = new Map<string, number>();
  exercises.forEach((exercise, i) => {
    const path = `exercises[${i}]`;
    const exerciseDims = new Set(exercise.dimensionKeys ?? []);
    const probes = exercise.probes ?? [];
    if (probes.length === 0) problems.push({ path: `${path}.probes`, message: "The exercise needs probes." });
    checkKeys(probes, `${path}.probes`, "probe", problems);
    const informedByCore = new Set<string>();
    probes.forEach((probe, j) => {
      const probePath = `${path}.probes[${j}]`;
      if (isBlank(probe.question)) {
        problems.push({ path: `${probePath}.question`, message: "The probe needs a question." });
      }
      if (isBlank(probe.lookFor)) {
        problems.push({ path: `${probePath}.lookFor`, message: "The probe needs what to listen for." });
      }
      const tags = probe.dimensionKeys ?? [];
      if (tags.length === 0) {
        problems.push({
          path: `${probePath}.dimensionKeys`,
          message: "The probe must inform at least one dimension of its exercise.",
        });
      }
      tags.forEach((key, k) => {
        if (!exerciseDims.has(key)) {
          problems.push({
            path: `${probePath}.dimensionKeys[${k}]`,
            message: `The probe informs "${key}", which this exercise does not assess.`,
          });
        } else if (probe.core === true) {
          informedByCore.add(key);
        }
      });
    });
    if (probes.length > 0 && !probes.some((p) => p.core === true)) {
      problems.push({ path: `${path}.probes`, message: "The exercise needs at least one core probe." });
    }
    (exercise.dimensionKeys ?? []).forEach((key, k) => {
      if (!informedByCore.has(key)) {
        problems.push({
          path: `${path}.dimensionKeys[${k}]`,
          message: `No core probe of this exercise informs "${key}": tag one, or stop listing the dimension here.`,
        });
      }
    });
    for (const key of informedByCore) reachedByCore.set(key, (reachedByCore.get(key) ?? 0) + 1);

    const derived = orderedProbes(probes).map((p) => p.question);
    const questions = exercise.probeQuestions ?? [];
    if (probes.length > 0 && (derived.length !== questions.length || derived.some((q, k) => q !== questions[k]))) {
      problems.push({
        path: `${path}.probeQuestions`,
        message: "The probe questions are out of date with the probes (derive them with withDerivedFields).",
      });
    }

    phaseProblems(exercise, path, problems);
    revealProblems(exercise, path, problems);

    if (exercise.context !== undefined) {
      const context = exercise.context as Record<string, unknown>;
      if (CONTEXT_CARD_FIELDS.every((field) => isBlank(context[field]))) {
        problems.push({ path: `${path}.context`, message: "The context card is empty: fill a field or remove it." });
      }
    }
  });

  dimensions.forEach((dimension, i) => {
    const count = reachedByCore.get(dimension.key) ?? 0;
    if (count < MIN_EXERCISES_PER_DIMENSION_BY_CORE_PROBES) {
      problems.push({
        path: `dimensions[${i}]`,
        message: `Dimension "${dimension.key}" is reached by core probes in ${count} exercise(s); it needs at least ${MIN_EXERCISES_PER_DIMENSION_BY_CORE_PROBES}.`,
      });
    }
  });

  // ---------------------------------------------------------------- decision rule and guidance
  const rule = content.decisionRule;
  if (!rule) {
    problems.push({ path: "decisionRule", message: "A format-2 rubric needs a decision rule." });
  } else {
    if (isBlank(rule.statement)) {
      problems.push({ path: "decisionRule.statement", message: "The decision rule needs a statement." });
    }
    const mustHave = rule.mustHaveDimensionKeys ?? [];
    if (mustHave.length === 0) {
      problems.push({ path: "decisionRule.mustHaveDimensionKeys", message: "Name at least one must-have dimension." });
    }
    const known = new Set(dimensions.map((d) => d.key));
    const seen = new Set<string>();
    mustHave.forEach((key, k) => {
      const keyPath = `decisionRule.mustHaveDimensionKeys[${k}]`;
      if (!known.has(key)) problems.push({ path: keyPath, message: `Unknown dimension "${key}".` });
      else if (seen.has(key)) problems.push({ path: keyPath, message: `Dimension "${key}" is listed twice.` });
      seen.add(key);
    });
  }

  const guidance = content.interviewerGuidance;
  if (!guidance) {
    problems.push({ path: "interviewerGuidance", message: "A format-2 rubric needs interviewer guidance." });
  } else {
    for (const list of ["conduct", "timekeeping", "doNotAsk"] as const) {
      if (blankStrings(guidance[list])) {
        problems.push({
          path: `interviewerGuidance.${list}`,
          message: `The "${list}" guidance needs at least one item and no empty ones.`,
        });
      }
    }
  }

  return problems;
}

function phaseProblems(exercise: RubricExercise, path: string, problems: RubricProblem[]): void {
  const phases = exercise.phases ?? [];
  if (phases.length === 0) {
    problems.push({ path: `${path}.phases`, message: "The exercise needs timed phases." });
    return;
  }
  checkKeys(phases, `${path}.phases`, "phase", problems);
  let total = 0;
  let allWhole = true;
  phases.forEach((phase, j) => {
    if (isBlank(phase.label)) {
      problems.push({ path: `${path}.phases[${j}].label`, message: "The phase needs a label." });
    }
    if (typeof phase.minutes !== "number" || !Number.isInteger(phase.minutes) || phase.minutes <= 0) {
      problems.push({
        path: `${path}.phases[${j}].minutes`,
        message: `A phase lasts a positive whole number of minutes (got ${String(phase.minutes)}).`,
      });
      allWhole = false;
    } else {
      total += phase.minutes;
    }
  });
  if (allWhole && total !== exercise.durationMinutes) {
    problems.push({
      path: `${path}.phases`,
      message: `The phases add up to ${total} minutes; the exercise lasts ${String(exercise.durationMinutes)}.`,
    });
  }
  const forQuestions = phases.filter((p) => p.candidateQuestions === true).length;
  if (forQuestions !== 1) {
    problems.push({
      path: `${path}.phases`,
      message: `Keep exactly one phase for the candidate's questions (found ${forQuestions}).`,
    });
  }
}

function revealProblems(exercise: RubricExercise, path: string, problems: RubricProblem[]): void {
  const reveals = exercise.reveals ?? [];
  checkKeys(reveals, `${path}.reveals`, "reveal", problems);
  let previous = -1;
  reveals.forEach((reveal, j) => {
    const revealPath = `${path}.reveals[${j}]`;
    if (isBlank(reveal.show)) problems.push({ path: `${revealPath}.show`, message: "Say what the reveal shows." });
    if (isBlank(reveal.listenFor)) {
      problems.push({ path: `${revealPath}.listenFor`, message: "Say what to listen for after the reveal." });
    }
    const minute = reveal.atMinute;
    if (typeof minute !== "number" || !Number.isInteger(minute) || minute < 0 || minute >= exercise.durationMinutes) {
      problems.push({
        path: `${revealPath}.atMinute`,
        message: `A reveal comes at a whole minute within the exercise (0 to ${exercise.durationMinutes - 1}; got ${String(minute)}).`,
      });
    } else if (minute < previous) {
      problems.push({ path: `${revealPath}.atMinute`, message: "Reveals must be listed in the order they come." });
    } else {
      previous = minute;
    }
  });
}
