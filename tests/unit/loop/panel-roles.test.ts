import { describe, expect, it } from "vitest";

import {
  countsForPanel,
  MAX_PANELISTS_PER_INTERVIEW,
  panelIsFull,
  panelRoleRefusal,
  removalRefusal,
  seatedCount,
  traineeCount,
} from "../../../app/domain/loop/panel";
import { transitionFacts } from "../../../app/domain/loop/status";
import { loopFeedbackAccess } from "../../../app/domain/review/access";
import type { PanelRole, Role, ScorecardStatus } from "../../../app/domain/vocabulary";

const seat = (panelRole: PanelRole, status: ScorecardStatus = "draft", scorecardId = `${panelRole}-${status}`) => ({
  scorecardId,
  panelRole,
  status,
});

describe("panel roles: who counts", () => {
  it("full panelists count; shadows and reverse shadows never do", () => {
    expect(countsForPanel({ panelRole: "panelist" })).toBe(true);
    expect(countsForPanel({})).toBe(true);
    expect(countsForPanel({ panelRole: "shadow" })).toBe(false);
    expect(countsForPanel({ panelRole: "reverse_shadow" })).toBe(false);
  });

  it("a trainee takes no full seat, and a recused trainee frees the trainee seat", () => {
    const panel = [seat("panelist", "draft", "a"), seat("panelist", "draft", "b"), seat("panelist", "draft", "c")];
    expect(panelIsFull(panel)).toBe(true);
    expect(seatedCount([...panel, seat("shadow")])).toBe(MAX_PANELISTS_PER_INTERVIEW);
    expect(traineeCount([seat("panelist"), seat("shadow", "recused")])).toBe(0);
  });

  it("a trainee's draft is never an outstanding scorecard", () => {
    const facts = transitionFacts(
      [{ scheduledAt: 1, panelists: [seat("panelist", "submitted"), seat("shadow"), seat("reverse_shadow")] }],
      [],
    );
    expect(facts.scorecardCount).toBe(1);
    expect(facts.outstandingScorecardCount).toBe(0);
  });
});

describe("panel roles: who may sit where", () => {
  const base = { name: "Tomás", otherRolesOnLoop: [] as PanelRole[] };

  it.each<[string, PanelRole, ReturnType<typeof seat>[], PanelRole[], RegExp | null]>([
    ["a full panelist on an empty interview", "panelist", [], [], null],
    ["a shadow on an empty interview", "shadow", [], [], /full panelist first/],
    [
      "a reverse shadow without the observing panelist",
      "reverse_shadow",
      [seat("panelist", "recused")],
      [],
      /full panelist first/,
    ],
    ["a shadow beside a full panelist", "shadow", [seat("panelist")], [], null],
    ["a reverse shadow beside a full panelist", "reverse_shadow", [seat("panelist")], [], null],
    ["a second trainee", "shadow", [seat("panelist"), seat("reverse_shadow")], [], /at most 1 trainee/],
    ["a trainee where a trainee recused", "shadow", [seat("panelist"), seat("shadow", "recused")], [], null],
    [
      "a trainee who is a full panelist elsewhere on the loop",
      "shadow",
      [seat("panelist")],
      ["panelist"],
      /cannot also be a trainee/,
    ],
    [
      "a full panelist who is a trainee elsewhere on the loop",
      "panelist",
      [],
      ["shadow"],
      /cannot also be a full panelist/,
    ],
    ["a trainee twice on the loop", "reverse_shadow", [seat("panelist")], ["shadow"], null],
    [
      "a fourth full panelist",
      "panelist",
      [seat("panelist", "draft", "a"), seat("panelist", "draft", "b"), seat("panelist", "draft", "c")],
      [],
      /at most 3 panelists/,
    ],
  ])("%s", (_label, role, panelists, otherRolesOnLoop, refusal) => {
    const r = panelRoleRefusal({ ...base, role, panelists, otherRolesOnLoop });
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toMatch(refusal);
  });

  it("the last full panelist stays while a trainee sits on the interview", () => {
    const full = seat("panelist", "draft", "full");
    const trainee = seat("shadow", "draft", "trainee");
    expect(removalRefusal(full, [full, trainee])).toMatch(/trainee off first/);
    expect(removalRefusal(trainee, [full, trainee])).toBeNull();
    const other = seat("panelist", "draft", "other");
    expect(removalRefusal(full, [full, other, trainee])).toBeNull();
  });
});

describe("panel roles: a trainee never sees the loop's feedback", () => {
  const user: { id: string; role: Role } = { id: "t", role: "member" };
  const access = (ownScorecards: { status: ScorecardStatus; panelRole?: PanelRole }[], role = user.role) =>
    loopFeedbackAccess({ user: { ...user, role }, hiringManagerId: "hm", recruiterId: null, ownScorecards });

  it("before submitting, after submitting, whatever their account's role", () => {
    expect(access([{ status: "draft", panelRole: "shadow" }])).toBe("pending_own_submission");
    expect(access([{ status: "submitted", panelRole: "shadow" }])).toBe("trainee");
    expect(access([{ status: "submitted", panelRole: "reverse_shadow" }])).toBe("trainee");
    expect(access([{ status: "submitted", panelRole: "shadow" }], "recruiter")).toBe("trainee");
    expect(access([{ status: "recused", panelRole: "shadow" }])).toBe("recused");
    expect(access([{ status: "submitted", panelRole: "panelist" }])).toBe("full");
  });
});
