/**
 * A realistic, deterministic full-loop fixture for the PDF packet (bench, sample and tests):
 * 8 panelists on 4 exercises, the 7 dimensions of LEAD_ML_ARCHITECT_V1, ~2,000 characters of
 * evidence per rating, quick notes, red flags, signals, an amended scorecard, names with
 * diacritics and some Greek / Cyrillic / CJK / Hangul. Seeded PRNG: same options, same data.
 *
 * Options make variants: an incomplete loop (drafts + a recusal), a decided loop, shorter or
 * longer evidence, and "hostile" content (RTL, emoji, 10k-char notes, a 3,000-char word, 500 line
 * breaks, markup and PDF syntax).
 */
import type {
  CalibrationRating,
  DecisionOverride,
  InterviewInput,
  InterviewerCalibration,
  LoopAggregate,
  LoopAggregationInput,
  LoopFacts,
  ScorecardInput,
} from "../../app/domain/review/types";
import { aggregateLoop } from "../../app/domain/review/aggregate";
import { calibrateInterviewers } from "../../app/domain/review/calibrate";
import type { RatingScore, Recommendation } from "../../app/domain/vocabulary";
import type { RubricContent } from "../../app/domain/rubric/model";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";

import { seededRandom } from "./random";

export interface PacketFixtureOptions {
  seed?: number;
  /** target characters of evidence per rating; default 2000 */
  evidenceChars?: number;
  /** two drafts and one recusal: the packet must say DRAFT */
  incomplete?: boolean;
  /** a recorded decision; default true for complete loops */
  decided?: boolean;
  /** hostile content in names, evidence and notes */
  hostile?: boolean;
  /** an early loop: every scorecard still a draft (0 of 8 in), no decision */
  empty?: boolean;
}

export interface PacketFixture {
  input: LoopAggregationInput;
  facts: LoopFacts;
  rubric: RubricContent;
  /** population-wide interviewer calibration (as the app computes it over all loops) */
  calibration: InterviewerCalibration[];
}

const DAY = 86_400_000;
const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 10, 9, 0); // 10 Mar 2025, 09:00 UTC

export const FIXTURE_PANELISTS = [
  { id: "p-lukasz", name: "Łukasz Wiśniewski" },
  { id: "p-zoe", name: "Zoë Ångström" },
  { id: "p-sofia", name: "Σοφία Παπαδοπούλου" },
  { id: "p-dmitry", name: "Дмитрий Иванов" },
  { id: "p-wang", name: "王芳" },
  { id: "p-minjun", name: "김민준" },
  { id: "p-siobhan", name: "Siobhán Ó Briain" },
  { id: "p-jose", name: "José Núñez" },
] as const;

export const FIXTURE_CANDIDATE = "Renée Łaska-Okafor";

/** Samples that must survive text extraction (tests grep for them). */
export const SCRIPT_SAMPLES = {
  greek: "Ελληνικά",
  cyrillic: "Русский",
  chinese: "中文",
  korean: "한국어",
} as const;

export const HOSTILE_SAMPLES = {
  arabic: "مرحبا بالعالم",
  hebrew: "שלום עולם",
  emoji: "🚀👍🏽👩‍💻",
  script: "<script>alert(1)</script>",
  pdf: "%PDF-1.7",
  tj: ") Tj ET",
} as const;

const DIMENSION_SENTENCES: Record<string, string[]> = {
  ml_system_architecture: [
    "Drew the full path from event ingestion through the feature store to online serving and back into labelled feedback, and named the contract at every hop.",
    "Asked for the latency budget before choosing a pattern, then split the 120 ms p99 into feature lookup, model inference and post-processing slices.",
    "Compared a batch-scored nightly design with a streaming design and chose the hybrid only after costing both against the freshness requirement.",
    "Spotted training/serving skew risk in the duplicated feature code and proposed one feature definition compiled to both offline and online stores.",
    "Explained how a schema change upstream would silently break the join and added a contract test plus a quarantine table for rejected rows.",
    "Sized throughput at 4,000 requests per second at peak and explained where horizontal scaling stops helping because of the shared embedding cache.",
    "Kept the model registry out of the request path and made the serving tier pull versions, so a registry outage cannot take predictions down.",
  ],
  mlops_lifecycle: [
    "Walked through how any production model can be rebuilt from a pinned commit, a dataset snapshot id and a config hash recorded in the registry.",
    "Promotion is blocked by automated gates: data validation, a shadow comparison against the champion and a fairness slice report.",
    "Described a staged release at 1%, 10% and 50% with automatic rollback on a guardrail metric, and said when they had to use it in anger.",
    "Built a paved-road template that eleven teams adopted; measured uptake by the share of deployments that went through it rather than by sign-ups.",
    "Was vague about how the last incident's model was traced back to its training data, which undercut the lineage story somewhat.",
    "Turned the approval checklist for high-risk models into pipeline checks so that reviewers see evidence instead of filling in forms.",
  ],
  cloud_platform: [
    "Justified separate node pools for training and inference with quotas per tenant team, and explained the blast radius of a noisy neighbour.",
    "Estimated GPU spend per month for the proposed fleet and showed how spot capacity with checkpointing cuts training cost by roughly 60%.",
    "Least-privilege access via workload identity, secrets from the vault and private endpoints only; no long-lived keys anywhere in the design.",
    "Autoscaling on queue depth rather than CPU for the batch scorers, with a note on why CPU-based scaling lags for GPU-bound inference.",
    "Listed several managed services without saying why one would be chosen over another, and had no clear bound on experiment spend.",
    "Planned capacity for the seasonal peak with reserved instances for the baseline and burst to on-demand, with a monthly review of utilisation.",
  ],
  observability_reliability: [
    "Separated service health (latency, errors, saturation) from model health (input drift, prediction distribution, delayed label quality).",
    "In the drill, checked the feature freshness dashboard first, found the stale upstream table and rolled back to the previous model within the SLO.",
    "Proposed alert thresholds tied to business impact rather than raw drift scores, which avoided the alert fatigue the team had before.",
    "Did not mention how delayed labels would be joined back to predictions, so the model-quality monitor would be blind for weeks.",
    "Wrote a short post-incident review with three prevention actions and owners, and explained which one they would drop if time ran short.",
    "Designed a safe fallback to the rules-based scorer when the model endpoint degrades, with a circuit breaker and a clear owner for the switch.",
  ],
  governance_risk: [
    "Tiered models by risk and matched review depth to the tier instead of applying the heaviest process to every experiment.",
    "Model cards are generated from registry metadata and evaluation runs, so documentation cannot drift from what was actually deployed.",
    "Handled the personal data question well: minimisation, retention limits and a deletion path that also reaches derived features.",
    "Treated fairness review as a one-off launch step rather than something monitored in production, which is a gap for a credit-adjacent model.",
    "Could not say who signs off a high-risk model when the product owner and the risk function disagree.",
    "Explained an audit trail from prediction back to model version, features and training data that would satisfy an external reviewer.",
  ],
  communication: [
    "Explained the trade-off to the simulated product manager without jargon and checked understanding before moving on.",
    "Structured the answer as context, options, recommendation and risks, which made it easy to follow under time pressure.",
    "Drew clear diagrams and narrated them; when challenged, restated the question before answering instead of defending the first idea.",
    "Sometimes went deep into implementation detail when the audience was executive, and had to be brought back to the decision.",
    "Wrote the incident update for stakeholders in plain language with impact, current status, next update time and what customers should do.",
    "Listened well: picked up a hint about the compliance team's concerns and came back to it later without being prompted.",
  ],
  leadership_enablement: [
    "Described mentoring two senior engineers into architecture roles, with concrete examples of decisions they now own.",
    "Set up an architecture review forum that teams attend voluntarily because it unblocks them, not because it is mandatory.",
    "Tends to solve hard problems personally rather than growing the team to solve them, which will not scale at lead level.",
    "Drove adoption of shared standards by publishing reference implementations and office hours rather than by mandate.",
    "Gave a credible example of disagreeing with a director about build versus buy, writing it up, and committing once the decision was made.",
    "Hiring examples were thin; has interviewed often but has not designed a loop or calibrated other interviewers.",
  ],
};

const GENERIC_SENTENCES = [
  "When pushed on failure modes, the candidate listed three concrete ones and ranked them by likelihood and impact.",
  "The answer was grounded in a system they had run in production for two years, with numbers rather than adjectives.",
  "They acknowledged what they did not know and said how they would find out within the first month.",
  "A follow-up probe about cost showed they had actually read the invoices, not just the architecture diagrams.",
  "The discussion ran slightly over time because of a detour into vendor history that added little.",
  "Evidence here is direct: I observed it in the exercise, not inferred from the CV.",
  "Compared with the bar described in the rubric anchor, this sits between meets and exceeds; I scored conservatively.",
  "The candidate asked clarifying questions early, which changed the design in a sensible direction.",
  "They referenced a postmortem from their current employer and explained what they changed afterwards.",
  "I would want a second interviewer's view here, because the exercise only touched this area briefly.",
];

const SCRIPT_QUOTES = [
  `Quoted the Greek team's runbook title (${SCRIPT_SAMPLES.greek}: «Σχέδιο αποκατάστασης») when describing the recovery plan.`,
  `Mentioned the ${SCRIPT_SAMPLES.cyrillic} documentation set («Руководство по эксплуатации») they translated for the platform team.`,
  `Used the ${SCRIPT_SAMPLES.chinese} term 特征平台 (feature platform) from their Shanghai office and explained it clearly.`,
  `Cited the Seoul team's ${SCRIPT_SAMPLES.korean} onboarding guide (모델 배포 가이드) as the origin of the paved road.`,
];

// Scores per dimension (rubric order) per panelist: a realistic mixed profile with one outlier.
const SCORE_PROFILE: Record<string, RatingScore[]> = {
  ml_system_architecture: [4, 4, 3, 4, 3, 4, 3, 4],
  mlops_lifecycle: [3, 4, 3, 3, 4, 3, 3, 3],
  cloud_platform: [3, 3, 1, 3, 3, 4, 3, 3],
  observability_reliability: [2, 3, 2, 3, 2, 3, 3, 2],
  governance_risk: [2, 2, 3, 2, 3, 2, 2, 3],
  communication: [4, 3, 4, 3, 4, 4, 3, 4],
  leadership_enablement: [2, 4, 3, 2, 4, 3, 2, 3],
};

const RECOMMENDATIONS: Recommendation[] = [
  "hire",
  "strong_hire",
  "no_hire",
  "hire",
  "strong_hire",
  "hire",
  "no_hire",
  "hire",
];

function evidenceFor(rand: () => number, dimKey: string, target: number, withScript: string | null): string {
  const own = DIMENSION_SENTENCES[dimKey] ?? [];
  const parts: string[] = [];
  let len = 0;
  let para: string[] = [];
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(rand() * arr.length)] as T;
  if (withScript) {
    para.push(withScript);
    len += withScript.length + 1;
  }
  while (len < target) {
    const s = rand() < 0.65 ? pick(own) : pick(GENERIC_SENTENCES);
    para.push(s);
    len += s.length + 1;
    if (para.length >= 4 && rand() < 0.4) {
      parts.push(para.join(" "));
      para = [];
      len += 1;
    }
  }
  if (para.length) parts.push(para.join(" "));
  return parts.join("\n\n");
}

const NOTE_BANK = [
  "Starts with clarifying questions about traffic and latency.",
  "Draws ingestion → feature store → training → registry → serving.",
  "Mentions skew between offline and online features.",
  "Good answer on rollback: keeps last two versions warm.",
  "Drifts into vendor comparison; brought back on track.",
  "Asks who owns the SLO: good instinct.",
  "Cost estimate within 20% of ours.",
  "Hesitant on fairness monitoring after launch.",
  "Strong incident narrative with a real postmortem.",
  "Explains to the PM persona without jargon.",
  "Runs short of time on the governance part.",
  "Summarises trade-offs clearly at the end.",
];

function hostileText(kind: "evidence" | "note", i: number): string {
  const longWord = "A".repeat(1500) + "Ω".repeat(1500); // 3,000 chars, no spaces
  const manyBreaks = Array.from({ length: 500 }, (_, k) => (k % 50 === 0 ? `break ${k}` : "")).join("\n");
  const mixed =
    `${HOSTILE_SAMPLES.script} ${HOSTILE_SAMPLES.pdf} ${HOSTILE_SAMPLES.tj} \\ ( ) << /Type /Catalog >> ` +
    `Hebrew: ${HOSTILE_SAMPLES.hebrew}. Arabic: ${HOSTILE_SAMPLES.arabic} (123). Emoji ${HOSTILE_SAMPLES.emoji} done. ` +
    `${SCRIPT_SAMPLES.greek} ${SCRIPT_SAMPLES.cyrillic} ${SCRIPT_SAMPLES.chinese} ${SCRIPT_SAMPLES.korean}. ` +
    `Tab\there, CR\rLF\r\nNUL\u0000, lone surrogate \ud800, BOM \ufeff, ZWJ a\u200db, RLO \u202eevil\u202c.`;
  if (kind === "note") {
    return i % 2 === 0 ? `${mixed} ${"Long note sentence with words. ".repeat(330)}` : `${longWord}\n${manyBreaks}`;
  }
  switch (i % 4) {
    case 0:
      return `${mixed}\n${"Ten thousand characters of notes follow. ".repeat(245)}`;
    case 1:
      return `Before the long word: ${longWord} after the long word.`;
    case 2:
      return `Many line breaks:${manyBreaks}\nend.`;
    default:
      return mixed;
  }
}

/** Build the fixture. Deterministic for the same options. */
export function buildPacketFixture(opts: PacketFixtureOptions = {}): PacketFixture {
  const rand = seededRandom(opts.seed ?? 20250310);
  const target = opts.evidenceChars ?? 2000;
  const rubric = LEAD_ML_ARCHITECT_V1;
  const decided = opts.decided ?? !(opts.incomplete || opts.empty);
  const loopId = "loop-fixture-1";

  const interviews: InterviewInput[] = rubric.exercises.map((e, i) => ({
    id: `iv-${i + 1}`,
    exerciseKey: e.key,
    position: i + 1,
    scheduledAt: T0 + Math.floor(i / 2) * DAY + (i % 2) * 150 * MIN,
    durationMinutes: e.durationMinutes,
  }));

  const scorecards: ScorecardInput[] = FIXTURE_PANELISTS.map((p, pi) => {
    const interview = interviews[Math.floor(pi / 2)] ?? interviews[0];
    if (!interview) throw new Error("fixture needs interviews");
    const exercise = rubric.exercises.find((e) => e.key === interview.exerciseKey);
    const start = interview.scheduledAt ?? T0;
    const panelist =
      opts.hostile && pi === 7
        ? { id: p.id, name: `${p.name} ${HOSTILE_SAMPLES.emoji} ${HOSTILE_SAMPLES.hebrew}` }
        : { ...p };
    const ratings = rubric.dimensions.map((d, di) => {
      const inExercise = exercise?.dimensionKeys.includes(d.key) ?? true;
      // Dimensions outside the exercise are sometimes "not assessed".
      const notAssessed = !inExercise && rand() < 0.5;
      const score = notAssessed ? null : (SCORE_PROFILE[d.key]?.[pi] ?? 3);
      const script = (pi + di) % 9 === 0 ? (SCRIPT_QUOTES[(pi + di) % SCRIPT_QUOTES.length] ?? null) : null;
      let evidence = notAssessed
        ? "Not covered in this exercise; no direct evidence."
        : evidenceFor(rand, d.key, target * (0.85 + rand() * 0.3), script);
      if (opts.hostile && !notAssessed && (pi + di) % 3 === 0) evidence = hostileText("evidence", pi + di);
      return { dimensionKey: d.key, score, notAssessed, evidence };
    });
    const focusKeys = (exercise?.focusPoints ?? []).filter(() => rand() < 0.7).map((f) => f.key);
    const noteCount = 6 + Math.floor(rand() * 5);
    const quickNotes = Array.from({ length: noteCount }, (_, k) => {
      const minute = Math.min(89, Math.floor(((k + rand()) * (exercise?.durationMinutes ?? 60)) / noteCount));
      const body =
        opts.hostile && k === 0 ? hostileText("note", pi) : (NOTE_BANK[Math.floor(rand() * NOTE_BANK.length)] ?? "");
      return { elapsedMinute: minute, body, createdAt: start + minute * MIN + 20_000 };
    });
    const recommendation = RECOMMENDATIONS[pi] ?? "hire";
    const redFlags: { key: string; note: string }[] = [];
    if (pi === 2)
      redFlags.push({
        key: "no_incident_experience",
        note: "Could not describe a production incident they owned end to end; answers stayed hypothetical.",
      });
    if (pi === 6)
      redFlags.push({ key: "monitoring_governance_skipped", note: "Governance only came up when prompted, twice." });
    if (pi === 3)
      redFlags.push({
        key: "relies_on_heroics",
        note: "Two stories where they personally fixed things overnight; no process change after.",
      });
    if (pi === 5)
      redFlags.push(
        { key: "no_incident_experience", note: "" },
        { key: "over_engineering", note: "Proposed a service mesh for a two-service system." },
      );
    const signalKeys = rubric.signals.filter((_, si) => (si + pi) % 3 === 0).map((s) => s.key);
    const submittedAt = start + ((exercise?.durationMinutes ?? 60) + 45 + pi * 7) * MIN;
    const updatedAt = submittedAt + (pi === 1 ? DAY : 0);
    // drafts and recusals reach the aggregate with their state only, as the review queries read them
    const uncounted: "draft" | "recused" | null = opts.empty
      ? "draft"
      : opts.incomplete && (pi === 4 || pi === 7)
        ? "draft"
        : opts.incomplete && pi === 6
          ? "recused"
          : null;
    if (uncounted) {
      return { id: `sc-${pi + 1}`, interviewId: interview.id, panelist, status: uncounted, updatedAt };
    }
    return {
      id: `sc-${pi + 1}`,
      interviewId: interview.id,
      panelist,
      status: "submitted",
      recommendation,
      summary:
        `Overall ${recommendation === "strong_hire" || recommendation === "hire" ? "positive" : "negative"} on ${exercise?.title ?? "the exercise"}. ` +
        evidenceFor(rand, "communication", 420, null).replace(/\n+/g, " "),
      overrideJustification:
        pi === 5
          ? "The incident gap is real but was probed only briefly; the architecture depth outweighs it for this role."
          : "",
      ratings,
      redFlags,
      signalKeys,
      focusKeys,
      quickNotes,
      submittedAt,
      updatedAt,
      amendCount: pi === 1 ? 1 : 0,
      lastAmendReason:
        pi === 1
          ? "Added evidence from my written notes on the rollback discussion; Leadership raised after re-reading them."
          : null,
    };
  });

  const input: LoopAggregationInput = {
    loopId,
    status: decided ? "decided" : opts.incomplete || opts.empty ? "in_progress" : "debrief",
    rubric,
    weights: null,
    interviews,
    scorecards,
  };

  // A calibration population: this loop plus 12 seeded past loops with the same panelists.
  const population: CalibrationRating[] = [];
  const bias = [0.4, 0.1, -0.5, 0, 0.2, 0.3, -0.2, 0];
  for (let l = 0; l < 12; l++) {
    for (const d of rubric.dimensions) {
      FIXTURE_PANELISTS.forEach((p, pi) => {
        if (rand() < 0.45) return;
        const raw = 2.6 + (bias[pi] ?? 0) + (rand() - 0.5) * 1.6;
        const score = Math.min(4, Math.max(1, Math.round(raw))) as RatingScore;
        population.push({ loopId: `past-${l}`, dimensionKey: d.key, panelistId: p.id, panelistName: p.name, score });
      });
    }
  }
  for (const sc of scorecards) {
    if (sc.status !== "submitted") continue;
    for (const r of sc.ratings) {
      if (r.score !== null)
        population.push({
          loopId,
          dimensionKey: r.dimensionKey,
          panelistId: sc.panelist.id,
          panelistName: sc.panelist.name,
          score: r.score,
        });
    }
  }
  const calibration = calibrateInterviewers(population);

  const lastInterview = Math.max(...interviews.map((i) => i.scheduledAt ?? T0));
  const audit: LoopFacts["audit"] = [
    { at: T0 - 7 * DAY, actorName: "Ines Ferreira", action: "loop.create", entity: `loop:${loopId}`, reason: null },
    { at: T0 - 6 * DAY, actorName: "Ines Ferreira", action: "loop.schedule", entity: `loop:${loopId}`, reason: null },
    ...scorecards
      .flatMap((s) => (s.status === "submitted" && s.submittedAt !== null ? [s] : []))
      .map((s) => ({
        at: s.submittedAt ?? 0,
        actorName: s.panelist.name,
        action: "scorecard.submit",
        entity: `scorecard:${s.id}`,
        reason: null,
        change: s.recommendation ? { recommendation: s.recommendation } : null,
      })),
  ];
  if (!opts.empty)
    audit.push({
      at: T0 + 2 * DAY,
      actorName: "Zoë Ångström",
      action: "scorecard.amend",
      entity: "scorecard:sc-2",
      reason:
        "Added evidence from my written notes on the rollback discussion; Leadership raised after re-reading them.",
      change: {
        scores: [{ dimensionKey: "leadership_enablement", from: "3", to: "4" }],
        fields: [{ kind: "evidence", key: "leadership_enablement" }],
      },
    });
  if (opts.incomplete) {
    audit.push({
      at: T0 + DAY + 60 * MIN,
      actorName: "Siobhán Ó Briain",
      action: "scorecard.recuse",
      entity: "scorecard:sc-7",
      // the declaration's note is the panelist's own: the trail never carries it
      reason: null,
    });
  }
  const decidedAt = T0 + 4 * DAY + 16 * 60 * MIN;
  if (decided)
    audit.push({
      at: decidedAt,
      actorName: "Margaret Chen-Adeyemi",
      action: "loop.decide",
      entity: `loop:${loopId}`,
      reason: "Clears the bar on architecture, MLOps and communication; governance gaps covered by a 90-day plan.",
      change: {
        decision: "hire",
        override: { grounds: FIXTURE_OVERRIDE.grounds.map((g) => g.text), text: FIXTURE_OVERRIDE.text },
      },
    });
  audit.sort((a, b) => a.at - b.at);

  const facts: LoopFacts = {
    loopId,
    candidate: {
      name: opts.hostile ? `${FIXTURE_CANDIDATE} ${HOSTILE_SAMPLES.script}` : FIXTURE_CANDIDATE,
      email: "renee.laska-okafor@example.org",
      currentTitle: "Principal ML Engineer, Fintech Platform",
    },
    roleTitle: rubric.roleTitle,
    rubricName: rubric.name,
    rubricVersion: 1,
    hiringManager: "Margaret Chen-Adeyemi",
    recruiter: "Ines Ferreira",
    status: input.status,
    createdAt: T0 - 7 * DAY,
    firstInterviewAt: interviews[0]?.scheduledAt ?? null,
    lastInterviewAt: lastInterview,
    decision: decided
      ? {
          decision: "hire",
          rationale:
            "The panel agreed the candidate clears the bar on system architecture, MLOps and communication with strong, " +
            "direct evidence. Governance and observability are below the bar on average; the hiring manager accepts that " +
            "risk with a 90-day plan: pair with the model risk lead on the tiering process and own the delayed-label " +
            "monitoring design. The incident-experience dealbreaker raised by two panelists was discussed; the candidate's " +
            "on-call history (verified in the reference call) addresses it.",
          decidedBy: "Margaret Chen-Adeyemi",
          decidedAt,
          override: FIXTURE_OVERRIDE,
        }
      : null,
    audit,
  };

  return { input, facts, rubric, calibration };
}

/** The fixture's Hire goes against the incident-experience dealbreaker, so it carries an override. */
export const FIXTURE_OVERRIDE: DecisionOverride = {
  text:
    "The incident-experience dealbreaker rests on one answer in the drill; the reference call verified two years of " +
    "on-call ownership with post-mortems she led, which outweighs it.",
  grounds: [
    {
      kind: "open_dealbreaker",
      text: "open dealbreaker “Has never handled a production incident or regression” raised by two panelists",
    },
  ],
};

/** The fixture's aggregate, computed by the real aggregation engine. */
export function aggregateFixture(fx: PacketFixture): LoopAggregate {
  return aggregateLoop(fx.input, fx.calibration);
}
