// The debrief meeting (/loops/:id/debrief): who may start, join and run it, the reveal and ask-first
// rules as a panelist's page sees them, refusals that write nothing, and the record it leaves
// (audit, review facts, packet model, erasure).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { auditLog, debriefAttendance, debriefItems, debriefSessions, loops } from "../../db/schema";
import { eraseCandidate } from "../../db/queries/candidate/erasure.server";
import { getLoopReview } from "../../db/queries/review/loop-review.server";
import { action as debriefActionFn, loader as debriefLoaderFn } from "../../app/routes/loops.$id.debrief";
import type { DebriefView } from "../../app/domain/debrief/view";
import { buildPacketModel } from "../../app/domain/packet/model";

import { call, createTestUser, freshDatabase, get, postForm, seedRubricV1, type TestUser } from "./harness";
import { buildLoop, handler } from "./review-fixtures";
import { databaseChecksum } from "./security-world";

const loader = handler(debriefLoaderFn);
const action = handler(debriefActionFn);

const JUNIOR_EVIDENCE =
  "JUNIOR-EVIDENCE: drew one serving path only and could not say how the feature store stays consistent online.";
const SENIOR_EVIDENCE =
  "SENIOR-EVIDENCE: compared batch and online scoring, sized both, and picked the hybrid with a clear fallback.";
const FLAG_NOTE = "FLAG-NOTE: every incident story was a post-mortem she had read, not one she handled.";
const CONCLUSION = "CONCLUSION-Qz: architecture meets the bar; the junior's concern was about time, not skill.";

let hm: TestUser;
let recruiter: TestUser;
let admin: TestUser;
let junior: TestUser;
let senior: TestUser;
let pending: TestUser;
let recused: TestUser;
let unrelated: TestUser;
let loopId: string;
let candidateId: string;

beforeAll(() => {
  freshDatabase();
  const { versionId } = seedRubricV1();
  hm = createTestUser("member", "Hana Manager");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  admin = createTestUser("admin", "Ada Admin");
  junior = createTestUser("member", "Jun Junior");
  senior = createTestUser("member", "Sen Senior");
  pending = createTestUser("member", "Pat Pending");
  recused = createTestUser("member", "Rex Recused");
  unrelated = createTestUser("member", "Uma Unrelated");
  // the senior has interviewed before: three submitted scorecards on another loop
  buildLoop({
    versionId,
    hiringManagerId: hm.id,
    status: "decided",
    interviews: [0, 1, 2].map(() => ({
      exercise: "architecture_case_study",
      panel: [{ panelistId: senior.id, scores: { ml_system_architecture: 3 } }],
    })),
  });
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
            panelistId: senior.id,
            scores: { ml_system_architecture: 4, cloud_platform: 3 },
            evidence: { ml_system_architecture: SENIOR_EVIDENCE },
          },
          {
            panelistId: junior.id,
            scores: { ml_system_architecture: 1, cloud_platform: 3 },
            evidence: { ml_system_architecture: JUNIOR_EVIDENCE },
            flags: [{ key: "no_incident_experience", note: FLAG_NOTE }],
          },
          { panelistId: pending.id, status: "draft", recommendation: null, scores: { ml_system_architecture: 2 } },
          { panelistId: recused.id, status: "recused", recommendation: null, conflictNote: "Former colleague" },
        ],
      },
    ],
  }).loopId;
  candidateId = getDb().select({ c: loops.candidateId }).from(loops).where(eq(loops.id, loopId)).get()!.c;
});

async function view(user: TestUser | null) {
  const r = await call(loader, get(`/loops/${loopId}/debrief`, user), { id: loopId });
  return { status: r.status, data: r.data as { view: DebriefView; decision: unknown } | null };
}

function post(user: TestUser | null, fields: Record<string, string>) {
  return call(action, postForm(`/loops/${loopId}/debrief`, user, fields), { id: loopId });
}

const OVERRIDE =
  "The only incident answer was hypothetical, but the reference call confirmed two real rollbacks the candidate led, " +
  "which outweighs the flag.";

async function refusedWithoutWriting(user: TestUser | null, fields: Record<string, string>, status: number) {
  const before = databaseChecksum();
  const r = await post(user, fields);
  expect(r.status, JSON.stringify(fields)).toBe(status);
  expect(databaseChecksum() === before, `${JSON.stringify(fields)} changed the database`).toBe(true);
  return r;
}

function auditActions(): string[] {
  return getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.loopId, loopId)))
    .all()
    .map((a) => a.action)
    .filter((a) => a.startsWith("debrief."));
}

async function position(): Promise<string> {
  return String((await view(hm)).data!.view.position);
}

describe("who may open, start and join", () => {
  it("the page follows the feedback rule: 404 unrelated, 403 still drafting, login for anonymous", async () => {
    expect((await view(unrelated)).status).toBe(404);
    expect((await view(pending)).status).toBe(403);
    expect((await view(null)).status).toBe(302);
    expect((await view(junior)).data!.view).toMatchObject({ phase: "not_started", viewer: { canStart: false } });
    expect((await view(hm)).data!.view).toMatchObject({ phase: "not_started", viewer: { canStart: true } });
  });

  it("a panelist cannot start it; a drafting panelist and an unrelated member are refused before anything", async () => {
    await refusedWithoutWriting(junior, { intent: "start" }, 403);
    await refusedWithoutWriting(pending, { intent: "start" }, 403);
    await refusedWithoutWriting(unrelated, { intent: "start" }, 404);
  });

  it("nobody can join before it starts", async () => {
    await refusedWithoutWriting(junior, { intent: "join" }, 409);
  });

  it("the hiring manager starts it and is in the room as facilitator; items: red flags, then dimensions", async () => {
    const r = await post(hm, { intent: "start" });
    expect(r.status).toBe(302);
    expect(r.response?.headers.get("Location")).toBe(`/loops/${loopId}/debrief`);
    const v = (await view(hm)).data!.view;
    expect(v.phase).toBe("running");
    expect(v.viewer).toMatchObject({ joined: true, role: "facilitator", canControl: true });
    expect(v.items.map((i) => i.title)).toEqual(["Red flags", "ML system architecture", "Cloud/platform engineering"]);
    expect(auditActions()).toEqual(["debrief.start"]);
    await refusedWithoutWriting(recruiter, { intent: "start" }, 409);
  });

  it("a submitted panelist joins once (twice changes nothing); a recused one cannot", async () => {
    expect((await view(junior)).data!.view).toMatchObject({ viewer: { joined: false, canJoin: true }, current: null });
    expect((await post(junior, { intent: "join" })).status).toBe(302);
    await refusedWithoutWriting(recused, { intent: "join" }, 403);
    const before = databaseChecksum();
    expect((await post(junior, { intent: "join" })).status).toBe(302);
    expect(databaseChecksum()).toBe(before);
    expect((await post(senior, { intent: "join" })).status).toBe(302);
    const rows = getDb().select().from(debriefAttendance).all();
    expect(rows.map((r) => r.role).sort()).toEqual(["facilitator", "panelist", "panelist"]);
    expect(auditActions()).toEqual(["debrief.start", "debrief.join", "debrief.join"]);
  });
});

describe("running it", () => {
  it("before the reveal a panelist's page names who is asked first and carries no rating, evidence or flag note", async () => {
    const r = await view(junior);
    const text = JSON.stringify(r.data);
    expect(r.data!.view.current).toMatchObject({ title: "Red flags", revealed: false, askFirst: "Jun Junior" });
    for (const secret of [FLAG_NOTE, JUNIOR_EVIDENCE, SENIOR_EVIDENCE]) expect(text).not.toContain(secret);
    expect(r.data!.decision).toBeNull();
  });

  it("only the facilitator controls: panelists, the recruiter and an admin get 403 and nothing changes", async () => {
    const at = await position();
    for (const user of [junior, senior, recruiter, admin])
      await refusedWithoutWriting(user, { intent: "reveal", at }, 403);
  });

  it("a stale step (double click, second tab) and bad input are refused without writing", async () => {
    await refusedWithoutWriting(hm, { intent: "reveal", at: "2" }, 409);
    await refusedWithoutWriting(hm, { intent: "move", at: "0", to: "sideways" }, 400);
    const long = await refusedWithoutWriting(hm, { intent: "note", at: "0", conclusion: "x".repeat(5000) }, 400);
    expect((long.data as { values: { conclusion: string } }).values.conclusion).toHaveLength(5000);
    await refusedWithoutWriting(hm, { intent: "dance" }, 400);
  });

  it("the facilitator reveals: the panelist's page shows every flag with its note at once", async () => {
    expect((await post(hm, { intent: "reveal", at: "0" })).status).toBe(302);
    const cur = (await view(junior)).data!.view.current!;
    expect(cur.revealed).toBe(true);
    expect(cur.flags?.[0]?.raisedBy[0]).toMatchObject({ panelistName: "Jun Junior", note: FLAG_NOTE });
    await refusedWithoutWriting(hm, { intent: "reveal", at: "0" }, 409);
  });

  it("on a dimension the most junior rater is asked first, and the ratings stay hidden until revealed", async () => {
    expect(
      (await post(hm, { intent: "note", at: "0", conclusion: "Ask for a reference on incidents.", then: "next" }))
        .status,
    ).toBe(302);
    const before = (await view(senior)).data!;
    expect(before.view.current).toMatchObject({
      title: "ML system architecture",
      askFirst: "Jun Junior",
      speakingOrder: ["Jun Junior", "Sen Senior"],
      ratings: null,
    });
    expect(JSON.stringify(before)).not.toContain(JUNIOR_EVIDENCE);
    expect((await post(hm, { intent: "reveal", at: "1" })).status).toBe(302);
    const after = (await view(senior)).data!.view.current!;
    expect(after.ratings?.map((r) => [r.panelistName, r.score, r.evidence])).toEqual([
      ["Jun Junior", 1, JUNIOR_EVIDENCE],
      ["Sen Senior", 4, SENIOR_EVIDENCE],
    ]);
    expect(after.stats?.disagreement).toBe(true);
  });

  it("notes are kept per item and audited with their text; the clock of a finished item is kept", async () => {
    expect((await post(hm, { intent: "note", at: "1", conclusion: CONCLUSION, then: "next" })).status).toBe(302);
    expect((await post(hm, { intent: "move", at: "2", to: "next" })).status).toBe(302);
    const v = (await view(hm)).data!;
    expect(v.view.atDecision).toBe(true);
    expect(v.view.rationaleDraft).toContain(CONCLUSION);
    expect(v.decision).not.toBeNull();
    const note = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "debrief.note"))
      .all()
      .find((a) => JSON.stringify(a.after).includes(CONCLUSION));
    expect(note?.actorId).toBe(hm.id);
    const items = getDb().select().from(debriefItems).orderBy(debriefItems.position).all();
    expect(items.map((i) => i.revealedAt !== null)).toEqual([true, true, false]);
    expect(items.every((i) => i.elapsedMs >= 0)).toBe(true);
  });
});

describe("the decision ends it", () => {
  it("only the hiring manager or an admin decides; a short rationale comes back with the text intact", async () => {
    await refusedWithoutWriting(recruiter, { intent: "decide", decision: "hire", rationale: CONCLUSION }, 403);
    await refusedWithoutWriting(junior, { intent: "decide", decision: "hire", rationale: CONCLUSION }, 403);
    const short = await refusedWithoutWriting(hm, { intent: "decide", decision: "hire", rationale: "Fine." }, 400);
    expect((short.data as { values: { rationale: string } }).values.rationale).toBe("Fine.");
  });

  it("obeys the review page's override rule: a Hire over the open dealbreaker needs a written override", async () => {
    const fields = { intent: "decide", decision: "hire", rationale: `Hire. ${CONCLUSION}`, override: "Coachable." };
    const refused = await refusedWithoutWriting(hm, fields, 400);
    const d = refused.data as {
      errors: Record<string, string[]>;
      values: { override: string; rationale: string };
      grounds: { kind: string; text: string }[];
    };
    expect(d.errors.override?.[0]).toMatch(
      /^This decision goes against open dealbreaker “Has never handled a production incident or regression” raised by .*at least 80 characters/,
    );
    expect(d.values).toMatchObject({ override: "Coachable.", rationale: `Hire. ${CONCLUSION}` });
    expect(d.grounds.map((g) => g.kind)).toEqual(["open_dealbreaker"]);
  });

  it("records the decision, concludes the debrief and keeps attendance and notes in the loop's record", async () => {
    const r = await post(hm, {
      intent: "decide",
      decision: "hire",
      rationale: `Hire. ${CONCLUSION}`,
      override: OVERRIDE,
    });
    expect(r.status).toBe(302);
    expect(r.response?.headers.get("Location")).toBe(`/loops/${loopId}?saved=decision#decision`);
    expect(getDb().select().from(loops).where(eq(loops.id, loopId)).get()).toMatchObject({
      status: "decided",
      decision: "hire",
    });
    expect(getDb().select().from(debriefSessions).get()).toMatchObject({ status: "concluded" });
    expect(auditActions()).toContain("debrief.conclude");
    const review = getLoopReview(getDb(), loopId)!;
    expect(review.facts.debrief).toMatchObject({
      status: "concluded",
      facilitator: "Hana Manager",
      attendees: [{ name: "Hana Manager" }, { name: "Jun Junior" }, { name: "Sen Senior" }],
    });
    const packet = buildPacketModel(review.aggregate, review.facts, review.rubric, {
      generatedAt: Date.UTC(2026, 0, 5),
    });
    expect(packet.decision.debrief?.lines.find((l) => l.label === "Attended")?.value).toBe(
      "Hana Manager (facilitator), Jun Junior (panelist), Sen Senior (panelist)",
    );
    expect(packet.decision.debrief?.notes.map((n) => n.conclusion)).toEqual([
      "Ask for a reference on incidents.",
      CONCLUSION,
      "Not discussed.",
    ]);
    expect(packet.appendix.audit.some((a) => a.entity === "Debrief")).toBe(true);
    expect(packet.decision.override?.text).toBe(OVERRIDE);
    expect(packet.decision.override?.title).toMatch(/^Override of: open dealbreaker “Has never handled/);
    // a concluded debrief reads as a record; nothing more can be commanded
    expect((await view(junior)).data!.view).toMatchObject({ phase: "concluded", current: null });
    await refusedWithoutWriting(hm, { intent: "move", at: "3", to: "previous" }, 409);
  });

  it("after the decision is reopened the facilitator resumes the same debrief with its notes", async () => {
    getDb().update(loops).set({ status: "debrief", decision: null }).where(eq(loops.id, loopId)).run();
    expect((await view(hm)).data!.view.viewer.canStart).toBe(true);
    expect((await post(recruiter, { intent: "start" })).status).toBe(302);
    const v = (await view(recruiter)).data!.view;
    expect(v).toMatchObject({ phase: "running", facilitatorName: "Rita Recruiter", position: 0 });
    expect(v.items[1]?.conclusion).toBe(CONCLUSION);
    await refusedWithoutWriting(hm, { intent: "move", at: "0", to: "next" }, 403);
    expect(auditActions()).toContain("debrief.resume");
  });

  it("erasing the candidate erases the debrief's conclusions too", () => {
    const erased = eraseCandidate(getDb(), { candidateId, actorId: admin.id, keepRatings: false });
    expect(erased.ok).toBe(true);
    const text = JSON.stringify(getDb().select().from(debriefItems).all());
    expect(text).not.toContain("CONCLUSION-Qz");
    expect(JSON.stringify(getDb().select().from(auditLog).all())).not.toContain("CONCLUSION-Qz");
  });
});
