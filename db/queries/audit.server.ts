import type { AuditAction } from "../../app/domain/vocabulary";
import type { Db } from "../client.server";
import { auditLog } from "../schema";

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  loopId?: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

type DbOrTx = Pick<Db, "insert" | "select">;

/** Appends one entry; call inside the same synchronous transaction as the change it records. */
export function writeAudit(db: DbOrTx, entry: AuditEntry, at = Date.now()): void {
  db.insert(auditLog)
    .values({
      at,
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      loopId: entry.loopId ?? null,
      reason: entry.reason ?? null,
      before: entry.before === undefined ? null : entry.before,
      after: entry.after === undefined ? null : entry.after,
    })
    .run();
}
