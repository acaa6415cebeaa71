// Shadows and reverse shadows (issue 15 item 4): a trainee's submitted ratings change nothing the
// panel's feedback is made of, and the trainee sees the panel only as their own comparison, after
// the decision.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { newId } from "../../db/ids.server";
import { writeAudit } from "../../db/queries/audit.server";
import { addPanelist, removePanelist } from "../../db/queries/loop/panel.server";
import { calibrationForRubric, noteCalibrationInputsChanged } from "../../db/queries/review/calibration.server";
import { rubricVersionIds } from "../../db/queries/rubric/rubrics.server";
import { loops, ratings, redFlagMarks, scorecards, signalMarks } from "../../db/schema";
import { loader as compareLoaderFn } from "../../app/routes/compare";
import { loader as debriefLoaderFn } from "../../app/routes/loops.$id.debrief";
import { loader as pageLoaderFn } from "../../app/routes/loops.$id._index";
import { loader as jsonLoaderFn } from "../../app/routes/loops.$id.packet[.]json";
import { loader as pdfLoaderFn } from "../../app/routes/loops.$id.packet[.]pdf";
import { loader as csvLoaderFn } from "../../app/routes/loops.$id.ratings[.]csv";
import { loader as setupLoaderFn } from "../../app/routes/loops.$id.setup";
import { loader as shadowingLoaderFn } from "../../app/routes/people.$id.shadowing";
import { loader as traineeCompareLoaderFn } from "../../app/routes/scorecards.$id.compare";

import { call, createTestUser, freshDatabase, get, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";

const pageLoader = handler(pageLoaderFn);
const jsonLoader = handler(jsonLoaderFn);
const pdfLoader = handler(pdfLoaderFn);
const csvLoader = handler(csvLoaderFn);
const debriefLoader = handler(debriefLoaderFn);
const compareLoader = handler(compareLoaderFn);
const setupLoader = handler(setupLoaderFn);
const shadowingLoader = handler(shadowingLoaderFn);
const traineeCompare = handler(traineeCompareLoaderFn);

let versionId: string;
let rubricId: string;
let hm: TestUser;
let recruiter: TestUser;
let jonas: TestUser;
let sofia: TestUser;
let trainee: TestUser;
let stranger: TestUser;

const PANEL_A = {
  ml_system_architecture: 3,
  cloud_platform: 4,
  observability_reliability: 3,
  governance_risk: 2,
  communication: 3,
} as const;
const PANEL_B = {
  cloud_platform: 3,
  mlops_lifecycle: 3,
  ml_system_architecture: 4,
  communication: 4,
  leadership_enablement: 3,
} as const;
/** far from the panel on purpose: any leak would move a mean, a median or a count */
const TRAINEE = {
  ml_system_architecture: 1,
  cloud_platform: 1,
  observability_reliability: 4,
  governance_risk: 4,
  communication: 1,
} as const;

beforeAll(() => {
  freshDatabase();
  ({ versionId, rubricId } = seedRubricV1());
  hm = createTestUser("member", "Hana Manager");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  jonas = createTestUser("member", "Jonas Full");
  sofia = createTestUser("member", "Sofia Full");
  trainee = createTestUser("member", "Tomás Trainee");
  stranger = createTestUser("member", "Uma Unrelated");
});

function panelLoop(status: "in_progress" | "debrief" = "debrief") {
  return buildLoop({
    versionId,
    hiringManagerId: hm.id,
    recruiterId: recruiter.id,
    candidateName: "Shadow Candidate",
    status,
    interviews: [
      { exercise: "architecture_case_study", panel: [{ panelistId: jonas.id, scores: PANEL_A }] },
      {
        exercise: "tooling_evaluation",
        panel: [{ panelistId: sofia.id, scores: PANEL_B, recommendation: "strong_hire" }],
      },
    ],
  });
}

/** Writes a trainee's submitted scorecard with ratings, a red flag, a signal and its audit entry, as a submit would. */
function submitTraineeCard(interviewId: string, role: "shadow" | "reverse_shadow", loopId: string): string {
  const db = getDb();
  const rv = rubricVersionIds(db, versionId);
  const id = newId();
  db.transaction((tx) => {
    tx.insert(scorecards)
      .values({
        id,
        interviewId,
        panelistId: trainee.id,
        panelRole: role,
        status: "submitted",
        version: 4,
        recommendation: "strong_no_hire",
        summary: "TRAINEE-SUMMARY-MARKER",
        submittedAt: Date.now(),
      })
      .run();
    for (const [key, score] of Object.entries(TRAINEE))
      tx.insert(ratings)
        .values({ scorecardId: id, dimensionId: rv.dimensions.get(key)!, score, evidence: `TRAINEE-EVIDENCE-${key}` })
        .run();
    tx.insert(redFlagMarks)
      .values({ scorecardId: id, redFlagId: [...rv.redFlags.values()][0]!, note: "TRAINEE-FLAG-MARKER" })
      .run();
    tx.insert(signalMarks)
      .values({ scorecardId: id, signalId: [...rv.signals.values()][0]! })
      .run();
    writeAudit(tx, {
      actorId: trainee.id,
      action: "scorecard.submit",
      entityType: "scorecard",
      entityId: id,
      loopId,
      after: { recommendation: "strong_no_hire" },
    });
  });
  noteCalibrationInputsChanged(loopId);
  return id;
}

async function feedbackAsHm(loopId: string) {
  const params = { id: loopId };
  const page = await call(pageLoader, get(`/loops/${loopId}`, hm), params);
  const json = await call(jsonLoader, get(`/loops/${loopId}/packet.json`, hm), params);
  const csv = await call(csvLoader, get(`/loops/${loopId}/ratings.csv`, hm), params);
  const pdf = await call(pdfLoader, get(`/loops/${loopId}/packet.pdf`, hm), params);
  const debrief = await call(debriefLoader, get(`/loops/${loopId}/debrief`, hm), params);
  const compare = await call(compareLoader, get(`/compare?scope=v:${versionId}`, recruiter));
  for (const r of [page, json, csv, pdf, debrief, compare]) expect(r.status).toBe(200);
  return {
    page: JSON.stringify(page.data),
    json: await json.response!.text(),
    csv: await csv.response!.text(),
    pdf: Buffer.from(await pdf.response!.arrayBuffer()).toString("base64"),
    // the debrief page carries the server's clock; everything else must be equal
    debrief: JSON.stringify(debrief.data).replace(/"serverNow":\d+/, ""),
    compare: JSON.stringify(compare.data),
    calibration: JSON.stringify(calibrationForRubric(getDb(), rubricId)),
  };
}

describe("a trainee's submitted ratings change nothing in the panel's feedback", () => {
  it.each(["shadow", "reverse_shadow"] as const)(
    "%s: aggregates, composite, calibration, agenda, heatmap, debrief, compare, packet (JSON and PDF) and CSV are the same before and after",
    async (role) => {
      const built = panelLoop();
      // the fixture writes straight to the database, as a submit would, so it tells calibration too
      noteCalibrationInputsChanged(built.loopId);
      const before = await feedbackAsHm(built.loopId);
      submitTraineeCard(built.interviewIds[0]!, role, built.loopId);
      const after = await feedbackAsHm(built.loopId);
      expect(after.page).toBe(before.page);
      expect(after.json).toBe(before.json);
      expect(after.csv).toBe(before.csv);
      expect(after.pdf).toBe(before.pdf);
      expect(after.debrief).toBe(before.debrief);
      expect(after.compare).toBe(before.compare);
      expect(after.calibration).toBe(before.calibration);
      for (const text of Object.values(after)) {
        expect(text).not.toContain("TRAINEE-");
        expect(text).not.toContain(trainee.name);
      }
    },
  );

  it("a trainee's draft is not outstanding: setup counts and blockers ignore it", async () => {
    const built = panelLoop("in_progress");
    const before = await call(setupLoader, get(`/loops/${built.loopId}/setup`, recruiter), { id: built.loopId });
    const added = addPanelist(
      getDb(),
      recruiter,
      built.loopId,
      built.interviewIds[0]!,
      trainee.id,
      Date.now(),
      "shadow",
    );
    expect(added.ok).toBe(true);
    const after = await call(setupLoader, get(`/loops/${built.loopId}/setup`, recruiter), { id: built.loopId });
    const pick = (d: unknown) => {
      const v = d as { transitions: unknown; interviews: { seated: number }[]; coverage: unknown };
      return { transitions: v.transitions, seated: v.interviews.map((i) => i.seated), coverage: v.coverage };
    };
    expect(pick(after.data)).toEqual(pick(before.data));
  });
});

describe("panel roles on loop setup", () => {
  it("a trainee needs a full panelist beside them, one trainee per interview, and one kind of seat per loop", () => {
    const db = getDb();
    const built = buildLoop({
      versionId,
      hiringManagerId: hm.id,
      recruiterId: recruiter.id,
      status: "planning",
      interviews: [
        { exercise: "architecture_case_study", panel: [] },
        { exercise: "tooling_evaluation", panel: [] },
      ],
    });
    const [first, second] = built.interviewIds as [string, string];
    const early = addPanelist(db, recruiter, built.loopId, first, trainee.id, Date.now(), "reverse_shadow");
    expect(early).toMatchObject({ ok: false, status: 409 });
    const full = addPanelist(db, recruiter, built.loopId, first, jonas.id);
    expect(full.ok).toBe(true);
    const seat = addPanelist(db, recruiter, built.loopId, first, trainee.id, Date.now(), "reverse_shadow");
    expect(seat.ok).toBe(true);
    expect(addPanelist(db, recruiter, built.loopId, first, stranger.id, Date.now(), "shadow")).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(addPanelist(db, recruiter, built.loopId, second, trainee.id)).toMatchObject({ ok: false, status: 409 });
    // the last full panelist stays while the trainee sits there
    const jonasCard = db
      .select({ id: scorecards.id, role: scorecards.panelRole })
      .from(scorecards)
      .where(eq(scorecards.interviewId, first))
      .all();
    expect(jonasCard.map((c) => c.role).sort()).toEqual(["panelist", "reverse_shadow"]);
    const fullId = jonasCard.find((c) => c.role === "panelist")!.id;
    expect(removePanelist(db, recruiter, built.loopId, fullId)).toMatchObject({ ok: false, status: 409 });
  });
});

describe("what a trainee sees", () => {
  it("no feedback before submitting, none after submitting before the decision, their comparison after it", async () => {
    const built = panelLoop("in_progress");
    const params = { id: built.loopId };
    const added = addPanelist(
      getDb(),
      recruiter,
      built.loopId,
      built.interviewIds[0]!,
      trainee.id,
      Date.now(),
      "shadow",
    );
    if (!added.ok) throw new Error("trainee not added");
    const cardId = added.value;
    const feedback = async () =>
      Promise.all([
        call(pageLoader, get(`/loops/${built.loopId}`, trainee), params),
        call(jsonLoader, get(`/loops/${built.loopId}/packet.json`, trainee), params),
        call(csvLoader, get(`/loops/${built.loopId}/ratings.csv`, trainee), params),
        call(debriefLoader, get(`/loops/${built.loopId}/debrief`, trainee), params),
      ]);
    const compare = () => call(traineeCompare, get(`/scorecards/${cardId}/compare`, trainee), { id: cardId });

    // before submitting
    for (const r of await feedback()) expect(r.status).toBe(403);
    expect((await compare()).status).toBe(403);

    // submitted, loop not decided
    const rv = rubricVersionIds(getDb(), versionId);
    getDb()
      .update(scorecards)
      .set({ status: "submitted", submittedAt: Date.now(), version: 3, recommendation: "hire" })
      .where(eq(scorecards.id, cardId))
      .run();
    for (const [key, score] of Object.entries({ ml_system_architecture: 2, cloud_platform: 4 }))
      getDb()
        .insert(ratings)
        .values({ scorecardId: cardId, dimensionId: rv.dimensions.get(key)!, score })
        .run();
    for (const r of await feedback()) expect(r.status).toBe(403);
    const early = await compare();
    expect(early.status).toBe(403);
    expect(await early.response!.text()).toMatch(/until the loop is decided/);

    // decided
    getDb()
      .update(loops)
      .set({ status: "decided", decision: "hire", decidedAt: Date.now(), decidedBy: hm.id })
      .where(eq(loops.id, built.loopId))
      .run();
    for (const r of await feedback()) expect(r.status).toBe(403);
    const page = await compare();
    expect(page.status).toBe(200);
    const comparison = (page.data as { comparison: { dimensions: unknown[]; recommendationMatches: boolean } })
      .comparison;
    // architecture: panel 3 and 4 → median 3.5; cloud: panel 4 and 3 → 3.5
    expect(comparison.dimensions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "ml_system_architecture", trainee: 2, panelMedian: 3.5, difference: -1.5 }),
        expect.objectContaining({ key: "cloud_platform", trainee: 4, panelMin: 3, panelMax: 4, difference: 0.5 }),
      ]),
    );
    expect(comparison.recommendationMatches).toBe(true);

    // nobody else opens it, and a full panelist's scorecard has no such page
    expect((await call(traineeCompare, get(`/scorecards/${cardId}/compare`, hm), { id: cardId })).status).toBe(404);
    const jonasCard = built.scorecardIds[0]![0]!;
    expect((await call(traineeCompare, get(`/scorecards/${jonasCard}/compare`, jonas), { id: jonasCard })).status).toBe(
      404,
    );

    // the recruiter's tracking page counts this loop
    const record = await call(shadowingLoader, get(`/people/${trainee.id}/shadowing?n=5`, recruiter), {
      id: trainee.id,
    });
    expect(record.status).toBe(200);
    const tracking = (
      record.data as { tracking: { loops: { loopId: string }[]; recommendations: { matched: number } } }
    ).tracking;
    expect(tracking.loops.map((l) => l.loopId)).toContain(built.loopId);
    expect(
      (await call(shadowingLoader, get(`/people/${trainee.id}/shadowing`, jonas), { id: trainee.id })).status,
    ).toBe(403);
  });
});
