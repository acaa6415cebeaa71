// Warnings the user confirms (issue 17): a 409 carrying the question, nothing written; the same
// request with confirm=1 goes ahead. Deactivating the only panelist of an upcoming interview,
// moving a loop to debrief with scorecards outstanding, submitting a scorecard days before its
// interview (JSON autosave endpoint and the no-JS form post).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { auditLog, interviews, loops, scorecards, users } from "../../db/schema";
import { action as setupActionFn } from "../../app/routes/loops.$id.setup";
import { action as peopleActionFn } from "../../app/routes/people._index";
import { action as pageActionFn } from "../../app/routes/scorecards.$id._index";
import { action as saveActionFn } from "../../app/routes/scorecards.$id.save";

import { call, createTestUser, freshDatabase, postForm, postJson, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";

const setupAction = handler(setupActionFn);
const peopleAction = handler(peopleActionFn);
const pageAction = handler(pageActionFn);
const saveAction = handler(saveActionFn);

const DAY = 86_400_000;
const EVIDENCE = "Walked through detection, rollback and the stakeholder update with timings.";
const ASSESSED = ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"];

let versionId: string;
let admin: TestUser;
let recruiter: TestUser;
let hm: TestUser;

function complete() {
  return {
    ratings: Object.fromEntries(ASSESSED.map((k) => [k, { score: "3", evidence: EVIDENCE }])),
    redFlags: {},
    signals: {},
    focus: {},
    recommendation: "hire",
    summary: "Calm and structured under pressure.",
    overrideJustification: "",
  };
}

const scheduleIn = (interviewId: string, ms: number) =>
  getDb()
    .update(interviews)
    .set({ scheduledAt: Date.now() + ms })
    .where(eq(interviews.id, interviewId))
    .run();
const card = (id: string) => getDb().select().from(scorecards).where(eq(scorecards.id, id)).get()!;
const data = (r: { data: unknown }) => r.data as { confirm?: string; errors?: Record<string, string[]> };

beforeAll(() => {
  freshDatabase();
  ({ versionId } = seedRubricV1());
  admin = createTestUser("admin", "Ada Admin");
  recruiter = createTestUser("recruiter", "Rae Recruiter");
  hm = createTestUser("member", "Hana Manager");
});

describe("deactivating the only panelist of an upcoming interview", () => {
  it("asks first, writes nothing, and deactivates once confirmed", async () => {
    const mateo = createTestUser("member", "Mateo Solo");
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "scheduled",
      candidateName: "Rafael Domínguez",
      interviews: [
        {
          exercise: "incident_scenario_drill",
          panel: [{ panelistId: mateo.id, status: "draft", recommendation: null }],
        },
      ],
    });
    scheduleIn(built.interviewIds[0]!, 2 * DAY);
    const post = (fields: Record<string, string>) =>
      call(peopleAction, postForm("/people?index", admin, { intent: "deactivate", userId: mateo.id, ...fields }));

    const asked = await post({});
    expect(asked.status).toBe(409);
    expect(data(asked).confirm).toMatch(
      /^Mateo Solo is the only panelist of an upcoming interview: Rafael Domínguez · .*\(in 2 days\)/,
    );
    expect(getDb().select().from(users).where(eq(users.id, mateo.id)).get()!.active).toBe(true);
    expect(getDb().select().from(auditLog).where(eq(auditLog.entityId, mateo.id)).all()).toEqual([]);

    expect((await post({ confirm: "1" })).status).toBe(302);
    expect(getDb().select().from(users).where(eq(users.id, mateo.id)).get()!.active).toBe(false);
  });

  it("does not ask when someone else sits on the panel or the interview is over", async () => {
    const pair = createTestUser("member", "Pat Pair");
    const other = createTestUser("member", "Oli Other");
    const past = createTestUser("member", "Pia Past");
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "scheduled",
      interviews: [
        {
          exercise: "incident_scenario_drill",
          panel: [
            { panelistId: pair.id, status: "draft", recommendation: null },
            { panelistId: other.id, status: "draft", recommendation: null },
          ],
        },
        {
          exercise: "architecture_case_study",
          panel: [{ panelistId: past.id, status: "draft", recommendation: null }],
        },
      ],
    });
    scheduleIn(built.interviewIds[0]!, 2 * DAY);
    scheduleIn(built.interviewIds[1]!, -DAY);
    for (const u of [pair, past]) {
      const r = await call(peopleAction, postForm("/people?index", admin, { intent: "deactivate", userId: u.id }));
      expect(r.status, u.name).toBe(302);
    }
  });
});

describe("moving a loop to debrief with scorecards outstanding", () => {
  it("asks with the count, writes nothing, and moves once confirmed", async () => {
    const panel = Array.from({ length: 8 }, (_, i) => createTestUser("member", `Panelist ${i}`));
    const { loopId } = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "in_progress",
      interviews: [
        {
          exercise: "incident_scenario_drill",
          panel: panel.slice(0, 4).map((p, i) => ({
            panelistId: p.id,
            ...(i < 2 ? {} : { status: "draft" as const, recommendation: null }),
          })),
        },
        {
          exercise: "architecture_case_study",
          panel: panel.slice(4).map((p) => ({ panelistId: p.id, status: "draft" as const, recommendation: null })),
        },
      ],
    });
    const post = (fields: Record<string, string>) =>
      call(setupAction, postForm(`/loops/${loopId}/setup`, recruiter, { intent: "status", to: "debrief", ...fields }), {
        id: loopId,
      });
    const status = () => getDb().select().from(loops).where(eq(loops.id, loopId)).get()!.status;
    const audits = () =>
      getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.loopId, loopId), eq(auditLog.action, "loop.status")))
        .all();

    const asked = await post({ reason: "Panel agreed" });
    expect(asked.status).toBe(409);
    expect(data(asked).confirm).toMatch(/^6 of 8 scorecards are not submitted yet\./);
    expect(data(asked).errors).toEqual({});
    expect(status()).toBe("in_progress");
    expect(audits()).toEqual([]);

    const done = await post({ reason: "Panel agreed", confirm: "1" });
    expect(done.status).toBe(302);
    expect(status()).toBe("debrief");
    expect(audits().map((a) => a.reason)).toEqual(["Panel agreed"]);
  });
});

describe("submitting a scorecard days before its interview", () => {
  let alice: TestUser;
  let aliceCard: string;
  let interviewId: string;
  beforeAll(() => {
    alice = createTestUser("member", "Alice Early");
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "scheduled",
      interviews: [
        {
          exercise: "incident_scenario_drill",
          panel: [{ panelistId: alice.id, status: "draft", recommendation: null }],
        },
      ],
    });
    interviewId = built.interviewIds[0]!;
    aliceCard = built.scorecardIds[0]![0]!;
    scheduleIn(interviewId, 6 * DAY);
  });

  it("asks on the JSON endpoint, keeps the draft, and submits once confirmed", async () => {
    const send = (extra: Record<string, unknown>) =>
      call(
        saveAction,
        postJson(`/scorecards/${aliceCard}/save`, alice, {
          intent: "submit",
          version: card(aliceCard).version,
          ...complete(),
          ...extra,
        }),
        { id: aliceCard },
      );
    const asked = await send({});
    expect(asked.status).toBe(409);
    const body = (await asked.response!.json()) as { confirm?: { message: string } };
    expect(body.confirm?.message).toMatch(/^This interview is scheduled for .* \(in 6 days\)\./);
    expect(card(aliceCard).status).toBe("draft");

    // an invalid submit is still refused for what it is, confirmed or not
    const invalid = await send({ confirm: "1", recommendation: "" });
    expect(invalid.status).toBe(400);
    expect(card(aliceCard).status).toBe("draft");

    expect((await send({ confirm: "1" })).status).toBe(200);
    expect(card(aliceCard).status).toBe("submitted");
  });

  it("asks on the no-JS form post with the typed values kept", async () => {
    const bo = createTestUser("member", "Bo Early");
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "scheduled",
      interviews: [
        { exercise: "incident_scenario_drill", panel: [{ panelistId: bo.id, status: "draft", recommendation: null }] },
      ],
    });
    const id = built.scorecardIds[0]![0]!;
    scheduleIn(built.interviewIds[0]!, 11 * DAY);
    const fields: Record<string, string> = {
      intent: "submit",
      version: String(card(id).version),
      recommendation: "hire",
      summary: "Calm and structured under pressure.",
    };
    for (const k of ASSESSED) {
      fields[`ratings.${k}.score`] = "3";
      fields[`ratings.${k}.evidence`] = EVIDENCE;
    }
    const asked = await call(pageAction, postForm(`/scorecards/${id}?index`, bo, fields), { id });
    expect(asked.status).toBe(409);
    const d = asked.data as { confirm?: string; values?: Record<string, unknown> };
    expect(d.confirm).toMatch(/\(in 11 days\)/);
    expect(d.values?.summary).toBe("Calm and structured under pressure.");
    expect(card(id).status).toBe("draft");

    const done = await call(pageAction, postForm(`/scorecards/${id}?index`, bo, { ...fields, confirm: "1" }), { id });
    expect(done.status).toBe(302);
    expect(card(id).status).toBe("submitted");
  });

  it("does not ask on the day of the interview", async () => {
    const cy = createTestUser("member", "Cy Today");
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      status: "in_progress",
      interviews: [
        { exercise: "incident_scenario_drill", panel: [{ panelistId: cy.id, status: "draft", recommendation: null }] },
      ],
    });
    const id = built.scorecardIds[0]![0]!;
    scheduleIn(built.interviewIds[0]!, 2 * 3_600_000);
    const r = await call(
      saveAction,
      postJson(`/scorecards/${id}/save`, cy, { intent: "submit", version: card(id).version, ...complete() }),
      { id },
    );
    expect(r.status).toBe(200);
    expect(card(id).status).toBe("submitted");
  });
});
