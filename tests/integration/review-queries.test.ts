// db/queries/review/*.server.ts against a real SQLite file, and the comparison page on top of it.
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { writeAudit } from "../../db/queries/audit.server";
import {
  calibrationForRubric,
  loadCalibrationPopulation,
  noteCalibrationInputsChanged,
  rubricFamilyOfLoop,
} from "../../db/queries/review/calibration.server";
import { loadLoopAggregationInput, loadLoopAggregationInputs } from "../../db/queries/review/inputs.server";
import { getLoopReview, loadLoopFacts } from "../../db/queries/review/loop-review.server";
import { insertRubricVersion } from "../../db/queries/rubric/rubrics.server";
import { candidates, loops, quickNotes, focusTicks, ratings, rubrics, scorecards } from "../../db/schema";
import { loader as compareLoaderFn } from "../../app/routes/compare";
import { aggregateLoop } from "../../app/domain/review/aggregate";
import { calibrateInterviewers } from "../../app/domain/review/calibrate";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import { newId } from "../../db/ids.server";

import { call, createTestUser, freshDatabase, get, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler, type BuiltLoop } from "./review-fixtures";

const compareLoader = handler(compareLoaderFn);

let rubricId: string;
let v1: string;
let v2: string;
let otherFamilyVersion: string;
let hm: TestUser;
let hm2: TestUser;
let recruiter: TestUser;
let ada: TestUser;
let ben: TestUser;
let cy: TestUser;
let main: BuiltLoop;
let onV2: BuiltLoop;
let otherFamily: BuiltLoop;
let draftLoop: BuiltLoop;

beforeAll(() => {
  freshDatabase();
  ({ rubricId, versionId: v1 } = seedRubricV1());
  const db = getDb();
  db.transaction((tx) => {
    v2 = insertRubricVersion(tx, {
      rubricId,
      version: 2,
      content: LEAD_ML_ARCHITECT_V1,
      status: "published",
      createdBy: null,
    });
    const otherRubric = newId();
    tx.insert(rubrics).values({ id: otherRubric, name: "Other family", roleTitle: "Other role" }).run();
    otherFamilyVersion = insertRubricVersion(tx, {
      rubricId: otherRubric,
      version: 1,
      content: LEAD_ML_ARCHITECT_V1,
      status: "published",
      createdBy: null,
    });
  });
  hm = createTestUser("member", "Hana HM");
  hm2 = createTestUser("member", "Hugo HM");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  ada = createTestUser("member", "Ada");
  ben = createTestUser("member", "Ben");
  cy = createTestUser("member", "Cy");
  main = buildLoop({
    versionId: v1,
    hiringManagerId: hm.id,
    recruiterId: recruiter.id,
    candidateName: "Alice Applicant",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          {
            panelistId: ada.id,
            recommendation: "strong_hire",
            scores: { ml_system_architecture: 4, cloud_platform: 4 },
            flags: [{ key: "ignores_cost", note: "GPU cost off by 10x" }],
            signals: ["owned_production_platforms"],
          },
          {
            panelistId: ben.id,
            recommendation: "no_hire",
            scores: { ml_system_architecture: 2, cloud_platform: "na" },
          },
        ],
      },
      {
        exercise: "tooling_evaluation",
        panel: [
          { panelistId: cy.id, status: "recused", recommendation: null, conflictNote: "Former manager" },
          { panelistId: ada.id, scores: { cloud_platform: 3 } },
        ],
      },
    ],
  });
  onV2 = buildLoop({
    versionId: v2,
    hiringManagerId: hm2.id,
    candidateName: "Bob Builder",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          { panelistId: ada.id, scores: { ml_system_architecture: 3 } },
          { panelistId: ben.id, scores: { ml_system_architecture: 1 } },
        ],
      },
    ],
  });
  otherFamily = buildLoop({
    versionId: otherFamilyVersion,
    hiringManagerId: hm.id,
    candidateName: "Carla Other",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          { panelistId: ada.id, scores: { ml_system_architecture: 1 } },
          { panelistId: cy.id, scores: { ml_system_architecture: 4 } },
        ],
      },
    ],
  });
  draftLoop = buildLoop({
    versionId: v1,
    hiringManagerId: hm2.id,
    candidateName: "Dora Draft",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          { panelistId: ben.id, scores: { ml_system_architecture: 4 } },
          { panelistId: cy.id, status: "draft", scores: { ml_system_architecture: 1 } },
        ],
      },
    ],
  });
  const sc = main.scorecardIds[0]![0]!;
  db.insert(focusTicks).values({ scorecardId: sc, focusKey: "trade_offs" }).run();
  db.insert(quickNotes)
    .values({ id: newId(), scorecardId: sc, elapsedMinute: 7, body: "Asked about latency first", createdAt: 1 })
    .run();
  writeAudit(db, {
    actorId: ada.id,
    action: "scorecard.amend",
    entityType: "scorecard",
    entityId: sc,
    loopId: main.loopId,
    reason: "Typo in evidence",
  });
});

describe("loadLoopAggregationInput", () => {
  it("loads the rubric, weights, interviews with exercise keys and every part of each scorecard", () => {
    const input = loadLoopAggregationInput(getDb(), main.loopId);
    expect(input).not.toBeNull();
    expect(input?.rubric.dimensions).toHaveLength(7);
    expect(input?.weights).toBeNull();
    expect(input?.interviews.map((i) => [i.exerciseKey, i.position])).toEqual([
      ["architecture_case_study", 0],
      ["tooling_evaluation", 1],
    ]);
    expect(input?.scorecards).toHaveLength(4);
    const submitted = (input?.scorecards ?? []).flatMap((s) => (s.status === "submitted" ? [s] : []));
    const adaCard = submitted.find((s) => s.id === main.scorecardIds[0]![0]);
    expect(adaCard?.panelist).toEqual({ id: ada.id, name: "Ada" });
    expect(adaCard?.ratings.map((r) => [r.dimensionKey, r.score]).sort()).toEqual([
      ["cloud_platform", 4],
      ["ml_system_architecture", 4],
    ]);
    expect(adaCard?.redFlags).toEqual([{ key: "ignores_cost", note: "GPU cost off by 10x" }]);
    expect(adaCard?.signalKeys).toEqual(["owned_production_platforms"]);
    expect(adaCard?.focusKeys).toEqual(["trade_offs"]);
    expect(adaCard?.quickNotes).toEqual([{ elapsedMinute: 7, body: "Asked about latency first", createdAt: 1 }]);
    const benCard = submitted.find((s) => s.panelist.id === ben.id);
    expect(benCard?.ratings.find((r) => r.dimensionKey === "cloud_platform")).toMatchObject({
      score: null,
      notAssessed: true,
    });
    // a scorecard that is not submitted is read without its content (not even the conflict note)
    const cyCard = input?.scorecards.find((s) => s.panelist.id === cy.id);
    expect(Object.keys(cyCard ?? {}).sort()).toEqual(["id", "interviewId", "panelist", "status", "updatedAt"]);
    expect(cyCard?.status).toBe("recused");
  });

  it("returns null for a missing loop and batches several loops", () => {
    expect(loadLoopAggregationInput(getDb(), "missing")).toBeNull();
    const many = loadLoopAggregationInputs(getDb(), [main.loopId, onV2.loopId, "missing", main.loopId]);
    expect([...many.keys()].sort()).toEqual([main.loopId, onV2.loopId].sort());
    expect(many.get(onV2.loopId)?.scorecards).toHaveLength(2);
  });

  it("uses a fixed number of queries whatever the panel size (no N+1)", () => {
    const client = getDb().$client;
    const original = client.prepare.bind(client);
    let count = 0;
    client.prepare = ((source: string) => {
      count++;
      return original(source);
    }) as typeof client.prepare;
    try {
      loadLoopAggregationInput(getDb(), onV2.loopId);
      const small = count;
      count = 0;
      loadLoopAggregationInput(getDb(), main.loopId);
      expect(count).toBe(small);
      expect(count).toBeLessThanOrEqual(14);
    } finally {
      client.prepare = original;
    }
  });
});

describe("loadCalibrationPopulation", () => {
  it("has every submitted, scored rating of the whole rubric family, and nothing else", () => {
    const pop = loadCalibrationPopulation(getDb(), rubricId);
    const loopsIn = new Set(pop.map((r) => r.loopId));
    expect(loopsIn.has(main.loopId)).toBe(true);
    expect(loopsIn.has(onV2.loopId)).toBe(true); // another version of the same family
    expect(loopsIn.has(otherFamily.loopId)).toBe(false);
    // recused Cy, draft Cy and Ben's "not assessed" are not in it
    expect(pop.some((r) => r.panelistId === cy.id)).toBe(false);
    expect(pop.filter((r) => r.loopId === main.loopId)).toHaveLength(4);
    expect(pop.find((r) => r.loopId === draftLoop.loopId)).toMatchObject({
      panelistId: ben.id,
      panelistName: "Ben",
      dimensionKey: "ml_system_architecture",
      score: 4,
    });
    expect(pop.filter((r) => r.loopId === draftLoop.loopId)).toHaveLength(1);
  });

  it("is one SQL query", () => {
    const client = getDb().$client;
    const original = client.prepare.bind(client);
    let count = 0;
    client.prepare = ((source: string) => {
      count++;
      return original(source);
    }) as typeof client.prepare;
    try {
      loadCalibrationPopulation(getDb(), rubricId);
    } finally {
      client.prepare = original;
    }
    expect(count).toBe(1);
  });

  it("is cached until submitted ratings change, and draft autosaves leave the cache alone", () => {
    const db = getDb();
    const first = calibrationForRubric(db, rubricId);
    expect(calibrationForRubric(db, rubricId)).toBe(first);
    // an autosave-like write to a draft scorecard: same cached result
    const drafts = db
      .update(scorecards)
      .set({ summary: "still typing", version: sql`${scorecards.version} + 1`, updatedAt: Date.now() })
      .where(eq(scorecards.status, "draft"))
      .run();
    expect(drafts.changes).toBeGreaterThan(0);
    expect(calibrationForRubric(db, rubricId)).toBe(first);
    const adaBefore = first.find((c) => c.panelistId === ada.id);
    // Ada amends her rating on Bob's loop from 3 to 1 (the amend path notes the change): her leniency must change
    const adaCard = onV2.scorecardIds[0]![0]!;
    db.update(ratings).set({ score: 1 }).where(eq(ratings.scorecardId, adaCard)).run();
    noteCalibrationInputsChanged();
    const second = calibrationForRubric(db, rubricId);
    expect(second).not.toBe(first);
    expect(second.find((c) => c.panelistId === ada.id)?.rawOffset).toBeLessThan(adaBefore?.rawOffset ?? 0);
    expect(second).toEqual(calibrateInterviewers(loadCalibrationPopulation(db, rubricId)));
    db.update(ratings).set({ score: 3 }).where(eq(ratings.scorecardId, adaCard)).run();
    noteCalibrationInputsChanged();
    expect(calibrationForRubric(db, rubricId)).toEqual(first);
  });

  it("updates only the changed loop on a submit or amend, to exactly what a full recompute gives", () => {
    const db = getDb();
    const first = calibrationForRubric(db, rubricId);
    const adaCard = onV2.scorecardIds[0]![0]!;
    db.update(ratings).set({ score: 1 }).where(eq(ratings.scorecardId, adaCard)).run();
    noteCalibrationInputsChanged(onV2.loopId);
    const updated = calibrationForRubric(db, rubricId);
    expect(updated).not.toBe(first);
    expect(updated).toStrictEqual(calibrateInterviewers(loadCalibrationPopulation(db, rubricId)));
    db.update(ratings).set({ score: 3 }).where(eq(ratings.scorecardId, adaCard)).run();
    // a loop whose scores all went (an erasure without keeping ratings) leaves the population
    const loopCards = inArray(ratings.scorecardId, onV2.scorecardIds.flat());
    const saved = db.select().from(ratings).where(loopCards).all();
    expect(saved.length).toBeGreaterThan(0);
    db.update(ratings).set({ score: null }).where(loopCards).run();
    noteCalibrationInputsChanged(onV2.loopId);
    expect(calibrationForRubric(db, rubricId)).toStrictEqual(
      calibrateInterviewers(loadCalibrationPopulation(db, rubricId)),
    );
    for (const r of saved)
      db.update(ratings)
        .set({ score: r.score })
        .where(and(eq(ratings.scorecardId, r.scorecardId), eq(ratings.dimensionId, r.dimensionId)))
        .run();
    noteCalibrationInputsChanged(onV2.loopId);
    expect(calibrationForRubric(db, rubricId)).toStrictEqual(first);
  });

  it("knows a loop's rubric family", () => {
    expect(rubricFamilyOfLoop(getDb(), onV2.loopId)).toBe(rubricId);
    expect(rubricFamilyOfLoop(getDb(), "missing")).toBeNull();
  });
});

describe("loadLoopFacts and getLoopReview", () => {
  it("has the candidate, people, rubric, dates and an audit trail with actor names", () => {
    const facts = loadLoopFacts(getDb(), main.loopId);
    expect(facts).toMatchObject({
      loopId: main.loopId,
      candidate: { name: "Alice Applicant" },
      roleTitle: LEAD_ML_ARCHITECT_V1.roleTitle,
      rubricName: LEAD_ML_ARCHITECT_V1.name,
      rubricVersion: 1,
      hiringManager: "Hana HM",
      recruiter: "Rita Recruiter",
      status: "debrief",
      decision: null,
    });
    expect(facts?.firstInterviewAt).toBeLessThan(facts?.lastInterviewAt ?? 0);
    const amend = facts?.audit.find((a) => a.action === "scorecard.amend");
    expect(amend).toMatchObject({
      actorName: "Ada",
      reason: "Typo in evidence",
      entity: "Scorecard · Ada · Architecture case study",
    });
    expect(loadLoopFacts(getDb(), "missing")).toBeNull();
  });

  it("hides an erased candidate's personal data", () => {
    const db = getDb();
    const loop = buildLoop({
      versionId: v1,
      hiringManagerId: hm.id,
      status: "planning",
      candidateName: "Eve Erased",
      interviews: [],
    });
    const facts0 = loadLoopFacts(db, loop.loopId);
    expect(facts0?.candidate.name).toBe("Eve Erased");
    db.update(candidates).set({ erasedAt: Date.now() }).where(eq(candidates.name, "Eve Erased")).run();
    expect(loadLoopFacts(db, loop.loopId)?.candidate).toEqual({
      name: "Erased candidate",
      email: "",
      currentTitle: "",
    });
  });

  it("returns exactly what aggregateLoop computes with the family's calibration", () => {
    const db = getDb();
    const review = getLoopReview(db, main.loopId);
    const expected = aggregateLoop(
      loadLoopAggregationInput(db, main.loopId)!,
      calibrateInterviewers(loadCalibrationPopulation(db, rubricId)),
    );
    expect(review?.aggregate).toEqual(expected);
    expect(review?.rubric.name).toBe(LEAD_ML_ARCHITECT_V1.name);
    expect(review?.aggregate.coverage.recused.map((r) => r.panelistName)).toEqual(["Cy"]);
    expect(getLoopReview(db, main.loopId, { includeCalibration: false })?.aggregate.calibration).toEqual([]);
    expect(getLoopReview(db, "missing")).toBeNull();
  });
});

describe("/compare: one search, one rubric version", () => {
  type CompareData = {
    searches: { searchId: string; versions: { versionId: string; loops: number }[] }[];
    searchId: string | null;
    versionId: string | null;
    sort: string;
    dir: string;
    rows: { loopId: string; candidateName: string; raw: number | null; means: Record<string, number | null> }[];
    setAside: { loopId: string; candidateName: string; reason: string }[];
    dimensions: { key: string }[];
  };
  const load = async (user: TestUser | null, query = "") => call(compareLoader, get(`/compare${query}`, user));
  const searchOf = (loopId: string) =>
    getDb().select({ searchId: loops.searchId }).from(loops).where(eq(loops.id, loopId)).get()!.searchId!;
  let shared: string;

  beforeAll(() => {
    // Dora's loop (hm2 manages it) joins Alice's search, whose hiring manager is hm; Bob (v2) too
    shared = searchOf(main.loopId);
    getDb()
      .update(loops)
      .set({ searchId: shared })
      .where(inArray(loops.id, [draftLoop.loopId, onV2.loopId]))
      .run();
  });

  it("sends anonymous visitors to the login page", async () => {
    expect((await load(null)).status).toBe(302);
  });

  it("compares the search's candidates on one version and sets the others aside with the reason", async () => {
    const d = (await load(recruiter, `?search=${shared}&version=${v1}`)).data as CompareData;
    expect(d.searchId).toBe(shared);
    expect(d.versionId).toBe(v1);
    expect(d.rows.map((r) => r.candidateName).sort()).toEqual(["Alice Applicant", "Dora Draft"]);
    expect(d.dimensions).toHaveLength(7);
    const alice = d.rows.find((r) => r.loopId === main.loopId);
    expect(alice?.means.ml_system_architecture).toBe(3);
    expect(alice?.means.cloud_platform).toBe(3.5);
    expect(d.setAside.map((l) => l.candidateName)).toEqual(["Bob Builder"]);
    expect(d.setAside[0]?.reason).toContain("v2; the table compares v1");
    // the version with most loops is the default; another version is one click away, never mixed
    expect(((await load(recruiter, `?search=${shared}`)).data as CompareData).versionId).toBe(v1);
    const onTwo = (await load(recruiter, `?search=${shared}&version=${v2}`)).data as CompareData;
    expect(onTwo.rows.map((r) => r.candidateName)).toEqual(["Bob Builder"]);
    expect(onTwo.setAside.map((l) => l.candidateName).sort()).toEqual(["Alice Applicant", "Dora Draft"]);
  });

  it("the search's hiring manager sees its candidates; another hiring manager only the loops they manage", async () => {
    const hmView = (await load(hm, `?search=${shared}&version=${v1}`)).data as CompareData;
    expect(hmView.rows.map((r) => r.candidateName).sort()).toEqual(["Alice Applicant", "Dora Draft"]);
    // hm2 manages Dora's and Bob's loops but not the search: Alice stays out
    const hm2View = (await load(hm2, `?search=${shared}&version=${v1}`)).data as CompareData;
    expect(hm2View.rows.map((r) => r.candidateName)).toEqual(["Dora Draft"]);
    expect(JSON.stringify(hm2View)).not.toContain("Alice Applicant");
    const stranger = createTestUser("member");
    expect(((await load(stranger, `?search=${shared}`)).data as CompareData).searches).toEqual([]);
  });

  it("a panelist sees only the candidates they submitted for; a draft or a recusal keeps that candidate out", async () => {
    // Cy recused on Alice and has a draft on Dora: nothing of the shared search; Carla's search, where Cy submitted
    const cyView = (await load(cy, `?search=${shared}`)).data as CompareData;
    expect(cyView.searches.map((s) => s.searchId)).toEqual([searchOf(otherFamily.loopId)]);
    expect(cyView.rows.map((r) => r.candidateName)).toEqual(["Carla Other"]);
    expect(JSON.stringify(cyView)).not.toContain("Dora Draft");
    // Ben submitted on Alice, Bob and Dora
    const benView = (await load(ben, `?search=${shared}&version=${v1}`)).data as CompareData;
    expect(benView.rows.map((r) => r.candidateName).sort()).toEqual(["Alice Applicant", "Dora Draft"]);
  });

  it("sorts from the query string and ignores unknown sort keys", async () => {
    const q = `?search=${shared}&version=${v1}`;
    const asc = (await load(recruiter, `${q}&sort=dim.ml_system_architecture&dir=asc`)).data as CompareData;
    expect(asc.rows.map((r) => r.candidateName)).toEqual(["Alice Applicant", "Dora Draft"]);
    const desc = (await load(recruiter, `${q}&sort=dim.ml_system_architecture&dir=desc`)).data as CompareData;
    expect(desc.rows.map((r) => r.candidateName)).toEqual(["Dora Draft", "Alice Applicant"]);
    const bogus = (await load(recruiter, `${q}&sort=__proto__&dir=sideways`)).data as CompareData;
    expect(bogus.sort).toBe("raw");
    expect(bogus.dir).toBe("desc");
    const byName = (await load(recruiter, `${q}&sort=candidate`)).data as CompareData;
    expect(byName.dir).toBe("asc");
    expect(byName.rows.map((r) => r.candidateName)).toEqual(["Alice Applicant", "Dora Draft"]);
    // a search the viewer may not compare falls back to one they may
    const forced = (await load(cy, `?search=${shared}&version=${v1}`)).data as CompareData;
    expect(forced.searchId).not.toBe(shared);
  });

  it("leaves out loops that are not in debrief or decided", async () => {
    const planning = buildLoop({
      versionId: v1,
      hiringManagerId: hm.id,
      searchId: shared,
      status: "in_progress",
      candidateName: "Ivan InProgress",
      interviews: [
        { exercise: "architecture_case_study", panel: [{ panelistId: ada.id, scores: { ml_system_architecture: 3 } }] },
      ],
    });
    const d = (await load(recruiter, `?search=${shared}&version=${v1}`)).data as CompareData;
    expect(d.rows.map((r) => r.loopId)).not.toContain(planning.loopId);
    expect(d.setAside.map((r) => r.loopId)).not.toContain(planning.loopId);
    expect(
      getDb().select().from(scorecards).where(eq(scorecards.interviewId, planning.interviewIds[0]!)).all(),
    ).toHaveLength(1);
  });
});
