/**
 * Interviewer calibration: how lenient or severe each interviewer rates compared with the
 * colleagues who rated the same thing. Pure; no IO.
 */
import type { CalibrationRating, InterviewerCalibration } from "./types";

/** Default shrinkage strength: an interviewer needs ~5 comparable ratings before half their raw offset counts. */
export const DEFAULT_SHRINKAGE_K = 5;

/** Default |offset| at or above which an interviewer is called lenient / severe. */
export const DEFAULT_TENDENCY_THRESHOLD = 0.35;

export interface CalibrationOptions {
  /** shrinkage strength (pseudo-count of "neutral" groups); default 5 */
  k?: number;
  /** |offset| from which the tendency is lenient/severe; default 0.35 */
  threshold?: number;
}

// The same order as `a.localeCompare(b, "en")` (which is defined as this collator's compare),
// without building a collator per call: calibration compares hundreds of thousands of strings.
const collator = new Intl.Collator("en");

/**
 * Deterministic text order for names and ids: a fixed-locale comparison ("Ada" < "ben" < "Cy"),
 * then code points to break the ties the collator calls equal. Same answer on every machine.
 */
export function compareText(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

function average(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** One (loop, dimension) group: each panelist's mean score in it (a panelist may rate a group twice). */
interface Group {
  /** panelist ids in compareText order, and each one's mean score (same index) */
  panelistIds: string[];
  means: number[];
}

/** The distinct strings in compareText order, as string → rank: one sort, then integer comparisons. */
function ranks(values: Iterable<string>): Map<string, number> {
  return new Map([...new Set(values)].sort(compareText).map((v, i) => [v, i] as const));
}

function byRank<V>(map: Map<string, V>, rank: Map<string, number>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => rank.get(a)! - rank.get(b)!);
}

function buildGroups(ratings: readonly CalibrationRating[]): Group[] {
  // loopId → dimensionKey → panelistId → scores: no composite key to build per rating.
  // A panelist's scores: one number, or a list when they rated the group more than once.
  const byLoop = new Map<string, Map<string, Map<string, number | number[]>>>();
  const dimensionKeys = new Set<string>();
  const panelistIds = new Set<string>();
  for (const r of ratings) {
    let byDimension = byLoop.get(r.loopId);
    if (!byDimension) byLoop.set(r.loopId, (byDimension = new Map()));
    let perPanelist = byDimension.get(r.dimensionKey);
    if (!perPanelist) {
      byDimension.set(r.dimensionKey, (perPanelist = new Map()));
      dimensionKeys.add(r.dimensionKey);
    }
    const scores = perPanelist.get(r.panelistId);
    if (scores === undefined) {
      perPanelist.set(r.panelistId, r.score);
      panelistIds.add(r.panelistId);
    } else if (typeof scores === "number") perPanelist.set(r.panelistId, [scores, r.score]);
    else scores.push(r.score);
  }
  // Sorting groups (by loop, then dimension) and panelists within them fixes the floating-point
  // summation order, so the result is bit-identical whatever order the ratings arrive in.
  // Each distinct loop id, key and panelist id is compared as text once; groups sort by rank.
  const loopRank = ranks(byLoop.keys());
  const dimensionRank = ranks(dimensionKeys);
  const panelistRank = ranks(panelistIds);
  const groups: Group[] = [];
  for (const [, byDimension] of byRank(byLoop, loopRank)) {
    for (const [, perPanelist] of byRank(byDimension, dimensionRank)) {
      const group: Group = { panelistIds: [], means: [] };
      for (const [id, scores] of byRank(perPanelist, panelistRank)) {
        group.panelistIds.push(id);
        group.means.push(typeof scores === "number" ? scores : average([...scores].sort((x, y) => x - y)));
      }
      groups.push(group);
    }
  }
  return groups;
}

/**
 * Deviations of every panelist in one group: own mean − mean of the OTHER panelists' means.
 * Groups with a single panelist have nothing to compare against and yield nothing.
 *
 * @example
 * // Ada 4, Ben 2, Cy 3 → Ada 4 − (2+3)/2 = +1.5, Ben −1.5, Cy 0
 */
export function groupDeviations(panelistMeans: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  if (panelistMeans.size < 2) return out;
  const ids = [...panelistMeans.keys()];
  const means = [...panelistMeans.values()];
  for (let i = 0; i < means.length; i++) out.set(ids[i]!, deviationAt(means, i));
  return out;
}

/** means[i] − the mean of all the other entries, summed in index order (no allocation). */
function deviationAt(means: readonly number[], i: number): number {
  let sum = 0;
  for (let j = 0; j < means.length; j++) if (j !== i) sum += means[j]!;
  return means[i]! - sum / (means.length - 1);
}

/**
 * Empirical-Bayes-style shrinkage toward 0: with few comparable ratings a raw offset is
 * mostly noise, so it is pulled toward "neutral" as if k further groups with deviation 0
 * had been observed. With n ≫ k the raw offset survives almost intact.
 *
 * offset = rawOffset · n / (n + k)
 *
 * @example
 * shrinkOffset(0.9, 4, 5)  // 0.9 · 4/9 = 0.4
 * shrinkOffset(0.9, 45, 5) // 0.9 · 45/50 = 0.81
 */
export function shrinkOffset(rawOffset: number, n: number, k: number = DEFAULT_SHRINKAGE_K): number {
  if (n + k <= 0) return 0;
  return (rawOffset * n) / (n + k);
}

/**
 * lenient when offset ≥ threshold, severe when offset ≤ −threshold, else neutral.
 *
 * @example
 * tendencyOf(0.35)  // "lenient"
 * tendencyOf(-0.4)  // "severe"
 * tendencyOf(0.2)   // "neutral"
 */
export function tendencyOf(
  offset: number,
  threshold: number = DEFAULT_TENDENCY_THRESHOLD,
): InterviewerCalibration["tendency"] {
  if (offset >= threshold) return "lenient";
  if (offset <= -threshold) return "severe";
  return "neutral";
}

/**
 * Estimate every interviewer's leniency from the whole calibration population.
 *
 * For each interviewer, over the (loopId, dimensionKey) groups where ≥ 2 distinct panelists rated:
 *   deviation_g = own mean score in g − mean of the other panelists' mean scores in g
 *   sampleSize n = number of such groups
 *   rawOffset    = mean of deviation_g (0 when n = 0)
 *   offset       = rawOffset · n / (n + k)            (shrinkage, see {@link shrinkOffset})
 *   tendency     = lenient if offset ≥ threshold, severe if ≤ −threshold, else neutral
 *
 * Every interviewer who appears in `ratings` is returned (n = 0 means "not comparable yet"),
 * sorted by name then id. The result does not depend on the order of `ratings`.
 *
 * Note: in a fully crossed design where interviewer i rates everything c_i higher than a common
 * truth, rawOffset_i = c_i − mean_{j≠i}(c_j) = N/(N−1) · (c_i − mean(c)); and in every group the
 * deviations sum to 0, so Σ n_i · rawOffset_i = 0 for any population.
 *
 * @example
 * // One loop, one dimension: Ada 4, Ben 2 → Ada raw +2, Ben raw −2, n = 1,
 * // offsets ±2 · 1/6 = ±0.33 → both neutral with the default threshold 0.35.
 * calibrateInterviewers([
 *   { loopId: "L1", dimensionKey: "d", panelistId: "a", panelistName: "Ada", score: 4 },
 *   { loopId: "L1", dimensionKey: "d", panelistId: "b", panelistName: "Ben", score: 2 },
 * ]);
 */
export function calibrateInterviewers(
  ratings: CalibrationRating[],
  opts: CalibrationOptions = {},
): InterviewerCalibration[] {
  const k = opts.k ?? DEFAULT_SHRINKAGE_K;
  const threshold = opts.threshold ?? DEFAULT_TENDENCY_THRESHOLD;

  const deviations = new Map<string, number[]>();
  for (const { panelistIds, means } of buildGroups(ratings)) {
    if (means.length < 2) continue; // nothing to compare against
    for (let i = 0; i < means.length; i++) {
      const id = panelistIds[i]!;
      const d = deviationAt(means, i);
      const list = deviations.get(id);
      if (list) list.push(d);
      else deviations.set(id, [d]);
    }
  }

  return [...panelistNames(ratings)]
    .map(([panelistId, panelistName]): InterviewerCalibration => {
      const devs = deviations.get(panelistId) ?? [];
      const n = devs.length;
      const rawOffset = n === 0 ? 0 : average(devs);
      const offset = shrinkOffset(rawOffset, n, k);
      return { panelistId, panelistName, sampleSize: n, rawOffset, offset, tendency: tendencyOf(offset, threshold) };
    })
    .sort((a, b) => compareText(a.panelistName, b.panelistName) || compareText(a.panelistId, b.panelistId));
}

/** id → display name; if a name changed over time, the alphabetically first wins (order-independent). */
function panelistNames(ratings: readonly CalibrationRating[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of ratings) {
    const current = names.get(r.panelistId);
    if (current === undefined || (r.panelistName !== current && compareText(r.panelistName, current) < 0))
      names.set(r.panelistId, r.panelistName);
  }
  return names;
}
