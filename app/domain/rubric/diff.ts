/**
 * Side-by-side diff of two rubric versions: items (dimensions, exercises, red flags, signals) are
 * matched by key, then compared field by field; text fields carry a word-level diff for
 * highlighting. Format-2 fields (per-point anchors, levels, calibration, probes, phases, reveals,
 * context cards, decision rule, interviewer guidance) are compared where either side has them;
 * the format-1 fields they derive are then left out. Pure; no IO.
 */
import { RED_FLAG_SEVERITY_LABELS, RATING_LABELS, SIGNAL_KIND_LABELS } from "../vocabulary";
import {
  CALIBRATION_POINTS,
  CONTEXT_CARD_FIELDS,
  SCALE_POINTS,
  orderedProbes,
  type RubricContent,
  type RubricDimension,
  type RubricExercise,
  type RubricRedFlag,
  type RubricSignal,
} from "./model";

export type DiffStatus = "added" | "removed" | "changed" | "unchanged";

export interface WordSegment {
  kind: "same" | "removed" | "added";
  text: string;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
  /** word-level diff of before → after (for highlighting both sides) */
  segments: WordSegment[];
}

export interface ItemDiff {
  key: string;
  /** the item's title on the newer side (or the older one when removed) */
  title: string;
  status: DiffStatus;
  /** moved to another position in the list (not counted as a change on its own) */
  moved: boolean;
  changes: FieldChange[];
  /** every compared field, for showing removed/added items in full */
  before: Record<string, string> | null;
  after: Record<string, string> | null;
}

export interface SectionDiff {
  section: "dimensions" | "exercises" | "redFlags" | "signals";
  label: string;
  items: ItemDiff[];
  counts: Record<DiffStatus, number>;
}

export interface RubricDiff {
  summary: FieldChange | null;
  /** Content-level changes: format, decision rule, interviewer guidance. */
  rules: FieldChange[];
  sections: SectionDiff[];
  /** true when nothing differs at all */
  identical: boolean;
}

const WORD_LIMIT = 2000;

/** Splits into words and the whitespace between them, keeping both (so joining gives the text back). */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * Word-level diff (longest common subsequence over words and spaces). Very long texts fall back to
 * "all removed, all added" to keep the cost bounded.
 *
 * @example wordDiff("meets the bar", "exceeds the bar")
 * // [{kind:"removed",text:"meets"},{kind:"added",text:"exceeds"},{kind:"same",text:" the bar"}]
 */
export function wordDiff(before: string, after: string): WordSegment[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  if (a.length > WORD_LIMIT || b.length > WORD_LIMIT) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const next = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
    }
  }
  const out: WordSegment[] = [];
  const push = (kind: WordSegment["kind"], text: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push("removed", a[i]!);
      i++;
    } else {
      push("added", b[j]!);
      j++;
    }
  }
  while (i < n) push("removed", a[i++]!);
  while (j < m) push("added", b[j++]!);
  return out;
}

type Fields = Record<string, string>;

function dimensionFields(d: RubricDimension, exercises: Map<string, RubricExercise>): Fields {
  const fields: Fields = { name: d.name, description: d.description };
  if (d.scale) {
    for (const point of SCALE_POINTS) fields[`scale.${point}`] = d.scale[point];
  } else {
    fields["anchors.belowBar"] = d.anchors.belowBar;
    fields["anchors.meetsBar"] = d.anchors.meetsBar;
    fields["anchors.exceeds"] = d.anchors.exceeds;
  }
  fields.weight = `${d.weight}%`;
  if (d.levels) {
    fields["levels.belowLead"] = d.levels.belowLead;
    fields["levels.lead"] = d.levels.lead;
    fields["levels.staffPlus"] = d.levels.staffPlus;
  }
  if (d.calibration) {
    const exercise = exercises.get(d.calibration.exerciseKey);
    const probe = exercise?.probes?.find((p) => p.key === d.calibration?.probeKey);
    fields["calibration.probe"] =
      `${exercise?.title ?? d.calibration.exerciseKey}: ${probe?.question ?? d.calibration.probeKey}`;
    for (const point of CALIBRATION_POINTS) fields[`calibration.${point}`] = d.calibration.answers[point];
  }
  return fields;
}

function exerciseFields(e: RubricExercise, dimensionNames: Map<string, string>): Fields {
  const names = (keys: readonly string[]) => keys.map((k) => dimensionNames.get(k) ?? k).join(", ");
  const fields: Fields = { title: e.title, durationMinutes: `${e.durationMinutes} min`, prompt: e.prompt };
  if (e.probes) {
    fields.probes = orderedProbes(e.probes)
      .map(
        (p) => `${p.core ? "Core" : "Optional"}: ${p.question} (${names(p.dimensionKeys)}). Listen for: ${p.lookFor}`,
      )
      .join("\n");
  } else {
    fields.focusPoints = e.focusPoints.map((f) => f.label).join("\n");
    fields.probeQuestions = e.probeQuestions.join("\n");
  }
  fields.dimensionKeys = e.dimensionKeys.map((k) => dimensionNames.get(k) ?? k).join("\n");
  if (e.phases) {
    fields.phases = e.phases
      .map((p) => `${p.minutes} min: ${p.label}${p.candidateQuestions ? " (candidate's questions)" : ""}`)
      .join("\n");
  }
  if (e.reveals) {
    fields.reveals = e.reveals.map((r) => `Minute ${r.atMinute}: ${r.show} Listen for: ${r.listenFor}`).join("\n");
  }
  for (const field of CONTEXT_CARD_FIELDS) {
    const value = e.context?.[field];
    if (value) fields[`context.${field}`] = value;
  }
  return fields;
}

function ruleFields(c: RubricContent, dimensionNames: Map<string, string>): Fields {
  const fields: Fields = { format: c.format === 2 ? "Format 2" : "Format 1" };
  if (c.decisionRule) {
    fields["decisionRule.mustHave"] = c.decisionRule.mustHaveDimensionKeys
      .map((k) => dimensionNames.get(k) ?? k)
      .join("\n");
    fields["decisionRule.statement"] = c.decisionRule.statement;
  }
  if (c.interviewerGuidance) {
    fields["guidance.conduct"] = c.interviewerGuidance.conduct.join("\n");
    fields["guidance.timekeeping"] = c.interviewerGuidance.timekeeping.join("\n");
    fields["guidance.doNotAsk"] = c.interviewerGuidance.doNotAsk.join("\n");
  }
  return fields;
}

function redFlagFields(f: RubricRedFlag): Fields {
  return {
    label: f.label,
    description: f.description,
    severity: RED_FLAG_SEVERITY_LABELS[f.severity],
  };
}

function signalFields(s: RubricSignal): Fields {
  return { label: s.label, kind: `${SIGNAL_KIND_LABELS[s.kind]} signal` };
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  description: "Description",
  "anchors.belowBar": "Anchor: below bar",
  "anchors.meetsBar": "Anchor: meets bar",
  "anchors.exceeds": "Anchor: exceeds bar",
  weight: "Default weight",
  title: "Title",
  durationMinutes: "Duration",
  prompt: "Prompt",
  focusPoints: "Focus points",
  probeQuestions: "Probe questions",
  dimensionKeys: "Dimensions assessed",
  label: "Label",
  severity: "Severity",
  kind: "Kind",
  ...Object.fromEntries(SCALE_POINTS.map((p) => [`scale.${p}`, `Anchor: ${p} (${RATING_LABELS[p].toLowerCase()})`])),
  "levels.belowLead": "Level: below Lead",
  "levels.lead": "Level: Lead",
  "levels.staffPlus": "Level: Staff+",
  "calibration.probe": "Calibration: question answered",
  ...Object.fromEntries(CALIBRATION_POINTS.map((p) => [`calibration.${p}`, `Calibration: a ${p} answer`])),
  probes: "Probes",
  phases: "Phases",
  reveals: "Scripted reveals",
  "context.scale": "Context card: scale",
  "context.labelDelay": "Context card: label delay",
  "context.team": "Context card: team",
  "context.stack": "Context card: stack",
  "context.budget": "Context card: budget",
  format: "Content format",
  "decisionRule.mustHave": "Decision rule: must-have dimensions",
  "decisionRule.statement": "Decision rule",
  "guidance.conduct": "Interviewer guidance: conduct",
  "guidance.timekeeping": "Interviewer guidance: timekeeping",
  "guidance.doNotAsk": "Interviewer guidance: do not ask",
};

/** The reader's name of a rubric field in the diff ("anchors.meetsBar" -> "Anchor: meets bar"). */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

function compareFields(before: Fields, after: Fields): FieldChange[] {
  const changes: FieldChange[] = [];
  // fields of the newer side first, then those only the older one has
  const fields = [...Object.keys(after), ...Object.keys(before).filter((f) => !(f in after))];
  for (const field of fields) {
    const b = before[field] ?? "";
    const a = after[field] ?? "";
    if (a !== b) changes.push({ field, label: fieldLabel(field), before: b, after: a, segments: wordDiff(b, a) });
  }
  return changes;
}

function diffSection<T extends { key: string }>(
  section: SectionDiff["section"],
  label: string,
  older: readonly T[],
  newer: readonly T[],
  fields: (item: T) => Fields,
  title: (item: T) => string,
): SectionDiff {
  const oldByKey = new Map(older.map((item, i) => [item.key, { item, i }]));
  const newKeys = new Set(newer.map((item) => item.key));
  const items: ItemDiff[] = [];
  // Order: the newer version's order, removed items after the item that preceded them.
  const commonOld = older.filter((o) => newKeys.has(o.key)).map((o) => o.key);
  const commonNew = newer.filter((n) => oldByKey.has(n.key)).map((n) => n.key);
  const rank = new Map(commonOld.map((k, i) => [k, i]));
  newer.forEach((item) => {
    const prev = oldByKey.get(item.key);
    if (!prev) {
      items.push({
        key: item.key,
        title: title(item),
        status: "added",
        moved: false,
        changes: [],
        before: null,
        after: fields(item),
      });
      return;
    }
    const before = fields(prev.item);
    const after = fields(item);
    const changes = compareFields(before, after);
    const moved = rank.get(item.key) !== commonNew.indexOf(item.key);
    items.push({
      key: item.key,
      title: title(item),
      status: changes.length ? "changed" : "unchanged",
      moved,
      changes,
      before,
      after,
    });
  });
  older.forEach((item, i) => {
    if (newKeys.has(item.key)) return;
    // place after the last surviving item that preceded it in the older version
    let insertAt = 0;
    for (let k = i - 1; k >= 0; k--) {
      const found = items.findIndex((x) => x.key === older[k]!.key);
      if (found >= 0) {
        insertAt = found + 1;
        break;
      }
    }
    items.splice(insertAt, 0, {
      key: item.key,
      title: title(item),
      status: "removed",
      moved: false,
      changes: [],
      before: fields(item),
      after: null,
    });
  });
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const it of items) counts[it.status]++;
  return { section, label, items, counts };
}

/**
 * Compares an older and a newer rubric version.
 *
 * @example diffRubrics(v1, v1).identical // true
 */
export function diffRubrics(older: RubricContent, newer: RubricContent): RubricDiff {
  const names = new Map<string, string>([...older.dimensions, ...newer.dimensions].map((d) => [d.key, d.name]));
  const olderExercises = new Map(older.exercises.map((e) => [e.key, e]));
  const newerExercises = new Map(newer.exercises.map((e) => [e.key, e]));
  const sections: SectionDiff[] = [
    diffSection(
      "dimensions",
      "Dimensions",
      older.dimensions,
      newer.dimensions,
      // an item's fields are built against its own version's exercises
      (d) => dimensionFields(d, older.dimensions.includes(d) ? olderExercises : newerExercises),
      (d) => d.name,
    ),
    diffSection(
      "exercises",
      "Exercises",
      older.exercises,
      newer.exercises,
      (e) => exerciseFields(e, names),
      (e) => e.title,
    ),
    diffSection("redFlags", "Red flags", older.redFlags, newer.redFlags, redFlagFields, (f) => f.label),
    diffSection("signals", "Signals", older.signals, newer.signals, signalFields, (s) => s.label),
  ];
  const summary =
    older.summary === newer.summary
      ? null
      : {
          field: "summary",
          label: "Summary",
          before: older.summary,
          after: newer.summary,
          segments: wordDiff(older.summary, newer.summary),
        };
  const rules = compareFields(ruleFields(older, names), ruleFields(newer, names));
  const identical =
    summary === null &&
    rules.length === 0 &&
    sections.every((s) => s.items.every((i) => i.status === "unchanged" && !i.moved));
  return { summary, rules, sections, identical };
}
