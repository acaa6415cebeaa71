// Overrides that show (issue 15 item 2), through the review page's action on real SQLite: a decision
// against the rubric's signals is refused without a real override and accepted with one, which is
// stored in its own columns, audited in words and carried by packet.json and the packet model; the
// summary never calls one panelist a consensus, and rankings say what they rest on.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { publishShippedRubrics } from "../../db/queries/rubric/rubrics.server";
import { getLoopReview } from "../../db/queries/review/loop-review.server";
import { auditLog, loops, rubricVersions } from "../../db/schema";
import { buildPacketModel } from "../../app/domain/packet/model";
import type { OverrideGround } from "../../app/domain/review/override";
import type { LoopAggregate, LoopFacts } from "../../app/domain/review/types";
import { action as pageAction, loader as pageLoaderFn } from "../../app/routes/loops.$id._index";
import { loader as jsonLoaderFn } from "../../app/routes/loops.$id.packet[.]json";
import { databaseChecksum } from "./security-world";
import { call, createTestUser, freshDatabase, get, postForm, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler, type CardSpec } from "./review-fixtures";

const action = handler(pageAction);
const pageLoader = handler(pageLoaderFn);
const jsonLoader = handler(jsonLoaderFn);

const FULL = {
  ml_system_architecture: 3,
  mlops_lifecycle: 3,
  cloud_platform: 3,
  observability_reliability: 3,
  governance_risk: 3,
  communication: 3,
  leadership_enablement: 3,
} as const;
const RATIONALE = "Strong architecture and platform depth; the debrief settled the open questions.";
const OVERRIDE =
  "The flag rests on one hypothetical answer; the reference call confirmed two production incidents the candidate led end to end.";

let versionId: string;
let v2Id: string;
let hm: TestUser;
let panel: TestUser[];

beforeAll(() => {
  freshDatabase();
  ({ versionId } = seedRubricV1());
  publishShippedRubrics(getDb());
  v2Id = getDb().select().from(rubricVersions).where(eq(rubricVersions.version, 2)).get()!.id;
  hm = createTestUser("member", "Hana Manager");
  panel = ["Ada One", "Ben Two", "Cy Three", "Dee Four"].map((n) => createTestUser("member", n));
});

function loopWith(cards: Omit<CardSpec, "panelistId">[], rubric = versionId): string {
  return buildLoop({
    versionId: rubric,
    hiringManagerId: hm.id,
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: cards.map((c, i) => ({ scores: FULL, ...c, panelistId: panel[i]!.id })),
      },
    ],
  }).loopId;
}

const decide = (id: string, fields: Record<string, string>) =>
  call(action, postForm(`/loops/${id}`, hm, { intent: "decide", ...fields }), { id });
const loopRow = (id: string) => getDb().select().from(loops).where(eq(loops.id, id)).get()!;
const decideAudit = (id: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.loopId, id), eq(auditLog.action, "loop.decide")))
    .all();

type Refused = {
  errors: Record<string, string[]>;
  values: Record<string, string>;
  grounds: OverrideGround[];
};

async function refused(id: string, fields: Record<string, string>): Promise<Refused> {
  const before = databaseChecksum();
  const res = await decide(id, fields);
  expect(res.status, JSON.stringify(fields)).toBe(400);
  expect(databaseChecksum(), "a refused decision writes nothing").toBe(before);
  return res.data as Refused;
}

describe("a Hire over an open dealbreaker", () => {
  let id: string;
  beforeAll(() => {
    id = loopWith([
      // one against, one for: a tie, so only the dealbreaker stands against a Hire
      { recommendation: "no_hire", flags: [{ key: "no_incident_experience", note: "Only read post-mortems." }] },
      { recommendation: "hire" },
    ]);
  });

  it("is refused without an override, the grounds named and the text kept", async () => {
    const d = await refused(id, { decision: "hire", rationale: RATIONALE });
    expect(d.errors.override?.[0]).toBe(
      "This decision goes against open dealbreaker “Has never handled a production incident or regression” raised " +
        "by Ada One. Write the override: at least 80 characters on why you decide against it.",
    );
    expect(d.grounds).toEqual([
      {
        kind: "open_dealbreaker",
        text: "open dealbreaker “Has never handled a production incident or regression” raised by Ada One",
      },
    ]);
    expect(d.values).toMatchObject({ decision: "hire", rationale: RATIONALE });
    // the page tells the form which choices need one
    const page = await call(pageLoader, get(`/loops/${id}`, hm), { id });
    expect((page.data as { overrideGrounds: Record<string, OverrideGround[]> }).overrideGrounds).toEqual({
      hire: d.grounds,
      no_hire: [],
      hold: [],
    });
  });

  it("is refused with a short, filler or copied override (36 characters is not enough)", async () => {
    const short = await refused(id, {
      decision: "hire",
      rationale: RATIONALE,
      override: "We discussed it and it is fine now.",
    });
    expect(short.errors.override?.[0]).toMatch(/Write at least 80 characters \(35 so far\)/);
    expect(short.values.override).toBe("We discussed it and it is fine now.");
    const filler = await refused(id, { decision: "hire", rationale: RATIONALE, override: "ok ".repeat(40) });
    expect(filler.errors.override?.[0]).toMatch(/in sentences/);
    const copied = await refused(id, { decision: "hire", rationale: OVERRIDE, override: OVERRIDE });
    expect(copied.errors.override?.[0]).toMatch(/repeats the rationale/);
    expect(loopRow(id).status).toBe("debrief");
  });

  it("is recorded with a real override: its own columns, the audit in words, the review page, packet.json and the packet", async () => {
    const res = await decide(id, { decision: "hire", rationale: RATIONALE, override: `  ${OVERRIDE}\n` });
    expect(res.status).toBe(302);
    const grounds = [
      {
        kind: "open_dealbreaker",
        text: "open dealbreaker “Has never handled a production incident or regression” raised by Ada One",
      },
    ];
    expect(loopRow(id)).toMatchObject({
      status: "decided",
      decision: "hire",
      decisionRationale: RATIONALE,
      decisionOverride: OVERRIDE,
      decisionOverrideGrounds: grounds,
    });
    const audit = decideAudit(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toEqual({ status: "decided", decision: "hire", override: { text: OVERRIDE, grounds } });

    const page = await call(pageLoader, get(`/loops/${id}`, hm), { id });
    const facts = (page.data as { facts: LoopFacts }).facts;
    expect(facts.decision?.override).toEqual({ text: OVERRIDE, grounds });
    const json = await call(jsonLoader, get(`/loops/${id}/packet.json`, hm), { id });
    const body = (await json.response?.json()) as { loop: LoopFacts };
    expect(body.loop.decision?.override).toEqual({ text: OVERRIDE, grounds });

    const review = getLoopReview(getDb(), id)!;
    const packet = buildPacketModel(review.aggregate, review.facts, review.rubric, { generatedAt: Date.now() });
    const expected = {
      title: "Override of: open dealbreaker “Has never handled a production incident or regression” raised by Ada One",
      grounds: grounds.map((g) => g.text),
      text: OVERRIDE,
    };
    expect(packet.decision.override).toEqual(expected);
    expect(packet.summary.decision.override).toEqual(expected);
    expect(packet.decision.headline).toBe("Hire (override)");
    expect(packet.appendix.audit.map((a) => a.sentence)).toContain(
      "Hana Manager recorded the decision: Hire, overriding open dealbreaker “Has never handled a production incident " +
        `or regression” raised by Ada One. Override: ${OVERRIDE} Rationale: ${RATIONALE}`,
    );
  });

  it("reopening clears the override with the decision and keeps it in the audit entry", async () => {
    const res = await call(
      action,
      postForm(`/loops/${id}`, hm, { intent: "reopen", reason: "New information from the references." }),
      { id },
    );
    expect(res.status).toBe(302);
    expect(loopRow(id)).toMatchObject({ decision: null, decisionOverride: null, decisionOverrideGrounds: null });
    const reopen = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.loopId, id), eq(auditLog.action, "loop.reopen")))
      .get();
    expect(reopen?.before).toMatchObject({ override: OVERRIDE });
  });

  it("No hire and Hold follow the signals: no override asked, none stored", async () => {
    expect((await decide(id, { decision: "no_hire", rationale: RATIONALE, override: OVERRIDE })).status).toBe(302);
    expect(loopRow(id)).toMatchObject({ decision: "no_hire", decisionOverride: null, decisionOverrideGrounds: null });
    expect(decideAudit(id)[1]?.after).toEqual({ status: "decided", decision: "no_hire" });
  });
});

describe("against the panel's majority", () => {
  it("a Hire against a no-hire majority needs an override; a tie does not", async () => {
    const id = loopWith([
      { recommendation: "no_hire" },
      { recommendation: "strong_no_hire" },
      { recommendation: "hire" },
    ]);
    const d = await refused(id, { decision: "hire", rationale: RATIONALE });
    expect(d.errors.override?.[0]).toMatch(
      /^This decision goes against the panel's majority: 2 of 3 recommendations are No hire or Strong no hire\./,
    );
    const tie = loopWith([{ recommendation: "no_hire" }, { recommendation: "hire" }]);
    expect((await decide(tie, { decision: "hire", rationale: RATIONALE })).status).toBe(302);
    expect(loopRow(tie).decisionOverride).toBeNull();
  });

  it("the symmetric case: No hire against a unanimous hire panel needs an override; drafts do not count", async () => {
    const id = loopWith([
      { recommendation: "hire" },
      { recommendation: "strong_hire" },
      { status: "draft", recommendation: "no_hire" },
      { status: "recused", recommendation: null, conflictNote: "Former colleague." },
    ]);
    const d = await refused(id, { decision: "no_hire", rationale: RATIONALE });
    expect(d.grounds).toEqual([
      { kind: "against_majority", text: "the panel's majority: 2 of 2 recommendations are Hire or Strong hire" },
    ]);
    expect((await decide(id, { decision: "no_hire", rationale: RATIONALE, override: OVERRIDE })).status).toBe(302);
    expect(loopRow(id)).toMatchObject({ decision: "no_hire", decisionOverride: OVERRIDE });
  });
});

describe("a must-have dimension below the bar (rubric v2's decision rule)", () => {
  it("a Hire needs an override naming the dimension and its mean", async () => {
    const low = { ...FULL, ml_system_architecture: 2 } as const;
    const id = loopWith(
      [
        { recommendation: "hire", scores: low },
        { recommendation: "hire", scores: low },
      ],
      v2Id,
    );
    const d = await refused(id, { decision: "hire", rationale: RATIONALE });
    expect(d.grounds.map((g) => g.kind)).toEqual(["must_have_below_bar"]);
    expect(d.grounds[0]?.text).toMatch(/^must-have dimension “.+” below the bar \(mean 2\.00, bar 3\)$/);
    expect((await decide(id, { decision: "hire", rationale: RATIONALE, override: OVERRIDE })).status).toBe(302);
  });
});

describe("consensus and rankings from 0, 1 and 2 submitted scorecards", () => {
  const summaryOf = async (id: string) => {
    const json = await call(jsonLoader, get(`/loops/${id}/packet.json`, hm), { id });
    const body = (await json.response?.json()) as { aggregate: LoopAggregate };
    const review = getLoopReview(getDb(), id)!;
    const packet = buildPacketModel(review.aggregate, review.facts, review.rubric, { generatedAt: Date.now() });
    return { consensus: body.aggregate.recommendations.consensus, summary: packet.summary };
  };

  it("0: no recommendations, nothing ranked", async () => {
    const { consensus, summary } = await summaryOf(loopWith([{ status: "draft", recommendation: null }]));
    expect(consensus).toBe("none");
    expect(summary.consensusLabel).toBe("No recommendations yet");
    expect(summary.strongest).toEqual([]);
    expect(summary.rankingNote).toBe("");
  });

  it("1: never a consensus; every ranking says it rests on one scorecard", async () => {
    const { consensus, summary } = await summaryOf(
      loopWith([{ recommendation: "strong_hire" }, { status: "draft", recommendation: null }]),
    );
    expect(consensus).toBe("too_few");
    expect(summary.consensusLabel).not.toMatch(/consensus:/i);
    expect(summary.consensusLabel).toBe("One panelist's recommendation: no consensus yet");
    for (const h of [...summary.strongest, ...summary.weakest]) expect(h.basis).toBe("from 1 scorecard");
    expect(summary.rankingNote).toMatch(/every one from a single scorecard: one panelist's view/);
  });

  it("2: a consensus, and rankings from 2 scorecards", async () => {
    const { consensus, summary } = await summaryOf(loopWith([{ recommendation: "hire" }, { recommendation: "hire" }]));
    expect(consensus).toBe("consensus_hire");
    expect(summary.consensusLabel).toBe("Consensus: hire");
    for (const h of summary.strongest) expect(h.basis).toBe("from 2 scorecards");
    expect(summary.rankingNote).toBe("Ranked by the mean of each dimension, each from 2 scorecards.");
  });
});
