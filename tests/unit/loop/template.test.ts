import { describe, expect, it } from "vitest";

import { LOOP_TEMPLATES, planInterviews, templateName } from "../../../app/domain/loop/template";
import { LEAD_ML_ARCHITECT_V1 } from "../../../app/domain/rubric/lead-ml-architect-v1";

describe("loop templates", () => {
  it("the default template is the rubric's full loop", () => {
    expect(templateName(LOOP_TEMPLATES[0]!, LEAD_ML_ARCHITECT_V1.name)).toBe("Lead ML Architect — full loop");
  });

  it("plans every exercise in order with its duration, untimed without a start", () => {
    const plan = planInterviews("full", LEAD_ML_ARCHITECT_V1, null);
    expect(plan.map((p) => p.exerciseKey)).toEqual(LEAD_ML_ARCHITECT_V1.exercises.map((e) => e.key));
    expect(plan.map((p) => p.durationMinutes)).toEqual([90, 60, 45, 45]);
    expect(plan.every((p) => p.scheduledAt === null)).toBe(true);
  });

  it("lays the day out back to back with breaks from a start time", () => {
    const start = Date.UTC(2026, 4, 12, 9, 0);
    const plan = planInterviews("full", LEAD_ML_ARCHITECT_V1, start, 15);
    expect(plan.map((p) => new Date(p.scheduledAt!).toISOString().slice(11, 16))).toEqual([
      "09:00",
      "10:45",
      "12:00",
      "13:00",
    ]);
  });

  it("the empty template plans nothing", () => {
    expect(planInterviews("blank", LEAD_ML_ARCHITECT_V1, Date.now())).toEqual([]);
  });
});
