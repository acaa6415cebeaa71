// The rubric editor on a format-2 draft (rubric v2): every new field goes through the form and back
// unchanged, refused input names its field, and the typed text comes back intact.
import { describe, expect, it } from "vitest";

import {
  contentToFormValues,
  draftToContent,
  problemsToFieldErrors,
  rubricDraftSchema,
} from "../../../app/domain/rubric/draft-schema";
import { LEAD_ML_ARCHITECT_V2 } from "../../../app/domain/rubric/lead-ml-architect-v2";
import type { RubricContent } from "../../../app/domain/rubric/model";
import { draftBodyToFormValues, publishProblemReport, withSpareRows } from "../../../app/domain/rubric/page-schema";
import { validateRubricContent } from "../../../app/domain/rubric/validate";
import { formDataToObject } from "../../../app/server/form.server";

const v2 = () => structuredClone(LEAD_ML_ARCHITECT_V2) as RubricContent;
type FormValues = ReturnType<typeof contentToFormValues>;

/** Appends form values the way the browser posts the editor: dotted names, ticked boxes only. */
function append(fd: FormData, name: string, value: unknown): void {
  if (typeof value === "string") fd.append(name, value);
  else if (value === true) fd.append(name, "on");
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      // a checkbox group posts its ticked values under one name; a list of rows is indexed
      if (typeof item === "string") fd.append(name, item);
      else append(fd, `${name}.${i}`, item);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) append(fd, name ? `${name}.${k}` : k, v);
  }
}
function post(values: FormValues): Record<string, unknown> {
  const fd = new FormData();
  append(fd, "", values);
  return formDataToObject(fd);
}

function parsed(values: FormValues) {
  const r = rubricDraftSchema.safeParse(post(values));
  if (!r.success) throw new Error(JSON.stringify(r.error.issues.slice(0, 3)));
  return r.data;
}

describe("rubric editor, format 2", () => {
  it("posting the unchanged v2 editor (spare rows included) saves exactly v2, which still publishes", () => {
    const values = withSpareRows(contentToFormValues(v2()));
    const content = draftToContent(parsed(values), v2());
    expect(content).toEqual(v2());
    expect(validateRubricContent(content)).toEqual([]);
  });

  it("a posted v2 form turns back into exactly the values it came from (nothing typed is lost)", () => {
    const values = withSpareRows(contentToFormValues(v2()));
    values.exercises[0]!.probes![0]!.lookFor = "typed text ✓ with <angle> brackets";
    expect(draftBodyToFormValues(post(values), true)).toEqual(values);
  });

  it("edits every format-2 field: scale point, level, calibration, probe, phase, reveal, context, rule, guidance", () => {
    const values = withSpareRows(contentToFormValues(v2()));
    const d = values.dimensions[0]!;
    d.scale!.p2 = "Names the parts only when asked.";
    d.levels!.staffPlus = "Sets the pattern other teams copy.";
    d.calibration!.a4 = "A four answer.";
    const e = values.exercises[0]!;
    const newProbe = e.probes!.at(-1)!; // the spare row
    Object.assign(newProbe, {
      question: "What would you cut first?",
      lookFor: "A priority, stated",
      core: false,
      dimensionKeys: [e.dimensionKeys[0]!],
    });
    e.phases![0]!.label = "Opening";
    e.context!.budget = "Two engineers for a quarter.";
    const drill = values.exercises.find((x) => (x.reveals ?? []).length > 1)!;
    drill.reveals![0]!.show = "The dashboard at minute ten.";
    values.decisionRule!.statement = "Dealbreakers first.";
    values.interviewerGuidance!.doNotAsk += "\nFamily plans";

    const c = draftToContent(parsed(values), v2());
    expect(c.dimensions[0]!.scale![2]).toBe("Names the parts only when asked.");
    expect(c.dimensions[0]!.anchors.belowBar).toContain("Names the parts only when asked."); // derived
    expect(c.dimensions[0]!.levels!.staffPlus).toBe("Sets the pattern other teams copy.");
    expect(c.dimensions[0]!.calibration!.answers[4]).toBe("A four answer.");
    const probe = c.exercises[0]!.probes!.at(-1)!;
    expect(probe).toEqual({
      key: "what_would_you_cut_first",
      question: "What would you cut first?",
      lookFor: "A priority, stated",
      core: false,
      dimensionKeys: [e.dimensionKeys[0]],
    });
    expect(c.exercises[0]!.probeQuestions.at(-1)).toBe("What would you cut first?"); // derived, optional last
    expect(c.exercises[0]!.phases![0]!.label).toBe("Opening");
    expect(c.exercises[0]!.context!.budget).toBe("Two engineers for a quarter.");
    expect(c.exercises.find((x) => x.key === drill.key)!.reveals![0]!.show).toBe("The dashboard at minute ten.");
    expect(c.decisionRule!.statement).toBe("Dealbreakers first.");
    expect(c.interviewerGuidance!.doNotAsk.at(-1)).toBe("Family plans");
  });

  it("removes probes, phases and reveals ticked “Remove”", () => {
    const values = withSpareRows(contentToFormValues(v2()));
    const drill = values.exercises.findIndex((x) => (x.reveals ?? []).length > 1);
    const e = values.exercises[drill]!;
    const [firstProbe, firstPhase, firstReveal] = [e.probes![0]!.key, e.phases![0]!.key, e.reveals![0]!.key];
    e.probes![0]!.remove = true;
    e.phases![0]!.remove = true;
    e.reveals![0]!.remove = true;
    const c = draftToContent(parsed(values), v2()).exercises[drill]!;
    expect(c.probes!.map((p) => p.key)).not.toContain(firstProbe);
    expect(c.phases!.map((p) => p.key)).not.toContain(firstPhase);
    expect(c.reveals!.map((r) => r.key)).not.toContain(firstReveal);
  });

  it("refuses bad minutes and rows without their main text, at the field", () => {
    const values = withSpareRows(contentToFormValues(v2()));
    const e = values.exercises[1]!;
    e.phases![0]!.minutes = "ten";
    e.probes!.at(-1)!.lookFor = "only what to listen for";
    e.reveals!.at(-1)!.listenFor = "only a listen-for";
    e.reveals!.at(-1)!.atMinute = "-3";
    const r = rubricDraftSchema.safeParse(post(values));
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    const probe = e.probes!.length - 1;
    const reveal = e.reveals!.length - 1;
    expect(paths).toEqual(
      expect.arrayContaining([
        "exercises.1.phases.0.minutes",
        `exercises.1.probes.${probe}.question`,
        `exercises.1.reveals.${reveal}.show`,
        `exercises.1.reveals.${reveal}.atMinute`,
      ]),
    );
  });

  it("survives format-2 lists of the wrong shape (field errors, no crash)", () => {
    const body = post(withSpareRows(contentToFormValues(v2())));
    const exercises = body.exercises as Record<string, Record<string, unknown>>;
    exercises["0"]!.probes = "junk";
    exercises["1"]!.phases = 42;
    exercises["2"]!.reveals = { "0": { show: ["a"], atMinute: {} } };
    exercises["3"]!.context = "x";
    const dimensions = body.dimensions as Record<string, Record<string, unknown>>;
    dimensions["0"]!.scale = ["x"];
    dimensions["1"]!.calibration = { a2: { deep: true } };
    expect(() => rubricDraftSchema.safeParse(body)).not.toThrow();
    expect(() => draftBodyToFormValues(body, true)).not.toThrow();
  });

  it("publish problems land on the editor's fields: scale point, calibration answer, probe dimensions, must-haves", () => {
    const values = withSpareRows(contentToFormValues(v2()));
    values.dimensions[0]!.scale!.p2 = "";
    values.dimensions[1]!.calibration!.a3 = "";
    values.exercises[0]!.probes![0]!.dimensionKeys = [];
    values.decisionRule!.mustHaveDimensionKeys = [];
    const content = draftToContent(parsed(values), v2());
    const errors = problemsToFieldErrors(validateRubricContent(content));
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        "dimensions.0.scale.p2",
        "dimensions.1.calibration.a3",
        "exercises.0.probes.0.dimensionKeys",
        "decisionRule.mustHaveDimensionKeys",
      ]),
    );
    const report = publishProblemReport(validateRubricContent(content), content);
    expect(report.list.length).toBeGreaterThan(0);
  });

  it("a format-1 draft keeps its form: no format-2 fields", () => {
    const values = contentToFormValues({ ...v2(), format: undefined } as RubricContent);
    expect(values).not.toHaveProperty("decisionRule");
    expect(values.exercises[0]).not.toHaveProperty("probes");
  });
});
