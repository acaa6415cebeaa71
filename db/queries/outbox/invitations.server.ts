// Calendar invitations by e-mail: each panelist gets the interview as an .ics (METHOD:REQUEST)
// once the loop is scheduled; a later change of time, length or exercise sends an update (same
// UID, higher SEQUENCE), and removal, recusal or a withdrawn loop a METHOD:CANCEL. The state of
// what each panelist last received lives in calendar_invites, so reconciling is idempotent: run
// it after any change to a loop's setup and it sends exactly the difference.
import { eq, inArray } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import { invitationMail, type InvitationChange } from "../../../app/domain/notify/messages";
import type { MessageKind } from "../../../app/domain/vocabulary";
import { calendarInvites, candidates, interviews, loops, rubricExercises, scorecards, users } from "../../schema";

import { mailFrom } from "./config.server";
import { enqueueMail, mailContext, type Tx } from "./enqueue.server";

const KIND: Record<InvitationChange, MessageKind> = {
  invite: "interview_invite",
  update: "interview_update",
  cancel: "interview_cancel",
};

interface Slot {
  interviewId: string;
  panelistId: string;
  start: number;
  durationMinutes: number;
  exerciseId: string;
}

/** Sends whatever invitations, updates and cancellations bring panelists' calendars up to date. */
export function syncInvitations(tx: Tx, loopId: string, now: number): number {
  const loop = tx
    .select({
      id: loops.id,
      status: loops.status,
      createdAt: loops.createdAt,
      recruiterId: loops.recruiterId,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
    })
    .from(loops)
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .where(eq(loops.id, loopId))
    .get();
  // once the debrief starts the interviews have happened: calendars are left alone
  if (!loop || loop.status === "debrief" || loop.status === "decided") return 0;
  const panel = tx
    .select({
      interviewId: interviews.id,
      start: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      exerciseId: interviews.exerciseId,
      scorecardId: scorecards.id,
      status: scorecards.status,
      panelistId: scorecards.panelistId,
    })
    .from(interviews)
    .innerJoin(scorecards, eq(scorecards.interviewId, interviews.id))
    .where(eq(interviews.loopId, loopId))
    .all();
  const sent = tx.select().from(calendarInvites).where(eq(calendarInvites.loopId, loopId)).all();
  const key = (interviewId: string, panelistId: string) => `${interviewId}:${panelistId}`;
  const sentBy = new Map(sent.map((s) => [key(s.interviewId, s.panelistId), s]));
  const mayInvite = loop.status === "scheduled" || loop.status === "in_progress";

  const changes: { change: InvitationChange; slot: Slot; scorecardId: string | null; sequence: number }[] = [];
  const base = Math.max(0, Math.floor((now - loop.createdAt) / 1000));
  const nextSequence = (prev?: { sequence: number }) => (prev ? Math.max(prev.sequence + 1, base) : base);
  const seen = new Set<string>();
  for (const p of panel) {
    const k = key(p.interviewId, p.panelistId);
    seen.add(k);
    const prev = sentBy.get(k);
    const wanted = p.start !== null && p.status !== "recused" && loop.status !== "withdrawn";
    if (wanted) {
      const slot = { ...p, start: p.start! };
      if (!prev || prev.cancelled) {
        if (mayInvite)
          changes.push({ change: "invite", slot, scorecardId: p.scorecardId, sequence: nextSequence(prev) });
      } else if (
        prev.start !== p.start ||
        prev.durationMinutes !== p.durationMinutes ||
        prev.exerciseId !== p.exerciseId
      ) {
        changes.push({ change: "update", slot, scorecardId: p.scorecardId, sequence: nextSequence(prev) });
      }
    } else if (prev && !prev.cancelled) {
      changes.push({ change: "cancel", slot: prev, scorecardId: p.scorecardId, sequence: nextSequence(prev) });
    }
  }
  for (const prev of sent)
    if (!seen.has(key(prev.interviewId, prev.panelistId)) && !prev.cancelled)
      changes.push({ change: "cancel", slot: prev, scorecardId: null, sequence: nextSequence(prev) });
  if (changes.length === 0) return 0;

  const people = new Map(
    tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        inArray(users.id, [
          ...new Set([...changes.map((c) => c.slot.panelistId), ...(loop.recruiterId ? [loop.recruiterId] : [])]),
        ]),
      )
      .all()
      .map((u) => [u.id, u]),
  );
  const titles = new Map(
    tx
      .select({ id: rubricExercises.id, title: rubricExercises.title })
      .from(rubricExercises)
      .where(inArray(rubricExercises.id, [...new Set(changes.map((c) => c.slot.exerciseId))]))
      .all()
      .map((e) => [e.id, e.title]),
  );
  const ctx = mailContext(tx);
  const recruiter = loop.recruiterId ? people.get(loop.recruiterId) : undefined;
  const from = mailFrom();
  const organizer = recruiter
    ? { name: recruiter.name, email: recruiter.email }
    : { name: from.name, email: from.address };
  const candidateName = displayCandidateName({ name: loop.candidateName, erasedAt: loop.candidateErasedAt });
  for (const c of changes) {
    const panelist = people.get(c.slot.panelistId);
    if (!panelist) continue;
    const mail = invitationMail(ctx, {
      uid: `${c.slot.interviewId}@archpanel`,
      sequence: c.sequence,
      change: c.change,
      panelist: { name: panelist.name, email: panelist.email },
      organizer,
      candidateName,
      exerciseTitle: titles.get(c.slot.exerciseId) ?? "Interview",
      start: c.slot.start,
      durationMinutes: c.slot.durationMinutes,
      scorecardId: c.scorecardId ?? "",
      stamp: now,
    });
    enqueueMail(tx, {
      dedupeKey: `ics:${c.slot.interviewId}:${c.slot.panelistId}:${c.sequence}`,
      kind: KIND[c.change],
      to: { id: panelist.id, email: panelist.email },
      mail,
      attachments: [mail.attachment],
      refs: { loopId, scorecardId: c.scorecardId },
      now,
    });
    const state = {
      loopId,
      sequence: c.sequence,
      start: c.slot.start,
      durationMinutes: c.slot.durationMinutes,
      exerciseId: c.slot.exerciseId,
      cancelled: c.change === "cancel",
      updatedAt: now,
    };
    tx.insert(calendarInvites)
      .values({ interviewId: c.slot.interviewId, panelistId: c.slot.panelistId, ...state })
      .onConflictDoUpdate({ target: [calendarInvites.interviewId, calendarInvites.panelistId], set: state })
      .run();
  }
  return changes.length;
}
