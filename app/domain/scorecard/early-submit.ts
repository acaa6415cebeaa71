/**
 * Submitting a scorecard long before its interview is scheduled is almost always a mistake (the
 * wrong candidate's card, or a draft sent too soon): the interviewer is asked to confirm. An
 * interview moved earlier without updating the calendar is the honest exception, hence a warning
 * and not a refusal. Pure.
 */
import { formatUntil } from "../shared/format";
import { formatDateTime } from "../shared/zoned-time";

/** Within this much of the scheduled start no confirmation is asked (calendars drift by hours). */
export const EARLY_SUBMIT_MARGIN_MS = 12 * 3_600_000;

/**
 * The question to ask before submitting, or null when the interview has (or may have) happened.
 * @example earlySubmitWarning(now + 6 * DAY, now, "Europe/Berlin") // "This interview is scheduled for … (in 6 days). …"
 */
export function earlySubmitWarning(scheduledAt: number | null, now: number, timeZone: string): string | null {
  if (scheduledAt === null || scheduledAt - now <= EARLY_SUBMIT_MARGIN_MS) return null;
  return (
    `This interview is scheduled for ${formatDateTime(scheduledAt, timeZone)} (${formatUntil(scheduledAt, now, timeZone)}). ` +
    "A scorecard records an interview that took place: submit it only if the interview already happened at another time."
  );
}
