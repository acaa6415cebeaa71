import { describe, expect, it } from "vitest";

import { compareScopes } from "../../../app/domain/review/compare";

const VERSIONS = [
  { rubricId: "r1", rubricName: "Lead ML Architect", versionId: "v2", loops: 3 },
  { rubricId: "r1", rubricName: "Lead ML Architect", versionId: "v1", loops: 2 },
  { rubricId: "r2", rubricName: "Staff Data Engineer", versionId: "w1", loops: 1 },
];

describe("compareScopes", () => {
  it("sums the loops of every version into its rubric family", () => {
    expect(compareScopes(VERSIONS, undefined).families).toEqual([
      { rubricId: "r1", rubricName: "Lead ML Architect", loops: 5 },
      { rubricId: "r2", rubricName: "Staff Data Engineer", loops: 1 },
    ]);
  });

  it("keeps a requested version or family the viewer can see", () => {
    expect(compareScopes(VERSIONS, "v:v1").scope).toBe("v:v1");
    expect(compareScopes(VERSIONS, "f:r2").scope).toBe("f:r2");
  });

  it("falls back to the first version for an unknown or missing scope, and to none without versions", () => {
    expect(compareScopes(VERSIONS, "v:gone").scope).toBe("v:v2");
    expect(compareScopes(VERSIONS, "f:gone").scope).toBe("v:v2");
    expect(compareScopes(VERSIONS, undefined).scope).toBe("v:v2");
    expect(compareScopes([], "v:v1")).toEqual({ families: [], scope: null });
  });
});
