import { and, eq, gt, inArray, lt, or, isNull, sql } from "drizzle-orm";

import {
  admit,
  canClearLoginThrottle,
  delayAfter,
  liveFailures,
  THROTTLE,
  type ThrottleCounter,
  type ThrottleState,
} from "../../../app/domain/people/login-throttle";
import type { Actor } from "../../../app/domain/people/permissions";
import type { LoginThrottleScope } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { loginThrottles, users } from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, runRefusable, type Outcome } from "../result.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Key = { scope: LoginThrottleScope; account: string; address: string };

/** What an admitted attempt changed, so a success can take its failure back. */
export interface LoginTicket {
  account: string;
  address: string;
  at: number;
  /** the address and account counters before the attempt was counted */
  before: { address: ThrottleCounter | undefined; account: ThrottleCounter | undefined };
}

export type LoginAdmission = { admitted: true; ticket: LoginTicket } | { admitted: false; retryAfterMs: number };

const keysOf = (account: string, address: string): Record<LoginThrottleScope, Key> => ({
  pair: { scope: "pair", account, address },
  address: { scope: "address", account: "", address },
  account: { scope: "account", account, address: "" },
});

const whereKey = (k: Key) =>
  and(eq(loginThrottles.scope, k.scope), eq(loginThrottles.account, k.account), eq(loginThrottles.address, k.address));

function read(tx: Tx, k: Key): ThrottleCounter | undefined {
  return tx
    .select({
      failures: loginThrottles.failures,
      lastFailureAt: loginThrottles.lastFailureAt,
      blockedUntil: loginThrottles.blockedUntil,
      lastSuccessAt: loginThrottles.lastSuccessAt,
    })
    .from(loginThrottles)
    .where(whereKey(k))
    .get();
}

function write(tx: Tx, k: Key, c: ThrottleCounter): void {
  tx.insert(loginThrottles)
    .values({ ...k, ...c })
    .onConflictDoUpdate({
      target: [loginThrottles.scope, loginThrottles.account, loginThrottles.address],
      set: { failures: c.failures, lastFailureAt: c.lastFailureAt, blockedUntil: c.blockedUntil },
    })
    .run();
}

/** The counter after one more failure at `now`, with the delay it earns. */
function failed(c: ThrottleCounter | undefined, free: number, now: number): ThrottleCounter {
  const failures = liveFailures(c, now) + 1;
  return { failures, lastFailureAt: now, blockedUntil: now + delayAfter(failures, free), lastSuccessAt: null };
}

/**
 * Admits a login attempt or says how long to wait. An admitted attempt is counted as a failure at
 * once (in the same synchronous transaction as the check), so parallel guesses cannot all slip in
 * while the password hashes run; `settleLoginAttempt` takes it back when the password was right.
 * A refused attempt counts nowhere: the waits of the address do not spill onto the account.
 */
export function admitLoginAttempt(db: Db, account: string, address: string, now: number): LoginAdmission {
  pruneNow(db, now);
  const k = keysOf(account, address);
  return db.transaction((tx) => {
    const state: ThrottleState = { pair: read(tx, k.pair), address: read(tx, k.address), account: read(tx, k.account) };
    const verdict = admit(state, now);
    if (!verdict.admitted) return verdict;
    write(tx, k.pair, failed(state.pair, verdict.pairFree, now));
    write(tx, k.address, failed(state.address, THROTTLE.addressFree, now));
    write(tx, k.account, failed(state.account, Number.POSITIVE_INFINITY, now));
    return {
      admitted: true,
      ticket: { account, address, at: now, before: { address: state.address, account: state.account } },
    };
  });
}

/**
 * After the password check: on success the pair starts from zero and remembers the address as
 * familiar, and the address and account counters lose the failure counted at admission (restored
 * as they were, unless another attempt has counted since).
 */
export function settleLoginAttempt(db: Db, ticket: LoginTicket, success: boolean, now: number): void {
  if (!success) return;
  const k = keysOf(ticket.account, ticket.address);
  db.transaction((tx) => {
    tx.update(loginThrottles).set({ failures: 0, blockedUntil: 0, lastSuccessAt: now }).where(whereKey(k.pair)).run();
    for (const scope of ["address", "account"] as const) {
      const prior = ticket.before[scope];
      const current = read(tx, k[scope]);
      if (!current) continue;
      const priorFailures = liveFailures(prior, ticket.at);
      const untouched = current.lastFailureAt === ticket.at && current.failures === priorFailures + 1;
      if (untouched && priorFailures === 0) tx.delete(loginThrottles).where(whereKey(k[scope])).run();
      else if (untouched && prior) write(tx, k[scope], prior);
      else {
        // others have counted since: drop this attempt's failure, and the wait it may have started
        const failures = Math.max(0, current.failures - 1);
        const free = scope === "address" ? THROTTLE.addressFree : Number.POSITIVE_INFINITY;
        tx.update(loginThrottles)
          .set({ failures, blockedUntil: failures <= free ? 0 : current.blockedUntil })
          .where(whereKey(k[scope]))
          .run();
      }
    }
  });
}

let lastPrune = 0;

/** Counters that have forgotten their failures and remember no recent login go, once an hour. */
function pruneNow(db: Db, now: number): void {
  if (now - lastPrune < 3_600_000) return;
  lastPrune = now;
  db.delete(loginThrottles)
    .where(
      and(
        lt(loginThrottles.lastFailureAt, now - THROTTLE.forgetAfterMs),
        or(isNull(loginThrottles.lastSuccessAt), lt(loginThrottles.lastSuccessAt, now - THROTTLE.familiarForMs)),
      ),
    )
    .run();
}

export interface AccountThrottle {
  /** failures still counted against the account (all addresses) */
  failures: number;
  /** the longest wait any address currently has for this account (ms) */
  waitMs: number;
}

/** Per user id: the live failures and longest wait of every account that has any. */
export function accountThrottles(db: Db, now = Date.now()): Map<string, AccountThrottle> {
  const rows = db
    .select({
      userId: users.id,
      scope: loginThrottles.scope,
      failures: loginThrottles.failures,
      lastFailureAt: loginThrottles.lastFailureAt,
      blockedUntil: loginThrottles.blockedUntil,
    })
    .from(loginThrottles)
    .innerJoin(users, eq(users.email, loginThrottles.account))
    .where(and(inArray(loginThrottles.scope, ["pair", "account"]), gt(loginThrottles.failures, 0)))
    .all();
  const out = new Map<string, AccountThrottle>();
  for (const r of rows) {
    const live = liveFailures({ ...r, lastSuccessAt: null }, now);
    if (live === 0) continue;
    const entry = out.get(r.userId) ?? { failures: 0, waitMs: 0 };
    if (r.scope === "account") entry.failures = live;
    entry.waitMs = Math.max(entry.waitMs, r.blockedUntil - now);
    out.set(r.userId, entry);
  }
  return out;
}

/**
 * An admin clears an account's login waits: every address's count for the account and the
 * account-wide count start from zero (familiar addresses stay familiar). Per-address counts of
 * other accounts' failures are not the account's and stay. Audited with counts only.
 */
export function clearLoginThrottle(
  db: Db,
  actor: Actor,
  userId: string,
  now = Date.now(),
): Outcome<{ cleared: number }> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const verdict = canClearLoginThrottle(actor);
      if (!verdict.ok) abort(403, verdict.reason);
      const user = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
      if (!user) abort(404, "This person does not exist.");
      const mine = and(eq(loginThrottles.account, user.email), inArray(loginThrottles.scope, ["pair", "account"]));
      const before = tx
        .select({
          addresses: sql<number>`sum(case when ${loginThrottles.scope} = 'pair' and ${loginThrottles.failures} > 0 then 1 else 0 end)`,
          waiting: sql<number>`sum(case when ${loginThrottles.blockedUntil} > ${now} then 1 else 0 end)`,
        })
        .from(loginThrottles)
        .where(mine)
        .get();
      const failures = liveFailures(read(tx, keysOf(user.email, "").account), now);
      tx.update(loginThrottles).set({ failures: 0, blockedUntil: 0 }).where(mine).run();
      tx.delete(loginThrottles)
        .where(whereKey(keysOf(user.email, "").account))
        .run();
      writeAudit(
        tx,
        {
          actorId: actor.id,
          action: "user.login_throttle_clear",
          entityType: "user",
          entityId: userId,
          before: { failures, addresses: Number(before?.addresses ?? 0), waiting: Number(before?.waiting ?? 0) },
        },
        now,
      );
      return { cleared: failures };
    }),
  );
}
