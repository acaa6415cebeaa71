/**
 * Rubric version pages: the clone form, the editor's intents, the diff picker, and turning a
 * posted draft back into form values (so nothing typed is lost on an error). Pure; no IO.
 */
import * as z from "zod";

import {
  BLANK_DIMENSION,
  BLANK_DIMENSION_FORMAT_2,
  BLANK_EXERCISE,
  BLANK_EXERCISE_FORMAT_2,
  BLANK_PHASE,
  BLANK_PROBE,
  BLANK_RED_FLAG,
  BLANK_REVEAL,
  BLANK_SIGNAL,
  GUIDANCE_FIELDS,
  problemsToFieldErrors,
  type RubricDraftFormValues,
} from "./draft-schema";
import type { RubricProblem } from "./validate";
import { RED_FLAG_SEVERITIES, SIGNAL_KINDS } from "../vocabulary";
import { CONTEXT_CARD_FIELDS, type RubricContent } from "./model";
import type { WordSegment } from "./diff";

const versionId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a version from the list.");

export const cloneVersionSchema = z.object({
  intent: z.literal("clone", { error: "Unknown action. Reload the page and try again." }),
  versionId,
});

export const rubricEditorIntentSchema = z.object({
  intent: z.enum(["save", "publish", "discard"], { error: "Unknown action. Reload the page and try again." }),
});
export type RubricEditorIntent = z.output<typeof rubricEditorIntentSchema>["intent"];

/** `/rubrics/diff?a=…&b=…`: both optional (the page offers a picker); unknown shapes are ignored. */
export const diffParamsSchema = z.object({
  a: versionId.optional().catch(undefined),
  b: versionId.optional().catch(undefined),
});

// Echoed back into the form after a 400: generous (the request body limit bounds it) so an over-long
// field comes back intact for the user to shorten, instead of silently cut.
const str = (v: unknown, max = 100_000): string => (typeof v === "string" ? v.slice(0, max) : "");

function rowsOf(v: unknown): Record<string, unknown>[] {
  let list: unknown[] = [];
  if (Array.isArray(v)) list = v;
  else if (v && typeof v === "object") {
    list = Object.entries(v as Record<string, unknown>)
      .filter(([k]) => /^\d{1,4}$/.test(k))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, x]) => x);
  }
  return list
    .slice(0, 80)
    .map((x) => (x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {}));
}

const isChecked = (v: unknown) =>
  v === true || v === "on" || v === "true" || (Array.isArray(v) && v.some((x) => x === "on" || x === "true"));
const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : [];

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = <K extends string>(v: unknown, keys: readonly K[]): Record<K, string> => {
  const r = record(v);
  return Object.fromEntries(keys.map((k) => [k, str(r[k])])) as Record<K, string>;
};

/**
 * A posted editor form (from `formDataToObject`) as the editor's form values, every field a
 * string as typed. Used to re-render the form with the user's text after a refused save. With
 * `format2`, the format-2 fields (scale points, calibration, levels, probes, phases, reveals,
 * context card, decision rule, guidance) come back too.
 */
export function draftBodyToFormValues(body: Record<string, unknown>, format2 = false): RubricDraftFormValues {
  return {
    summary: str(body.summary),
    dimensions: rowsOf(body.dimensions).map((d) => {
      const a = d.anchors && typeof d.anchors === "object" ? (d.anchors as Record<string, unknown>) : {};
      return {
        key: str(d.key, 100),
        name: str(d.name),
        description: str(d.description),
        anchors: { belowBar: str(a.belowBar), meetsBar: str(a.meetsBar), exceeds: str(a.exceeds) },
        weight: str(d.weight, 20),
        ...(format2
          ? {
              scale: strings(d.scale, ["p1", "p2", "p3", "p4"] as const),
              calibration: strings(d.calibration, ["exerciseKey", "probeKey", "a2", "a3", "a4"] as const),
              levels: strings(d.levels, ["belowLead", "lead", "staffPlus"] as const),
            }
          : {}),
        remove: isChecked(d.remove),
      };
    }),
    exercises: rowsOf(body.exercises).map((e) => ({
      key: str(e.key, 100),
      title: str(e.title),
      durationMinutes: str(e.durationMinutes, 20),
      prompt: str(e.prompt),
      focusPoints: str(e.focusPoints),
      probeQuestions: str(e.probeQuestions),
      dimensionKeys: stringList(e.dimensionKeys),
      ...(format2
        ? {
            probes: rowsOf(e.probes).map((p) => ({
              key: str(p.key, 100),
              question: str(p.question),
              lookFor: str(p.lookFor),
              core: isChecked(p.core),
              dimensionKeys: stringList(p.dimensionKeys),
              remove: isChecked(p.remove),
            })),
            phases: rowsOf(e.phases).map((p) => ({
              key: str(p.key, 100),
              label: str(p.label),
              minutes: str(p.minutes, 20),
              candidateQuestions: isChecked(p.candidateQuestions),
              remove: isChecked(p.remove),
            })),
            reveals: rowsOf(e.reveals).map((r) => ({
              key: str(r.key, 100),
              atMinute: str(r.atMinute, 20),
              show: str(r.show),
              listenFor: str(r.listenFor),
              remove: isChecked(r.remove),
            })),
            context: strings(e.context, CONTEXT_CARD_FIELDS),
          }
        : {}),
      remove: isChecked(e.remove),
    })),
    redFlags: rowsOf(body.redFlags).map((f) => ({
      key: str(f.key, 100),
      label: str(f.label),
      description: str(f.description),
      severity: (RED_FLAG_SEVERITIES as readonly string[]).includes(str(f.severity))
        ? (str(f.severity) as (typeof RED_FLAG_SEVERITIES)[number])
        : "concern",
      remove: isChecked(f.remove),
    })),
    signals: rowsOf(body.signals).map((s) => ({
      key: str(s.key, 100),
      label: str(s.label),
      kind: (SIGNAL_KINDS as readonly string[]).includes(str(s.kind))
        ? (str(s.kind) as (typeof SIGNAL_KINDS)[number])
        : "strong",
      remove: isChecked(s.remove),
    })),
    ...(format2
      ? {
          decisionRule: {
            mustHaveDimensionKeys: stringList(record(body.decisionRule).mustHaveDimensionKeys),
            statement: str(record(body.decisionRule).statement),
          },
          interviewerGuidance: strings(body.interviewerGuidance, GUIDANCE_FIELDS),
        }
      : {}),
  };
}

const blankText = (v: unknown): boolean =>
  typeof v === "string" ? v === "" : v && typeof v === "object" ? Object.values(v).every(blankText) : true;

/** A row whose text fields are all empty (checkboxes and numbers aside): the spare row. */
function isSpare(row: Record<string, unknown>, textFields: readonly string[]): boolean {
  return textFields.every((f) => blankText(row[f]));
}

function spare<T extends Record<string, unknown>>(rows: T[], blank: T, textFields: readonly string[]): T[] {
  return rows.length > 0 && isSpare(rows[rows.length - 1]!, textFields) ? rows : [...rows, structuredClone(blank)];
}

/**
 * Form values with one spare blank row per list (to add an item without JavaScript), including
 * each format-2 exercise's probes, phases and reveals.
 */
export function withSpareRows(v: RubricDraftFormValues): RubricDraftFormValues {
  const format2 = "decisionRule" in v && v.decisionRule !== undefined;
  return {
    ...v,
    dimensions: spare(v.dimensions, format2 ? BLANK_DIMENSION_FORMAT_2 : BLANK_DIMENSION, [
      "key",
      "name",
      "description",
      "anchors",
      "scale",
      "levels",
    ]),
    exercises: spare(
      v.exercises.map((e) =>
        format2
          ? {
              ...e,
              probes: spare(e.probes ?? [], BLANK_PROBE, ["key", "question", "lookFor"]),
              phases: spare(e.phases ?? [], BLANK_PHASE, ["key", "label"]),
              reveals: spare(e.reveals ?? [], BLANK_REVEAL, ["key", "show", "listenFor"]),
            }
          : e,
      ),
      format2
        ? {
            ...BLANK_EXERCISE_FORMAT_2,
            probes: [structuredClone(BLANK_PROBE)],
            phases: [structuredClone(BLANK_PHASE)],
            reveals: [structuredClone(BLANK_REVEAL)],
          }
        : BLANK_EXERCISE,
      ["key", "title", "prompt", "focusPoints", "probeQuestions"],
    ),
    redFlags: spare(v.redFlags, { ...BLANK_RED_FLAG, severity: "concern" as (typeof RED_FLAG_SEVERITIES)[number] }, [
      "key",
      "label",
      "description",
    ]),
    signals: spare(v.signals, { ...BLANK_SIGNAL, kind: "strong" as (typeof SIGNAL_KINDS)[number] }, ["key", "label"]),
  };
}

const ANCHOR_WORDS: Record<string, string> = {
  belowBar: "below the bar",
  meetsBar: "meets the bar",
  exceeds: "exceeds the bar",
};

/** Rewords anchor keys in a publish-check message for people ("meetsBar" → "meets the bar"). */
export function humaniseProblem(message: string): string {
  return message.replace(
    /The "(belowBar|meetsBar|exceeds)" anchor is missing\./,
    (_m, k: string) => `The “${ANCHOR_WORDS[k]}” anchor is missing.`,
  );
}

/**
 * Publish-check problems as sentences naming the item they are about, for the list above the
 * editor (the same problems also show next to their fields).
 */
export function describeProblems(
  problems: readonly { path: string; message: string }[],
  content: RubricContent,
): string[] {
  return problems.map((p) => {
    const m = /^(dimensions|exercises|redFlags|signals)\[(\d+)\]/.exec(p.path);
    const message = humaniseProblem(p.message);
    if (!m) return message;
    const i = Number(m[2]);
    const name =
      m[1] === "dimensions"
        ? content.dimensions[i]?.name
        : m[1] === "exercises"
          ? content.exercises[i]?.title
          : m[1] === "redFlags"
            ? content.redFlags[i]?.label
            : content.signals[i]?.label;
    return name ? `${name}: ${message}` : message;
  });
}

/**
 * Publish-check problems as the editor shows them: each humanised message next to its field, and
 * all of them as a list naming the item they are about.
 */
export function publishProblemReport(
  problems: readonly RubricProblem[],
  content: RubricContent,
): { fieldErrors: Record<string, string[]>; list: string[] } {
  const fieldErrors = problemsToFieldErrors(problems);
  for (const k of Object.keys(fieldErrors)) fieldErrors[k] = fieldErrors[k]!.map(humaniseProblem);
  return { fieldErrors, list: describeProblems(problems, content) };
}

/**
 * One side of a word diff. Spaces between two changed words count as changed too, so a rewritten
 * phrase reads as one highlighted run rather than a row of separate words.
 */
export function sideRuns(
  segments: readonly WordSegment[],
  side: "before" | "after",
): { changed: boolean; text: string }[] {
  const own = side === "before" ? "removed" : "added";
  const list = segments
    .filter((s) => s.kind === "same" || s.kind === own)
    .map((s) => ({ changed: s.kind !== "same", text: s.text }));
  list.forEach((s, i) => {
    if (!s.changed && /^\s+$/.test(s.text) && list[i - 1]?.changed && list[i + 1]?.changed) s.changed = true;
  });
  const runs: { changed: boolean; text: string }[] = [];
  for (const s of list) {
    const last = runs[runs.length - 1];
    if (last && last.changed === s.changed) last.text += s.text;
    else runs.push({ ...s });
  }
  return runs;
}
