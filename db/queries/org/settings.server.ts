import { inArray } from "drizzle-orm";

import { readSettings, SETTING_KEYS, type OrgSettings } from "../../../app/domain/org/settings";
import type { Db } from "../../client.server";
import { settings } from "../../schema";

import { writeAudit } from "../audit.server";

/** The organisation settings (overdue threshold, time zone), with defaults for missing keys. */
export function readOrgSettings(db: Pick<Db, "select">): OrgSettings {
  const rows = db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, Object.values(SETTING_KEYS)))
    .all();
  return readSettings(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** Saves the settings and records the change in the audit log (one transaction). */
export function updateOrgSettings(db: Db, actorId: string, next: OrgSettings): void {
  db.transaction((tx) => {
    const before = readOrgSettings(tx);
    for (const [field, key] of Object.entries(SETTING_KEYS) as [keyof OrgSettings, string][]) {
      const value = String(next[field]);
      tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
    writeAudit(tx, {
      actorId,
      action: "settings.update",
      entityType: "settings",
      entityId: "org",
      before,
      after: next,
    });
  });
}
