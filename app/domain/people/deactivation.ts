/**
 * What deactivating a person leaves behind: upcoming interviews where they are the only panelist
 * (nobody else would score them). A warning the admin confirms, not a refusal: the person may have
 * left already. Pure.
 */
import { formatUntil } from "../shared/format";
import { formatDateTime } from "../shared/zoned-time";

export interface PanelSeat {
  candidateName: string;
  exerciseTitle: string;
  scheduledAt: number | null;
  /** other panelists on the interview who have not recused */
  otherPanelists: number;
  /** this person's scorecard on it */
  status: "draft" | "submitted" | "recused";
}

/** Interviews still ahead (or without a date) that only this person would score. */
export function solePanelSeats(seats: readonly PanelSeat[], now: number): PanelSeat[] {
  return seats.filter(
    (s) => s.status === "draft" && s.otherPanelists === 0 && (s.scheduledAt === null || s.scheduledAt > now),
  );
}

/**
 * @example deactivationWarning("Mateo", [seat in 2 days], now, "UTC")
 * // "Mateo is the only panelist of 1 upcoming interview: Rafael Domínguez · Incident drill, … (in 2 days). …"
 */
export function deactivationWarning(
  name: string,
  seats: readonly PanelSeat[],
  now: number,
  timeZone: string,
): string | null {
  const sole = solePanelSeats(seats, now).sort((a, b) => (a.scheduledAt ?? Infinity) - (b.scheduledAt ?? Infinity));
  if (sole.length === 0) return null;
  const list = sole
    .map(
      (s) =>
        `${s.candidateName} · ${s.exerciseTitle}, ${
          s.scheduledAt === null
            ? "not scheduled yet"
            : `${formatDateTime(s.scheduledAt, timeZone)} (${formatUntil(s.scheduledAt, now, timeZone)})`
        }`,
    )
    .join("; ");
  const n = sole.length;
  return (
    `${name} is the only panelist of ${n === 1 ? "an upcoming interview" : `${n} upcoming interviews`}: ${list}. ` +
    `Once deactivated nobody can score ${n === 1 ? "it" : "them"}: add another panelist first, or deactivate anyway.`
  );
}
