// A small, complete hiring world for the access matrix, the fuzz test and the erasure test:
// two loops (A in debrief-ready state with one panelist still drafting, one who recused and one
// submitted; B with another hiring manager), every kind of actor, and candidate PII + free text with unique markers
// so a scan can prove erasure. Built through the harness (fresh DB, real sessions) + direct inserts.
import { eq } from "drizzle-orm";

import { newId } from "../../db/ids.server";
import { getDb } from "../../db/client.server";
import { writeAudit } from "../../db/queries/audit.server";
import { rubricVersionIds } from "../../db/queries/rubric/rubrics.server";
import {
  candidates,
  focusTicks,
  interviews,
  loops,
  quickNotes,
  ratings,
  redFlagMarks,
  scorecards,
  searches,
  signalMarks,
  users,
} from "../../db/schema";

import type { TestUser } from "./harness";
import { createTestUser, seedRubricV1 } from "./harness";

/** Unique strings planted in every free-text column of candidate A's data. */
export const MARK = {
  name: "Zephyrine Quillfeather-Ødegård",
  email: "zephyrine.quillfeather@example.org",
  title: "Chief Model Whisperer at Qx7Labs",
  source: "Referral via Qx7-backchannel",
  link: "https://example.org/zephyrine-qx7",
  notes: "Qx7 notes: prefers calls after five",
  evidence: "EVIDENCE-Qx7 she designed the feature store twice",
  evidence2: "EVIDENCE2-Qx7 explained drift detection with care",
  summary: "SUMMARY-Qx7 strong architect overall",
  override: "OVERRIDE-Qx7 the flag is outweighed by depth",
  conflict: "CONFLICT-Qx7 we met at a conference",
  amend: "AMEND-Qx7 corrected the cloud score",
  flagNote: "FLAGNOTE-Qx7 hand-waved the security review",
  quickNote: "QUICKNOTE-Qx7 asked about latency budgets",
  draftNote: "DRAFTNOTE-Qx7 still thinking",
  rationale: "RATIONALE-Qx7 hire: consistent signals",
  auditReason: "REASON-Qx7 amended after the debrief",
} as const;

/** The recused panelist's conflict note on loop A: theirs alone (not candidate data, so not in MARK). */
export const RECUSAL_NOTE = "RECUSAL-Kp3 I managed the candidate until last year";

export interface World {
  rubricId: string;
  versionId: string;
  users: {
    anonymous: null;
    outsider: TestUser;
    pending: TestUser;
    recused: TestUser;
    submitted: TestUser;
    hmA: TestUser;
    hmB: TestUser;
    recruiter: TestUser;
    admin: TestUser;
    deactivated: TestUser;
  };
  candidateA: string;
  candidateB: string;
  loopA: string;
  loopB: string;
  /** hmA's search (loop A) and hmB's search (loop B) */
  searchA: string;
  searchB: string;
  interviewA1: string;
  interviewA2: string;
  interviewB1: string;
  /** the pending panelist's draft on loop A */
  pendingCard: string;
  /** the recused panelist's card on loop A (a declared conflict of interest) */
  recusedCard: string;
  /** the submitted panelist's card on loop A */
  submittedCard: string;
  /** a submitted card on loop B by hmB's panelist */
  cardB: string;
  quickNoteId: string;
  dimensionIds: Map<string, string>;
}

export type ActorName = keyof World["users"];
export const ACTORS: ActorName[] = [
  "anonymous",
  "outsider",
  "pending",
  "recused",
  "submitted",
  "hmA",
  "hmB",
  "recruiter",
  "admin",
  "deactivated",
];

/** Call after freshDatabase(). */
export function buildWorld(now = Date.now()): World {
  const db = getDb();
  const { rubricId, versionId } = seedRubricV1();
  const rv = rubricVersionIds(db, versionId);
  const dim = (k: string) => rv.dimensions.get(k)!;
  const u = {
    anonymous: null,
    outsider: createTestUser("member", "Otto Outsider"),
    pending: createTestUser("member", "Penny Pending"),
    recused: createTestUser("member", "Rhea Recused"),
    submitted: createTestUser("member", "Sam Submitted"),
    hmA: createTestUser("member", "Hanna Manager-A"),
    hmB: createTestUser("member", "Hugo Manager-B"),
    recruiter: createTestUser("recruiter", "Rita Recruiter"),
    admin: createTestUser("admin", "Ada Admin"),
    deactivated: createTestUser("admin", "Dee Deactivated"),
  } as const;
  const panelB = createTestUser("member", "Bea Panelist-B");
  // deactivated after its session exists: the session must be dead anyway
  db.update(users).set({ active: false, deactivatedAt: now }).where(eq(users.id, u.deactivated.id)).run();

  const ids = {
    candidateA: newId(),
    candidateB: newId(),
    loopA: newId(),
    loopB: newId(),
    searchA: newId(),
    searchB: newId(),
    interviewA1: newId(),
    interviewA2: newId(),
    interviewB1: newId(),
    pendingCard: newId(),
    recusedCard: newId(),
    submittedCard: newId(),
    cardB: newId(),
    quickNoteId: newId(),
  };
  const arch = rv.exercises.get("architecture_case_study")!;
  const mlops = rv.exercises.get("mlops_pipeline_design")!;
  db.transaction((tx) => {
    tx.insert(candidates)
      .values({
        id: ids.candidateA,
        name: MARK.name,
        email: MARK.email,
        currentTitle: MARK.title,
        source: MARK.source,
        links: [MARK.link],
        notes: MARK.notes,
        createdBy: u.recruiter.id,
        createdAt: now - 30 * 86_400_000,
        updatedAt: now - 30 * 86_400_000,
      })
      .run();
    tx.insert(candidates)
      .values({
        id: ids.candidateB,
        name: "Bruno Other",
        email: "bruno.other@example.org",
        currentTitle: "ML Lead",
        source: "Inbound",
        createdBy: u.recruiter.id,
      })
      .run();
    tx.insert(searches)
      .values([
        { id: ids.searchA, title: "Search A", rubricId, hiringManagerId: u.hmA.id, openedAt: now - 40 * 86_400_000 },
        { id: ids.searchB, title: "Search B", rubricId, hiringManagerId: u.hmB.id, openedAt: now - 40 * 86_400_000 },
      ])
      .run();
    tx.insert(loops)
      .values({
        id: ids.loopA,
        searchId: ids.searchA,
        candidateId: ids.candidateA,
        rubricVersionId: versionId,
        hiringManagerId: u.hmA.id,
        recruiterId: u.recruiter.id,
        status: "in_progress",
        decisionRationale: MARK.rationale,
      })
      .run();
    tx.insert(loops)
      .values({
        id: ids.loopB,
        searchId: ids.searchB,
        candidateId: ids.candidateB,
        rubricVersionId: versionId,
        hiringManagerId: u.hmB.id,
        recruiterId: u.recruiter.id,
        status: "debrief",
      })
      .run();
    tx.insert(interviews)
      .values({
        id: ids.interviewA1,
        loopId: ids.loopA,
        exerciseId: arch,
        position: 0,
        scheduledAt: now - 2 * 86_400_000,
        durationMinutes: 75,
      })
      .run();
    tx.insert(interviews)
      .values({
        id: ids.interviewA2,
        loopId: ids.loopA,
        exerciseId: mlops,
        position: 1,
        scheduledAt: now - 86_400_000,
        durationMinutes: 60,
      })
      .run();
    tx.insert(interviews)
      .values({
        id: ids.interviewB1,
        loopId: ids.loopB,
        exerciseId: arch,
        position: 0,
        scheduledAt: now - 3 * 86_400_000,
        durationMinutes: 75,
      })
      .run();

    // loop A: the pending panelist drafts on interview 1; the submitted panelist is done on interview 2
    tx.insert(scorecards)
      .values({
        id: ids.pendingCard,
        interviewId: ids.interviewA1,
        panelistId: u.pending.id,
        status: "draft",
        version: 2,
        summary: MARK.summary,
        conflictNote: MARK.conflict,
      })
      .run();
    tx.insert(ratings)
      .values({
        scorecardId: ids.pendingCard,
        dimensionId: dim("ml_system_architecture"),
        score: 3,
        evidence: MARK.evidence2,
      })
      .run();
    tx.insert(quickNotes)
      .values({
        id: ids.quickNoteId,
        scorecardId: ids.pendingCard,
        elapsedMinute: 12,
        body: MARK.draftNote,
        createdAt: now - 2 * 86_400_000,
      })
      .run();

    // loop A: another panelist declared a conflict of interest on interview 1
    tx.insert(scorecards)
      .values({
        id: ids.recusedCard,
        interviewId: ids.interviewA1,
        panelistId: u.recused.id,
        status: "recused",
        version: 2,
        conflictNote: RECUSAL_NOTE,
        conflictDeclaredAt: now - 2 * 86_400_000,
      })
      .run();

    tx.insert(scorecards)
      .values({
        id: ids.submittedCard,
        interviewId: ids.interviewA2,
        panelistId: u.submitted.id,
        status: "submitted",
        version: 7,
        recommendation: "hire",
        summary: MARK.summary,
        overrideJustification: MARK.override,
        amendCount: 1,
        lastAmendReason: MARK.amend,
        submittedAt: now - 86_400_000 + 3_600_000,
      })
      .run();
    for (const [k, score] of [
      ["mlops_lifecycle", 4],
      ["governance_risk", 2],
      ["observability_reliability", 3],
      ["communication", 3],
      ["leadership_enablement", 3],
    ] as const) {
      tx.insert(ratings)
        .values({ scorecardId: ids.submittedCard, dimensionId: dim(k), score, evidence: `${MARK.evidence} (${k})` })
        .run();
    }
    tx.insert(redFlagMarks)
      .values({
        scorecardId: ids.submittedCard,
        redFlagId: rv.redFlags.get("dismisses_security_compliance")!,
        note: MARK.flagNote,
      })
      .run();
    const firstSignal = [...rv.signals.values()][0]!;
    tx.insert(signalMarks).values({ scorecardId: ids.submittedCard, signalId: firstSignal }).run();
    tx.insert(focusTicks).values({ scorecardId: ids.submittedCard, focusKey: "reproducibility" }).run();
    tx.insert(quickNotes)
      .values({
        id: newId(),
        scorecardId: ids.submittedCard,
        elapsedMinute: 30,
        body: MARK.quickNote,
        createdAt: now - 86_400_000,
      })
      .run();

    // loop B: hmB's loop, one submitted scorecard by another member
    tx.insert(scorecards)
      .values({
        id: ids.cardB,
        interviewId: ids.interviewB1,
        panelistId: panelB.id,
        status: "submitted",
        version: 4,
        recommendation: "no_hire",
        summary: "B summary",
        submittedAt: now - 2 * 86_400_000,
      })
      .run();
    tx.insert(ratings)
      .values({
        scorecardId: ids.cardB,
        dimensionId: dim("ml_system_architecture"),
        score: 2,
        evidence: "Loop B evidence that must survive",
      })
      .run();

    // audit entries that carry the PII and free text (as features write them)
    writeAudit(tx, {
      actorId: u.recruiter.id,
      action: "candidate.create",
      entityType: "candidate",
      entityId: ids.candidateA,
      after: { name: MARK.name, email: MARK.email },
    });
    writeAudit(tx, {
      actorId: u.recruiter.id,
      action: "loop.create",
      entityType: "loop",
      entityId: ids.loopA,
      loopId: ids.loopA,
      after: { candidate: MARK.name },
    });
    writeAudit(tx, {
      actorId: u.submitted.id,
      action: "scorecard.submit",
      entityType: "scorecard",
      entityId: ids.submittedCard,
      loopId: ids.loopA,
      after: { evidence: MARK.evidence, summary: MARK.summary },
    });
    writeAudit(tx, {
      actorId: u.submitted.id,
      action: "scorecard.amend",
      entityType: "scorecard",
      entityId: ids.submittedCard,
      loopId: ids.loopA,
      reason: MARK.auditReason,
      before: { summary: "old" },
      after: { summary: MARK.summary },
    });
    writeAudit(tx, {
      actorId: u.recruiter.id,
      action: "loop.create",
      entityType: "loop",
      entityId: ids.loopB,
      loopId: ids.loopB,
      after: { candidate: "Bruno Other" },
    });
  });

  return {
    rubricId,
    versionId,
    users: u,
    ...ids,
    dimensionIds: rv.dimensions,
  };
}

/** Every text value of every table, for scans ("does this string survive anywhere?"). */
export function allText(exclude: readonly string[] = []): { table: string; column: string; value: string }[] {
  const client = getDb().$client;
  const tables = (
    client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((t) => !exclude.includes(t));
  const out: { table: string; column: string; value: string }[] = [];
  for (const table of tables) {
    const cols = (client.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    for (const row of client.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]) {
      for (const column of cols) {
        const v = row[column];
        if (typeof v === "string") out.push({ table, column, value: v });
      }
    }
  }
  return out;
}

/** A checksum of the whole database except the tables named (sessions, login attempts...). */
export function databaseChecksum(
  exclude: readonly string[] = ["sessions", "login_attempts", "login_throttles"],
): string {
  const client = getDb().$client;
  const tables = (
    client
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((t) => !exclude.includes(t));
  const parts: string[] = [];
  for (const table of tables) {
    const cols = (client.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map(
      (c) => `"${c.name}"`,
    );
    const rows = client.prepare(`select * from "${table}" order by ${cols.join(", ")}`).all();
    parts.push(`${table}:${JSON.stringify(rows)}`);
  }
  return parts.join("\n");
}
