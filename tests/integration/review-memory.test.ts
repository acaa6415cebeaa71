// The remembered review (getLoopReview): read once between changes, a draft's autosave shows only as
// its last save, every other write (on this connection or another) is seen at the next view.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { openDatabase, getDb } from "../../db/client.server";
import { touchSession } from "../../db/queries/people/users.server";
import { recordDecision } from "../../db/queries/review/decision.server";
import { getLoopReview, loadLoopReview } from "../../db/queries/review/loop-review.server";
import { reviewNeutralWrite } from "../../db/queries/review/review-stamp.server";
import { candidates, loops, ratings, scorecards, sessions } from "../../db/schema";
import { action as saveActionFn } from "../../app/routes/scorecards.$id.save";

import { call, createTestUser, freshDatabase, postJson, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler, type BuiltLoop } from "./review-fixtures";

const saveAction = handler(saveActionFn);

let file: string;
let hm: TestUser;
let ada: TestUser;
let ben: TestUser;
let built: BuiltLoop;

beforeAll(() => {
  file = freshDatabase();
  const { versionId } = seedRubricV1();
  hm = createTestUser("member", "Hana HM");
  ada = createTestUser("member", "Ada");
  ben = createTestUser("member", "Ben");
  built = buildLoop({
    versionId,
    hiringManagerId: hm.id,
    candidateName: "Alice Applicant",
    status: "in_progress",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          { panelistId: ada.id, scores: { ml_system_architecture: 3, cloud_platform: 4 } },
          { panelistId: ben.id, status: "draft", recommendation: null },
        ],
      },
    ],
  });
});

const fresh = () => JSON.parse(JSON.stringify(loadLoopReview(getDb(), built.loopId))) as unknown;
const benCard = () => built.scorecardIds[0]![1]!;

describe("the remembered review", () => {
  beforeEach(() => {
    // start each case from a review the cache holds
    getLoopReview(getDb(), built.loopId);
  });

  it("answers the next view with the same review, frozen, until something changes", () => {
    const a = getLoopReview(getDb(), built.loopId)!;
    const b = getLoopReview(getDb(), built.loopId)!;
    expect(b).toBe(a);
    expect(Object.isFrozen(a.aggregate.dimensions[0])).toBe(true);
    expect(() => {
      (a.aggregate.dimensions as unknown[]).push("x");
    }).toThrow(TypeError);
    // with and without the calibration table are two answers
    const withoutCalibration = getLoopReview(getDb(), built.loopId, { includeCalibration: false })!;
    expect(withoutCalibration).not.toBe(a);
    expect(withoutCalibration.aggregate.calibration).toEqual([]);
    expect(a.aggregate.calibration.length).toBeGreaterThan(0);
  });

  it("shows a draft's autosave as its new last save and nothing else, without reading the rest again", async () => {
    const db = getDb();
    const before = getLoopReview(db, built.loopId)!;
    const { version } = db
      .select({ version: scorecards.version })
      .from(scorecards)
      .where(eq(scorecards.id, benCard()))
      .get()!;
    const saved = await call(
      saveAction,
      postJson(`/scorecards/${benCard()}/save`, ben, { intent: "save", version, summary: "Still writing up." }),
      { id: benCard() },
    );
    expect(saved.status).toBe(200);
    const { updatedAt } = db
      .select({ updatedAt: scorecards.updatedAt })
      .from(scorecards)
      .where(eq(scorecards.id, benCard()))
      .get()!;

    const after = getLoopReview(db, built.loopId)!;
    expect(after).not.toBe(before);
    const draft = after.aggregate.scorecards.find((s) => s.scorecardId === benCard())!;
    expect(draft.status).toBe("draft");
    expect("lastSavedAt" in draft && draft.lastSavedAt).toBe(updatedAt);
    // the rest is the remembered review's, not read again
    expect(after.aggregate.dimensions).toBe(before.aggregate.dimensions);
    expect(after.facts).toBe(before.facts);
    // and the whole is what the database says now
    expect(JSON.parse(JSON.stringify(after))).toEqual(fresh());
    expect(getLoopReview(db, built.loopId)).toBe(after);
  });

  it("keeps the review over a session's last-seen time", () => {
    const db = getDb();
    const before = getLoopReview(db, built.loopId)!;
    const session = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, hm.id)).get()!;
    touchSession(db, session.id, Date.now());
    expect(getLoopReview(db, built.loopId)).toBe(before);
  });

  it("sees any other write on this connection at the next view", () => {
    const db = getDb();
    const before = getLoopReview(db, built.loopId)!;
    const adaCard = built.scorecardIds[0]![0]!;
    db.update(ratings)
      .set({ evidence: "Rewritten straight in the database." })
      .where(eq(ratings.scorecardId, adaCard))
      .run();
    const after = getLoopReview(db, built.loopId)!;
    expect(after).not.toBe(before);
    expect(after.aggregate.dimensions.flatMap((d) => d.ratings.map((r) => r.evidence))).toContain(
      "Rewritten straight in the database.",
    );
    expect(JSON.parse(JSON.stringify(after))).toEqual(fresh());
  });

  it("sees a decision recorded through the app", () => {
    const db = getDb();
    db.update(loops).set({ status: "debrief" }).where(eq(loops.id, built.loopId)).run();
    const before = getLoopReview(db, built.loopId)!;
    const result = recordDecision(db, {
      loopId: built.loopId,
      actorId: hm.id,
      decision: "hire",
      rationale: "Strong system design with clear evidence from two exercises.",
      override: "The panel's concerns were probed in the debrief and resolved.",
    });
    expect(result.ok).toBe(true);
    const after = getLoopReview(db, built.loopId)!;
    expect(after.facts.decision?.decision).toBe("hire");
    expect(before.facts.decision).toBeNull();
    expect(JSON.parse(JSON.stringify(after))).toEqual(fresh());
  });

  it("sees another connection's commit (a script, a restore)", () => {
    const db = getDb();
    const before = getLoopReview(db, built.loopId)!;
    const other = openDatabase(file);
    try {
      const { candidateId } = other
        .select({ candidateId: loops.candidateId })
        .from(loops)
        .where(eq(loops.id, built.loopId))
        .get()!;
      other.update(candidates).set({ name: "Alice Renamed" }).where(eq(candidates.id, candidateId)).run();
    } finally {
      other.$client.close();
    }
    const after = getLoopReview(db, built.loopId)!;
    expect(before.facts.candidate.name).toBe("Alice Applicant");
    expect(after.facts.candidate.name).toBe("Alice Renamed");
  });

  it("refuses a remembered answer that the database contradicts (what the test suites check on every view)", () => {
    expect(process.env.ARCHPANEL_VERIFY_REVIEW_CACHE).toBe("1");
    const db = getDb();
    getLoopReview(db, built.loopId);
    const adaCard = built.scorecardIds[0]![0]!;
    // a write wrongly declared as one no review shows
    reviewNeutralWrite(db, () =>
      db
        .update(ratings)
        .set({ evidence: "Changed behind the cache's back." })
        .where(eq(ratings.scorecardId, adaCard))
        .run(),
    );
    expect(() => getLoopReview(db, built.loopId)).toThrow(/differs from the database/);
  });
});
