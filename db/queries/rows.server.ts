/** Helpers for turning query rows into domain values: id batches, child rows grouped by parent, stored scores. */
import type { RatingScore } from "../../app/domain/vocabulary";
import { RATING_SCORES } from "../../app/domain/vocabulary";

/** SQLite's bound-parameter limit is 32766; stay far below it when batching ids. */
const CHUNK = 500;

export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `load` over `ids` in chunks (one call when they fit) and concatenates the rows. */
export function byIds<T>(ids: readonly string[], load: (chunk: string[]) => T[]): T[] {
  if (ids.length === 0) return [];
  if (ids.length <= CHUNK) return load([...ids]);
  return chunked(ids).flatMap(load);
}

const VALID_SCORES = new Set<number>(RATING_SCORES);

/** A stored rating score, or null when it is empty or outside the scale. */
export function asScore(n: number | null): RatingScore | null {
  return n !== null && VALID_SCORES.has(n) ? (n as RatingScore) : null;
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
