/**
 * The comparison table (/compare): its rows and columns built from each loop's aggregate, and its
 * sorting. Pure: the route sorts on the server from `?sort=` and `?dir=`, so the table works
 * without JavaScript. Empty values (no rating) always sort last.
 */
import { displayCandidateName } from "../candidate/display";
import type { RubricContent } from "../rubric/model";
import type { Decision, LoopStatus } from "../vocabulary";
import type { LoopAggregate } from "./types";

/** Loops appear in the comparison once the panel's feedback is complete. */
export const COMPARABLE_STATUSES: readonly LoopStatus[] = ["debrief", "decided"];

export interface ComparisonRow {
  loopId: string;
  candidateName: string;
  status: LoopStatus;
  decision: Decision | null;
  rubricVersion: number;
  completeness: number;
  /** dimension key -> mean (null: not rated) */
  means: Record<string, number | null>;
  raw: number | null;
  calibrated: number | null;
  dealbreakers: number;
  consensus: LoopAggregate["recommendations"]["consensus"];
}

export interface Comparison {
  dimensions: { key: string; name: string }[];
  rows: ComparisonRow[];
}

/** One loop of the table: its aggregate plus what the table shows beside it. */
export interface ComparedLoop {
  loopId: string;
  candidate: { name: string; erasedAt: number | null };
  status: LoopStatus;
  decision: Decision | null;
  rubricVersion: number;
  rubric: RubricContent;
  aggregate: LoopAggregate;
}

/**
 * Rows in the order given (unsorted); columns are the newest version's dimensions in its order,
 * then keys only older versions had.
 */
export function buildComparison(loops: readonly ComparedLoop[]): Comparison {
  const rows: ComparisonRow[] = [];
  const rubricsByVersion = new Map<number, RubricContent>();
  for (const l of loops) {
    rubricsByVersion.set(l.rubricVersion, l.rubric);
    const agg = l.aggregate;
    rows.push({
      loopId: l.loopId,
      candidateName: displayCandidateName(l.candidate),
      status: l.status,
      decision: l.decision,
      rubricVersion: l.rubricVersion,
      completeness: agg.coverage.completeness,
      means: Object.fromEntries(agg.dimensions.map((d) => [d.key, d.mean])),
      raw: agg.composite.raw,
      calibrated: agg.composite.calibrated,
      dealbreakers: agg.redFlags.filter((f) => f.severity === "dealbreaker").length,
      consensus: agg.recommendations.consensus,
    });
  }
  const dims: { key: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const [, rubric] of [...rubricsByVersion.entries()].sort((a, b) => b[0] - a[0])) {
    for (const d of rubric.dimensions) {
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      dims.push({ key: d.key, name: d.name });
    }
  }
  return { dimensions: dims, rows };
}

export interface SortableRow {
  candidateName: string;
  status: string;
  decision: string | null;
  means: Record<string, number | null>;
  raw: number | null;
  calibrated: number | null;
  dealbreakers: number;
  completeness: number;
}

export type SortDir = "asc" | "desc";

/** Sort keys: fixed columns, or `dim.<dimension key>` for a dimension mean. */
export const FIXED_SORT_KEYS = ["candidate", "status", "raw", "calibrated", "dealbreakers", "completeness"] as const;

/** The direction a column sorts in when first clicked: names A→Z, numbers best first. */
export function defaultDir(key: string): SortDir {
  return key === "candidate" || key === "status" ? "asc" : "desc";
}

const STATUS_ORDER: Record<string, number> = { debrief: 0, decided: 1 };

function valueOf(row: SortableRow, key: string): string | number | null {
  if (key === "candidate") return row.candidateName;
  if (key === "status")
    return (
      (STATUS_ORDER[row.status] ?? 9) * 10 +
      (row.decision === "hire" ? 0 : row.decision === "hold" ? 1 : row.decision === "no_hire" ? 2 : 3)
    );
  if (key === "raw") return row.raw;
  if (key === "calibrated") return row.calibrated;
  if (key === "dealbreakers") return row.dealbreakers;
  if (key === "completeness") return row.completeness;
  if (key.startsWith("dim.")) return row.means[key.slice(4)] ?? null;
  return null;
}

/**
 * A sorted copy. Ties fall back to the candidate's name, so the order is stable and deterministic.
 *
 * @example sortRows(rows, "raw", "desc") // highest composite first, unrated last
 */
export function sortRows<T extends SortableRow>(rows: readonly T[], key: string, dir: SortDir): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = valueOf(a, key);
    const vb = valueOf(b, key);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    let c = 0;
    if (va !== null && vb !== null) {
      c = typeof va === "string" && typeof vb === "string" ? va.localeCompare(vb, "en") : Number(va) - Number(vb);
    }
    return c * sign || a.candidateName.localeCompare(b.candidateName, "en");
  });
}

/** Is `key` a column of this table (fixed, or a dimension present in `dimensionKeys`)? */
export function isSortKey(key: string, dimensionKeys: readonly string[]): boolean {
  return (
    (FIXED_SORT_KEYS as readonly string[]).includes(key) ||
    (key.startsWith("dim.") && dimensionKeys.includes(key.slice(4)))
  );
}

/**
 * Colour band of a mean, aware of the bar: anything under 3 is never coloured as "meets".
 * < 2 → 1, < 3 → 2, < 3.5 → 3, otherwise 4.
 *
 * @example scoreBand(2.5) // 2 (below the bar, although it rounds to 3)
 */
export function scoreBand(mean: number | null): 1 | 2 | 3 | 4 | null {
  if (mean === null || !Number.isFinite(mean)) return null;
  if (mean < 2) return 1;
  if (mean < 3) return 2;
  if (mean < 3.5) return 3;
  return 4;
}

export interface ComparableVersionFacts {
  versionId: string;
  version: number;
  rubricName: string;
  /** comparable loops (debrief or decided) of the search the viewer may see on this version */
  loops: number;
}

export interface ComparableSearchFacts {
  searchId: string;
  title: string;
  closedAt: number | null;
  openedAt: number;
  versions: ComparableVersionFacts[];
}

/**
 * The search to show: the requested one when the viewer may compare it, else the first open
 * search (most recently opened first), else the first closed one.
 *
 * @example pickSearch([{ searchId: "s1", closedAt: null, openedAt: 1 }], "gone") // "s1"
 */
export function pickSearch(
  searches: readonly Pick<ComparableSearchFacts, "searchId" | "closedAt" | "openedAt">[],
  requested: string | undefined,
): string | null {
  if (requested && searches.some((s) => s.searchId === requested)) return requested;
  const ordered = orderSearches(searches);
  return ordered[0]?.searchId ?? null;
}

/** Open searches first, each group most recently opened first. */
export function orderSearches<T extends { closedAt: number | null; openedAt: number }>(searches: readonly T[]): T[] {
  return [...searches].sort(
    (a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.openedAt - a.openedAt,
  );
}

/**
 * The rubric version a search is compared on: the requested one when the search has comparable
 * loops on it, else the version with the most of them (the newest on a tie). Ratings on different
 * versions are never mixed in one table.
 *
 * @example pickVersion([{ versionId: "a", version: 1, loops: 2 }, { versionId: "b", version: 2, loops: 2 }], undefined) // "b"
 */
export function pickVersion(
  versions: readonly Pick<ComparableVersionFacts, "versionId" | "version" | "loops">[],
  requested: string | undefined,
): string | null {
  if (requested && versions.some((v) => v.versionId === requested && v.loops > 0)) return requested;
  let best: (typeof versions)[number] | null = null;
  for (const v of versions) {
    if (v.loops === 0) continue;
    if (!best || v.loops > best.loops || (v.loops === best.loops && v.version > best.version)) best = v;
  }
  return best?.versionId ?? null;
}

/**
 * Why a loop of the search is not in the table: it was scored on another rubric version, whose
 * dimensions, anchors or weights may differ, so its means are not comparable with the table's.
 *
 * @example setAsideReason({ rubricName: "Lead ML Architect", version: 1 }, { rubricName: "Lead ML Architect", version: 2 })
 * // "Scored on Lead ML Architect v1; the table compares v2, and ratings on different rubric versions are not comparable."
 */
export function setAsideReason(
  loop: { rubricName: string; version: number },
  table: { rubricName: string; version: number },
): string {
  const tableName =
    loop.rubricName === table.rubricName ? `v${table.version}` : `${table.rubricName} v${table.version}`;
  return `Scored on ${loop.rubricName} v${loop.version}; the table compares ${tableName}, and ratings on different rubric versions are not comparable.`;
}
