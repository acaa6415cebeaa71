import { describe, expect, it } from "vitest";

import { orderSearches, pickSearch, pickVersion, setAsideReason } from "../../../app/domain/review/compare";

const SEARCHES = [
  { searchId: "closed", closedAt: 5, openedAt: 9 },
  { searchId: "old", closedAt: null, openedAt: 1 },
  { searchId: "new", closedAt: null, openedAt: 3 },
];

describe("the search picked on /compare", () => {
  it("is the requested one when the viewer may compare it", () => {
    expect(pickSearch(SEARCHES, "old")).toBe("old");
    expect(pickSearch(SEARCHES, "closed")).toBe("closed");
  });

  it("falls back to the most recently opened open search, then closed ones", () => {
    expect(pickSearch(SEARCHES, "someone-elses")).toBe("new");
    expect(pickSearch(SEARCHES, undefined)).toBe("new");
    expect(pickSearch([SEARCHES[0]!], undefined)).toBe("closed");
    expect(pickSearch([], "old")).toBeNull();
    expect(orderSearches(SEARCHES).map((s) => s.searchId)).toEqual(["new", "old", "closed"]);
  });
});

describe("the rubric version a search is compared on", () => {
  const VERSIONS = [
    { versionId: "v1", version: 1, loops: 3 },
    { versionId: "v2", version: 2, loops: 1 },
  ];

  it("is the requested version when the search has loops on it", () => {
    expect(pickVersion(VERSIONS, "v2")).toBe("v2");
    expect(pickVersion(VERSIONS, "elsewhere")).toBe("v1");
  });

  it("defaults to the version with the most loops, the newest on a tie", () => {
    expect(pickVersion(VERSIONS, undefined)).toBe("v1");
    expect(pickVersion([...VERSIONS, { versionId: "v3", version: 3, loops: 3 }], undefined)).toBe("v3");
    expect(pickVersion([{ versionId: "v9", version: 9, loops: 0 }], "v9")).toBeNull();
  });

  it("says why a loop on another version is set aside", () => {
    expect(
      setAsideReason({ rubricName: "Lead ML Architect", version: 1 }, { rubricName: "Lead ML Architect", version: 2 }),
    ).toBe(
      "Scored on Lead ML Architect v1; the table compares v2, and ratings on different rubric versions are not comparable.",
    );
    expect(setAsideReason({ rubricName: "Old", version: 4 }, { rubricName: "New", version: 1 })).toContain(
      "the table compares New v1",
    );
  });
});
