/**
 * Number and text formatting for scores, defined once so the review page, packet.json,
 * the PDF packet and the debrief agenda all show the same digits. Pure; no IO.
 */

/** Shown wherever a score does not exist (no ratings, nothing to average). */
export const NO_SCORE = "—";

/**
 * Round to 2 decimals, half away from zero.
 *
 * `Math.round(n * 100) / 100` alone gets 1.005 wrong (1.005 * 100 = 100.49999…), so the
 * product is first cut to 15 significant digits, which removes binary representation noise.
 *
 * @example
 * round2(3.14159) // 3.14
 * round2(1.005)   // 1.01
 * round2(-2.675)  // -2.68
 */
export function round2(n: number): number {
  if (!Number.isFinite(n)) return n;
  const scaled = Number((Math.abs(n) * 100).toPrecision(15));
  const rounded = Math.round(scaled) / 100;
  return n < 0 ? -rounded : rounded;
}

/**
 * A score (mean, median, composite) with exactly two decimals, or an em dash for "no score".
 *
 * @example
 * formatScore(3.25)  // "3.25"
 * formatScore(3)     // "3.00"
 * formatScore(null)  // "—"
 */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_SCORE;
  return round2(n).toFixed(2);
}

/**
 * A signed offset (interviewer calibration) with two decimals; zero has no sign.
 * Uses the typographic minus so columns of offsets line up.
 *
 * @example
 * formatSigned(0.4213) // "+0.42"
 * formatSigned(-0.4)   // "−0.40"
 * formatSigned(0.001)  // "0.00"
 */
export function formatSigned(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_SCORE;
  const r = round2(n);
  if (r === 0) return "0.00";
  return `${r > 0 ? "+" : "−"}${Math.abs(r).toFixed(2)}`;
}

/**
 * A ratio in [0,1] as a whole percentage.
 *
 * @example
 * formatPercent(0.75)  // "75%"
 * formatPercent(2 / 3) // "67%"
 */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return NO_SCORE;
  return `${Math.round(ratio * 100)}%`;
}

/**
 * An inclusive range with an en dash; a single value when both ends agree.
 *
 * @example
 * formatRange(1, 4) // "1–4"
 * formatRange(3, 3) // "3"
 */
export function formatRange(min: number, max: number): string {
  return min === max ? `${min}` : `${min}–${max}`;
}

/**
 * English list: "A", "A and B", "A, B and C".
 *
 * @example
 * formatList(["Ada", "Ben", "Cy"]) // "Ada, Ben and Cy"
 */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// ------------------------------------------------------------------ file names

/** Letters that NFKD does not decompose into a base letter plus accents. */
const ASCII_FOLD: Readonly<Record<string, string>> = {
  ł: "l",
  Ł: "L",
  ø: "o",
  Ø: "O",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  ħ: "h",
  Ħ: "H",
  ı: "i",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  þ: "th",
  Þ: "Th",
};

/**
 * Text without the characters that change how a name looks rather than what it says: control
 * characters (C0 and C1), bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069:
 * "Ann\u202Efdp.exe" shows as "Annexe.pdf"), zero-width and other format characters, line and
 * paragraph separators, private-use and unassigned code points, and lone surrogates.
 *
 * @example stripInvisible("Ann\u202Efdp.exe") // "Annfdp.exe"
 */
export function stripInvisible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, "");
}

/**
 * Latin text folded to ASCII letters where a plain equivalent exists: accents dropped and
 * ø/æ/ß/ł/đ/þ/œ spelled out. Other characters (other scripts, punctuation) are kept.
 *
 * @example foldToAscii("Ingrid Sørensen") // "Ingrid Sorensen"
 * @example foldToAscii("Łukasz Weiß")     // "Lukasz Weiss"
 */
export function foldToAscii(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[łŁøØđĐðÐħĦıßæÆœŒþÞ]/g, (c) => ASCII_FOLD[c] ?? c);
}

/**
 * A lower-case file-name slug safe in a Content-Disposition header: ASCII letters, digits and
 * dashes, at most 60 characters; `fallback` when nothing is left (e.g. a name in another script).
 *
 * @example fileSlug("Ingrid Sørensen")        // "ingrid-sorensen"
 * @example fileSlug("陈伟", "schedule")        // "schedule"
 */
export function fileSlug(text: string, fallback = "candidate"): string {
  const slug = foldToAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/**
 * How far ahead `at` is, in the largest whole unit that reads naturally. From two days on it
 * counts calendar days in `timeZone` (next Thursday 09:00 is "in 7 days" all of this Thursday,
 * morning or night), so it agrees with the date printed beside it.
 * @example formatUntil(now + 2 * 86_400_000, now, "UTC") // "in 2 days"
 * @example formatUntil(now + 5 * 3_600_000, now, "UTC") // "in 5 hours"
 */
export function formatUntil(at: number, now: number, timeZone: string): string {
  const minutes = Math.max(0, Math.round((at - now) / 60_000));
  if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hours`;
  return `in ${calendarDaysBetween(now, at, timeZone)} days`;
}

const dayKeyFormats = new Map<string, Intl.DateTimeFormat>();

/** Whole calendar days from the local date of `from` to the local date of `to`, in `timeZone`. */
export function calendarDaysBetween(from: number, to: number, timeZone: string): number {
  let fmt = dayKeyFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayKeyFormats.set(timeZone, fmt);
  }
  const dayNumber = (t: number): number => {
    const [y, m, d] = fmt.format(t).split("-").map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
  };
  return dayNumber(to) - dayNumber(from);
}
