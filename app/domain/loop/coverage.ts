/**
 * The coverage matrix of a loop: which panelist assesses which dimension (an interview's exercise
 * assesses its `dimensionKeys`; every panelist on the interview assesses those), and the warnings a
 * recruiter should see before scheduling. Pure; no IO.
 */
import type { ScorecardStatus } from "../vocabulary";
import { formatList } from "../shared/format";

export interface CoveragePanelist {
  id: string;
  name: string;
  status: ScorecardStatus;
  /** false when the user account is deactivated */
  active: boolean;
}

export interface CoverageInterview {
  id: string;
  /** exercise title, shown in the matrix header */
  label: string;
  dimensionKeys: readonly string[];
  /** epoch ms, or null when not scheduled yet */
  scheduledAt: number | null;
  durationMinutes: number;
  panelists: readonly CoveragePanelist[];
}

export interface CoverageInput {
  dimensions: readonly { key: string; name: string }[];
  interviews: readonly CoverageInterview[];
  hiringManager: { id: string; name: string } | null;
}

export type CoverageWarningKind =
  | "dimension_uncovered"
  | "dimension_thin"
  | "interview_without_panelist"
  | "panelist_overlap"
  | "hiring_manager_on_panel"
  | "panelist_on_every_interview"
  | "inactive_panelist";

/** blocker: stops scheduling; warning: should be fixed; info: allowed, but worth knowing. */
export type CoverageSeverity = "blocker" | "warning" | "info";

export interface CoverageWarning {
  kind: CoverageWarningKind;
  severity: CoverageSeverity;
  message: string;
  dimensionKey?: string;
  interviewIds?: string[];
  panelistId?: string;
}

export interface CoverageCell {
  interviewId: string;
  /** the interview's exercise assesses this dimension */
  assessed: boolean;
  /** panelists who assess the dimension in this interview (active, not recused) */
  panelists: { id: string; name: string }[];
}

export interface CoverageRow {
  key: string;
  name: string;
  cells: CoverageCell[];
  /** distinct panelists assessing the dimension across the loop */
  panelists: { id: string; name: string }[];
}

export interface CoverageReport {
  rows: CoverageRow[];
  warnings: CoverageWarning[];
  /** dimension names nobody assesses: the loop cannot be scheduled */
  uncoveredDimensions: string[];
  canSchedule: boolean;
}

/** Fewer distinct panelists than this on a dimension is a warning (one opinion is not a panel). */
export const MIN_PANELISTS_PER_DIMENSION = 2;

const MINUTE = 60_000;

/** A panelist counts towards coverage when their account is active and they have not recused. */
export function isAssessing(p: CoveragePanelist): boolean {
  return p.active && p.status !== "recused";
}

function overlaps(a: CoverageInterview, b: CoverageInterview): boolean {
  if (a.scheduledAt === null || b.scheduledAt === null) return false;
  const aEnd = a.scheduledAt + a.durationMinutes * MINUTE;
  const bEnd = b.scheduledAt + b.durationMinutes * MINUTE;
  return a.scheduledAt < bEnd && b.scheduledAt < aEnd;
}

const SEVERITY_ORDER: Record<CoverageSeverity, number> = { blocker: 0, warning: 1, info: 2 };

/**
 * Builds the matrix and its warnings. Warnings come blockers first, then warnings, then notes;
 * within a severity in rubric / interview order.
 *
 * @example
 * coverageReport({ dimensions: [{ key: "a", name: "A" }], interviews: [], hiringManager: null })
 *   .uncoveredDimensions // ["A"]
 */
export function coverageReport(input: CoverageInput): CoverageReport {
  const warnings: CoverageWarning[] = [];

  const rows: CoverageRow[] = input.dimensions.map((d) => {
    const distinct = new Map<string, { id: string; name: string }>();
    const cells = input.interviews.map((iv) => {
      const assessed = iv.dimensionKeys.includes(d.key);
      const panelists = assessed ? iv.panelists.filter(isAssessing).map((p) => ({ id: p.id, name: p.name })) : [];
      for (const p of panelists) distinct.set(p.id, p);
      return { interviewId: iv.id, assessed, panelists };
    });
    return { key: d.key, name: d.name, cells, panelists: [...distinct.values()] };
  });

  const uncoveredDimensions: string[] = [];
  for (const row of rows) {
    if (row.panelists.length === 0) {
      uncoveredDimensions.push(row.name);
      warnings.push({
        kind: "dimension_uncovered",
        severity: "blocker",
        dimensionKey: row.key,
        message: `Nobody assesses “${row.name}”: add a panelist to an interview whose exercise covers it.`,
      });
    } else if (row.panelists.length < MIN_PANELISTS_PER_DIMENSION) {
      warnings.push({
        kind: "dimension_thin",
        severity: "warning",
        dimensionKey: row.key,
        message: `Only ${row.panelists[0]!.name} assesses “${row.name}”: a second opinion makes the rating trustworthy.`,
      });
    }
  }

  for (const iv of input.interviews) {
    if (!iv.panelists.some(isAssessing)) {
      const recused = iv.panelists.filter((p) => p.status === "recused").length;
      warnings.push({
        kind: "interview_without_panelist",
        severity: "warning",
        interviewIds: [iv.id],
        message:
          recused > 0
            ? `The ${iv.label} interview has no panelist left (${recused === 1 ? "one recused" : `${recused} recused`}): reassign it.`
            : `The ${iv.label} interview has no panelist.`,
      });
    }
  }

  // Overlaps: each panelist, each pair of their interviews that intersect in time.
  const byPanelist = new Map<string, { name: string; interviews: CoverageInterview[] }>();
  for (const iv of input.interviews) {
    for (const p of iv.panelists) {
      if (!isAssessing(p)) continue;
      const entry = byPanelist.get(p.id) ?? { name: p.name, interviews: [] };
      entry.interviews.push(iv);
      byPanelist.set(p.id, entry);
    }
  }
  for (const [id, { name, interviews }] of byPanelist) {
    for (let i = 0; i < interviews.length; i++) {
      for (let j = i + 1; j < interviews.length; j++) {
        const a = interviews[i]!;
        const b = interviews[j]!;
        if (overlaps(a, b)) {
          warnings.push({
            kind: "panelist_overlap",
            severity: "warning",
            panelistId: id,
            interviewIds: [a.id, b.id],
            message: `${name} is on two interviews at the same time (${a.label} and ${b.label}).`,
          });
        }
      }
    }
  }

  if (input.interviews.length >= 2) {
    for (const [id, { name, interviews }] of byPanelist) {
      const distinct = new Set(interviews.map((iv) => iv.id));
      if (distinct.size === input.interviews.length) {
        warnings.push({
          kind: "panelist_on_every_interview",
          severity: "warning",
          panelistId: id,
          message: `${name} is on every interview: one person's view will dominate every dimension.`,
        });
      }
    }
  }

  const hm = input.hiringManager;
  if (hm) {
    const on = input.interviews.filter((iv) => iv.panelists.some((p) => p.id === hm.id && p.status !== "recused"));
    if (on.length > 0) {
      warnings.push({
        kind: "hiring_manager_on_panel",
        severity: "info",
        panelistId: hm.id,
        interviewIds: on.map((iv) => iv.id),
        message: `The hiring manager, ${hm.name}, also interviews (${formatList(on.map((iv) => iv.label))}). Allowed; their scorecard counts like any other, and they see the panel's feedback only after submitting it.`,
      });
    }
  }

  const inactive = new Map<string, { name: string; labels: string[] }>();
  for (const iv of input.interviews) {
    for (const p of iv.panelists) {
      if (p.active || p.status === "recused") continue;
      const entry = inactive.get(p.id) ?? { name: p.name, labels: [] };
      entry.labels.push(iv.label);
      inactive.set(p.id, entry);
    }
  }
  for (const [id, { name, labels }] of inactive) {
    warnings.push({
      kind: "inactive_panelist",
      severity: "warning",
      panelistId: id,
      message: `${name}'s account is deactivated but they are still on ${formatList(labels)}: reassign.`,
    });
  }

  warnings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { rows, warnings, uncoveredDimensions, canSchedule: uncoveredDimensions.length === 0 };
}
