import { describe, expect, it } from "vitest";

import { reviewPageRubric } from "../../../app/domain/review/page-rubric";
import { LEAD_ML_ARCHITECT_V2 } from "../../../app/domain/rubric/lead-ml-architect-v2";

describe("reviewPageRubric", () => {
  const view = reviewPageRubric(LEAD_ML_ARCHITECT_V2);

  it("keeps every dimension's description and anchor bands, and every exercise's title, in rubric order", () => {
    expect(view.dimensions.map((d) => d.key)).toEqual(LEAD_ML_ARCHITECT_V2.dimensions.map((d) => d.key));
    for (const [i, d] of LEAD_ML_ARCHITECT_V2.dimensions.entries()) {
      expect(view.dimensions[i]).toEqual({ key: d.key, description: d.description, anchors: d.anchors });
    }
    expect(view.exercises).toEqual(LEAD_ML_ARCHITECT_V2.exercises.map((e) => ({ key: e.key, title: e.title })));
  });

  it("leaves out what the page does not show: scale anchors, calibration examples, prompts, probes", () => {
    const text = JSON.stringify(view);
    const first = LEAD_ML_ARCHITECT_V2.exercises[0]!;
    expect(first.prompt.length).toBeGreaterThan(100);
    expect(text).not.toContain(first.prompt);
    expect(text).not.toContain('"scale"');
    expect(text).not.toContain('"calibration"');
    expect(text).not.toContain('"probes"');
    // the demo's format-2 rubric is several times larger than what the page needs
    expect(text.length * 3).toBeLessThan(JSON.stringify(LEAD_ML_ARCHITECT_V2).length);
  });

  it("builds one view per rubric content, so remembered reviews share it", () => {
    expect(reviewPageRubric(LEAD_ML_ARCHITECT_V2)).toBe(view);
    // shared between requests, so no request may change it
    expect(Object.isFrozen(view.dimensions[0]!.anchors)).toBe(true);
    expect(Object.isFrozen(view.exercises)).toBe(true);
  });
});
