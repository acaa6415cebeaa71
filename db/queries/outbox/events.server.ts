// The one-line hooks the existing transactions call when something happens that others must hear
// about. Each runs INSIDE the caller's synchronous transaction, so the messages are committed
// with the event or not at all, and each is idempotent (dedupe keys), so a retried request or a
// second call never queues a message twice.
import { and, eq, inArray, or, sql } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import { decisionRecordedMail, debriefReadyMail, passwordLinkMail } from "../../../app/domain/notify/messages";
import { ERASED_REASON } from "../../../app/domain/candidate/erasure";
import { candidates, interviews, loops, outbox, scorecards, users } from "../../schema";

import { cancelQueued, enqueueMail, enqueueWebhooks, mailContext, type Tx } from "./enqueue.server";
import { syncInvitations } from "./invitations.server";

const ACTIVE_LOOP = ["scheduled", "in_progress", "debrief"] as const;

/** A set-password link was issued (invitation or reset): e-mail it to the person. */
export function onPasswordLinkIssued(
  tx: Tx,
  m: { userId: string; tokenId: string; token: string; expiresAt: number },
  now: number,
): void {
  const u = tx
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, m.userId))
    .get();
  if (!u) return;
  const reset = u.passwordHash !== null;
  enqueueMail(tx, {
    dedupeKey: `${reset ? "reset" : "invite"}:${u.id}:${m.tokenId}`,
    kind: "password_link",
    to: { id: u.id, email: u.email },
    mail: passwordLinkMail(mailContext(tx), { name: u.name, token: m.token, expiresAt: m.expiresAt, reset }),
    now,
  });
}

/** A loop's setup or status changed: bring the panelists' calendars up to date. */
export function onLoopChanged(tx: Tx, loopId: string, now: number): void {
  syncInvitations(tx, loopId, now);
  const loop = tx.select({ status: loops.status }).from(loops).where(eq(loops.id, loopId)).get();
  if (loop && (loop.status === "withdrawn" || loop.status === "decided" || loop.status === "planning")) {
    // nobody is chased for a scorecard of a loop that stopped or has not started
    const cards = tx
      .select({ id: scorecards.id })
      .from(scorecards)
      .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
      .where(eq(interviews.loopId, loopId))
      .all();
    for (const c of cards) cancelQueued(tx, c.id, ["reminder"]);
  }
}

/**
 * A scorecard was submitted, amended or recused: reminders stop, calendars follow a
 * recusal, webhooks hear of a submission, and the hiring manager hears when the panel is complete.
 */
export function onScorecardChanged(tx: Tx, scorecardId: string, now: number): void {
  const card = tx
    .select({
      id: scorecards.id,
      status: scorecards.status,
      submittedAt: scorecards.submittedAt,
      interviewId: scorecards.interviewId,
      panelistId: scorecards.panelistId,
      loopId: interviews.loopId,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(eq(scorecards.id, scorecardId))
    .get();
  if (!card) return;
  if (card.status !== "draft") cancelQueued(tx, card.id, ["reminder"]);
  syncInvitations(tx, card.loopId, now);
  if (card.status === "submitted") {
    enqueueWebhooks(tx, {
      event: "scorecard.submitted",
      subject: card.id,
      data: {
        scorecardId: card.id,
        loopId: card.loopId,
        interviewId: card.interviewId,
        panelistId: card.panelistId,
        status: card.status,
        submittedAt: card.submittedAt === null ? null : new Date(card.submittedAt).toISOString(),
      },
      refs: { loopId: card.loopId, scorecardId: card.id },
      now,
    });
  }
  if (card.status !== "draft") noteIfPanelComplete(tx, card.loopId, now);
}

/** Every expected (not recused, not a trainee's) scorecard of the loop is submitted: tell the hiring manager. */
function noteIfPanelComplete(tx: Tx, loopId: string, now: number): void {
  const counts = tx
    .select({
      expected: sql<number>`sum(case when ${scorecards.status} = 'recused' then 0 else 1 end)`,
      submitted: sql<number>`sum(case when ${scorecards.status} = 'submitted' then 1 else 0 end)`,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, loopId), eq(scorecards.panelRole, "panelist")))
    .get();
  const expected = Number(counts?.expected ?? 0);
  const submitted = Number(counts?.submitted ?? 0);
  if (expected === 0 || submitted !== expected) return;
  const loop = tx
    .select({
      status: loops.status,
      hmId: users.id,
      hmName: users.name,
      hmEmail: users.email,
      hmActive: users.active,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
    })
    .from(loops)
    .innerJoin(users, eq(users.id, loops.hiringManagerId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .where(eq(loops.id, loopId))
    .get();
  if (!loop || !(ACTIVE_LOOP as readonly string[]).includes(loop.status)) return;
  if (loop.hmActive)
    enqueueMail(tx, {
      dedupeKey: `debrief-ready:${loopId}:${expected}`,
      kind: "debrief_ready",
      to: { id: loop.hmId, email: loop.hmEmail },
      mail: debriefReadyMail(mailContext(tx), {
        name: loop.hmName,
        candidateName: displayCandidateName({ name: loop.candidateName, erasedAt: loop.candidateErasedAt }),
        loopId,
        submitted,
      }),
      refs: { loopId },
      now,
    });
  enqueueWebhooks(tx, {
    event: "loop.ready_for_debrief",
    subject: `${loopId}:${expected}`,
    data: { loopId, status: loop.status, submitted, expected },
    refs: { loopId },
    now,
  });
}

/** The hiring manager recorded a decision: the recruiter hears (without the decision), webhooks get the state. */
export function onDecisionRecorded(tx: Tx, loopId: string, now: number): void {
  const loop = tx
    .select({
      status: loops.status,
      decision: loops.decision,
      decidedAt: loops.decidedAt,
      decidedBy: loops.decidedBy,
      recruiterId: loops.recruiterId,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .where(eq(loops.id, loopId))
    .get();
  if (!loop || loop.status !== "decided" || loop.decidedAt === null) return;
  onLoopChanged(tx, loopId, now);
  const recruiter = loop.recruiterId
    ? tx
        .select({ id: users.id, name: users.name, email: users.email, active: users.active })
        .from(users)
        .where(eq(users.id, loop.recruiterId))
        .get()
    : undefined;
  if (recruiter && recruiter.active && recruiter.id !== loop.decidedBy)
    enqueueMail(tx, {
      dedupeKey: `decision:${loopId}:${loop.decidedAt}:${recruiter.id}`,
      kind: "decision_recorded",
      to: { id: recruiter.id, email: recruiter.email },
      mail: decisionRecordedMail(mailContext(tx), {
        name: recruiter.name,
        candidateName: displayCandidateName({ name: loop.candidateName, erasedAt: loop.candidateErasedAt }),
        loopId,
      }),
      refs: { loopId },
      now,
    });
  enqueueWebhooks(tx, {
    event: "decision.recorded",
    subject: `${loopId}:${loop.decidedAt}`,
    data: { loopId, status: loop.status, decision: loop.decision, decidedAt: new Date(loop.decidedAt).toISOString() },
    refs: { loopId },
    now,
  });
}

/**
 * A candidate is being erased (call before their name is blanked): every message about their loops,
 * and every digest naming them, loses its content; queued ones are cancelled. Webhook bodies hold
 * ids only and stay as the delivery log.
 */
export function onCandidateErased(tx: Tx, candidateId: string, loopIds: readonly string[]): void {
  const c = tx.select({ name: candidates.name }).from(candidates).where(eq(candidates.id, candidateId)).get();
  const name = c?.name.trim() ?? "";
  const aboutThem = or(
    loopIds.length > 0 ? inArray(outbox.loopId, [...loopIds]) : sql`0`,
    name.length >= 2 ? and(eq(outbox.kind, "digest"), sql`instr(${outbox.bodyText}, ${name}) > 0`) : sql`0`,
  );
  const where = and(eq(outbox.channel, "email"), aboutThem);
  tx.update(outbox)
    .set({ status: "cancelled", lastResponse: "cancelled: candidate erased" })
    .where(and(where, eq(outbox.status, "queued")))
    .run();
  tx.update(outbox).set({ subject: ERASED_REASON, bodyText: "", bodyHtml: "", attachments: [] }).where(where).run();
}
