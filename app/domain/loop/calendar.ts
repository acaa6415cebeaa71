/**
 * A loop's schedule as calendar events: one per scheduled interview, its panelists (not recused)
 * as attendees, the recruiter as organiser. Pure; `ics.ts` writes the file.
 */
import type { LoopStatus, ScorecardStatus } from "../vocabulary";

import type { IcsCalendar, IcsEvent } from "./ics";

/** What the calendar needs of a loop's setup (db/queries/loop's `LoopSetup` has it all). */
export interface LoopCalendarFacts {
  loop: {
    status: LoopStatus;
    createdAt: number;
    updatedAt: number;
    hiringManager: { name: string };
    recruiter: { name: string; email: string } | null;
  };
  candidate: { name: string };
  rubricVersion: { version: number; rubricName: string };
  interviews: readonly {
    id: string;
    exerciseTitle: string;
    scheduledAt: number | null;
    durationMinutes: number;
    panelists: readonly { name: string; email: string; active: boolean; status: ScorecardStatus }[];
  }[];
}

/**
 * The loop's calendar. `origin` is the site's address, for the link to the interviewer's list.
 * A withdrawn loop keeps its events, marked cancelled, so calendar apps remove them.
 */
export function loopCalendar(setup: LoopCalendarFacts, origin: string): IcsCalendar {
  const candidate = setup.candidate.name;
  const organizer = setup.loop.recruiter
    ? { name: setup.loop.recruiter.name, email: setup.loop.recruiter.email }
    : null;
  const events: IcsEvent[] = setup.interviews
    .filter((iv) => iv.scheduledAt !== null)
    .map((iv, i) => ({
      uid: `${iv.id}@archpanel`,
      start: iv.scheduledAt!,
      durationMinutes: iv.durationMinutes,
      summary: `Interview ${i + 1}: ${iv.exerciseTitle} — ${candidate}`,
      description: [
        `${setup.rubricVersion.rubricName} v${setup.rubricVersion.version} · ${iv.exerciseTitle} (${iv.durationMinutes} min)`,
        `Hiring manager: ${setup.loop.hiringManager.name}`,
        `Panel: ${
          iv.panelists
            .filter((p) => p.status !== "recused")
            .map((p) => p.name)
            .join(", ") || "not assigned yet"
        }`,
        `Scorecards: ${origin}/interviews`,
      ].join("\n"),
      url: `${origin}/interviews`,
      organizer,
      attendees: iv.panelists
        .filter((p) => p.status !== "recused" && p.active)
        .map((p) => ({ name: p.name, email: p.email })),
      cancelled: setup.loop.status === "withdrawn",
      // calendar apps replace an event when its sequence grows: the loop's last change is monotonic
      sequence: Math.max(0, Math.floor((setup.loop.updatedAt - setup.loop.createdAt) / 1000)),
    }));
  return { name: `Interview loop — ${candidate}`, stamp: setup.loop.updatedAt, events };
}
