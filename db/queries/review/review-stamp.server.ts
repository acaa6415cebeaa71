/**
 * When a loop's review may have changed: a stamp that moves on every write to the database except
 * the writes that provably leave every review as it was (a draft's autosave, a session's last-seen
 * time). The review cache (loop-review.server.ts) keeps its entries while the stamp stands still.
 *
 * The stamp is SQLite's own count of this connection's changed rows (`total_changes()`, which
 * moves even for a write that fails or rolls back: a needless reload, never a stale page) minus
 * the rows the neutral writes changed, plus `PRAGMA data_version` for the commits of other
 * connections (a script, a restore, a second process). So a write path that nobody marked is
 * counted by default: forgetting to mark one costs a reload, not a wrong review.
 */
import type { Db } from "../../client.server";

interface Counter {
  totalChanges: () => number;
  dataVersion: () => number;
  /** rows changed inside reviewNeutralWrite on this connection */
  neutral: number;
}

const counters = new WeakMap<object, Counter>();

function counterOf(db: Db): Counter {
  let c = counters.get(db.$client);
  if (!c) {
    const total = db.$client.prepare("select total_changes()").pluck();
    c = {
      totalChanges: () => total.get() as number,
      dataVersion: () => db.$client.pragma("data_version", { simple: true }) as number,
      neutral: 0,
    };
    counters.set(db.$client, c);
  }
  return c;
}

/**
 * Runs a write whose rows no review shows: a draft's autosave (its content is its author's own
 * until submitted; the one thing the review shows of a draft, its last save, is read fresh on every
 * view) or a session's last-seen time. Synchronous, so nothing else writes on this connection
 * meanwhile.
 */
export function reviewNeutralWrite<T>(db: Db, write: () => T): T {
  const c = counterOf(db);
  const before = c.totalChanges();
  try {
    return write();
  } finally {
    c.neutral += c.totalChanges() - before;
  }
}

/** Equal stamps: no write that a review could show has happened in between. */
export function reviewStamp(db: Db): string {
  const c = counterOf(db);
  return `${c.dataVersion()}:${c.totalChanges() - c.neutral}`;
}
