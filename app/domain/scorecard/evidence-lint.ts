/**
 * Evidence lint: flags remarks in evidence, notes and summaries that touch a protected characteristic
 * (or a proxy for one), remarks that are not job-related (appearance, "culture fit", personality
 * labels without behaviour) and verdicts with no observed behaviour behind them. Protected findings
 * block submit until revised or acknowledged with a reason; the others are advice.
 *
 * Pure, deterministic, no dependency (the scorecard page loads this module, so no zod either). Cheap enough for every keystroke: each lexicon's
 * regexes are compiled once, every rule is a bounded pattern (no nested quantifiers), context checks
 * look at a fixed window, so the cost is linear in the text's length. Words live in a per-language
 * lexicon (`evidence-lint-en.ts`); this file is the language-neutral engine.
 */
import { acknowledgementProblem } from "./values";
import { ENGLISH_LEXICON } from "./evidence-lint-en";
import type { ScorecardValues } from "./schema";

export const FINDING_KINDS = ["protected", "non_job_related", "vague"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Protected categories follow the US EEOC's list (race, color, religion, sex incl. pregnancy, sexual
 * orientation and gender identity, national origin, age 40+, disability, genetic information — Title VII,
 * PDA, ADEA, ADA, GINA) and the UK Equality Act 2010's nine characteristics (age, disability, gender
 * reassignment, marriage and civil partnership, pregnancy and maternity, race incl. colour, nationality and
 * ethnic or national origins, religion or belief, sex, sexual orientation). Family status / caring
 * responsibilities and accent are proxies: EEOC caregiver guidance (2007) treats carer stereotypes as sex
 * discrimination, and accent is a recognised proxy for national origin (EEOC) and race (Equality Act).
 */
export const FINDING_CATEGORIES = [
  "age",
  "family_status",
  "pregnancy_maternity",
  "religion_belief",
  "race_ethnicity",
  "national_origin",
  "accent_language",
  "disability_health",
  "sex_gender",
  "sexual_orientation",
  "marital_status",
  "genetic_information",
  "appearance",
  "culture_fit",
  "personality_label",
  "vague_verdict",
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const CATEGORY_KIND: Record<FindingCategory, FindingKind> = {
  age: "protected",
  family_status: "protected",
  pregnancy_maternity: "protected",
  religion_belief: "protected",
  race_ethnicity: "protected",
  national_origin: "protected",
  accent_language: "protected",
  disability_health: "protected",
  sex_gender: "protected",
  sexual_orientation: "protected",
  marital_status: "protected",
  genetic_information: "protected",
  appearance: "non_job_related",
  culture_fit: "non_job_related",
  personality_label: "non_job_related",
  vague_verdict: "vague",
};

/** Labels and messages a lexicon supplies in its own language. */
export interface LexiconText {
  kindLabels: Record<FindingKind, string>;
  categoryLabels: Record<FindingCategory, string>;
  /** one line: why the category does not belong in evidence */
  why: Record<FindingCategory, string>;
  /** one line: how to rewrite */
  suggestion: Record<FindingCategory, string>;
}

export interface LexiconRule {
  category: FindingCategory;
  /**
   * Written without flags (the engine compiles it with "gid"). The first named group `hit`, `hit2`,
   * `hit3` that took part in the match (one per alternative) is the span to underline and the text
   * of the finding's key; without one, the whole match.
   */
  pattern: RegExp;
  /** the term can name a data attribute ("gender", "women"): skipped when `dataContext` is near */
  attribute?: boolean;
  /** the term has a technical sense ("children" of a node): skipped when `techContext` is near */
  technical?: boolean;
  /** run on each sentence alone, so `^` and `$` are the sentence's edges */
  perSentence?: boolean;
  /** a sharper one-line why for this rule (the category's otherwise) */
  why?: string;
}

export interface EvidenceLexicon {
  /** BCP 47 tag */
  language: string;
  rules: readonly LexiconRule[];
  text: LexiconText;
  /** (compiled case-insensitively, like the rules) analysis of data about people ("bias", "subgroup", "slice"): an attribute term near it is about data */
  dataContext: RegExp;
  /** systems vocabulary ("node", "process", "DAG") near a `technical` term */
  techContext: RegExp;
  /** observed behaviour ("explained", "could not", a direct quote): supports a verdict or label in its sentence */
  behaviour: RegExp;
  /** lower-case words that end with a dot without ending a sentence ("e.g", "etc", "vs") */
  abbreviations: ReadonlySet<string>;
}

/**
 * A flagged span. `start`/`end` are UTF-16 offsets into the linted text (`text.slice(start, end)`
 * is `match`), so the editor can underline it.
 */
export interface EvidenceFinding {
  /** category + normalised matched text: stable across unrelated edits (see `findingKey`) */
  key: string;
  kind: FindingKind;
  category: FindingCategory;
  start: number;
  end: number;
  match: string;
  why: string;
  suggestion: string;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

export interface LintOptions {
  /** defaults to English */
  lexicon?: EvidenceLexicon;
}

/** Characters each side of a term searched for data or systems vocabulary (same sentence only). */
const CONTEXT_WINDOW = 40;

const CLAUSE_BREAKS = [";", ":", "(", ")", "[", "]", "—", "–"] as const;

/** Categories a sentence with observed behaviour answers: the label or verdict is backed by what was seen. */
const SUPPORTABLE: ReadonlySet<FindingCategory> = new Set(["vague_verdict", "personality_label"]);

const HIT_GROUPS = ["hit", "hit2", "hit3"] as const;

const CATEGORY_ORDER = new Map(FINDING_CATEGORIES.map((c, i) => [c, i]));

interface CompiledRule extends LexiconRule {
  regex: RegExp;
}

interface CompiledLexicon {
  textRules: CompiledRule[];
  sentenceRules: CompiledRule[];
  dataContext: RegExp;
  techContext: RegExp;
  behaviour: RegExp;
}

const compiled = new WeakMap<EvidenceLexicon, CompiledLexicon>();

function compile(lexicon: EvidenceLexicon): CompiledLexicon {
  let c = compiled.get(lexicon);
  if (!c) {
    const rules = lexicon.rules.map((r) => ({ ...r, regex: new RegExp(looseSpaces(r.pattern.source), "gid") }));
    c = {
      textRules: rules.filter((r) => !r.perSentence),
      sentenceRules: rules.filter((r) => r.perSentence),
      dataContext: new RegExp(lexicon.dataContext.source, "i"),
      techContext: new RegExp(lexicon.techContext.source, "i"),
      behaviour: new RegExp(lexicon.behaviour.source, "i"),
    };
    compiled.set(lexicon, c);
  }
  return c;
}

/**
 * A literal space in a pattern matches any run of spaces or tabs ("She is  pregnant"); " ?" any
 * optional run. Spaces inside character classes and escaped ones are left alone.
 */
function looseSpaces(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      out += ch + (source[i + 1] ?? "");
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else if (ch === " " && source[i + 1] === "?") {
      out += "[ \\t]*";
      i++;
    } else if (ch === " ") {
      out += "[ \\t]+";
    } else {
      out += ch;
    }
  }
  return out;
}

function lexiconOf(options: LintOptions | undefined): EvidenceLexicon {
  return options?.lexicon ?? ENGLISH_LEXICON;
}

/**
 * Typographic quotes and spaces folded one-for-one, so offsets found in the folded copy are offsets
 * in the original.
 */
function fold(text: string): string {
  return text
    .replace(/[‘’ʼ]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[\u00a0\u2007\u202f]/g, " ");
}

/** Lower case, straight apostrophes, single spaces: the text part of a finding key. */
export function normaliseTerm(term: string): string {
  return fold(term).toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The stable key of a finding: category and normalised matched text, so an acknowledgement survives
 * edits elsewhere in the text and covers every occurrence of the same term.
 */
export function findingKey(category: FindingCategory, term: string): string {
  return `${category}:${normaliseTerm(term)}`;
}

/** A sentence end (., !, ?, … then closing quotes or brackets, before whitespace or the end) or a line break. */
const BOUNDARY = /[.!?…]+["')\]”’»]*(?=\s|$)|\n/g;

/** The word before a dot is an abbreviation ("e.g.", "etc.", "vs."): looks back at most 8 characters. */
function endsWithAbbreviation(text: string, dot: number, abbreviations: ReadonlySet<string>): boolean {
  let i = dot;
  while (i > 0 && dot - i < 8 && /[A-Za-z.]/.test(text[i - 1] ?? "")) i--;
  return abbreviations.has(text.slice(i, dot).toLowerCase());
}

/**
 * Splits text into sentences: at ., !, ?, … followed by whitespace (closing quotes and brackets stay
 * with their sentence), and at every line break (notes and bullet lists). Abbreviations and decimals
 * do not end a sentence. Offsets point into `text`; each sentence is trimmed; empty ones are dropped.
 */
export function splitSentences(text: string, options?: LintOptions): Sentence[] {
  const { abbreviations } = lexiconOf(options);
  const out: Sentence[] = [];
  const push = (from: number, to: number) => {
    const body = text.slice(from, to);
    const lead = body.length - body.trimStart().length;
    const trimmed = body.trim();
    if (trimmed !== "") out.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
  };
  const boundary = new RegExp(BOUNDARY.source, "g");
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (m[0] === "." && endsWithAbbreviation(text, m.index, abbreviations)) continue;
    const end = m.index + m[0].length;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return out;
}

/** Index of the sentence holding `offset` (sentences are sorted); -1 between sentences. */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function hitSpan(m: RegExpExecArray): [number, number] | undefined {
  const groups = m.indices?.groups;
  if (groups) for (const name of HIT_GROUPS) if (groups[name]) return groups[name];
  return m.indices?.[0];
}

/**
 * Every finding in `text`, ordered by position. Deterministic: the same text and lexicon give the
 * same findings. Verdicts and personality labels are not reported when their sentence also records
 * observed behaviour (see the lexicon's `behaviour`): "weak: could not explain the rollback" is evidence.
 */
export function lintEvidence(text: string, options?: LintOptions): EvidenceFinding[] {
  if (text.trim() === "") return [];
  const lexicon = lexiconOf(options);
  // The review page and the packet lint the same submitted texts on every request (6 ms of a
  // ~30 ms review page for the demo's 8 scorecards): remember recent answers, per lexicon.
  let memo = LINT_MEMO.get(lexicon);
  if (!memo) LINT_MEMO.set(lexicon, (memo = new Map()));
  const known = memo.get(text);
  if (known) {
    // most recently used last, so the oldest is evicted first
    memo.delete(text);
    memo.set(text, known);
    return [...known];
  }
  const findings = Object.freeze(findingsOf(text, lexicon).map((f) => Object.freeze(f)));
  if (text.length <= LINT_MEMO_TEXT_MAX) {
    memo.set(text, findings);
    if (memo.size > LINT_MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  }
  return [...findings];
}

/** Texts remembered per lexicon, and the longest remembered (evidence is at most 10,000 characters). */
const LINT_MEMO_ENTRIES = 2_000;
const LINT_MEMO_TEXT_MAX = 10_000;
/** Lexicons are few (one per language), so a lexicon's memory lives as long as the process. */
const LINT_MEMO = new Map<EvidenceLexicon, Map<string, readonly EvidenceFinding[]>>();

/** Forgets every remembered text: an erasure leaves no copy of the erased evidence in memory. */
export function forgetLintedTexts(): void {
  LINT_MEMO.clear();
}

/** How many linted texts are remembered now. */
export function rememberedLintTexts(): number {
  let n = 0;
  for (const memo of LINT_MEMO.values()) n += memo.size;
  return n;
}

function findingsOf(text: string, lexicon: EvidenceLexicon): EvidenceFinding[] {
  const { textRules, sentenceRules, dataContext, techContext, behaviour } = compile(lexicon);
  const folded = fold(text);
  const sentences = splitSentences(folded, { lexicon });
  const supported = new Map<number, boolean>();
  const found: EvidenceFinding[] = [];

  // The words around a term (not the term itself), within its clause: commas do not end the clause
  // ("by age, gender and ethnicity to detect bias"), semicolons, colons, brackets and dashes do.
  const nearby = (context: RegExp, sentence: Sentence | undefined, start: number, end: number) => {
    const before = folded.slice(Math.max(sentence?.start ?? 0, start - CONTEXT_WINDOW), start);
    const after = folded.slice(end, Math.min(sentence?.end ?? folded.length, end + CONTEXT_WINDOW));
    const cut = Math.max(...CLAUSE_BREAKS.map((b) => before.lastIndexOf(b)));
    const stop = Math.min(...CLAUSE_BREAKS.map((b) => after.indexOf(b)).filter((i) => i >= 0), after.length);
    return context.test(before.slice(cut + 1)) || context.test(after.slice(0, stop));
  };

  const consider = (rule: CompiledRule, m: RegExpExecArray, offset: number) => {
    const span = hitSpan(m);
    if (!span) return;
    const start = span[0] + offset;
    const end = span[1] + offset;
    if (end <= start) return;
    const si = sentenceAt(sentences, start);
    const sentence = sentences[si];
    if (rule.attribute && nearby(dataContext, sentence, start, end)) return;
    if (rule.technical && nearby(techContext, sentence, start, end)) return;
    if (SUPPORTABLE.has(rule.category) && sentence) {
      let s = supported.get(si);
      if (s === undefined) {
        s = behaviour.test(sentence.text);
        supported.set(si, s);
      }
      if (s) return;
    }
    const match = text.slice(start, end);
    found.push({
      key: findingKey(rule.category, match),
      kind: CATEGORY_KIND[rule.category],
      category: rule.category,
      start,
      end,
      match,
      why: rule.why ?? lexicon.text.why[rule.category],
      suggestion: lexicon.text.suggestion[rule.category],
    });
  };

  for (const rule of textRules) {
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(folded); m; m = rule.regex.exec(folded)) {
      if (m[0] === "") rule.regex.lastIndex++;
      consider(rule, m, 0);
    }
  }
  for (const sentence of sentences) {
    for (const rule of sentenceRules) {
      rule.regex.lastIndex = 0;
      for (let m = rule.regex.exec(sentence.text); m; m = rule.regex.exec(sentence.text)) {
        if (m[0] === "") rule.regex.lastIndex++;
        consider(rule, m, sentence.start);
      }
    }
  }
  return dedupe(found);
}

/** One finding per category per overlapping stretch (the earliest, then longest), ordered by position. */
function dedupe(found: EvidenceFinding[]): EvidenceFinding[] {
  const byPosition = (a: EvidenceFinding, b: EvidenceFinding) =>
    a.start - b.start || b.end - a.end || (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0);
  const lastEnd = new Map<FindingCategory, number>();
  const out: EvidenceFinding[] = [];
  for (const f of [...found].sort(byPosition)) {
    if (f.start < (lastEnd.get(f.category) ?? -1)) continue;
    lastEnd.set(f.category, f.end);
    out.push(f);
  }
  return out;
}

/** False when the text holds any finding: the packet never quotes a flagged sentence as a headline. */
export function isQuotable(text: string, options?: LintOptions): boolean {
  return text.trim() !== "" && lintEvidence(text, options).length === 0;
}

/** The sentences of `text` without any finding, in order (for choosing a headline quote). */
export function quotableSentences(text: string, options?: LintOptions): Sentence[] {
  const findings = lintEvidence(text, options);
  return splitSentences(text, options).filter((s) => !findings.some((f) => f.start < s.end && f.end > s.start));
}

// ---- Acknowledgements ------------------------------------------------------------------------------

export { ACKNOWLEDGEMENT_REASON_MAX, ACKNOWLEDGEMENT_REASON_MIN, acknowledgementProblem } from "./values";

/**
 * The panelist's confirmations that flagged text is job-related: finding key -> reason. One
 * acknowledgement covers every occurrence of the key in the scorecard it is stored with.
 */
export type Acknowledgements = Readonly<Record<string, string>>;

/** Records `reason` for `key`; unchanged when the reason is too short. */
export function acknowledge(acks: Acknowledgements, key: string, reason: string): Acknowledgements {
  if (acknowledgementProblem(reason) !== null) return acks;
  return { ...acks, [key]: reason.trim() };
}

export function isAcknowledged(finding: EvidenceFinding, acks: Acknowledgements): boolean {
  const reason = Object.hasOwn(acks, finding.key) ? acks[finding.key] : undefined;
  return reason !== undefined && acknowledgementProblem(reason) === null;
}

/** Protected findings without a valid acknowledgement: what stands between the panelist and submit. */
export function unacknowledged(findings: readonly EvidenceFinding[], acks: Acknowledgements = {}): EvidenceFinding[] {
  return findings.filter((f) => f.kind === "protected" && !isAcknowledged(f, acks));
}

/**
 * Submit is blocked while a protected finding is neither revised away nor acknowledged with a reason.
 * Non-job-related and vague findings are advice and never block.
 */
export function blocksSubmit(findings: readonly EvidenceFinding[], acks: Acknowledgements = {}): boolean {
  return unacknowledged(findings, acks).length > 0;
}

export interface OverriddenFinding {
  finding: EvidenceFinding;
  reason: string;
}

/** Protected findings kept with a reason: counted on the review page, listed in the packet's appendix. */
export function overriddenFindings(findings: readonly EvidenceFinding[], acks: Acknowledgements): OverriddenFinding[] {
  return findings
    .filter((f) => f.kind === "protected" && isAcknowledged(f, acks))
    .map((f) => ({ finding: f, reason: (acks[f.key] ?? "").trim() }));
}

/** Drops acknowledgements whose finding is gone (the text was revised), so none is stored for nothing. */
export function pruneAcknowledgements(acks: Acknowledgements, findings: readonly EvidenceFinding[]): Acknowledgements {
  const live = new Set(findings.map((f) => f.key));
  return Object.fromEntries(Object.entries(acks).filter(([k]) => live.has(k)));
}

export function countByKind(findings: readonly EvidenceFinding[]): Record<FindingKind, number> {
  const out: Record<FindingKind, number> = { protected: 0, non_job_related: 0, vague: 0 };
  for (const f of findings) out[f.kind]++;
  return out;
}

// ---- Scorecards --------------------------------------------------------------------------------------

/** A scorecard's free text with its form path ("ratings.<dimension>.evidence", "summary", "notes.<id>"). */
export interface ScorecardText {
  path: string;
  text: string;
}

/** Every text a panelist writes on a scorecard, in a fixed order. */
export function scorecardTexts(v: ScorecardValues): ScorecardText[] {
  const out: ScorecardText[] = [];
  for (const k of Object.keys(v.ratings).sort())
    out.push({ path: `ratings.${k}.evidence`, text: v.ratings[k]?.evidence ?? "" });
  for (const k of Object.keys(v.redFlags).sort())
    out.push({ path: `redFlags.${k}.note`, text: v.redFlags[k]?.note ?? "" });
  out.push({ path: "summary", text: v.summary });
  out.push({ path: "overrideJustification", text: v.overrideJustification });
  for (const n of v.notes ?? []) out.push({ path: `notes.${n.id}`, text: n.body });
  return out.filter((t) => t.text.trim() !== "");
}

export interface ScorecardFinding {
  path: string;
  finding: EvidenceFinding;
}

/** Findings over every text of a scorecard, tagged with the field they sit in. */
export function lintScorecard(v: ScorecardValues, options?: LintOptions): ScorecardFinding[] {
  return scorecardTexts(v).flatMap(({ path, text }) =>
    lintEvidence(text, options).map((finding) => ({ path, finding })),
  );
}

/** Longest sentence kept with an acknowledgement (evidence is at most 10,000 characters). */
export const ACKNOWLEDGED_SENTENCE_MAX = 2_000;

/** The sentence of `text` that holds the finding (the whole text when it has no sentence break there). */
export function sentenceOf(text: string, finding: Pick<EvidenceFinding, "start" | "end">): string {
  const s = splitSentences(text).find((x) => finding.start < x.end && finding.end > x.start);
  return (s?.text ?? text.trim()).slice(0, ACKNOWLEDGED_SENTENCE_MAX);
}

/** The text at a form path of the scorecard (see `scorecardTexts`). */
export function textAt(values: ScorecardValues, path: string): string {
  const [head, key, leaf] = path.split(".");
  if (head === "ratings" && key && leaf === "evidence") return values.ratings[key]?.evidence ?? "";
  if (head === "redFlags" && key && leaf === "note") return values.redFlags[key]?.note ?? "";
  if (head === "summary") return values.summary;
  if (head === "overrideJustification") return values.overrideJustification;
  if (head === "notes" && key) return values.notes?.find((n) => n.id === key)?.body ?? "";
  return "";
}

/** A finding as the scorecard page shows it: with its category's label in the lexicon's language. */
export interface ShownFinding extends ScorecardFinding {
  categoryLabel: string;
}

/**
 * The scorecard's findings for the page: the server renders them (and sends them with the page
 * data), the browser recomputes them while the panelist types once it has loaded this module.
 */
export function shownFindings(v: ScorecardValues, options?: LintOptions): ShownFinding[] {
  const labels = lexiconOf(options).text.categoryLabels;
  return lintScorecard(v, options).map((f) => ({ ...f, categoryLabel: labels[f.finding.category] }));
}
