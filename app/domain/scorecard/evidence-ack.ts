/**
 * The reason that keeps a protected evidence-lint finding, apart from the engine (evidence-lint.ts):
 * the scorecard page checks reasons as they are typed but loads the engine only after hydration.
 */

/** Minimum reason for keeping a protected finding, counted after trimming. */
export const ACKNOWLEDGEMENT_REASON_MIN = 20;
export const ACKNOWLEDGEMENT_REASON_MAX = 1_000;

/** Null when `reason` is long enough to acknowledge a finding; otherwise what is missing. */
export function acknowledgementProblem(reason: string): string | null {
  const n = reason.trim().length;
  if (n < ACKNOWLEDGEMENT_REASON_MIN)
    return `Say why this is job-related (at least ${ACKNOWLEDGEMENT_REASON_MIN} characters; ${n} so far).`;
  if (n > ACKNOWLEDGEMENT_REASON_MAX) return `Keep the reason under ${ACKNOWLEDGEMENT_REASON_MAX} characters.`;
  return null;
}
