import { describe, expect, test } from "vitest";

import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";
import { publishProblemReport } from "../../../app/domain/rubric/page-schema";
import { validateRubricContent } from "../../../app/domain/rubric/validate";

describe("publishProblemReport", () => {
  test("puts each humanised problem next to its field and lists it under its item's name", () => {
    const broken = structuredClone(LEAD_ML_ARCHITECT_V1);
    broken.dimensions[2]!.anchors.belowBar = "";
    broken.exercises[1]!.focusPoints = [];
    const problems = validateRubricContent(broken);
    const report = publishProblemReport(problems, broken);
    expect(report.fieldErrors["dimensions.2.anchors.belowBar"]).toEqual(["The “below the bar” anchor is missing."]);
    expect(Object.keys(report.fieldErrors)).toContain("exercises.1.focusPoints");
    expect(report.list).toHaveLength(problems.length);
    expect(report.list[0]).toBe(`${broken.dimensions[2]!.name}: The “below the bar” anchor is missing.`);
    expect(report.list.some((l) => l.startsWith(`${broken.exercises[1]!.title}: `))).toBe(true);
  });

  test("is empty for a rubric that can be published", () => {
    expect(publishProblemReport(validateRubricContent(LEAD_ML_ARCHITECT_V1), LEAD_ML_ARCHITECT_V1)).toEqual({
      fieldErrors: {},
      list: [],
    });
  });
});
