/**
 * The pure core of scripts/check-copied-text.ts, on a small committed fixture (CI has a clean clone
 * without ../shared/reference; the script itself is run against the real references).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, it, expect } from "vitest";

import { findCopiedRuns, normalisedWords, referenceIndex } from "../../../scripts/lib/copied-text";

const here = path.dirname(fileURLToPath(import.meta.url));
const reference = fs.readFileSync(path.join(here, "fixtures", "reference-sample.txt"), "utf8");
const index = referenceIndex([reference]);

describe("normalisedWords", () => {
  it("ignores case, punctuation, curly quotes and accents, and numbers lines", () => {
    expect(normalisedWords("A reviewer’s “Rollback-drills”,\nCafé x_y")).toEqual([
      { text: "a", line: 1 },
      { text: "reviewers", line: 1 },
      { text: "rollback", line: 1 },
      { text: "drills", line: 1 },
      { text: "cafe", line: 2 },
      { text: "xy", line: 2 },
    ]);
  });
});

describe("findCopiedRuns", () => {
  it("finds nothing in text written in other words", () => {
    expect(findCopiedRuns("The interviewers stay calm as the candidate draws the pipeline.", index)).toEqual([]);
  });

  it("finds a run of 8 words across case, punctuation, line breaks and string concatenation", () => {
    const source = [
      "const note =",
      '  "Intro. THE PANEL keeps a calm tone, while the " +',
      '  "candidate sketches it.";',
    ].join("\n");
    expect(findCopiedRuns(source, index)).toEqual([
      { line: 2, words: "the panel keeps a calm tone while the candidate sketches", length: 10 },
    ]);
  });

  it("does not flag 7 shared words", () => {
    expect(findCopiedRuns("so the panel keeps a calm tone while everyone waits", index)).toEqual([]);
  });

  it("merges overlapping windows into one run and reports separate runs apart", () => {
    const text =
      "x the whole pipeline on the whiteboard a reviewers note rollback drills happen every quarter y\n" +
      "z owners rarely measure queue length in seconds w";
    expect(findCopiedRuns(text, index)).toEqual([
      {
        line: 1,
        words: "the whole pipeline on the whiteboard a reviewers note rollback drills happen every quarter",
        length: 14,
      },
    ]);
    expect(findCopiedRuns("cafe owners rarely measure queue length in seconds", index)).toEqual([
      { line: 1, words: "cafe owners rarely measure queue length in seconds", length: 8 },
    ]);
  });

  it("takes the run length as a parameter", () => {
    const short = referenceIndex([reference], 5);
    expect(findCopiedRuns("never skip them: rollback drills happen every quarter", short, 5)).toEqual([
      { line: 1, words: "rollback drills happen every quarter", length: 5 },
    ]);
  });
});
