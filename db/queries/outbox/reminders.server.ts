// The reminder scheduler: which open scorecards are due a reminder now, and who gets today's
// digest. Runs on a timer in the worker (and with a controlled clock in tests). Every message has
// a dedupe key tied to its slot — `reminder:<scorecardId>:<n>`, `digest:<userId>:<day>` — so
// running it again, from a second process or after a restart, never queues a message twice.
import { and, asc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import { cadenceOf, dueDigestDay, dueReminder, reminderSchedule } from "../../../app/domain/notify/cadence";
import { digestMail, reminderMail, type DigestItem } from "../../../app/domain/notify/messages";
import type { Db } from "../../client.server";
import { candidates, interviews, loops, rubricExercises, scorecards, users } from "../../schema";
import { readOrgSettings } from "../org/settings.server";

import { enqueueMail, mailContext, readNotifySettingsFrom } from "./enqueue.server";

interface OpenCard {
  scorecardId: string;
  loopId: string;
  panelistId: string;
  panelistName: string;
  panelistEmail: string;
  panelistActive: boolean;
  hiringManagerId: string;
  recruiterId: string | null;
  candidateName: string;
  exerciseTitle: string;
  start: number;
  endedAt: number;
}

/** Full panelists' draft scorecards whose interview has ended, on loops still running (a trainee's never gates the loop). */
function openCards(db: Pick<Db, "select">, now: number): OpenCard[] {
  const end = sql<number>`${interviews.scheduledAt} + ${interviews.durationMinutes} * 60000`;
  return db
    .select({
      scorecardId: scorecards.id,
      loopId: loops.id,
      panelistId: users.id,
      panelistName: users.name,
      panelistEmail: users.email,
      panelistActive: users.active,
      hiringManagerId: loops.hiringManagerId,
      recruiterId: loops.recruiterId,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
      start: interviews.scheduledAt,
      endedAt: end,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(users, eq(users.id, scorecards.panelistId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(
      and(
        eq(scorecards.status, "draft"),
        eq(scorecards.panelRole, "panelist"),
        isNotNull(interviews.scheduledAt),
        lt(end, now),
        inArray(loops.status, ["scheduled", "in_progress", "debrief"]),
      ),
    )
    .orderBy(asc(interviews.scheduledAt))
    .all()
    .map(({ candidateErasedAt, ...r }) => ({
      ...r,
      start: r.start!,
      endedAt: Number(r.endedAt),
      candidateName: displayCandidateName({ name: r.candidateName, erasedAt: candidateErasedAt }),
    }));
}

/**
 * Queues the reminders and digests due at `now` (one transaction). Returns how many messages were
 * queued; 0 when everything due was already queued.
 */
export function scheduleReminders(db: Db, now: number): { reminders: number; digests: number } {
  return db.transaction(
    (tx) => {
      const cadence = cadenceOf(readNotifySettingsFrom(tx), readOrgSettings(tx).timeZone);
      const cards = openCards(tx, now);
      if (cards.length === 0) return { reminders: 0, digests: 0 };
      const ctx = mailContext(tx);
      let reminders = 0;
      for (const c of cards) {
        if (!c.panelistActive) continue;
        const n = dueReminder(reminderSchedule(c.endedAt, cadence), now, cadence);
        if (n === null) continue;
        const queued = enqueueMail(tx, {
          dedupeKey: `reminder:${c.scorecardId}:${n}`,
          kind: "reminder",
          to: { id: c.panelistId, email: c.panelistEmail },
          mail: reminderMail(ctx, { ...c, now }),
          refs: { loopId: c.loopId, scorecardId: c.scorecardId },
          now,
        });
        if (queued) reminders++;
      }
      let digests = 0;
      const day = dueDigestDay(now, cadence);
      if (day !== null) {
        const byPerson = new Map<string, DigestItem[]>();
        for (const c of cards) {
          const item: DigestItem = { ...c };
          for (const person of new Set([c.hiringManagerId, c.recruiterId]))
            if (person) byPerson.set(person, [...(byPerson.get(person) ?? []), item]);
        }
        const people = tx
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(and(inArray(users.id, [...byPerson.keys()]), eq(users.active, true)))
          .all();
        for (const p of people) {
          const queued = enqueueMail(tx, {
            dedupeKey: `digest:${p.id}:${day}`,
            kind: "digest",
            to: { id: p.id, email: p.email },
            mail: digestMail(ctx, { name: p.name, items: byPerson.get(p.id)!, now, day }),
            now,
          });
          if (queued) digests++;
        }
      }
      return { reminders, digests };
    },
    { behavior: "immediate" },
  );
}
