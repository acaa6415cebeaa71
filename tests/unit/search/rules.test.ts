import { describe, expect, it } from "vitest";

import {
  canManageSearches,
  defaultSearchTitle,
  loopMayJoin,
  matchSearch,
  searchCounts,
  searchState,
  stateChange,
} from "../../../app/domain/search/rules";
import { newSearchSchema, searchStateSchema } from "../../../app/domain/search/schema";

const OPEN = { closedAt: null, rubricId: "r1", title: "Lead ML Architect" };

describe("search rules", () => {
  it("only recruiters and admins manage searches", () => {
    expect(canManageSearches("recruiter")).toBe(true);
    expect(canManageSearches("admin")).toBe(true);
    expect(canManageSearches("member")).toBe(false);
  });

  it("a loop joins an open search of its own rubric only", () => {
    expect(loopMayJoin(OPEN, "r1")).toEqual({ ok: true });
    expect(loopMayJoin({ ...OPEN, closedAt: 5 }, "r1")).toMatchObject({ ok: false, status: 409 });
    expect(loopMayJoin(OPEN, "r2")).toMatchObject({ ok: false, status: 400 });
  });

  it("closes an open search and reopens a closed one, never twice", () => {
    expect(searchState({ closedAt: null })).toBe("open");
    expect(searchState({ closedAt: 1 })).toBe("closed");
    expect(stateChange({ closedAt: null }, "close")).toEqual({ ok: true });
    expect(stateChange({ closedAt: 1 }, "close")).toMatchObject({ ok: false, status: 409 });
    expect(stateChange({ closedAt: 1 }, "reopen")).toEqual({ ok: true });
    expect(stateChange({ closedAt: null }, "reopen")).toMatchObject({ ok: false, status: 409 });
  });

  it("counts candidates (withdrawn loops aside), decisions and hires", () => {
    expect(
      searchCounts([
        { status: "decided", decision: "hire" },
        { status: "decided", decision: "no_hire" },
        { status: "debrief", decision: null },
        { status: "withdrawn", decision: null },
      ]),
    ).toEqual({ candidates: 3, decided: 2, hired: 1 });
    expect(searchCounts([])).toEqual({ candidates: 0, decided: 0, hired: 0 });
  });

  it("matches a new loop to its hiring manager's newest open search on the rubric", () => {
    const searches = [
      { id: "a", closedAt: null, rubricId: "r1", hiringManagerId: "hm", openedAt: 1 },
      { id: "b", closedAt: null, rubricId: "r1", hiringManagerId: "hm", openedAt: 2 },
      { id: "c", closedAt: 3, rubricId: "r1", hiringManagerId: "hm", openedAt: 9 },
      { id: "d", closedAt: null, rubricId: "r2", hiringManagerId: "hm", openedAt: 9 },
      { id: "e", closedAt: null, rubricId: "r1", hiringManagerId: "other", openedAt: 9 },
    ];
    expect(matchSearch(searches, { rubricId: "r1", hiringManagerId: "hm" })?.id).toBe("b");
    expect(matchSearch(searches, { rubricId: "r3", hiringManagerId: "hm" })).toBeNull();
    expect(defaultSearchTitle("Lead ML Architect", "Priya Raman")).toBe("Lead ML Architect (Priya Raman)");
  });
});

describe("search forms", () => {
  const valid = {
    title: " Lead ML Architect — Payments ",
    rubricId: "r1",
    hiringManagerId: "hm",
    headcount: "",
    notes: "",
  };

  it("accepts a search with or without a headcount", () => {
    expect(newSearchSchema.parse(valid)).toEqual({ ...valid, title: "Lead ML Architect — Payments", headcount: null });
    expect(newSearchSchema.parse({ ...valid, headcount: "2" }).headcount).toBe(2);
    expect(newSearchSchema.parse({ title: "x", rubricId: "r", hiringManagerId: "h" })).toMatchObject({
      headcount: null,
      notes: "",
    });
  });

  it("refuses a blank title, missing choices, and headcounts that are not whole seats", () => {
    const issues = (v: Record<string, unknown>) =>
      newSearchSchema.safeParse({ ...valid, ...v }).error?.issues.map((i) => i.path.join("."));
    expect(issues({ title: "   " })).toEqual(["title"]);
    expect(issues({ title: "x".repeat(121) })).toEqual(["title"]);
    expect(issues({ rubricId: "" })).toEqual(["rubricId"]);
    expect(issues({ hiringManagerId: "" })).toEqual(["hiringManagerId"]);
    for (const headcount of ["0", "1.5", "51", "two", "-1"]) expect(issues({ headcount })).toEqual(["headcount"]);
    expect(issues({ notes: "n".repeat(2001) })).toEqual(["notes"]);
  });

  it("knows two state changes", () => {
    expect(searchStateSchema.safeParse({ intent: "close" }).success).toBe(true);
    expect(searchStateSchema.safeParse({ intent: "delete" }).success).toBe(false);
  });
});
