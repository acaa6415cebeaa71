// When a scorecard's interview is scheduled (asked only on submit: an early submit is confirmed).
import { eq } from "drizzle-orm";

import type { DbOrTx } from "../../client.server";
import { interviews } from "../../schema";

export function interviewScheduledAt(db: DbOrTx, interviewId: string): number | null {
  return (
    db.select({ at: interviews.scheduledAt }).from(interviews).where(eq(interviews.id, interviewId)).get()?.at ?? null
  );
}
