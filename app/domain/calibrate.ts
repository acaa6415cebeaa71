/**
 * Interviewer calibration: how lenient or severe each interviewer rates compared with the
 * colleagues who rated the same thing. Pure; no IO.
 */
import type { CalibrationRating, InterviewerCalibration } from "./aggregate-types";

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

/**
 * Deterministic text order for names and ids: a fixed-locale comparison ("Ada" < "ben" < "Cy"),
 * then code points to break the ties the collator calls equal. Same answer on every machine.
 */
export function compareText(a: string, b: string): number {
  const c = a.localeCompare(b, "en");
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
  key: string;
  panelistMeans: Map<string, number>;
}

function buildGroups(ratings: readonly CalibrationRating[]): Group[] {
  const byGroup = new Map<string, Map<string, number[]>>();
  for (const r of ratings) {
    // JSON keeps the pair unambiguous whatever characters the ids contain.
    const groupKey = JSON.stringify([r.loopId, r.dimensionKey]);
    let perPanelist = byGroup.get(groupKey);
    if (!perPanelist) byGroup.set(groupKey, (perPanelist = new Map()));
    const scores = perPanelist.get(r.panelistId) ?? [];
    scores.push(r.score);
    perPanelist.set(r.panelistId, scores);
  }
  // Sorting groups (and panelists within them) fixes the floating-point summation order,
  // so the result is bit-identical whatever order the ratings arrive in.
  return [...byGroup.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, perPanelist]) => ({
      key,
      panelistMeans: new Map(
        [...perPanelist.entries()]
          .sort(([a], [b]) => compareText(a, b))
          .map(([id, scores]) => [id, average([...scores].sort((x, y) => x - y))] as const),
      ),
    }));
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
  for (const [id, own] of panelistMeans) {
    const others: number[] = [];
    for (const [otherId, m] of panelistMeans) if (otherId !== id) others.push(m);
    out.set(id, own - average(others));
  }
  return out;
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
export function tendencyOf(offset: number, threshold: number = DEFAULT_TENDENCY_THRESHOLD): InterviewerCalibration["tendency"] {
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
  for (const group of buildGroups(ratings)) {
    for (const [id, d] of groupDeviations(group.panelistMeans)) {
      const list = deviations.get(id) ?? [];
      list.push(d);
      deviations.set(id, list);
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
    if (current === undefined || compareText(r.panelistName, current) < 0) names.set(r.panelistId, r.panelistName);
  }
  return names;
}
