import { getDb } from "../../db/client.server";
import { countRecentFailures, findUserByEmail, recordLoginAttempt } from "../../db/queries/people/users.server";

import { verifyPassword } from "./password.server";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** One message for every failure: wrong password, unknown account, deactivated, rate limited. */
export const GENERIC_LOGIN_ERROR =
  "That email and password do not match an active account, or there were too many attempts. Check them and try again in a few minutes.";

export type LoginResult = { ok: true; userId: string } | { ok: false };

export async function attemptLogin(
  email: string,
  password: string,
  clientIp: string,
  now = Date.now(),
): Promise<LoginResult> {
  const db = getDb();
  const normalized = email.trim().toLowerCase();
  const buckets = [`email:${normalized}`, `ip:${clientIp}`];
  const since = now - LOGIN_WINDOW_MS;
  const limited =
    countRecentFailures(db, buckets[0]!, since) >= MAX_FAILURES_PER_ACCOUNT ||
    countRecentFailures(db, buckets[1]!, since) >= MAX_FAILURES_PER_ADDRESS;
  const user = findUserByEmail(db, normalized);
  // Always run the hash, so timing does not reveal which accounts exist or are limited.
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  const ok = !limited && passwordOk && !!user && user.active;
  recordLoginAttempt(db, buckets, ok, now);
  return ok && user ? { ok: true, userId: user.id } : { ok: false };
}
