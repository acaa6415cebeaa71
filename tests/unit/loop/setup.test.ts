import { describe, expect, it } from "vitest";

import {
  buildLoopSetup,
  isStarted,
  loopCoverage,
  type LoopSetupRow,
  type SetupScorecardRow,
} from "../../../app/domain/loop/setup";
import { TINY_RUBRIC } from "../../factories";

const ROW: LoopSetupRow = {
  id: "loop-1",
  status: "planning",
  decision: null,
  weights: null,
  createdAt: 1,
  updatedAt: 2,
  hiringManagerId: "hm",
  recruiterId: null,
  rubricVersionId: "rv-1",
  candidateId: "cand-1",
  candidateName: "Grace Hopper",
  candidateErasedAt: null,
  candidateTitle: "Staff engineer",
  candidateEmail: "grace@example.test",
  version: 1,
  rubricId: "r-1",
  rubricName: "Tiny",
};
const HM = { id: "hm", name: "Hana Manager", email: "hm@example.test", active: true };
const IVS = [
  {
    id: "iv-1",
    position: 0,
    exerciseId: "ex-1",
    exerciseKey: "design",
    exerciseTitle: "System design",
    scheduledAt: null,
    durationMinutes: 60,
  },
  {
    id: "iv-2",
    position: 1,
    exerciseId: "ex-2",
    exerciseKey: "leadership",
    exerciseTitle: "Leadership conversation",
    scheduledAt: null,
    durationMinutes: 45,
  },
];

function card(interviewId: string, userId: string, extra: Partial<SetupScorecardRow> = {}): SetupScorecardRow {
  return {
    scorecardId: `sc-${interviewId}-${userId}`,
    interviewId,
    userId,
    name: userId.toUpperCase(),
    email: `${userId}@example.test`,
    active: true,
    status: "draft",
    panelRole: "panelist",
    version: 0,
    submittedAt: null,
    createdAt: 0,
    ...extra,
  };
}

describe("isStarted", () => {
  it("counts a saved draft or a submitted scorecard as started, an untouched draft not", () => {
    expect(isStarted({ status: "draft", version: 0 })).toBe(false);
    expect(isStarted({ status: "draft", version: 1 })).toBe(true);
    expect(isStarted({ status: "submitted", version: 0 })).toBe(true);
  });
});

describe("buildLoopSetup", () => {
  it("puts each panelist on their interview and locks the interviews someone started", () => {
    const setup = buildLoopSetup({
      row: ROW,
      content: TINY_RUBRIC,
      people: [HM],
      interviews: IVS,
      scorecards: [card("iv-1", "ada", { version: 3 }), card("iv-2", "ben")],
    });
    expect(setup.interviews.map((iv) => [iv.id, iv.panelists.map((p) => p.userId), iv.locked])).toEqual([
      ["iv-1", ["ada"], true],
      ["iv-2", ["ben"], false],
    ]);
    expect(setup.interviews[0]?.dimensionKeys).toEqual(["arch", "data"]);
    expect(setup.interviews[0]?.panelists[0]).not.toHaveProperty("interviewId");
    expect(setup.anyStarted).toBe(true);
    expect(setup.loop.hiringManager).toEqual(HM);
    expect(setup.loop.recruiter).toBeNull();
  });

  it("shows an erased candidate without personal data", () => {
    const setup = buildLoopSetup({
      row: { ...ROW, candidateErasedAt: 5 },
      content: TINY_RUBRIC,
      people: [HM],
      interviews: [],
      scorecards: [],
    });
    expect(setup.candidate).toEqual({
      id: "cand-1",
      name: "Erased candidate",
      erased: true,
      currentTitle: "",
      email: "",
    });
    expect(setup.anyStarted).toBe(false);
  });
});

describe("loopCoverage", () => {
  it("reports the dimensions nobody assesses", () => {
    const setup = buildLoopSetup({
      row: ROW,
      content: TINY_RUBRIC,
      people: [HM],
      interviews: IVS,
      scorecards: [card("iv-2", "ben")],
    });
    expect(loopCoverage(setup).uncoveredDimensions).toEqual(["Data & feature platforms"]);
  });
});
