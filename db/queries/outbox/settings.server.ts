import { NOTIFY_SETTING_KEYS, toForm, type NotifySettings } from "../../../app/domain/notify/settings";
import type { Db } from "../../client.server";
import { settings } from "../../schema";

import { writeAudit } from "../audit.server";

import { readNotifySettingsFrom } from "./enqueue.server";

export { readNotifySettingsFrom };

/** Saves the notification settings and records the change in the audit log (one transaction). */
export function updateNotifySettings(db: Db, actorId: string, next: NotifySettings, now = Date.now()): void {
  db.transaction((tx) => {
    const before = readNotifySettingsFrom(tx);
    const stored = toForm(next);
    for (const [field, key] of Object.entries(NOTIFY_SETTING_KEYS) as [keyof NotifySettings, string][]) {
      const value = stored[field];
      tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
    writeAudit(
      tx,
      { actorId, action: "settings.notify", entityType: "settings", entityId: "org", before, after: next },
      now,
    );
  });
}
