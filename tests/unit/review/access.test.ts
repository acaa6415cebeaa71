import { describe, expect, it } from "vitest";

import { canDecide, loopFeedbackAccess, managesLoop, seesCalibration } from "../../../app/domain/review/access";
import type { Role, ScorecardStatus } from "../../../app/domain/vocabulary";

const HM = "u-hm";
const access = (role: Role, own: ScorecardStatus[], id = "u-me") =>
  loopFeedbackAccess({
    user: { id, role },
    hiringManagerId: HM,
    recruiterId: "u-rec",
    ownScorecards: own.map((status) => ({ status })),
  });

describe("loopFeedbackAccess", () => {
  it("staff and the hiring manager see the feedback; a member not on the loop does not", () => {
    expect(access("admin", [])).toBe("full");
    expect(access("recruiter", [])).toBe("full");
    expect(access("member", [], HM)).toBe("full");
    expect(access("member", [])).toBe("none");
  });

  it("a panelist sees it once every one of their scorecards on the loop is submitted, whatever their role", () => {
    expect(access("member", ["submitted"])).toBe("full");
    expect(access("member", ["submitted", "submitted"])).toBe("full");
    for (const role of ["member", "recruiter", "admin"] as const) {
      expect(access(role, ["draft"])).toBe("pending_own_submission");
      expect(access(role, ["submitted", "draft"])).toBe("pending_own_submission");
    }
    expect(access("member", ["draft"], HM)).toBe("pending_own_submission");
  });

  it("a panelist who recused anywhere on the loop is out of its feedback, whatever else they submitted or their role", () => {
    for (const role of ["member", "recruiter", "admin"] as const) {
      expect(access(role, ["recused"])).toBe("recused");
      expect(access(role, ["recused", "submitted"])).toBe("recused");
      expect(access(role, ["submitted", "recused", "draft"])).toBe("recused");
    }
    expect(access("member", ["recused"], HM)).toBe("recused");
  });
});

describe("the search's hiring manager", () => {
  const inSearch = (own: ScorecardStatus[], id: string) =>
    loopFeedbackAccess({
      user: { id, role: "member" },
      hiringManagerId: HM,
      searchHiringManagerId: "u-search-hm",
      recruiterId: "u-rec",
      ownScorecards: own.map((status) => ({ status })),
    });

  it("sees every loop of the search like its own hiring manager, under the same independence rule", () => {
    expect(inSearch([], "u-search-hm")).toBe("full");
    expect(inSearch(["draft"], "u-search-hm")).toBe("pending_own_submission");
    expect(inSearch(["recused"], "u-search-hm")).toBe("recused");
    expect(inSearch([], "u-other-hm")).toBe("none");
    expect(managesLoop({ id: "u-search-hm" }, { hiringManagerId: HM, searchHiringManagerId: "u-search-hm" })).toBe(
      true,
    );
    expect(managesLoop({ id: "u-x" }, { hiringManagerId: HM, searchHiringManagerId: null })).toBe(false);
  });

  it("sees the calibration but does not decide: the loop's hiring manager does", () => {
    const loop = { hiringManagerId: HM, searchHiringManagerId: "u-search-hm" };
    expect(seesCalibration({ id: "u-search-hm", role: "member" }, loop)).toBe(true);
    expect(seesCalibration({ id: "u-other", role: "member" }, loop)).toBe(false);
    expect(canDecide({ user: { id: "u-search-hm", role: "member" }, hiringManagerId: HM })).toBe(false);
  });
});
