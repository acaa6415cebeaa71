/**
 * Finds runs of N or more consecutive words that a text shares with reference texts, after
 * normalising case, accents and punctuation (so "Model-drift," matches "model drift"). The product's
 * content must take facts from the reference material, not its sentences. Pure: no IO.
 */

export const DEFAULT_RUN_WORDS = 8;

export interface Word {
  text: string;
  /** 1-based line of the word in its source text. */
  line: number;
}

export interface CopiedRun {
  /** 1-based line where the run starts. */
  line: number;
  /** The shared words, normalised. */
  words: string;
  length: number;
}

/**
 * The words of a text, normalised: accents stripped, lower case, apostrophes dropped ("else's" ->
 * "elses"), snake_case identifiers kept as one word ("rollback_plan" -> "rollbackplan": a key is
 * code, not prose), anything else other than a-z and 0-9 a separator. Mis-decoded characters in the references
 * therefore act as separators instead of gluing words together.
 */
export function normalisedWords(text: string): Word[] {
  const out: Word[] = [];
  let line = 1;
  let lineStart = 0;
  const token = /[^\s]+/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    for (let i = text.indexOf("\n", lineStart); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    const parts = m[0]
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/['\u2018\u2019]|(?<=[a-z0-9])_(?=[a-z0-9])/g, "")
      .split(/[^a-z0-9]+/);
    for (const part of parts) if (part) out.push({ text: part, line });
  }
  return out;
}

/** Every run of `n` consecutive words of the references, joined by single spaces. */
export function referenceIndex(references: readonly string[], n = DEFAULT_RUN_WORDS): Set<string> {
  const index = new Set<string>();
  for (const reference of references) {
    const words = normalisedWords(reference).map((w) => w.text);
    for (let i = 0; i + n <= words.length; i++) index.add(words.slice(i, i + n).join(" "));
  }
  return index;
}

/**
 * The runs of `n` or more words `text` shares with the indexed references; overlapping windows are
 * merged into one run.
 *
 * @example findCopiedRuns("a b c d e f g h i", referenceIndex(["x a b c d e f g h y"]))
 * // [{ line: 1, words: "a b c d e f g h", length: 8 }]
 */
export function findCopiedRuns(text: string, index: ReadonlySet<string>, n = DEFAULT_RUN_WORDS): CopiedRun[] {
  const words = normalisedWords(text);
  const runs: CopiedRun[] = [];
  let start = -1;
  let end = -1; // exclusive
  const flush = () => {
    if (start < 0) return;
    runs.push({
      line: words[start]!.line,
      words: words
        .slice(start, end)
        .map((w) => w.text)
        .join(" "),
      length: end - start,
    });
    start = -1;
  };
  for (let i = 0; i + n <= words.length; i++) {
    const window = words
      .slice(i, i + n)
      .map((w) => w.text)
      .join(" ");
    if (!index.has(window)) continue;
    if (start >= 0 && i <= end) {
      end = i + n;
    } else {
      flush();
      start = i;
      end = i + n;
    }
  }
  flush();
  return runs;
}
