// The review page, packet.json and ratings.csv: who may see them, and the decision rules.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { auditLog, loops, scorecards } from "../../db/schema";
import { action as pageAction, loader as pageLoaderFn } from "../../app/routes/loops.$id._index";
import { loader as jsonLoaderFn } from "../../app/routes/loops.$id.packet[.]json";
import { loader as csvLoaderFn } from "../../app/routes/loops.$id.ratings[.]csv";
import type { LoopAggregate, LoopFacts } from "../../app/domain/review/types";

import { call, createTestUser, freshDatabase, get, postForm, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, EVIDENCE, handler } from "./review-fixtures";

const pageLoader = handler(pageLoaderFn);
const jsonLoader = handler(jsonLoaderFn);
const csvLoader = handler(csvLoaderFn);
const action = handler(pageAction);

let hm: TestUser;
let otherHm: TestUser;
let recruiter: TestUser;
let admin: TestUser;
let submitted: TestUser;
let pending: TestUser;
let unrelated: TestUser;
let loopId: string;
let otherLoopId: string;
let versionId: string;

const FULL_SCORES = {
  ml_system_architecture: 3,
  cloud_platform: 4,
  observability_reliability: 3,
  governance_risk: 3,
  communication: 3,
} as const;

beforeAll(() => {
  freshDatabase();
  ({ versionId } = seedRubricV1());
  hm = createTestUser("member", "Hana Manager");
  otherHm = createTestUser("member", "Otto Manager");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  admin = createTestUser("admin", "Ada Admin");
  submitted = createTestUser("member", "Sam Submitted");
  pending = createTestUser("member", "Pat Pending");
  unrelated = createTestUser("member", "Uma Unrelated");
  loopId = buildLoop({
    versionId,
    hiringManagerId: hm.id,
    recruiterId: recruiter.id,
    candidateName: "Grace Candidate",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          {
            panelistId: submitted.id,
            scores: { ...FULL_SCORES, cloud_platform: 1 },
            evidence: {
              cloud_platform: '=HYPERLINK("http://evil.example","click"), then "quotes", commas\nand a new line',
            },
            flags: [{ key: "no_incident_experience", note: "Only read post-mortems." }],
          },
          { panelistId: pending.id, status: "draft", recommendation: null, scores: { ml_system_architecture: 2 } },
        ],
      },
      {
        exercise: "tooling_evaluation",
        panel: [
          {
            panelistId: admin.id,
            scores: {
              cloud_platform: 4,
              mlops_lifecycle: "na",
              ml_system_architecture: 4,
              communication: 3,
              leadership_enablement: 3,
            },
          },
        ],
      },
    ],
  }).loopId;
  otherLoopId = buildLoop({
    versionId,
    hiringManagerId: otherHm.id,
    candidateName: "Other Candidate",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [{ panelistId: createTestUser("member").id, scores: FULL_SCORES }],
      },
    ],
  }).loopId;
});

const routes = [
  { name: "review page", fn: pageLoader, path: (id: string) => `/loops/${id}` },
  { name: "packet.json", fn: jsonLoader, path: (id: string) => `/loops/${id}/packet.json` },
  { name: "ratings.csv", fn: csvLoader, path: (id: string) => `/loops/${id}/ratings.csv` },
] as const;

describe.each(routes)("authorization of the $name", ({ name, fn, path }) => {
  const run = (user: TestUser | null, id = loopId) => call(fn, get(path(id), user), { id });

  it("turns anonymous visitors away (login redirect for the page, 401 for downloads)", async () => {
    const res = await run(null);
    if (name === "review page") {
      expect(res.status).toBe(302);
      expect(res.response?.headers.get("Location")).toContain("/login?redirectTo=");
    } else {
      expect(res.status).toBe(401);
    }
  });

  it("404s for an interviewer with no part in the loop", async () => {
    expect((await run(unrelated)).status).toBe(404);
  });

  it("403s for a panelist who has not submitted, with a helpful message", async () => {
    const res = await run(pending);
    expect(res.status).toBe(403);
    expect(await res.response?.text()).toMatch(/Submit your own scorecard/);
  });

  it("opens for a panelist after their submission", async () => {
    expect((await run(submitted)).status).toBe(200);
  });

  it("opens for the loop's hiring manager, but 404s for the hiring manager of another loop", async () => {
    expect((await run(hm)).status).toBe(200);
    expect((await run(otherHm)).status).toBe(404);
    expect((await run(otherHm, otherLoopId)).status).toBe(200);
  });

  it("opens for recruiters and admins", async () => {
    expect((await run(recruiter)).status).toBe(200);
    expect((await run(admin)).status).toBe(200);
  });

  it("404s for an unknown or malformed loop id", async () => {
    expect((await run(admin, "no-such-loop")).status).toBe(404);
    expect((await run(admin, "../../etc")).status).toBe(404);
  });
});

describe("review page content", () => {
  it("returns the aggregate, facts and rubric; drafts are not counted", async () => {
    const res = await call(pageLoader, get(`/loops/${loopId}`, hm), { id: loopId });
    const d = res.data as {
      aggregate: LoopAggregate;
      facts: LoopFacts;
      viewer: { canDecide: boolean; managerView: boolean };
    };
    expect(d.facts.candidate.name).toBe("Grace Candidate");
    expect(d.facts.hiringManager).toBe("Hana Manager");
    expect(d.facts.recruiter).toBe("Rita Recruiter");
    expect(d.aggregate.coverage).toMatchObject({ submitted: 2, assigned: 3, complete: false });
    const cloud = d.aggregate.dimensions.find((x) => x.key === "cloud_platform");
    expect(cloud).toMatchObject({ count: 2, min: 1, max: 4, disagreement: true });
    const arch = d.aggregate.dimensions.find((x) => x.key === "ml_system_architecture");
    // the pending panelist's draft 2 is not in the mean
    expect(arch?.mean).toBe(3.5);
    expect(d.aggregate.agenda.map((a) => a.kind)).toEqual(
      expect.arrayContaining(["dealbreaker", "disagreement", "missing_scorecard"]),
    );
    expect(d.viewer).toMatchObject({ canDecide: true, managerView: true });
    expect(d.aggregate.calibration.length).toBeGreaterThan(0);
  });

  it("hides interviewer calibration from a viewer who is only a panelist, and offers no decision", async () => {
    const res = await call(pageLoader, get(`/loops/${loopId}`, submitted), { id: loopId });
    const d = res.data as { aggregate: LoopAggregate; viewer: { canDecide: boolean; managerView: boolean } };
    expect(d.aggregate.calibration).toEqual([]);
    expect(d.viewer).toMatchObject({ canDecide: false, managerView: false });
    expect(d.aggregate.composite.calibrated).not.toBeNull();
  });
});

describe("packet.json", () => {
  it("returns { loop facts, aggregate } as JSON, never cached", async () => {
    const res = await call(jsonLoader, get(`/loops/${loopId}/packet.json`, recruiter), { id: loopId });
    expect(res.status).toBe(200);
    expect(res.response?.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.response?.headers.get("Cache-Control")).toBe("no-store");
    const body = (await res.response?.json()) as { schemaVersion: number; loop: LoopFacts; aggregate: LoopAggregate };
    expect(body.schemaVersion).toBe(1);
    expect(body.loop.loopId).toBe(loopId);
    expect(body.loop.candidate.name).toBe("Grace Candidate");
    expect(body.aggregate.loopId).toBe(loopId);
    expect(body.aggregate.dimensions).toHaveLength(7);
    expect(body.aggregate.redFlags[0]?.raisedBy[0]?.panelistName).toBe("Sam Submitted");
  });
});

describe("ratings.csv", () => {
  it("has one row per rating of submitted scorecards, RFC 4180 quoting and formula neutralising", async () => {
    const res = await call(csvLoader, get(`/loops/${loopId}/ratings.csv`, hm), { id: loopId });
    expect(res.status).toBe(200);
    expect(res.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.response?.headers.get("Content-Disposition")).toBe('attachment; filename="ratings-grace-candidate.csv"');
    const bytes = new Uint8Array((await res.response?.arrayBuffer()) ?? new ArrayBuffer(0));
    // UTF-8 byte-order mark first, so spreadsheets read "Łukasz" correctly
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.startsWith("loop_id,candidate,interview,exercise,panelist,")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    // 5 ratings from Sam + 5 from Ada (one "not assessed"); the draft's rating is left out
    const dataLines = text.split("\r\n").filter((l, i) => i > 0 && l.startsWith(loopId));
    expect(dataLines).toHaveLength(10);
    expect(text).not.toContain("Pat Pending");
    expect(text).toContain(`,not assessed,`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then ""quotes"", commas\nand a new line"`);
    expect(text).toContain(EVIDENCE);
  });
});

describe("decision rules", () => {
  const decide = (user: TestUser, fields: Record<string, string>, id = loopId, csrf?: string | null) =>
    call(action, postForm(`/loops/${id}`, user, { intent: "decide", ...fields }, csrf === undefined ? {} : { csrf }), {
      id,
    });
  const reopen = (user: TestUser, fields: Record<string, string>, id = loopId) =>
    call(action, postForm(`/loops/${id}`, user, { intent: "reopen", ...fields }), { id });
  const loopRow = (id = loopId) => getDb().select().from(loops).where(eq(loops.id, id)).get();
  const auditOf = (action: string, id = loopId) =>
    getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.loopId, id), eq(auditLog.action, action)))
      .all();
  const RATIONALE =
    "Strong architecture and platform depth; the incident concern was probed in the debrief and is coachable.";
  const OVERRIDE =
    "Sam's flag rests on post-mortems read rather than run; the references confirmed two incidents the candidate led.";

  it("requires a rationale (400, errors per field, text kept, nothing written)", async () => {
    const res = await decide(hm, { decision: "hire", rationale: "   " });
    expect(res.status).toBe(400);
    const d = res.data as { errors: Record<string, string[]>; values: { decision: string } };
    expect(d.errors.rationale?.[0]).toMatch(/rationale/i);
    expect(d.values.decision).toBe("hire");
    const short = await decide(hm, { decision: "hire", rationale: "ok then" });
    expect(short.status).toBe(400);
    expect((short.data as { errors: Record<string, string[]> }).errors.rationale?.[0]).toMatch(/at least 20/);
    const noDecision = await decide(hm, { rationale: RATIONALE });
    expect((noDecision.data as { errors: Record<string, string[]> }).errors.decision?.[0]).toMatch(
      /hire, no hire or hold/,
    );
    const bogus = await decide(hm, { decision: "maybe", rationale: RATIONALE });
    expect(bogus.status).toBe(400);
    expect(loopRow()?.status).toBe("debrief");
    expect(auditOf("loop.decide")).toHaveLength(0);
  });

  it("lets only the loop's hiring manager or an admin decide", async () => {
    expect((await decide(recruiter, { decision: "hire", rationale: RATIONALE })).status).toBe(403);
    expect((await decide(submitted, { decision: "hire", rationale: RATIONALE })).status).toBe(403);
    expect((await decide(otherHm, { decision: "hire", rationale: RATIONALE })).status).toBe(404);
    expect((await decide(unrelated, { decision: "hire", rationale: RATIONALE })).status).toBe(404);
    expect((await decide(pending, { decision: "hire", rationale: RATIONALE })).status).toBe(403);
    expect(loopRow()?.status).toBe("debrief");
  });

  it("rejects a post without the CSRF token", async () => {
    expect((await decide(hm, { decision: "hire", rationale: RATIONALE }, loopId, null)).status).toBe(403);
  });

  it("records the decision with who and when, moves the loop to decided and audits it", async () => {
    const before = Date.now();
    // the Hire goes against the dealbreaker Sam raised: the override is required (tests/integration/decision-override.test.ts)
    const res = await decide(hm, { decision: "hire", rationale: `  ${RATIONALE}  `, override: OVERRIDE });
    expect(res.status).toBe(302);
    expect(res.response?.headers.get("Location")).toBe(`/loops/${loopId}?saved=decision#decision`);
    const row = loopRow();
    expect(row).toMatchObject({ status: "decided", decision: "hire", decisionRationale: RATIONALE, decidedBy: hm.id });
    expect(row?.decidedAt).toBeGreaterThanOrEqual(before);
    const audit = auditOf("loop.decide");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: hm.id, entityType: "loop", entityId: loopId, reason: RATIONALE });
    expect(audit[0]?.before).toEqual({ status: "debrief", decision: null });
    expect(audit[0]?.after).toMatchObject({ status: "decided", decision: "hire", override: { text: OVERRIDE } });
    const page = await call(pageLoader, get(`/loops/${loopId}?saved=decision`, recruiter), { id: loopId });
    const facts = (page.data as { facts: LoopFacts }).facts;
    expect(facts.decision).toMatchObject({ decision: "hire", rationale: RATIONALE, decidedBy: "Hana Manager" });
    expect(facts.audit.some((a) => a.action === "loop.decide" && a.actorName === "Hana Manager")).toBe(true);
  });

  it("refuses a second decision on a decided loop (409) without touching it", async () => {
    const res = await decide(admin, { decision: "no_hire", rationale: RATIONALE });
    expect(res.status).toBe(409);
    expect(loopRow()?.decision).toBe("hire");
    expect(auditOf("loop.decide")).toHaveLength(1);
  });

  it("reopening needs a reason and the decision-maker's rights", async () => {
    const noReason = await reopen(hm, { reason: "" });
    expect(noReason.status).toBe(400);
    expect((noReason.data as { errors: Record<string, string[]> }).errors.reason?.[0]).toMatch(/why/);
    expect((await reopen(recruiter, { reason: "New information from references." })).status).toBe(403);
    expect((await reopen(submitted, { reason: "New information from references." })).status).toBe(403);
    expect(loopRow()?.status).toBe("decided");
    expect(auditOf("loop.reopen")).toHaveLength(0);
  });

  it("reopens: back to debrief, decision cleared, the old one kept in the audit entry", async () => {
    const res = await reopen(admin, { reason: "Reference check raised a question about the incident." });
    expect(res.status).toBe(302);
    expect(loopRow()).toMatchObject({
      status: "debrief",
      decision: null,
      decisionRationale: null,
      decidedBy: null,
      decidedAt: null,
    });
    const audit = auditOf("loop.reopen");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      reason: "Reference check raised a question about the incident.",
    });
    expect(audit[0]?.before).toMatchObject({
      status: "decided",
      decision: "hire",
      rationale: RATIONALE,
      decidedBy: hm.id,
    });
    expect((await reopen(admin, { reason: "Reopen it once more please." })).status).toBe(409);
  });

  it("an admin may decide; loops outside debrief cannot be decided", async () => {
    const res = await decide(admin, { decision: "hold", rationale: RATIONALE });
    expect(res.status).toBe(302);
    expect(loopRow()).toMatchObject({ status: "decided", decision: "hold", decidedBy: admin.id });
    const planning = buildLoop({ versionId, hiringManagerId: hm.id, status: "in_progress", interviews: [] }).loopId;
    const early = await decide(hm, { decision: "hire", rationale: RATIONALE }, planning);
    expect(early.status).toBe(409);
    expect((early.data as { errors: Record<string, string[]> }).errors._form?.[0]).toMatch(/in progress/);
    expect(loopRow(planning)?.status).toBe("in_progress");
  });

  it("rejects an unknown intent with 400", async () => {
    const res = await call(action, postForm(`/loops/${loopId}`, hm, { intent: "delete" }), { id: loopId });
    expect(res.status).toBe(400);
  });
});

describe("independence before submission", () => {
  it("a panelist sees nothing until their own scorecard is submitted, then everything", async () => {
    const run = (u: TestUser) => call(pageLoader, get(`/loops/${loopId}`, u), { id: loopId });
    expect((await run(pending)).status).toBe(403);
    expect((await call(jsonLoader, get(`/loops/${loopId}/packet.json`, pending), { id: loopId })).status).toBe(403);
    getDb()
      .update(scorecards)
      .set({ status: "submitted", submittedAt: Date.now(), recommendation: "no_hire" })
      .where(eq(scorecards.panelistId, pending.id))
      .run();
    const after = await run(pending);
    expect(after.status).toBe(200);
    const agg = (after.data as { aggregate: LoopAggregate }).aggregate;
    expect(agg.coverage.complete).toBe(true);
    expect(
      agg.dimensions.find((d) => d.key === "ml_system_architecture")?.ratings.map((r) => r.panelistName),
    ).toContain("Pat Pending");
  });
});
