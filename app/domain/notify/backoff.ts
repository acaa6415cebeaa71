/**
 * Retry timing of outbox deliveries: exponential backoff with jitter, so a mail server or a
 * webhook receiver that is down is not hammered and many messages do not retry in lockstep.
 * Pure: the random number is a parameter.
 */

/** After this many failed attempts a message is marked failed (an admin can still retry it). */
export const MAX_ATTEMPTS = 8;

const BASE_MS = 30_000;
const CAP_MS = 3_600_000;

/**
 * Delay before attempt `failedAttempts + 1`: 30 s, 1 min, 2 min, … capped at 1 h, times a random
 * factor in [0.5, 1) ("equal jitter").
 *
 * @example retryDelayMs(1, 0) // 15_000 (half of 30 s)
 * @example retryDelayMs(3, 0.999) // just under 120_000
 */
export function retryDelayMs(failedAttempts: number, random: number): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, failedAttempts - 1));
  const r = Math.min(Math.max(random, 0), 0.999_999);
  return Math.floor(exp * (0.5 + r / 2));
}

/** true when an SMTP reply code means "do not try again" (5xx: the server refused for good). */
export function isPermanentSmtpFailure(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600;
}
