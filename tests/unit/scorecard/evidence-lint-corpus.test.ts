/**
 * The evidence-lint corpus: sentences a panelist might write, each with the exact findings expected
 * ("kind:category", in order of position). Near misses — technical senses and idioms of flagged words —
 * must stay clean.
 */
import { describe, expect, it } from "vitest";

import { lintEvidence } from "../../../app/domain/scorecard/evidence-lint";

type Expected = readonly string[];

const P = (category: string) => `protected:${category}`;
const N = (category: string) => `non_job_related:${category}`;
const VAGUE = "vague:vague_verdict";

/** Protected characteristics and their proxies. */
const PROTECTED: [string, Expected][] = [
  // the examples
  ["Young mother of two… her accent was hard to follow.", [P("age"), P("family_status"), P("accent_language")]],
  ["Very religious (wore a headscarf).", [P("religion_belief"), P("religion_belief")]],
  ["She mentioned she is pregnant, so the start date may slip.", [P("pregnancy_maternity")]],
  ["Close to retirement age, so probably not a long-term bet.", [P("age")]],
  // age
  ["He's in his late fifties and set in his ways.", [P("age"), P("age")]],
  ["Her age may be a problem for a lead role.", [P("age")]],
  ["He looks older than the rest of the team.", [P("age")]],
  ["Probably in her forties.", [P("age")]],
  ["A 55-year-old engineer with a long CV.", [P("age")]],
  ["The candidate is a bit old for a startup.", [P("age")]],
  ["A digital native, grew up with the cloud.", [P("age")]],
  ["Overqualified; will get bored within a year.", [P("age")]],
  // family status and caring responsibilities
  ["She has two kids and may not cope with on-call.", [P("family_status")]],
  ["Single mum, so evenings are hard.", [P("family_status")]],
  ["Asked about parental leave in the first ten minutes.", [P("family_status")]],
  ["Asked if she plans to have kids.", [P("family_status")]],
  ["Wants to start a family next year.", [P("family_status")]],
  ["Has caring responsibilities for her father.", [P("family_status"), P("family_status")]],
  // pregnancy and maternity
  ["She's expecting her first child in March.", [P("pregnancy_maternity")]],
  ["Going on maternity leave soon, per the recruiter.", [P("pregnancy_maternity")]],
  // religion or belief
  [
    "He's a devout Muslim and prays during the day.",
    [P("religion_belief"), P("religion_belief"), P("religion_belief")],
  ],
  ["Wore a hijab; calm under pressure.", [P("religion_belief")]],
  ["Jewish, observes Shabbat, so no Friday evening on-call.", [P("religion_belief"), P("religion_belief")]],
  ["Mentioned she goes to church every Sunday.", [P("religion_belief")]],
  ["Her faith came up when we discussed weekend releases.", [P("religion_belief")]],
  // race, ethnicity, colour
  ["Black guy, very polite.", [P("race_ethnicity")]],
  ["Dreadlocks, very casual.", [P("race_ethnicity")]],
  ["She is mixed race and grew up nearby.", [P("race_ethnicity")]],
  // national origin and citizenship
  ["She's Nigerian, I think.", [P("national_origin")]],
  ["He grew up in Romania and moved here for work.", [P("national_origin")]],
  ["He is originally from Poland.", [P("national_origin")]],
  ["Will need visa sponsorship.", [P("national_origin")]],
  ["Foreign-sounding name, hard to pronounce.", [P("national_origin"), P("national_origin")]],
  ["She is Indian and the slides were dense.", [P("national_origin")]],
  ["Polish guy, precise with numbers.", [P("national_origin")]],
  // accent and language
  ["Strong accent, but the design was clear.", [P("accent_language")]],
  ["English is not his first language.", [P("accent_language")]],
  ["Non-native speaker; paused to find words.", [P("accent_language")]],
  ["Her English is broken.", [P("accent_language")]],
  // disability and health
  ["She is autistic, which explains the lack of eye contact.", [P("disability_health"), N("appearance")]],
  ["He uses a wheelchair, so the whiteboard exercise was awkward.", [P("disability_health")]],
  ["Mentioned her depression and time off last year.", [P("disability_health")]],
  ["He has a stammer.", [P("disability_health")]],
  ["He's clearly on the spectrum.", [P("disability_health")]],
  ["He looked unwell.", [P("disability_health")]],
  ["Partially sighted, so we enlarged the slides.", [P("disability_health")]],
  // sex, gender, gender reassignment
  ["She is a woman in a very male team.", [P("sex_gender"), P("sex_gender")]],
  ["He is transgender.", [P("sex_gender")]],
  ["They're non-binary; used they/them.", [P("sex_gender")]],
  ["Good for a girl.", [P("sex_gender")]],
  // sexual orientation
  ["She is gay, which came up when discussing the offsite.", [P("sexual_orientation")]],
  // marriage, civil partnership
  ["Talked about his husband's startup.", [P("marital_status")]],
  ["Recently married, wedding next month.", [P("marital_status"), P("marital_status")]],
  ["Her husband is in the military, so she may relocate.", [P("marital_status")]],
  ["His girlfriend is also an engineer.", [P("marital_status")]],
  // genetic information
  ["There is a family history of heart disease, which worried me.", [P("genetic_information")]],
  ["He mentioned a genetic condition that affects his eyesight.", [P("genetic_information")]],
];

/** Not job-related: appearance, "culture fit", personality labels without behaviour. */
const NOT_JOB_RELATED: [string, Expected][] = [
  ["Not a culture fit.", [N("culture_fit")]],
  ["Great culture fit, would grab a beer with him.", [N("culture_fit"), N("culture_fit")]],
  ["She'd fit in well here.", [N("culture_fit")]],
  ["Gut feeling says no.", [N("culture_fit")]],
  ["I really liked her.", [N("culture_fit")]],
  ["She is very attractive and well dressed.", [N("appearance"), N("appearance")]],
  ["Avoided eye contact the whole time.", [N("appearance")]],
  ["Wore a hoodie to the interview.", [N("appearance")]],
  ["His handshake was weak.", [N("appearance")]],
  ["Came across as arrogant.", [N("personality_label")]],
  ["Nice guy.", [N("personality_label")]],
  ["Bit of a know-it-all.", [N("personality_label")]],
  ["She was bossy with the junior interviewer.", [N("personality_label")]],
  ["Lacks executive presence.", [N("personality_label")]],
  ["He seemed nervous.", [N("personality_label")]],
];

/** Verdicts with no observed behaviour in their sentence. */
const VAGUE_VERDICTS: [string, Expected][] = [
  ["Great.", [VAGUE]],
  ["Strong hire.", [VAGUE]],
  ["Weak on monitoring.", [VAGUE]],
  ["Not senior enough.", [VAGUE]],
  ["Solid answers overall.", [VAGUE]],
  ["She gave a good answer on drift.", [VAGUE]],
  ["Really impressive candidate.", [VAGUE]],
  ["Knows his stuff.", [VAGUE]],
  ["The design was weak.", [VAGUE]],
  ["Very smart, hire him.", [VAGUE, VAGUE]],
  ["Too junior for this role.", [VAGUE]],
  ["Good. Weak on cost.", [VAGUE, VAGUE]],
];

/** Clean: verdicts backed by behaviour, and near misses of every flagged word. */
const CLEAN: string[] = [
  // verdicts supported in the same sentence
  "Weak: could not explain how they would roll back the model.",
  "Not senior enough: never mentioned capacity, cost or on-call.",
  "Good answer on drift: she said she would alert on the PSI of the top ten features.",
  "Smart: derived the cache size from 2k QPS and a 5% miss budget.",
  "Strong on rollback: proposed a shadow deployment, then a canary at 5% with automatic rollback on error rate.",
  "He came across as arrogant: interrupted twice and dismissed the question about rollback.",
  "Great question back to us: asked who owns the model on call.",
  'Solid: "I would keep the old model warm for a week before deleting it."',
  // age
  "The candidate described their team's age-out policy for models.",
  "Described the model's bias against older applicants and how they measured it by age band.",
  "Explained model ageing and why feature age matters for freshness SLAs.",
  "The retirement of the legacy model was planned for Q3.",
  "Wrote the model off as too old to retrain.",
  "The field is young, so she cited two papers from last year.",
  "Young company, so she set up the first on-call rota.",
  "Described the old pipeline and why older features were dropped.",
  // family
  "Traced data lineage from the raw events to the feature store.",
  "The parent job in the DAG retries the child tasks.",
  "A child process leaked file descriptors until the worker restarted.",
  "Nodes and their children are rebalanced when a shard splits.",
  "She described the mother of all migrations from Hive to Iceberg.",
  "Took baby steps: one table first, then the rest.",
  // pregnancy
  "There was a pregnant pause before she answered, then a clear plan.",
  "Built a pregnancy risk model for a hospital with clinicians.",
  // religion
  "She religiously versioned their datasets with DVC.",
  "Acted in good faith when the metric was wrong.",
  "It is a leap of faith to ship without a shadow run.",
  "We deploy and pray, she joked, then described the missing canary.",
  "Avoided a religious war over the feature store vendor.",
  // race, colour
  "Found the race condition between the two writers.",
  "Chose a black-box model only behind an explainability layer.",
  "Read the white paper on feature stores before the call.",
  "The Asian markets launch needed a separate model.",
  // national origin, language
  "Moved the tokenizer to native code to cut p99 latency.",
  "Used a foreign key from predictions to the model registry.",
  "Worked at Visa on fraud models.",
  "Treats data as a first-class citizen in the platform.",
  "Python was her first language, Scala her second.",
  "Wants the serving layer to be vendor-agnostic and cloud-native.",
  // disability, health
  "He disabled the feature flag before rolling back.",
  "The blind spot was monitoring of label delay.",
  "Ran a double-blind comparison of the two rankers.",
  "Added health checks to every model endpoint.",
  "Designed a mental health app's triage model.",
  // sex, gender, orientation
  "Proposed slicing the evaluation by age, gender and ethnicity to catch bias.",
  "Checked error rates for women and older users separately.",
  "The model underperformed on female speakers.",
  "She transitioned the pipeline from Airflow to Dagster.",
  "Framed it as a non-binary classification with three classes.",
  "Asked for a straight answer on the latency budget.",
  // marriage
  "Married the batch and streaming paths with a single feature definition.",
  "He is not married to any one framework.",
  "Described a partner team that owns the labels.",
  // genetic
  "Used genetic algorithms to search the hyperparameter space.",
  // appearance, culture fit, labels
  "Said the TLS handshake adds 30 ms on cold starts.",
  "Raised the security posture of the feature store.",
  "Pointed at a code smell in the training loop.",
  "Batch size of 512 fits in GPU memory.",
  "Goodness of fit was checked with a KS test.",
  "Aggressive retries caused the thundering herd; she added jitter.",
  "Used defensive checks at the API boundary.",
  "Discussed the cold start problem and warm pools.",
  "The first appearance of the bug was in the nightly job.",
  // verdict words in other senses
  "Strong consistency was the requirement for the ledger.",
  "Explained why p99 is a better SLO than the average.",
  "Good practice in her view: pin every dependency.",
];

function summary(text: string): string[] {
  return lintEvidence(text).map((f) => `${f.kind}:${f.category}`);
}

describe("evidence lint corpus", () => {
  const total = PROTECTED.length + NOT_JOB_RELATED.length + VAGUE_VERDICTS.length + CLEAN.length;

  it("holds at least 80 sentences, a third of them clean", () => {
    expect(total).toBeGreaterThanOrEqual(80);
    expect(CLEAN.length * 3).toBeGreaterThanOrEqual(total);
  });

  it.each(PROTECTED)("protected: %s", (text, expected) => {
    expect(summary(text)).toEqual(expected);
  });

  it.each(NOT_JOB_RELATED)("not job-related: %s", (text, expected) => {
    expect(summary(text)).toEqual(expected);
  });

  it.each(VAGUE_VERDICTS)("vague: %s", (text, expected) => {
    expect(summary(text)).toEqual(expected);
  });

  it.each(CLEAN.map((t) => [t]))("clean: %s", (text) => {
    expect(summary(text)).toEqual([]);
  });
});
