import { describe, expect, it } from "vitest";

import type { InterviewerExperience } from "../../../app/domain/debrief/rules";
import {
  buildDebriefView,
  rationaleDraft,
  type DebriefItemRow,
  type DebriefViewInput,
} from "../../../app/domain/debrief/view";
import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { ADA, BEN, CY, TINY_RUBRIC, loop, rating, scorecard } from "../../factories";

const T0 = 1_800_000_000_000;
const HM = { id: "u-hm", name: "Hanna" };
const ADA_EVIDENCE = "ADA-EVIDENCE: asked for the latency budget first, then sized the feature store for it in detail.";
const FLAG_NOTE = "FLAG-NOTE: the 40% lift became 4% when asked for the baseline.";

const aggregate = aggregateLoop(
  loop({
    scorecards: [
      scorecard(ADA, {
        ratings: [rating("arch", 1, ADA_EVIDENCE), rating("lead", 3)],
        redFlags: [{ key: "fabrication", note: FLAG_NOTE }],
      }),
      scorecard(BEN, { ratings: [rating("arch", 4), rating("lead", 3)] }),
      scorecard(CY, { ratings: [rating("arch", 4)] }),
    ],
  }),
);

function item(position: number, key: string, title: string, over: Partial<DebriefItemRow> = {}): DebriefItemRow {
  return {
    position,
    kind: key === "red_flags" ? "red_flags" : "dimension",
    key,
    title,
    revealedAt: null,
    elapsedMs: 0,
    conclusion: "",
    notedByName: null,
    notedAt: null,
    ...over,
  };
}

const experience = new Map<string, InterviewerExperience>([
  [ADA.id, { submittedScorecards: 30, memberSince: T0 - 1_000 }],
  [BEN.id, { submittedScorecards: 2, memberSince: T0 - 1_000 }],
  [CY.id, { submittedScorecards: 9, memberSince: T0 - 1_000 }],
]);

function input(over: Partial<DebriefViewInput> = {}): DebriefViewInput {
  return {
    session: {
      id: "s1",
      status: "running",
      facilitatorId: HM.id,
      facilitatorName: HM.name,
      currentPosition: 1,
      currentStartedAt: T0,
      startedAt: T0 - 60_000,
      concludedAt: null,
    },
    items: [
      item(0, "red_flags", "Red flags", { revealedAt: T0 - 30_000, elapsedMs: 60_000, conclusion: "Probe it." }),
      item(1, "arch", "ML system architecture"),
      item(2, "lead", "Technical leadership"),
    ],
    attendance: [
      { userId: HM.id, name: HM.name, role: "facilitator", joinedAt: T0 - 60_000 },
      { userId: ADA.id, name: ADA.name, role: "panelist", joinedAt: T0 - 50_000 },
      { userId: BEN.id, name: BEN.name, role: "panelist", joinedAt: T0 - 40_000 },
    ],
    aggregate,
    rubric: TINY_RUBRIC,
    experience,
    viewer: { id: ADA.id, role: "member", ownScorecards: [{ status: "submitted" }] },
    loop: { hiringManagerId: HM.id, status: "debrief" },
    now: T0 + 20_000,
    ...over,
  };
}

describe("reveal rule in the screen model", () => {
  it("before the reveal: who rated, who is asked first, and no score or evidence anywhere", () => {
    const view = buildDebriefView(input());
    expect(view.current).toMatchObject({
      title: "ML system architecture",
      revealed: false,
      ratings: null,
      stats: null,
      agendaNotes: null,
      raters: [
        { name: "Ben", present: true },
        { name: "Ada", present: true },
        { name: "Cy", present: false },
      ],
    });
    const text = JSON.stringify(view);
    expect(text).not.toContain(ADA_EVIDENCE);
    expect(text).not.toMatch(/spread|outlier|Disagreement/i);
  });

  it("after the reveal: every rating at once, in speaking order, with its evidence and the disagreement", () => {
    const view = buildDebriefView(
      input({ items: input().items.map((i) => (i.position === 1 ? { ...i, revealedAt: T0 } : i)) }),
    );
    expect(view.current?.ratings?.map((r) => [r.panelistName, r.score, r.outlier, r.present])).toEqual([
      ["Ben", 4, false, true],
      ["Ada", 1, true, true],
      ["Cy", 4, false, false],
    ]);
    expect(view.current?.ratings?.[1]?.evidence).toBe(ADA_EVIDENCE);
    expect(view.current?.stats).toMatchObject({ disagreement: true });
    // the item is titled with the dimension: its agenda reasons do not repeat it
    expect(view.current?.agendaNotes?.[0]).toMatch(/^Disagreement: ratings 1–4/);
    expect(view.current?.agendaNotes?.join(" ")).not.toContain("ML system architecture");
  });

  it("the red-flag item shows the flags with their notes only once revealed", () => {
    const hidden = buildDebriefView(
      input({ session: { ...input().session!, currentPosition: 0 }, items: [item(0, "red_flags", "Red flags")] }),
    );
    expect(hidden.current?.flags).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain(FLAG_NOTE);
    const shown = buildDebriefView(
      input({
        session: { ...input().session!, currentPosition: 0 },
        items: [item(0, "red_flags", "Red flags", { revealedAt: T0 })],
      }),
    );
    expect(shown.current?.flags?.[0]).toMatchObject({
      label: "Fabricated results",
      severity: "dealbreaker",
      raisedBy: [{ panelistName: "Ada", note: FLAG_NOTE, present: true }],
    });
  });

  it("someone who has not joined sees who is in the room and a join button, not the meeting", () => {
    const view = buildDebriefView(
      input({ viewer: { id: CY.id, role: "member", ownScorecards: [{ status: "submitted" }] } }),
    );
    expect(view.viewer).toMatchObject({ joined: false, canJoin: true, canControl: false });
    expect(view.current).toBeNull();
    expect(view.items).toEqual([]);
    expect(view.rationaleDraft).toBe("");
  });
});

describe("ask first and control in the screen model", () => {
  it("asks the most junior rater in the room first (Ben: 2 scorecards before Ada's 30)", () => {
    const view = buildDebriefView(input());
    expect(view.current?.askFirst).toBe("Ben");
    expect(view.current?.speakingOrder).toEqual(["Ben", "Ada"]);
  });

  it("only the facilitator controls; a recused panelist is told why they cannot join", () => {
    expect(buildDebriefView(input()).viewer.canControl).toBe(false);
    expect(
      buildDebriefView(input({ viewer: { id: HM.id, role: "member", ownScorecards: [] } })).viewer.canControl,
    ).toBe(true);
    const recused = buildDebriefView(
      input({ viewer: { id: "u-r", role: "member", ownScorecards: [{ status: "recused" }] } }),
    );
    expect(recused.viewer.canJoin).toBe(false);
    expect(recused.viewer.joinBlocked).toMatch(/recused/);
  });

  it("the clock of the current item runs from the server's start time; past items show their time", () => {
    const view = buildDebriefView(input());
    expect(view.current?.timer).toEqual({ elapsedMs: 0, runningSince: T0, timeboxMs: 300_000 });
    expect(view.items.map((i) => i.elapsedLabel)).toEqual(["1:00", "0:20", "0:00"]);
  });

  it("when the loop leaves debrief mid-meeting the debrief is halted: nothing to control", () => {
    const view = buildDebriefView(
      input({
        loop: { hiringManagerId: HM.id, status: "decided" },
        viewer: { id: HM.id, role: "member", ownScorecards: [] },
      }),
    );
    expect(view.phase).toBe("halted");
    expect(view.viewer.canControl).toBe(false);
    expect(view.current).toBeNull();
  });

  it("the decision step offers the notes as the rationale's start", () => {
    const view = buildDebriefView(input({ session: { ...input().session!, currentPosition: 3 } }));
    expect(view.atDecision).toBe(true);
    expect(view.rationaleDraft).toBe("Debrief: Red flags: Probe it.");
    expect(
      rationaleDraft([
        { title: "A", conclusion: "  two\n lines " },
        { title: "B", conclusion: "" },
      ]),
    ).toBe("Debrief: A: two lines");
  });
});
