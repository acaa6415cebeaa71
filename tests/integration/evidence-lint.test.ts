// The evidence lint on the server: a protected finding refuses submit (JSON and plain form posts)
// until revised or acknowledged with a reason; the acknowledgement is stored with the scorecard and
// audited; the review page counts overrides and advice on submitted scorecards only; the packet never
// quotes a flagged sentence as a headline and lists the overrides in its appendix.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { getLoopReview } from "../../db/queries/review/loop-review.server";
import { auditLog, evidenceAcknowledgements, scorecards } from "../../db/schema";
import { buildPacketModel } from "../../app/domain/packet/model";
import { loader as reviewLoaderFn } from "../../app/routes/loops.$id._index";
import { loader as packetLoaderFn } from "../../app/routes/loops.$id.packet[.]json";
import { action as pageActionFn, loader as pageLoaderFn } from "../../app/routes/scorecards.$id._index";
import { action as saveActionFn } from "../../app/routes/scorecards.$id.save";

import { call, createTestUser, freshDatabase, get, postForm, postJson, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";

const saveAction = handler(saveActionFn);
const pageAction = handler(pageActionFn);
const pageLoader = handler(pageLoaderFn);
const reviewLoader = handler(reviewLoaderFn);
const packetLoader = handler(packetLoaderFn);

const CLEAN = "Walked through detection, rollback and the stakeholder update with timings.";
// longer than CLEAN, so without the lint it would be the headline quote for Communication
const BIASED =
  "She is a young mother of two, so travel could be hard for her, though she explained the rollback plan well.";
const REASON = "The role requires travel and she raised it herself when asked about the on-site weeks.";
// the incident drill assesses these four dimensions
const ASSESSED = ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"];

let versionId: string;
let hm: TestUser;
let ana: TestUser; // JSON path
let ben: TestUser; // form path
let loopId: string;
let anaCard: string;
let benCard: string;

function values(communication = CLEAN) {
  return {
    ratings: Object.fromEntries(
      ASSESSED.map((k) => [k, { score: "3", evidence: k === "communication" ? communication : CLEAN }]),
    ),
    redFlags: {},
    signals: {},
    focus: {},
    recommendation: "hire",
    summary: "Explained the rollback plan and asked about the paging policy.",
    overrideJustification: "",
  };
}

function formFields(user: TestUser, card: string, communication: string, extra: Record<string, string> = {}) {
  const fields: Record<string, string> = {
    intent: "submit",
    version: String(row(card).version),
    recommendation: "hire",
    summary: "Explained the rollback plan and asked about the paging policy.",
    ...extra,
  };
  for (const k of ASSESSED) {
    fields[`ratings.${k}.score`] = "3";
    fields[`ratings.${k}.evidence`] = k === "communication" ? communication : CLEAN;
  }
  return postForm(`/scorecards/${card}?index`, user, fields);
}

function row(id: string) {
  return getDb().select().from(scorecards).where(eq(scorecards.id, id)).get()!;
}

function acksOf(id: string) {
  return getDb().select().from(evidenceAcknowledgements).where(eq(evidenceAcknowledgements.scorecardId, id)).all();
}

function ackAudits(id: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "scorecard.evidence_acknowledge")))
    .all();
}

function json(user: TestUser, card: string, body: Record<string, unknown>) {
  return call(saveAction, postJson(`/scorecards/${card}/save`, user, body), { id: card });
}

async function bodyOf(r: { response: Response | null }) {
  return (await r.response!.json()) as { ok: boolean; errors?: Record<string, string[]> };
}

beforeAll(() => {
  freshDatabase();
  ({ versionId } = seedRubricV1());
  hm = createTestUser("member", "Hana Manager");
  ana = createTestUser("member", "Ana Json");
  ben = createTestUser("member", "Ben Form");
  const built = buildLoop({
    versionId,
    hiringManagerId: hm.id,
    status: "in_progress",
    interviews: [
      {
        exercise: "incident_scenario_drill",
        panel: [
          { panelistId: ana.id, status: "draft", recommendation: null },
          { panelistId: ben.id, status: "draft", recommendation: null },
        ],
      },
    ],
  });
  loopId = built.loopId;
  [anaCard, benCard] = built.scorecardIds[0] as [string, string];
});

describe("submit with a protected finding (JSON)", () => {
  it("is refused with 400 naming the field; nothing is submitted or stored", async () => {
    const before = row(anaCard);
    const r = await json(ana, anaCard, { intent: "submit", version: before.version, ...values(BIASED) });
    expect(r.status).toBe(400);
    const body = await bodyOf(r);
    expect(Object.keys(body.errors ?? {})).toEqual(["ratings.communication.evidence"]);
    expect(body.errors?.["ratings.communication.evidence"]?.join(" ")).toMatch(/young/);
    expect(row(anaCard)).toMatchObject({ status: "draft", version: before.version });
    expect(acksOf(anaCard)).toHaveLength(0);
  });

  it("refuses an acknowledgement with a reason that is too short, or for a finding the sentence does not hold", async () => {
    const short = await json(ana, anaCard, {
      intent: "acknowledge",
      key: "age:young",
      fieldPath: "ratings.communication.evidence",
      sentence: BIASED,
      reason: "travel",
    });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await bodyOf(short))).toMatch(/at least 20 characters/);
    const forged = await json(ana, anaCard, {
      intent: "acknowledge",
      key: "age:young",
      fieldPath: "ratings.communication.evidence",
      sentence: CLEAN,
      reason: REASON,
    });
    expect(forged.status).toBe(400);
    expect(acksOf(anaCard)).toHaveLength(0);
    expect(ackAudits(anaCard)).toHaveLength(0);
  });

  it("accepts once every protected finding is acknowledged with a reason; the acknowledgement is audited", async () => {
    for (const key of ["age:young", "family_status:mother"]) {
      const r = await json(ana, anaCard, {
        intent: "acknowledge",
        key,
        fieldPath: "ratings.communication.evidence",
        sentence: BIASED,
        reason: REASON,
      });
      expect(r.status, key).toBe(200);
    }
    // survives a reload: the page data carries it
    const page = await call(pageLoader, get(`/scorecards/${anaCard}`, ana), { id: anaCard });
    expect((page.data as { acknowledgements: { key: string }[] }).acknowledgements.map((a) => a.key).sort()).toEqual([
      "age:young",
      "family_status:mother",
    ]);
    const r = await json(ana, anaCard, { intent: "submit", version: row(anaCard).version, ...values(BIASED) });
    expect(r.status).toBe(200);
    expect(row(anaCard).status).toBe("submitted");
    const acks = acksOf(anaCard);
    expect(acks.map((a) => a.category).sort()).toEqual(["age", "family_status"]);
    expect(acks[0]).toMatchObject({ sentence: BIASED, reason: REASON, acknowledgedBy: ana.id });
    expect(ackAudits(anaCard)).toHaveLength(2);
  });

  it("lints amendments the same way", async () => {
    const r = await json(ana, anaCard, {
      intent: "amend",
      version: row(anaCard).version,
      reason: "Clarified the communication evidence",
      ...values(`${BIASED} He is very religious.`),
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await bodyOf(r))).toMatch(/religious/);
    expect(row(anaCard).amendCount).toBe(0);
  });
});

describe("submit with a protected finding (no-JS form post)", () => {
  it("is refused with 400, the field named and the text kept", async () => {
    const r = await call(pageAction, formFields(ben, benCard, BIASED), { id: benCard });
    expect(r.status).toBe(400);
    const d = r.data as { errors: Record<string, string[]>; values: { ratings: Record<string, { evidence: string }> } };
    expect(Object.keys(d.errors)).toEqual(["ratings.communication.evidence"]);
    expect(d.values.ratings.communication?.evidence).toBe(BIASED);
    expect(row(benCard).status).toBe("draft");
  });

  it("refuses a reason that is too short, naming the field; nothing is written", async () => {
    const r = await call(
      pageAction,
      formFields(ben, benCard, BIASED, {
        "evidenceAcks.0.key": "age:young",
        "evidenceAcks.0.reason": "travel",
        "evidenceAcks.1.key": "family_status:mother",
        "evidenceAcks.1.reason": REASON,
      }),
      { id: benCard },
    );
    expect(r.status).toBe(400);
    const d = r.data as { errors: Record<string, string[]> };
    expect(d.errors["ratings.communication.evidence"]?.join(" ")).toMatch(/at least 20 characters/);
    expect(row(benCard).status).toBe("draft");
    expect(acksOf(benCard)).toHaveLength(0);
  });

  it("submits with the acknowledgements in the same post, stored and audited", async () => {
    const r = await call(
      pageAction,
      formFields(ben, benCard, BIASED, {
        "evidenceAcks.0.key": "age:young",
        "evidenceAcks.0.reason": REASON,
        "evidenceAcks.1.key": "family_status:mother",
        "evidenceAcks.1.reason": REASON,
      }),
      { id: benCard },
    );
    expect(r.status).toBe(302);
    expect(row(benCard).status).toBe("submitted");
    expect(acksOf(benCard)).toHaveLength(2);
    expect(ackAudits(benCard)).toHaveLength(2);
  });
});

describe("the review and the packet", () => {
  it("the review page counts overridden and advisory findings per submitted scorecard", async () => {
    const r = await call(reviewLoader, get(`/loops/${loopId}`, hm), { id: loopId });
    expect(r.status).toBe(200);
    const lint = (r.data as { evidenceLint: { panelistName: string; overridden: unknown[]; advisory: number }[] })
      .evidenceLint;
    expect(lint.map((l) => [l.panelistName, l.overridden.length])).toEqual([
      ["Ana Json", 2],
      ["Ben Form", 2],
    ]);
  });

  it("the packet's headlines never quote a flagged sentence and its appendix lists the overrides", async () => {
    const review = getLoopReview(getDb(), loopId)!;
    const packet = buildPacketModel(review.aggregate, review.facts, review.rubric, {
      generatedAt: Date.UTC(2026, 0, 5),
    });
    const highlights = [...packet.summary.strongest, ...packet.summary.weakest];
    expect(highlights.some((h) => h.quote !== "")).toBe(true);
    for (const h of highlights) expect(h.quote).not.toMatch(/young|mother/);
    expect(highlights.find((h) => h.dimensionName === "Communication")?.quote ?? "").toBe("");
    expect(packet.appendix.overriddenFindings).toHaveLength(4);
    expect(packet.appendix.overriddenFindings[0]).toMatchObject({ sentence: BIASED, reason: REASON, category: "Age" });
    // packet.json carries the acknowledgements with the loop facts
    const r = await call(packetLoader, get(`/loops/${loopId}/packet.json`, hm), { id: loopId });
    const json = (await r.response!.json()) as { loop: { evidenceAcknowledgements: Record<string, unknown[]> } };
    expect(Object.values(json.loop.evidenceAcknowledgements).flat()).toHaveLength(4);
  });
});
