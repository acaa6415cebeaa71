/**
 * Structural validation of rubric content (a published version or a draft about to be published).
 * Pure: takes the content, returns the list of problems found (empty when the rubric is usable).
 */
import { RED_FLAG_SEVERITIES, SIGNAL_KINDS } from "../vocabulary";
import { type RubricContent } from "./model";

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
    for (const anchor of ["belowBar", "meetsBar", "exceeds"] as const) {
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
    if (focusPoints.length === 0) {
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

  return problems;
}
