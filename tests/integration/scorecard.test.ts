// The live scorecard's server side: versioned autosave (conflicts never overwrite), submit
// validation, amendments with an audit trail, and the independence rule around submission.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { calibrationInputsGeneration } from "../../db/queries/review/calibration.server";
import { findOwnScorecard, readScorecardValues } from "../../db/queries/scorecard/own-scorecard.server";
import { auditLog, scorecards } from "../../db/schema";
import { loader as reviewLoaderFn } from "../../app/routes/loops.$id._index";
import { loader as packetLoaderFn } from "../../app/routes/loops.$id.packet[.]json";
import { loader as csvLoaderFn } from "../../app/routes/loops.$id.ratings[.]csv";
import { action as pageActionFn, loader as pageLoaderFn } from "../../app/routes/scorecards.$id._index";
import { action as saveActionFn } from "../../app/routes/scorecards.$id.save";
import { LIMITS } from "../../app/domain/scorecard/schema";

import { call, createTestUser, freshDatabase, get, postForm, postJson, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";

const saveAction = handler(saveActionFn);
const pageAction = handler(pageActionFn);
const pageLoader = handler(pageLoaderFn);
const reviewLoader = handler(reviewLoaderFn);
const packetLoader = handler(packetLoaderFn);
const csvLoader = handler(csvLoaderFn);

const EVIDENCE = "Walked through detection, rollback and the stakeholder update with timings.";
// the incident drill assesses these four dimensions
const ASSESSED = ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"];

let versionId: string;
let hm: TestUser;
let early: TestUser; // submitted already
let alice: TestUser; // draft on the loop
let bob: TestUser; // draft on the loop
let loopId: string;
let aliceCard: string;
let bobCard: string;

function completeValues(extra: Record<string, unknown> = {}) {
  return {
    ratings: Object.fromEntries(ASSESSED.map((k) => [k, { score: "3", evidence: EVIDENCE }])),
    redFlags: {},
    signals: { knows_ml_failure_modes: true },
    focus: { detection: true },
    recommendation: "hire",
    summary: "Calm and structured under pressure.",
    overrideJustification: "",
    ...extra,
  };
}

function row(id: string) {
  return getDb().select().from(scorecards).where(eq(scorecards.id, id)).get()!;
}

function valuesOf(id: string, panelistId: string) {
  const target = findOwnScorecard(getDb(), { scorecardId: id, panelistId })!;
  return readScorecardValues(getDb(), id, target.facts);
}

function save(user: TestUser, id: string, body: Record<string, unknown>) {
  return call(saveAction, postJson(`/scorecards/${id}/save`, user, body), { id });
}

async function jsonOf(r: { response: Response | null }) {
  return (await r.response!.json()) as Record<string, unknown>;
}

beforeAll(() => {
  freshDatabase();
  ({ versionId } = seedRubricV1());
  hm = createTestUser("member", "Hana Manager");
  early = createTestUser("member", "Eli Early");
  alice = createTestUser("member", "Alice Draft");
  bob = createTestUser("member", "Bob Draft");
  const built = buildLoop({
    versionId,
    hiringManagerId: hm.id,
    status: "in_progress",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          {
            panelistId: early.id,
            scores: {
              ml_system_architecture: 3,
              cloud_platform: 3,
              observability_reliability: 3,
              governance_risk: 3,
              communication: 3,
            },
          },
        ],
      },
      {
        exercise: "incident_scenario_drill",
        panel: [
          { panelistId: alice.id, status: "draft", recommendation: null },
          { panelistId: bob.id, status: "draft", recommendation: null },
        ],
      },
    ],
  });
  loopId = built.loopId;
  [aliceCard, bobCard] = built.scorecardIds[1] as [string, string];
});

describe("autosave (POST /scorecards/:id/save)", () => {
  it("applies a save carrying the current version and returns the next version", async () => {
    const before = row(aliceCard).version;
    const r = await save(alice, aliceCard, {
      intent: "save",
      version: before,
      summary: "first words",
      focus: { detection: true },
      ratings: { communication: { score: "3", evidence: "clear" } },
      notes: [{ id: "note-000001", minute: 3, body: "Opened the dashboards first", at: 1_700_000_000_000 }],
    });
    expect(r.status).toBe(200);
    expect(await jsonOf(r)).toMatchObject({ ok: true, version: before + 1, status: "draft" });
    expect(row(aliceCard).version).toBe(before + 1);
    const v = valuesOf(aliceCard, alice.id);
    expect(v.summary).toBe("first words");
    expect(v.focus).toEqual({ detection: true });
    expect(v.ratings.communication).toEqual({ score: "3", evidence: "clear" });
    expect(v.notes).toEqual([
      { id: "note-000001", minute: 3, body: "Opened the dashboards first", at: 1_700_000_000_000 },
    ]);
  });

  it("refuses a stale version with 409 and the server's copy; nothing is overwritten", async () => {
    const current = row(aliceCard).version;
    const before = valuesOf(aliceCard, alice.id);
    const r = await save(alice, aliceCard, {
      intent: "save",
      version: current - 1,
      summary: "from a stale tab",
      notes: [],
    });
    expect(r.status).toBe(409);
    const body = (await jsonOf(r)) as { ok: boolean; conflict: { version: number; values: { summary: string } } };
    expect(body.ok).toBe(false);
    expect(body.conflict.version).toBe(current);
    expect(body.conflict.values.summary).toBe("first words");
    expect(row(aliceCard).version).toBe(current);
    expect(valuesOf(aliceCard, alice.id)).toEqual(before);
  });

  it("refuses oversized text (400 with the field) and keeps the stored copy", async () => {
    const current = row(aliceCard).version;
    const r = await save(alice, aliceCard, {
      intent: "save",
      version: current,
      summary: "x".repeat(LIMITS.summary + 1),
    });
    expect(r.status).toBe(400);
    const body = (await jsonOf(r)) as { errors: Record<string, string[]> };
    expect(body.errors.summary?.[0]).toMatch(/limited to 10,000 characters/);
    expect(row(aliceCard).version).toBe(current);
    expect(valuesOf(aliceCard, alice.id).summary).toBe("first words");
  });

  it("refuses keys the rubric does not know", async () => {
    const r = await save(alice, aliceCard, {
      intent: "save",
      version: row(aliceCard).version,
      ratings: { astrology: { score: "4", evidence: "" } },
    });
    expect(r.status).toBe(400);
  });

  it("needs the CSRF token", async () => {
    const r = await call(
      saveAction,
      postJson(`/scorecards/${aliceCard}/save`, alice, { intent: "save", version: 0 }, { csrf: null }),
      { id: aliceCard },
    );
    expect(r.status).toBe(403);
  });

  it("stores the timer on the server (survives a reload)", async () => {
    const r = await save(alice, aliceCard, { intent: "timer", op: "start" });
    expect(r.status).toBe(200);
    expect(row(aliceCard).timerRunning).toBe(true);
    await save(alice, aliceCard, { intent: "timer", op: "pause" });
    expect(row(aliceCard).timerRunning).toBe(false);
    const page = await call(pageLoader, get(`/scorecards/${aliceCard}`, alice), { id: aliceCard });
    expect((page.data as { timer: { running: boolean } }).timer.running).toBe(false);
  });

  it("another panelist's scorecard is 404 for the page, the form action and the autosave", async () => {
    expect((await call(pageLoader, get(`/scorecards/${bobCard}`, alice), { id: bobCard })).status).toBe(404);
    expect((await save(alice, bobCard, { intent: "save", version: 0, summary: "sneaky" })).status).toBe(404);
    expect(
      (
        await call(
          pageAction,
          postForm(`/scorecards/${bobCard}?index`, alice, { intent: "save", version: "0", summary: "sneaky" }),
          { id: bobCard },
        )
      ).status,
    ).toBe(404);
    expect((await call(pageLoader, get(`/scorecards/not-a-valid-id!`, alice), { id: "not-a-valid-id!" })).status).toBe(
      404,
    );
    expect(valuesOf(bobCard, bob.id).summary).toBe("");
  });
});

describe("submit validation", () => {
  it("JSON: 400 with field errors for every missing piece; the scorecard is unchanged", async () => {
    const before = row(aliceCard);
    const r = await save(alice, aliceCard, {
      intent: "submit",
      version: before.version,
      ...completeValues({
        recommendation: "",
        ratings: { communication: { score: "3", evidence: "short" } },
        redFlags: { no_incident_experience: { checked: true, note: "" } },
      }),
    });
    expect(r.status).toBe(400);
    const { errors } = (await jsonOf(r)) as { errors: Record<string, string[]> };
    expect(Object.keys(errors).sort()).toEqual([
      "ratings.communication.evidence",
      "ratings.leadership_enablement.score",
      "ratings.mlops_lifecycle.score",
      "ratings.observability_reliability.score",
      "recommendation",
      "redFlags.no_incident_experience.note",
    ]);
    const after = row(aliceCard);
    expect(after.status).toBe("draft");
    expect(after.version).toBe(before.version);
    expect(after.summary).toBe(before.summary);
  });

  it("a Hire with a ticked dealbreaker needs the override justification", async () => {
    const r = await save(alice, aliceCard, {
      intent: "submit",
      version: row(aliceCard).version,
      ...completeValues({
        redFlags: { no_incident_experience: { checked: true, note: "Could not name an incident he handled." } },
      }),
    });
    expect(r.status).toBe(400);
    const { errors } = (await jsonOf(r)) as { errors: Record<string, string[]> };
    expect(Object.keys(errors)).toEqual(["overrideJustification"]);
    expect(row(aliceCard).status).toBe("draft");
  });

  it("no-JS form post: 400 with errors and the typed values echoed back intact", async () => {
    const version = String(row(aliceCard).version);
    const long = "keep every character of this summary ✓";
    const r = await call(
      pageAction,
      postForm(`/scorecards/${aliceCard}?index`, alice, {
        intent: "submit",
        version,
        summary: long,
        "ratings.communication.score": "4",
        "ratings.communication.evidence": "tiny",
      }),
      { id: aliceCard },
    );
    expect(r.status).toBe(400);
    const d = r.data as { errors: Record<string, string[]>; values: { summary: string } };
    expect(d.errors["ratings.communication.evidence"]).toBeDefined();
    expect(d.errors.recommendation).toBeDefined();
    expect(d.values.summary).toBe(long);
    expect(row(aliceCard).status).toBe("draft");
    expect(String(row(aliceCard).version)).toBe(version);
  });
});

describe("independence and submission", () => {
  const reviewCalls = () => [
    { name: "review page", fn: reviewLoader, path: `/loops/${loopId}` },
    { name: "packet.json", fn: packetLoader, path: `/loops/${loopId}/packet.json` },
    { name: "ratings.csv", fn: csvLoader, path: `/loops/${loopId}/ratings.csv` },
  ];

  it("a panelist who has not submitted is refused every view of the panel's feedback", async () => {
    for (const c of reviewCalls()) {
      const r = await call(c.fn, get(c.path, alice), { id: loopId });
      expect([403, 404], c.name).toContain(r.status);
    }
    // the scorecard page tells the panelist why, without leaking anything
    const page = await call(pageLoader, get(`/scorecards/${aliceCard}`, alice), { id: aliceCard });
    expect((page.data as { feedback: { access: string } }).feedback.access).toBe("pending_own_submission");
  });

  it("submits a complete scorecard (no-JS form post) and locks it", async () => {
    const v = completeValues();
    const fields: Record<string, string> = {
      intent: "submit",
      version: String(row(aliceCard).version),
      recommendation: v.recommendation,
      summary: v.summary,
      "focus.detection": "on",
      "signals.knows_ml_failure_modes": "on",
    };
    for (const k of ASSESSED) {
      fields[`ratings.${k}.score`] = "3";
      fields[`ratings.${k}.evidence`] = EVIDENCE;
    }
    const generation = calibrationInputsGeneration();
    const r = await call(pageAction, postForm(`/scorecards/${aliceCard}?index`, alice, fields), { id: aliceCard });
    expect(r.status).toBe(302);
    const after = row(aliceCard);
    expect(after.status).toBe("submitted");
    // interviewer calibration is recomputed on the next review (and only after submits/amends, not autosaves)
    expect(calibrationInputsGeneration()).toBe(generation + 1);
    expect(after.submittedAt).not.toBeNull();
    // the quick note saved earlier survives a no-JS submit (the form does not carry notes)
    expect(valuesOf(aliceCard, alice.id).notes?.map((n) => n.body)).toEqual(["Opened the dashboards first"]);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, aliceCard), eq(auditLog.action, "scorecard.submit")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("a submitted scorecard is read-only: autosave and a second submit are refused as locked", async () => {
    const version = row(aliceCard).version;
    const s = await save(alice, aliceCard, { intent: "save", version, summary: "late edit" });
    expect(s.status).toBe(409);
    expect(await jsonOf(s)).toMatchObject({ ok: false, locked: { status: "submitted" } });
    const again = await save(alice, aliceCard, { intent: "submit", version, ...completeValues() });
    expect(again.status).toBe(409);
    expect(row(aliceCard).summary).toBe("Calm and structured under pressure.");
  });

  it("after submitting, the panelist may see the panel's feedback; a panelist still drafting may not", async () => {
    for (const c of reviewCalls()) {
      const r = await call(c.fn, get(c.path, alice), { id: loopId });
      expect(r.status, c.name).toBe(200);
      const b = await call(c.fn, get(c.path, bob), { id: loopId });
      expect([403, 404], c.name).toContain(b.status);
    }
  });
});

describe("amend", () => {
  it("refuses an amendment without a reason (400) and changes nothing", async () => {
    const before = row(aliceCard);
    const r = await save(alice, aliceCard, {
      intent: "amend",
      version: before.version,
      ...completeValues({ summary: "changed" }),
      reason: "",
    });
    expect(r.status).toBe(400);
    const { errors } = (await jsonOf(r)) as { errors: Record<string, string[]> };
    expect(errors.reason?.[0]).toMatch(/Say why/);
    expect(row(aliceCard)).toEqual(before);
  });

  it("an amendment with a reason: stays submitted, amendCount + 1, audit entry with before/after", async () => {
    const before = row(aliceCard);
    const values = completeValues({ summary: "Calm and structured; raised leadership after the debrief." });
    (values.ratings as Record<string, { score: string; evidence: string }>).leadership_enablement = {
      score: "4",
      evidence: EVIDENCE,
    };
    const reason = "Added the team-growth example she gave at the end.";
    const generation = calibrationInputsGeneration();
    const r = await save(alice, aliceCard, { intent: "amend", version: before.version, ...values, reason });
    expect(r.status).toBe(200);
    expect(calibrationInputsGeneration()).toBe(generation + 1);
    const after = row(aliceCard);
    expect(after.status).toBe("submitted");
    expect(after.amendCount).toBe(before.amendCount + 1);
    expect(after.lastAmendReason).toBe(reason);
    expect(after.version).toBe(before.version + 1);
    const entry = getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, aliceCard), eq(auditLog.action, "scorecard.amend")))
      .get()!;
    expect(entry.reason).toBe(reason);
    const b = entry.before as Record<string, unknown>;
    const a = entry.after as Record<string, unknown>;
    expect(b["ratings.leadership_enablement.score"]).toBe("3 · Meets bar");
    expect(a["ratings.leadership_enablement.score"]).toBe("4 · Exceeds bar");
    expect(b.summary).toBe("Calm and structured under pressure.");
    expect(a.summary).toBe("Calm and structured; raised leadership after the debrief.");
    // unchanged fields are not listed
    expect(a["ratings.communication.score"]).toBeUndefined();
    // the quick notes are kept
    expect(valuesOf(aliceCard, alice.id).notes).toHaveLength(1);
  });

  it("a stale amendment is a conflict, not an overwrite", async () => {
    const before = row(aliceCard);
    const r = await save(alice, aliceCard, {
      intent: "amend",
      version: before.version - 1,
      ...completeValues({ summary: "stale" }),
      reason: "A reason that is long enough.",
    });
    expect(r.status).toBe(409);
    expect(row(aliceCard).summary).toBe(before.summary);
  });
});

describe("conflict of interest", () => {
  it("declaring a conflict recuses the scorecard; the panelist then has nothing pending", async () => {
    const bad = await call(
      pageAction,
      postForm(`/scorecards/${bobCard}?index`, bob, { intent: "declareConflict", kind: "", note: "" }),
      { id: bobCard },
    );
    expect(bad.status).toBe(400);
    expect(row(bobCard).status).toBe("draft");
    const r = await call(
      pageAction,
      postForm(`/scorecards/${bobCard}?index`, bob, {
        intent: "declareConflict",
        kind: "referred",
        note: "I referred the candidate last spring.",
      }),
      { id: bobCard },
    );
    expect(r.status).toBe(302);
    const after = row(bobCard);
    expect(after.status).toBe("recused");
    expect(after.conflictNote).toBe("I referred the candidate: I referred the candidate last spring.");
    expect((await save(bob, bobCard, { intent: "save", version: after.version, summary: "x" })).status).toBe(409);
  });
});

describe("concurrent autosaves (group commit)", () => {
  it("saves arriving together are each decided on their own: one commit, no lost or merged writes", async () => {
    const users = [createTestUser("member", "Cara"), createTestUser("member", "Dev"), createTestUser("member", "Eve")];
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "in_progress",
      interviews: [
        {
          exercise: "incident_scenario_drill",
          panel: users.map((u) => ({ panelistId: u.id, status: "draft" as const, recommendation: null })),
        },
      ],
    });
    const ids = built.scorecardIds[0]!;
    const [cara, dev, eve] = users as [TestUser, TestUser, TestUser];
    const [caraCard, devCard, eveCard] = ids as [string, string, string];
    const results = await Promise.all([
      save(cara, caraCard, { intent: "save", version: 0, summary: "cara" }),
      save(dev, devCard, { intent: "save", version: 0, summary: "dev, first tab" }),
      save(dev, devCard, { intent: "save", version: 0, summary: "dev, second tab" }),
      save(eve, eveCard, { intent: "save", version: 0, ratings: { astrology: { score: "1", evidence: "" } } }),
      save(eve, eveCard, { intent: "save", version: 0, summary: "eve" }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 409, 400, 200]);
    expect(row(caraCard)).toMatchObject({ version: 1, summary: "cara" });
    expect(row(devCard)).toMatchObject({ version: 1, summary: "dev, first tab" });
    expect(row(eveCard)).toMatchObject({ version: 1, summary: "eve" });
    const conflict = (await jsonOf(results[2]!)) as { conflict: { version: number; values: { summary: string } } };
    expect(conflict.conflict).toMatchObject({ version: 1, values: { summary: "dev, first tab" } });
  });
});
