import { describe, expect, test } from "vitest";

import { candidateImportSchema, candidateIntentSchema } from "../../../app/domain/candidate/page-schema";
import { contentToFormValues, draftToContent, rubricDraftSchema } from "../../../app/domain/rubric/draft-schema";
import { diffRubrics, wordDiff } from "../../../app/domain/rubric/diff";
import {
  describeProblems,
  diffParamsSchema,
  draftBodyToFormValues,
  humaniseProblem,
  sideRuns,
  withSpareRows,
} from "../../../app/domain/rubric/page-schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { validateRubricContent } from "../../../app/domain/rubric/validate";
import { personActionSchema } from "../../../app/domain/people/schema";
import { formDataToObject } from "../../../app/server/form.server";

/** The editor's form values as a browser posts them (dotted names), parsed the way the server does. */
function post(values: ReturnType<typeof contentToFormValues>): Record<string, unknown> {
  const fd = new FormData();
  fd.append("summary", values.summary);
  values.dimensions.forEach((d, i) => {
    for (const [k, v] of Object.entries({ key: d.key, name: d.name, description: d.description, weight: d.weight }))
      fd.append(`dimensions.${i}.${k}`, v);
    for (const [k, v] of Object.entries(d.anchors)) fd.append(`dimensions.${i}.anchors.${k}`, v);
    if (d.remove) fd.append(`dimensions.${i}.remove`, "on");
  });
  values.exercises.forEach((e, i) => {
    for (const [k, v] of Object.entries({
      key: e.key,
      title: e.title,
      durationMinutes: e.durationMinutes,
      prompt: e.prompt,
      focusPoints: e.focusPoints,
      probeQuestions: e.probeQuestions,
    }))
      fd.append(`exercises.${i}.${k}`, v);
    for (const k of e.dimensionKeys) fd.append(`exercises.${i}.dimensionKeys`, k);
  });
  values.redFlags.forEach((f, i) => {
    for (const [k, v] of Object.entries({
      key: f.key,
      label: f.label,
      description: f.description,
      severity: f.severity,
    }))
      fd.append(`redFlags.${i}.${k}`, v);
  });
  values.signals.forEach((s, i) => {
    for (const [k, v] of Object.entries({ key: s.key, label: s.label, kind: s.kind }))
      fd.append(`signals.${i}.${k}`, v);
  });
  return formDataToObject(fd);
}

describe("rubric editor form values", () => {
  test("a posted form turns back into exactly the form values it came from (nothing typed is lost)", () => {
    const values = contentToFormValues(LEAD_ML_ARCHITECT_V1);
    expect(draftBodyToFormValues(post(values))).toEqual(values);
  });

  test("posting the unchanged editor (with its spare blank rows) saves the same content", () => {
    const body = post(withSpareRows(contentToFormValues(LEAD_ML_ARCHITECT_V1)));
    const parsed = rubricDraftSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    const content = draftToContent(parsed.data!, LEAD_ML_ARCHITECT_V1);
    expect(content).toEqual(LEAD_ML_ARCHITECT_V1);
    expect(diffRubrics(LEAD_ML_ARCHITECT_V1, content).identical).toBe(true);
  });

  test("one spare row per list, never two", () => {
    const once = withSpareRows(contentToFormValues(LEAD_ML_ARCHITECT_V1));
    expect(once.dimensions).toHaveLength(LEAD_ML_ARCHITECT_V1.dimensions.length + 1);
    expect(once.signals).toHaveLength(LEAD_ML_ARCHITECT_V1.signals.length + 1);
    expect(withSpareRows(once)).toEqual(once);
    const empty = withSpareRows({ summary: "", dimensions: [], exercises: [], redFlags: [], signals: [] });
    expect(empty.exercises).toEqual([expect.objectContaining({ key: "", title: "", durationMinutes: "45" })]);
  });

  test("hostile or malformed bodies become plain strings, never throw", () => {
    const v = draftBodyToFormValues({
      summary: ["a", "b"],
      dimensions: "x",
      exercises: { "0": "nope", "1": { title: 5, dimensionKeys: "one" } },
      redFlags: [{ severity: "fatal" }],
      signals: null,
    });
    expect(v.summary).toBe("");
    expect(v.dimensions).toEqual([]);
    expect(v.exercises[1]).toMatchObject({ title: "", dimensionKeys: ["one"] });
    expect(v.redFlags[0]!.severity).toBe("concern");
  });
});

describe("publish problems for people", () => {
  test("anchors are named in words and problems name their item", () => {
    expect(humaniseProblem('The "meetsBar" anchor is missing.')).toBe("The “meets the bar” anchor is missing.");
    const broken = structuredClone(LEAD_ML_ARCHITECT_V1);
    broken.dimensions[2]!.anchors.belowBar = "";
    const problems = validateRubricContent(broken);
    expect(describeProblems(problems, broken)).toEqual([
      `${broken.dimensions[2]!.name}: The “below the bar” anchor is missing.`,
    ]);
  });
});

describe("diff runs", () => {
  test("a rewritten phrase is one highlighted run on each side", () => {
    const segments = wordDiff("sketches a consistent path here", "sketches the full path here");
    expect(sideRuns(segments, "before")).toEqual([
      { changed: false, text: "sketches " },
      { changed: true, text: "a consistent" },
      { changed: false, text: " path here" },
    ]);
    expect(sideRuns(segments, "after")).toEqual([
      { changed: false, text: "sketches " },
      { changed: true, text: "the full" },
      { changed: false, text: " path here" },
    ]);
    // the two sides put back together give the texts
    expect(
      sideRuns(segments, "before")
        .map((r) => r.text)
        .join(""),
    ).toBe("sketches a consistent path here");
  });
});

describe("small page schemas", () => {
  test("intents and ids are checked", () => {
    expect(candidateIntentSchema.safeParse({ intent: "archive" }).success).toBe(true);
    expect(candidateIntentSchema.safeParse({ intent: "erase" }).success).toBe(false);
    expect(candidateImportSchema.safeParse({ intent: "import", csv: " \n " }).success).toBe(false);
    expect(personActionSchema.safeParse({ intent: "deactivate", userId: "../../etc" }).success).toBe(false);
    expect(diffParamsSchema.parse({ a: "abc_DEF-1", b: "<script>" })).toEqual({ a: "abc_DEF-1", b: undefined });
  });
});
