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
 * One loop's share of calibration: per panelist in the loop's ratings, the sum of their
 * deviations over the loop's (dimension) groups with ≥ 2 panelists, summed in a fixed order
 * (dimensions, then panelists, in compareText order), how many there are (0 when the panelist was
 * alone in every group) and their name. Parts are independent of each other: a submit changes one
 * loop's part, and only its panelists' totals are summed again (CalibrationLedger).
 */
export interface LoopCalibrationPart {
  loopId: string;
  /** the panelists of the loop's ratings, each once, in compareText order; the arrays below share the index */
  panelistIds: string[];
  names: string[];
  sums: number[];
  counts: number[];
}

/** The distinct strings in compareText order. */
function sortedDistinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}

/** One loop's ratings (all with the same loopId, at least one) as its calibration part. */
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
  const names = panelistNames(ratings);
  const panelistIds = sortedDistinct(names.keys());
  const slotOf = new Map(panelistIds.map((id, i) => [id, i] as const));
  const part: LoopCalibrationPart = {
    loopId: ratings[0]?.loopId ?? "",
    panelistIds,
    names: panelistIds.map((id) => names.get(id)!),
    sums: panelistIds.map(() => 0),
    counts: panelistIds.map(() => 0),
  };
  // Sorting dimensions and panelists fixes the floating-point summation order, so the result is
  // bit-identical whatever order the ratings arrive in.
  for (const key of sortedDistinct(byDimension.keys())) {
    const perPanelist = byDimension.get(key)!;
    if (perPanelist.size < 2) continue; // nothing to compare against
    const ids = sortedDistinct(perPanelist.keys());
    const means = ids.map((id) => {
      const scores = perPanelist.get(id)!;
      return typeof scores === "number" ? scores : average([...scores].sort((x, y) => x - y));
    });
    for (let i = 0; i < means.length; i++) {
      const slot = slotOf.get(ids[i]!)!;
      part.sums[slot]! += deviationAt(means, i);
      part.counts[slot]!++;
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
  return calibrationOfLedger(buildCalibrationLedger(parts), opts);
}

/** One loop's contribution to one panelist's total. */
interface LedgerEntry {
  loopId: string;
  name: string;
  sum: number;
  count: number;
}

interface PanelistLedger {
  /** in loop-id compareText order: the order their total is summed in */
  entries: LedgerEntry[];
  name: string;
  sum: number;
  count: number;
}

/**
 * Calibration kept per panelist: each panelist's per-loop sums in loop order and their total.
 * Replacing a loop's part re-sums only that loop's panelists (a few hundred additions), in the same
 * order a full computation uses, so the result has the same bits as {@link calibrateFromParts}
 * over every part, at a fraction of the cost at 10,000 loops.
 */
export interface CalibrationLedger {
  panelists: Map<string, PanelistLedger>;
}

/** The ledger of these parts, which must come in loop-id compareText order. */
export function buildCalibrationLedger(parts: Iterable<LoopCalibrationPart>): CalibrationLedger {
  const ledger: CalibrationLedger = { panelists: new Map() };
  for (const part of parts) appendPart(ledger, part);
  for (const panelistId of ledger.panelists.keys()) resum(ledger, panelistId);
  return ledger;
}

function panelistLedger(ledger: CalibrationLedger, panelistId: string): PanelistLedger {
  let p = ledger.panelists.get(panelistId);
  if (!p) ledger.panelists.set(panelistId, (p = { entries: [], name: "", sum: 0, count: 0 }));
  return p;
}

/** Adds a part whose loop id sorts after every loop already in the ledger; totals are summed later. */
function appendPart(ledger: CalibrationLedger, part: LoopCalibrationPart): void {
  for (let i = 0; i < part.panelistIds.length; i++) {
    panelistLedger(ledger, part.panelistIds[i]!).entries.push({
      loopId: part.loopId,
      name: part.names[i]!,
      sum: part.sums[i]!,
      count: part.counts[i]!,
    });
  }
}

/** Where `loopId` sits (or would sit) among the compareText-sorted entries. */
function positionOf(entries: readonly LedgerEntry[], loopId: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareText(entries[mid]!.loopId, loopId) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resum(ledger: CalibrationLedger, panelistId: string): void {
  const p = ledger.panelists.get(panelistId);
  if (!p) return;
  if (p.entries.length === 0) {
    ledger.panelists.delete(panelistId);
    return;
  }
  let sum = 0;
  let count = 0;
  let name = p.entries[0]!.name;
  for (const e of p.entries) {
    sum += e.sum;
    count += e.count;
    if (e.name !== name && compareText(e.name, name) < 0) name = e.name;
  }
  p.sum = sum;
  p.count = count;
  p.name = name;
}

/**
 * Replaces loop `loopId`'s part in the ledger (`previous` is the part it held, `next` the new one;
 * either may be null) and re-sums the panelists of both.
 */
export function replaceLoopPart(
  ledger: CalibrationLedger,
  loopId: string,
  previous: LoopCalibrationPart | null,
  next: LoopCalibrationPart | null,
): void {
  const touched = new Set<string>();
  for (const panelistId of previous?.panelistIds ?? []) {
    const entries = ledger.panelists.get(panelistId)?.entries;
    if (!entries) continue;
    const at = positionOf(entries, loopId);
    if (entries[at]?.loopId === loopId) entries.splice(at, 1);
    touched.add(panelistId);
  }
  if (next) {
    for (let i = 0; i < next.panelistIds.length; i++) {
      const panelistId = next.panelistIds[i]!;
      const entries = panelistLedger(ledger, panelistId).entries;
      const entry = { loopId, name: next.names[i]!, sum: next.sums[i]!, count: next.counts[i]! };
      const at = positionOf(entries, loopId);
      if (entries[at]?.loopId === loopId) entries[at] = entry;
      else entries.splice(at, 0, entry);
      touched.add(panelistId);
    }
  }
  for (const panelistId of touched) resum(ledger, panelistId);
}

/** Every panelist's calibration from their totals, sorted by name then id. */
export function calibrationOfLedger(
  ledger: CalibrationLedger,
  opts: CalibrationOptions = {},
): InterviewerCalibration[] {
  const k = opts.k ?? DEFAULT_SHRINKAGE_K;
  const threshold = opts.threshold ?? DEFAULT_TENDENCY_THRESHOLD;
  return [...ledger.panelists]
    .map(([panelistId, p]): InterviewerCalibration => {
      const n = p.count;
      const rawOffset = n === 0 ? 0 : p.sum / n;
      const offset = shrinkOffset(rawOffset, n, k);
      return {
        panelistId,
        panelistName: p.name,
        sampleSize: n,
        rawOffset,
        offset,
        tendency: tendencyOf(offset, threshold),
      };
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
