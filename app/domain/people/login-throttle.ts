/**
 * Login throttling: who may try a password now, and how long a refused client waits. The rule is
 * "slow the guesser, never lock out the owner": counters per (account, address) and per address
 * with growing delays, never a lock on the account as a whole. Pure; the counters are stored by
 * db/queries/people/login-throttle.server.ts. README "Sessions and logins" states the guarantees.
 */
import * as z from "zod";

import type { Actor, Verdict } from "./permissions";

export const THROTTLE = {
  /** failures of one account from one address before delays start (a person mistyping) */
  pairFree: 5,
  /** the same while the account is under attack, for an address that has not logged in to it */
  pairFreeUnderAttack: 0,
  /** failures from one address, whatever the accounts, before delays start (password spraying) */
  addressFree: 20,
  /** failures of one account from all addresses that put it "under attack" */
  accountAlarm: 50,
  /** the first delay; each further failure doubles it */
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  /** a counter without a failure for this long starts from zero again */
  forgetAfterMs: 24 * 3_600_000,
  /** an address the account logged in from within this long is familiar to it */
  familiarForMs: 90 * 24 * 3_600_000,
} as const;

/** What one stored counter holds (scope pair, address or account). */
export interface ThrottleCounter {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
  lastSuccessAt: number | null;
}

export interface ThrottleState {
  pair: ThrottleCounter | undefined;
  address: ThrottleCounter | undefined;
  account: ThrottleCounter | undefined;
}

export type Admission =
  | { admitted: true; pairFree: number }
  | {
      admitted: false;
      retryAfterMs: number;
    };

/**
 * The wait after the `failures`-th failure when `free` failures cost nothing: 30 s, 1 min, 2 min…
 * up to 15 min.
 */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** Math.min(failures - free - 1, 16));
}

/** Failures still remembered at `now` (a quiet day forgets them). */
export function liveFailures(counter: ThrottleCounter | undefined, now: number): number {
  if (!counter) return 0;
  return now - counter.lastFailureAt > THROTTLE.forgetAfterMs ? 0 : counter.failures;
}

function waitOf(counter: ThrottleCounter | undefined, now: number): number {
  return counter && counter.blockedUntil > now ? counter.blockedUntil - now : 0;
}

/** Whether this address logged in to this account recently. */
export function isFamiliar(pair: ThrottleCounter | undefined, now: number): boolean {
  return pair?.lastSuccessAt != null && now - pair.lastSuccessAt <= THROTTLE.familiarForMs;
}

/**
 * May this (account, address) try a password now? Refused while the pair's or the address's delay
 * runs. The account-wide count never refuses anyone: once it passes the alarm, an address that
 * has not logged in to the account gets one try before delays start, instead of five.
 */
export function admit(state: ThrottleState, now: number): Admission {
  const wait = Math.max(waitOf(state.pair, now), waitOf(state.address, now));
  if (wait > 0) return { admitted: false, retryAfterMs: wait };
  const underAttack = liveFailures(state.account, now) >= THROTTLE.accountAlarm;
  return {
    admitted: true,
    pairFree: underAttack && !isFamiliar(state.pair, now) ? THROTTLE.pairFreeUnderAttack : THROTTLE.pairFree,
  };
}

/** "30 seconds", "2 minutes": a wait for people, rounded up. */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * The answer to a throttled login. The same for every account, existing or not, so it tells an
 * attacker nothing about which emails have accounts.
 */
export function throttledMessage(retryAfterMs: number): string {
  return `Too many failed attempts. Wait ${formatWait(retryAfterMs)}, then try again. If you still cannot log in, an admin can clear the wait on the People page.`;
}

/**
 * The key an address is counted under: IPv4 as is (also when written as IPv6-mapped), IPv6 by
 * its /64 prefix, since one subscriber usually holds a whole /64 and could rotate through it.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const prefix = ipv6Prefix64(address);
  return prefix ?? address;
}

function ipv6Prefix64(address: string): string | null {
  const bare = address.split("%")[0]!.toLowerCase();
  const halves = bare.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) =>
    part ? part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : [];
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const all = [...head, ...Array<string>(Math.max(0, fill)).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/** The account key: the email as typed, trimmed and lower-cased (whether or not it has an account). */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Only admins clear a login wait: it hands the guesser fresh tries too, so it is for an admin who
 * has made sure the person asking is the account's owner.
 */
export function canClearLoginThrottle(actor: Actor): Verdict {
  return actor.role === "admin" ? { ok: true } : { ok: false, reason: "Only an admin can clear a login wait." };
}

/** The people page's "Clear login wait" button. */
export const clearThrottleSchema = z.object({
  intent: z.literal("clear-throttle", { error: "Unknown action. Reload the page and try again." }),
  userId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a person from the list."),
});
