/**
 * What the review page shows of the rubric: each dimension's description and anchor bands, and each
 * exercise's title. The loop's rubric version carries much more (the exercises' prompts and focus
 * points, the red flags and signals; in format 2 also an anchor per scale point, calibration examples,
 * level guidance, probes and phases): about 11 KB of the demo debrief loop's ~50 KB of loader data (v1),
 * which the page would serialise, embed and parse on every view for nothing. Pure; no IO.
 */
import type { DimensionAnchors, RubricContent } from "../rubric/model";
import { deepFreeze } from "../shared/freeze";

export type ReviewPageRubric = {
  dimensions: { key: string; description: string; anchors: DimensionAnchors }[];
  exercises: { key: string; title: string }[];
};

// Rubric contents are shared and frozen (the remembered review): one view of each, frozen like them.
const VIEWS = new WeakMap<RubricContent, ReviewPageRubric>();

export function reviewPageRubric(rubric: RubricContent): ReviewPageRubric {
  const known = VIEWS.get(rubric);
  if (known) return known;
  const view: ReviewPageRubric = {
    dimensions: rubric.dimensions.map((d) => ({
      key: d.key,
      description: d.description,
      anchors: { belowBar: d.anchors.belowBar, meetsBar: d.anchors.meetsBar, exceeds: d.anchors.exceeds },
    })),
    exercises: rubric.exercises.map((e) => ({ key: e.key, title: e.title })),
  };
  VIEWS.set(rubric, deepFreeze(view));
  return view;
}
