import { and, eq, sql } from "drizzle-orm";

import type { QuickNote } from "../../../app/domain/scorecard/schema";
import type { Db } from "../../client.server";
import { quickNotes, scorecards } from "../../schema";

import { writeAudit } from "../audit.server";
import type { ScorecardTarget } from "./own-scorecard.server";

const NOTE_SEP = ":";

/** Quick-note rows are namespaced by scorecard so a client-made id can never collide across scorecards. */
export function storedNoteId(scorecardId: string, clientId: string): string {
  return `${scorecardId}${NOTE_SEP}${clientId}`;
}

export function clientNoteId(scorecardId: string, storedId: string): string {
  const prefix = `${scorecardId}${NOTE_SEP}`;
  return storedId.startsWith(prefix) ? storedId.slice(prefix.length) : storedId;
}

/** Appends a quick note (the no-JavaScript path; with JavaScript notes travel with the autosave). */
export function appendNote(db: Db, target: ScorecardTarget, note: QuickNote, now = Date.now()): number | null {
  if (target.status !== "draft") return null;
  return db.transaction(
    (tx) => {
      const res = tx
        .update(scorecards)
        .set({ version: sql`${scorecards.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(scorecards.id, target.id),
            eq(scorecards.panelistId, target.panelistId),
            eq(scorecards.status, "draft"),
          ),
        )
        .returning({ version: scorecards.version })
        .get();
      if (!res) return null;
      tx.insert(quickNotes)
        .values({
          id: storedNoteId(target.id, note.id),
          scorecardId: target.id,
          elapsedMinute: note.minute,
          body: note.body,
          createdAt: note.at,
        })
        .onConflictDoNothing()
        .run();
      writeAudit(
        tx,
        {
          actorId: target.panelistId,
          action: "scorecard.note",
          entityType: "scorecard",
          entityId: target.id,
          loopId: target.loopId,
          after: { version: res.version, minute: note.minute },
        },
        now,
      );
      return res.version;
    },
    { behavior: "immediate" },
  );
}
