import { describe, expect, it } from "vitest";

import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { buildComparison, type ComparedLoop } from "../../../app/domain/review/compare";
import type { RubricContent } from "../../../app/domain/rubric/model";
import { ADA, loop, scoresOn, TINY_RUBRIC } from "../../factories";

function compared(
  loopId: string,
  rubricVersion: number,
  rubric: RubricContent,
  erasedAt: number | null = null,
): ComparedLoop {
  const input = loop({ loopId, rubric, scorecards: scoresOn("arch", [[ADA, 3]]) });
  return {
    loopId,
    candidate: { name: `Candidate ${loopId}`, erasedAt },
    status: "debrief",
    decision: null,
    rubricVersion,
    rubric,
    aggregate: aggregateLoop(input, []),
  };
}

describe("buildComparison", () => {
  it("keeps the rows in the given order, with erased candidates unnamed", () => {
    const table = buildComparison([compared("b", 1, TINY_RUBRIC), compared("a", 1, TINY_RUBRIC, 7)]);
    expect(table.rows.map((r) => [r.loopId, r.candidateName])).toEqual([
      ["b", "Candidate b"],
      ["a", "Erased candidate"],
    ]);
    expect(table.rows[0]?.means.arch).toBe(3);
  });

  it("takes the newest version's dimensions first, then the keys only older versions had", () => {
    const older: RubricContent = {
      ...TINY_RUBRIC,
      dimensions: [...TINY_RUBRIC.dimensions, { ...TINY_RUBRIC.dimensions[0]!, key: "old", name: "Retired" }],
    };
    const newer: RubricContent = { ...TINY_RUBRIC, dimensions: [...TINY_RUBRIC.dimensions].reverse() };
    const table = buildComparison([compared("a", 1, older), compared("b", 2, newer)]);
    expect(table.dimensions.map((d) => d.key)).toEqual(["lead", "data", "arch", "old"]);
  });
});
