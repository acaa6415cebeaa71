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

/**
 * One loop's share of calibration: for each of its (dimension) groups with ≥ 2 panelists, each
 * panelist's deviation, flattened in the order the whole computation sums them (dimensions, then
 * panelists, in compareText order), and the names its ratings carry. Parts are independent of
 * each other: a submit changes one loop's part, and the result is recombined from the parts
 * without touching the rest of the population (calibrateFromParts).
 */
export interface LoopCalibrationPart {
  /** the loop's panelists with a deviation, each once */
  panelistIds: string[];
  /** per deviation, in summing order: the index of its panelist in panelistIds, and its value */
  slots: number[];
  deviations: number[];
  names: Map<string, string>;
}

/** The distinct strings in compareText order. */
function sortedDistinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** One loop's ratings (all with the same loopId) as its calibration part. */
export function loopCalibrationPart(ratings: readonly CalibrationRating[]): LoopCalibrationPart {
  // dimensionKey → panelistId → scores (one number, or a list when they rated the group twice)
  const byDimension = new Map<string, Map<string, number | number[]>>();
  for (const r of ratings) {
    let perPanelist = byDimension.get(r.dimensionKey);
    if (!perPanelist) byDimension.set(r.dimensionKey, (perPanelist = new Map()));
    const scores = perPanelist.get(r.panelistId);
    if (scores === undefined) perPanelist.set(r.panelistId, r.score);
    else if (typeof scores === "number") perPanelist.set(r.panelistId, [scores, r.score]);
    else scores.push(r.score);
  }
  // Sorting dimensions and panelists fixes the floating-point summation order, so the result is
  // bit-identical whatever order the ratings arrive in.
  const part: LoopCalibrationPart = { panelistIds: [], slots: [], deviations: [], names: panelistNames(ratings) };
  const slotOf = new Map<string, number>();
  for (const key of sortedDistinct(byDimension.keys())) {
    const perPanelist = byDimension.get(key)!;
    if (perPanelist.size < 2) continue; // nothing to compare against
    const ids = sortedDistinct(perPanelist.keys());
    const means = ids.map((id) => {
      const scores = perPanelist.get(id)!;
      return typeof scores === "number" ? scores : average([...scores].sort((x, y) => x - y));
    });
    for (let i = 0; i < means.length; i++) {
      let slot = slotOf.get(ids[i]!);
      if (slot === undefined) {
        slot = part.panelistIds.push(ids[i]!) - 1;
        slotOf.set(ids[i]!, slot);
      }
      part.slots.push(slot);
      part.deviations.push(deviationAt(means, i));
    }
  }
  return part;
}

/** The population split by loop, as parts in loop-id compareText order. */
function partsByLoop(ratings: readonly CalibrationRating[]): LoopCalibrationPart[] {
  const byLoop = new Map<string, CalibrationRating[]>();
  for (const r of ratings) {
    const list = byLoop.get(r.loopId);
    if (list) list.push(r);
    else byLoop.set(r.loopId, [r]);
  }
  return sortedDistinct(byLoop.keys()).map((id) => loopCalibrationPart(byLoop.get(id)!));
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
  return calibrateFromParts(partsByLoop(ratings), opts);
}

/**
 * {@link calibrateInterviewers} from the loops' parts, which must come in loop-id compareText
 * order: the same sums in the same order, so the same bits as from the whole population.
 */
export function calibrateFromParts(
  parts: Iterable<LoopCalibrationPart>,
  opts: CalibrationOptions = {},
): InterviewerCalibration[] {
  const k = opts.k ?? DEFAULT_SHRINKAGE_K;
  const threshold = opts.threshold ?? DEFAULT_TENDENCY_THRESHOLD;

  // per panelist (a dense index, so the hundreds of thousands of deviations cost no Map lookups):
  // the sum of their deviations, summed in group order, and how many
  const index = new Map<string, number>();
  const sums: number[] = [];
  const counts: number[] = [];
  const names = new Map<string, string>();
  for (const part of parts) {
    const global = part.panelistIds.map((id) => {
      let at = index.get(id);
      if (at === undefined) {
        at = sums.push(0) - 1;
        counts.push(0);
        index.set(id, at);
      }
      return at;
    });
    for (let i = 0; i < part.deviations.length; i++) {
      const at = global[part.slots[i]!]!;
      sums[at]! += part.deviations[i]!;
      counts[at]!++;
    }
    for (const [id, name] of part.names) keepFirstName(names, id, name);
  }

  return [...names]
    .map(([panelistId, panelistName]): InterviewerCalibration => {
      const at = index.get(panelistId);
      const n = at === undefined ? 0 : counts[at]!;
      const rawOffset = at === undefined || n === 0 ? 0 : sums[at]! / n;
      const offset = shrinkOffset(rawOffset, n, k);
      return { panelistId, panelistName, sampleSize: n, rawOffset, offset, tendency: tendencyOf(offset, threshold) };
    })
    .sort((a, b) => compareText(a.panelistName, b.panelistName) || compareText(a.panelistId, b.panelistId));
}

/** If a name changed over time, the alphabetically first wins (order-independent). */
function keepFirstName(names: Map<string, string>, id: string, name: string): void {
  const current = names.get(id);
  if (current === undefined || (name !== current && compareText(name, current) < 0)) names.set(id, name);
}

/** id → display name (see keepFirstName). */
function panelistNames(ratings: readonly CalibrationRating[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of ratings) keepFirstName(names, r.panelistId, r.panelistName);
  return names;
}
