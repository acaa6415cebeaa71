import { getDb } from "../../db/client.server";
import { admitLoginAttempt, settleLoginAttempt } from "../../db/queries/people/login-throttle.server";
import { findUserByEmail, recordLoginAttempt } from "../../db/queries/people/users.server";
import { accountKey, addressKey } from "../domain/people/login-throttle";

import { verifyPassword } from "./password.server";

/** One message for every checked failure: wrong password, unknown account, deactivated. */
export const GENERIC_LOGIN_ERROR = "That email and password do not match an active account. Check them and try again.";

export type LoginResult =
  { ok: true; userId: string } | { ok: false; throttled: false } | { ok: false; throttled: true; retryAfterMs: number };

/**
 * Checks a password under the login throttle (app/domain/people/login-throttle.ts). A throttled
 * attempt is refused before any lookup, the same way for every email, so neither the answer nor
 * its timing says whether the account exists.
 */
export async function attemptLogin(
  email: string,
  password: string,
  clientAddress: string,
  now = Date.now(),
): Promise<LoginResult> {
  const db = getDb();
  const account = accountKey(email);
  const address = addressKey(clientAddress);
  const admission = admitLoginAttempt(db, account, address, now);
  if (!admission.admitted) return { ok: false, throttled: true, retryAfterMs: admission.retryAfterMs };
  const user = findUserByEmail(db, account);
  // Always run the hash, so timing does not reveal which accounts exist.
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  const ok = passwordOk && !!user && user.active;
  settleLoginAttempt(db, admission.ticket, ok, now);
  recordLoginAttempt(db, [`email:${account}`, `ip:${address}`], ok, now);
  return ok && user ? { ok: true, userId: user.id } : { ok: false, throttled: false };
}
