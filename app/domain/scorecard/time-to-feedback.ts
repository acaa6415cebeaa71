/**
 * Time to feedback: hours from the end of an interview to the submission of its scorecard,
 * summarised as median and 90th percentile per interviewer and overall. Pure; no IO.
 */

const HOUR = 3_600_000;

export interface SubmittedScorecard {
  panelistId: string;
  panelistName: string;
  /** end of the interview (start + length), epoch ms */
  endedAt: number;
  submittedAt: number;
}

export interface FeedbackStats {
  count: number;
  /** hours, one decimal */
  median: number;
  p90: number;
}

export interface TimeToFeedback {
  overall: FeedbackStats | null;
  interviewers: ({ panelistId: string; panelistName: string } & FeedbackStats)[];
}

/**
 * The q-quantile of sorted values, by linear interpolation between closest ranks (the "type 7"
 * definition of R and NumPy's default).
 *
 * @example quantile([1, 2, 3, 4], 0.5) // 2.5
 * @example quantile([10], 0.9) // 10
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function stats(hours: number[]): FeedbackStats {
  const sorted = [...hours].sort((a, b) => a - b);
  return { count: sorted.length, median: round1(quantile(sorted, 0.5)), p90: round1(quantile(sorted, 0.9)) };
}

/**
 * Median and p90 hours from interview end to submission, for the scorecards submitted in
 * [from, to). A scorecard submitted before its interview ended counts as 0 hours. Interviewers are
 * listed slowest median first.
 */
export function timeToFeedback(cards: readonly SubmittedScorecard[], from: number, to: number): TimeToFeedback {
  const inPeriod = cards.filter((c) => c.submittedAt >= from && c.submittedAt < to);
  const hoursOf = (c: SubmittedScorecard) => Math.max(0, c.submittedAt - c.endedAt) / HOUR;
  const by = new Map<string, { name: string; hours: number[] }>();
  for (const c of inPeriod) {
    const g = by.get(c.panelistId) ?? { name: c.panelistName, hours: [] };
    g.hours.push(hoursOf(c));
    by.set(c.panelistId, g);
  }
  const interviewers = [...by].map(([panelistId, g]) => ({ panelistId, panelistName: g.name, ...stats(g.hours) }));
  interviewers.sort((a, b) => b.median - a.median || a.panelistName.localeCompare(b.panelistName));
  return { overall: inPeriod.length > 0 ? stats(inPeriod.map(hoursOf)) : null, interviewers };
}
