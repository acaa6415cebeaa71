/**
 * Overdue scorecards: not submitted N hours after the interview ended (N is a setting), grouped
 * per panelist with a ready-to-send reminder. Pure; no IO.
 */
import { formatDate, formatTime } from "../shared/zoned-time";

const HOUR = 3_600_000;

export interface OpenScorecard {
  scorecardId: string;
  panelist: { id: string; name: string; email: string };
  candidateName: string;
  exerciseTitle: string;
  /** interview start and length */
  scheduledAt: number;
  durationMinutes: number;
}

export interface OverdueItem extends OpenScorecard {
  endedAt: number;
  /** whole hours since the interview ended */
  hoursSinceEnd: number;
}

export interface OverduePanelist {
  panelist: OpenScorecard["panelist"];
  items: OverdueItem[];
  reminder: string;
}

/** End of the interview (epoch ms). */
export function interviewEnd(scheduledAt: number, durationMinutes: number): number {
  return scheduledAt + durationMinutes * 60_000;
}

/**
 * true when the scorecard is overdue at `now`: its interview ended at least `thresholdHours` ago.
 * @example isOverdue(0, 60, 24, 25 * 3_600_000) // true (ended at 1h, 24h later is 25h)
 */
export function isOverdue(scheduledAt: number, durationMinutes: number, thresholdHours: number, now: number): boolean {
  return now - interviewEnd(scheduledAt, durationMinutes) >= thresholdHours * HOUR;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The reminder a recruiter pastes into chat or mail for one panelist. */
export function reminderText(
  panelist: { name: string },
  items: readonly OverdueItem[],
  opts: { timeZone: string; link: string; sender: string },
): string {
  const when = (it: OverdueItem) =>
    `${formatDate(it.scheduledAt, opts.timeZone)}, ${formatTime(it.scheduledAt, opts.timeZone)}`;
  const ago = (it: OverdueItem) =>
    it.hoursSinceEnd >= 48 ? `${Math.floor(it.hoursSinceEnd / 24)} days ago` : `${it.hoursSinceEnd} hours ago`;
  const hello = `Hi ${firstName(panelist.name)},`;
  const sign = `Thank you!\n${opts.sender}`;
  if (items.length === 1) {
    const it = items[0]!;
    return [
      hello,
      "",
      `your scorecard for ${it.candidateName} (${it.exerciseTitle}, ${when(it)}) is still open; the interview ended ${ago(it)}.`,
      `Could you submit it while the details are fresh? The panel cannot debrief until it is in: ${opts.link}`,
      "",
      sign,
    ].join("\n");
  }
  return [
    hello,
    "",
    `${items.length} of your scorecards are still open:`,
    ...items.map((it) => `• ${it.candidateName} — ${it.exerciseTitle}, ${when(it)} (ended ${ago(it)})`),
    "",
    `Could you submit them while the details are fresh? The panels cannot debrief until they are in: ${opts.link}`,
    "",
    sign,
  ].join("\n");
}

/**
 * Picks the overdue scorecards among open ones and groups them per panelist (most overdue
 * panelist first; each panelist's items oldest first).
 */
export function groupOverdue(
  open: readonly OpenScorecard[],
  opts: { thresholdHours: number; now: number; timeZone: string; link: string; sender: string },
): OverduePanelist[] {
  const groups = new Map<string, OverduePanelist>();
  for (const sc of open) {
    if (!isOverdue(sc.scheduledAt, sc.durationMinutes, opts.thresholdHours, opts.now)) continue;
    const endedAt = interviewEnd(sc.scheduledAt, sc.durationMinutes);
    const item: OverdueItem = { ...sc, endedAt, hoursSinceEnd: Math.floor((opts.now - endedAt) / HOUR) };
    const g = groups.get(sc.panelist.id) ?? { panelist: sc.panelist, items: [], reminder: "" };
    g.items.push(item);
    groups.set(sc.panelist.id, g);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.items.sort((a, b) => a.endedAt - b.endedAt);
    g.reminder = reminderText(g.panelist, g.items, opts);
  }
  out.sort((a, b) => a.items[0]!.endedAt - b.items[0]!.endedAt || a.panelist.name.localeCompare(b.panelist.name));
  return out;
}
