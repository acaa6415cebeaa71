import { describe, expect, it } from "vitest";

import type { EvidenceLexicon } from "../../../app/domain/scorecard/evidence-lint";
import {
  ACKNOWLEDGEMENT_REASON_MIN,
  acknowledge,
  acknowledgementProblem,
  blocksSubmit,
  countByKind,
  findingKey,
  forgetLintedTexts,
  isQuotable,
  lintEvidence,
  lintScorecard,
  overriddenFindings,
  pruneAcknowledgements,
  quotableSentences,
  rememberedLintTexts,
  splitSentences,
  unacknowledged,
} from "../../../app/domain/scorecard/evidence-lint";
import { acknowledgementsSchema } from "../../../app/domain/scorecard/evidence-gate";
import { ENGLISH_LEXICON } from "../../../app/domain/scorecard/evidence-lint-en";
import { emptyScorecardValues } from "../../../app/domain/scorecard/schema";

const REASON = "The candidate raised it as the reason for the on-call constraint we assess.";

describe("lintEvidence", () => {
  it("gives each finding its span, one-line why and a rewrite suggestion", () => {
    const text = "Designed the rollback. Her accent was strong.";
    const [f, ...rest] = lintEvidence(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: "protected",
      category: "accent_language",
      match: "accent",
      key: "accent_language:accent",
    });
    expect(text.slice(f!.start, f!.end)).toBe("accent");
    expect(f!.why).not.toMatch(/\n/);
    expect(f!.why.length).toBeGreaterThan(20);
    expect(f!.suggestion).toMatch(/said or did|not understood/);
  });

  it("underlines the term, not the words that place it, and keeps offsets in the original text", () => {
    const text = "Asked “why?” twice.\u00a0She’s very young.";
    const [f] = lintEvidence(text);
    expect(f?.category).toBe("age");
    expect(text.slice(f!.start, f!.end)).toBe("young");
  });

  it("keys ignore case, spacing and curly apostrophes, so an acknowledgement survives unrelated edits", () => {
    const before = lintEvidence("Culture fit. Designed the feature store.");
    const after = lintEvidence("Reworded the first part entirely; then: CULTURE   fit!");
    expect(before.map((f) => f.key)).toEqual(["culture_fit:culture fit"]);
    expect(after.map((f) => f.key)).toEqual(["culture_fit:culture fit"]);
    expect(findingKey("religion_belief", "Jehovah’s  Witness")).toBe("religion_belief:jehovah's witness");
  });

  it("reports overlapping terms of one category once, and of different categories each", () => {
    expect(lintEvidence("He is originally from Poland.").map((f) => f.match)).toEqual(["originally from"]);
    expect(lintEvidence("Young mother.").map((f) => f.category)).toEqual(["age", "family_status"]);
  });

  it("is deterministic and empty for blank text", () => {
    const text = "Weak. She is pregnant; culture fit; his wife; great candidate.";
    expect(lintEvidence(text)).toEqual(lintEvidence(text));
    expect(lintEvidence("")).toEqual([]);
    expect(lintEvidence("   \n ")).toEqual([]);
  });

  it("answers a repeated text from memory without letting one caller's changes reach the next", () => {
    const text = "Culture fit. She is pregnant. Walked us through the rollback plan.";
    const first = lintEvidence(text);
    first.splice(0, first.length);
    const second = lintEvidence(text);
    expect(second.map((f) => f.category)).toEqual(["culture_fit", "pregnancy_maternity"]);
    expect(() => {
      (second[0] as { match: string }).match = "changed";
    }).toThrow(TypeError);
    expect(lintEvidence(text)[0]?.match).toBe("Culture fit");
    // another lexicon is another memory: the same text is not answered from English
    const none = { ...ENGLISH_LEXICON, rules: [] };
    expect(lintEvidence(text, { lexicon: none })).toEqual([]);
  });

  it("forgets every remembered text on request (an erasure), and keeps answering the same", () => {
    const text = "Her accent made the design review hard to follow.";
    const before = lintEvidence(text);
    expect(rememberedLintTexts()).toBeGreaterThan(0);
    forgetLintedTexts();
    expect(rememberedLintTexts()).toBe(0);
    expect(lintEvidence(text)).toEqual(before);
    expect(rememberedLintTexts()).toBe(1);
  });

  it("lets behaviour in the same sentence support a verdict, but not a verdict in the next sentence", () => {
    expect(lintEvidence("Weak: could not explain how they would roll back the model.")).toEqual([]);
    expect(lintEvidence("Weak. Could not explain how they would roll back the model.").map((f) => f.match)).toEqual([
      "Weak",
    ]);
    expect(lintEvidence("Weak\ncould not explain the rollback").map((f) => f.match)).toEqual(["Weak"]);
  });

  it("never lets behaviour excuse a protected or not-job-related remark", () => {
    expect(lintEvidence("Explained the rollback well for someone so young.").map((f) => f.category)).toEqual(["age"]);
    expect(lintEvidence("Culture fit: asked who owns the pager.").map((f) => f.category)).toEqual(["culture_fit"]);
  });

  it("survives hostile input of evidence-field size and beyond", () => {
    const huge = "she is ".repeat(20_000) + "very ".repeat(30_000) + "young " + ".".repeat(50_000) + '"'.repeat(50_000);
    expect(lintEvidence(huge).map((f) => f.category)).toEqual(["age"]);
    expect(lintEvidence("Weak. ".repeat(2_000))).toHaveLength(2_000);
  });
});

describe("sentences and quotes", () => {
  it("splits at sentence ends and line breaks, not at abbreviations or decimals", () => {
    const text = "Chose 3.5 GB shards, e.g. per region. Then asked why!\n- bullet one\n\nLast (really).";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "Chose 3.5 GB shards, e.g. per region.",
      "Then asked why!",
      "- bullet one",
      "Last (really).",
    ]);
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("never quotes a flagged sentence", () => {
    expect(isQuotable("Designed a two-tier feature store and priced it at $4k a month.")).toBe(true);
    expect(isQuotable("Designed the feature store. Great culture fit.")).toBe(false);
    expect(isQuotable("Strong hire.")).toBe(false);
    expect(isQuotable("")).toBe(false);
    expect(
      quotableSentences("Young mother of two. Designed a canary with automatic rollback. Great.").map((s) => s.text),
    ).toEqual(["Designed a canary with automatic rollback."]);
  });
});

describe("submit and acknowledgements", () => {
  const findings = lintEvidence("She mentioned she is pregnant. Great candidate. Not a culture fit.");

  it("blocks submit on protected findings only", () => {
    expect(countByKind(findings)).toEqual({ protected: 1, non_job_related: 1, vague: 1 });
    expect(blocksSubmit(findings)).toBe(true);
    expect(blocksSubmit(findings.filter((f) => f.kind !== "protected"))).toBe(false);
    expect(blocksSubmit([])).toBe(false);
  });

  it("unblocks once each protected finding is acknowledged with a long-enough reason", () => {
    const key = "pregnancy_maternity:pregnant";
    expect(acknowledge({}, key, "too short")).toEqual({});
    expect(acknowledgementProblem("x".repeat(ACKNOWLEDGEMENT_REASON_MIN - 1))).toMatch(/at least/);
    expect(blocksSubmit(findings, { [key]: "   short   " })).toBe(true);
    const acks = acknowledge({}, key, `  ${REASON}  `);
    expect(acks).toEqual({ [key]: REASON });
    expect(blocksSubmit(findings, acks)).toBe(false);
    expect(unacknowledged(findings, acks)).toEqual([]);
    expect(overriddenFindings(findings, acks)).toEqual([{ finding: findings[0], reason: REASON }]);
  });

  it("an acknowledgement covers the same term after unrelated edits, and is pruned once the term is revised away", () => {
    const acks = acknowledge({}, "pregnancy_maternity:pregnant", REASON);
    const edited = lintEvidence("Reordered. Great candidate. She said she is PREGNANT.");
    expect(blocksSubmit(edited, acks)).toBe(false);
    const revised = lintEvidence("Asked about the start date; we agreed one.");
    expect(pruneAcknowledgements(acks, revised)).toEqual({});
    expect(pruneAcknowledgements(acks, edited)).toEqual(acks);
  });

  it("does not read acknowledgements from the prototype chain", () => {
    const inherited = Object.create({ "pregnancy_maternity:pregnant": REASON }) as Record<string, string>;
    expect(blocksSubmit(lintEvidence("She is pregnant."), inherited)).toBe(true);
  });

  it("validates the stored shape", () => {
    expect(acknowledgementsSchema.safeParse({ "age:young": REASON }).success).toBe(true);
    expect(acknowledgementsSchema.safeParse({ "age:young": "short" }).success).toBe(false);
    expect(acknowledgementsSchema.safeParse({ "nonsense:young": REASON }).success).toBe(false);
  });
});

describe("lintScorecard", () => {
  it("lints evidence, red-flag notes, summary, justification and quick notes, tagged by field", () => {
    const v = {
      ...emptyScorecardValues(),
      ratings: {
        mlops_lifecycle: { score: "2" as const, evidence: "Weak." },
        communication: { score: "3" as const, evidence: "Her accent was strong." },
      },
      redFlags: { no_rollback: { checked: true, note: "Designed no rollback at all." } },
      summary: "Not a culture fit.",
      notes: [{ id: "note-001", minute: 4, body: "mother of two", at: 0 }],
    };
    expect(lintScorecard(v).map((x) => `${x.path} ${x.finding.category}`)).toEqual([
      "ratings.communication.evidence accent_language",
      "ratings.mlops_lifecycle.evidence vague_verdict",
      "summary culture_fit",
      "notes.note-001 family_status",
    ]);
  });
});

describe("another language", () => {
  // A toy lexicon: the seam a second language plugs into, with its own words, messages and abbreviations.
  const toy: EvidenceLexicon = {
    ...ENGLISH_LEXICON,
    language: "de",
    rules: [
      { category: "age", pattern: /\b(?<hit>jung|alt)\b/, attribute: true },
      { category: "vague_verdict", pattern: /^(?<hit>gut|schwach)\b/, perSentence: true },
    ],
    dataContext: /\bmerkmal\w*/,
    behaviour: /\b(?:erklärte|konnte nicht)\b/,
    abbreviations: new Set(["z.b"]),
  };

  it("runs on the lexicon it is given", () => {
    expect(lintEvidence("Sie ist jung. Gut.", { lexicon: toy }).map((f) => f.category)).toEqual([
      "age",
      "vague_verdict",
    ]);
    expect(lintEvidence("Schwach: konnte nicht erklären, z.B. den Rollback.", { lexicon: toy })).toEqual([]);
    expect(lintEvidence("Das Merkmal alt der Daten.", { lexicon: toy })).toEqual([]);
    expect(lintEvidence("She is young.", { lexicon: toy })).toEqual([]);
  });
});
