// Evidence snippets for the demo data: what an interviewer would actually write, per dimension
// and rating. Seeded text only; the product never generates evidence.
//
// Each (dimension, score) has several variants, most of them tied to the exercise they were written
// in (an incident drill produces different notes than a whiteboard design). The seed picks one per
// rating with `pickEvidence`, never reusing a text inside one loop, so two panelists who gave the
// same score never show word-for-word identical evidence.
import type { RatingScore } from "../../app/domain/vocabulary";

type ExerciseKey =
  "architecture_case_study" | "mlops_pipeline_design" | "incident_scenario_drill" | "tooling_evaluation";

interface EvidenceVariant {
  /** The exercise the note was written in; untagged variants fit any exercise. */
  exercise?: ExerciseKey;
  text: string;
}

const A = "architecture_case_study";
const M = "mlops_pipeline_design";
const I = "incident_scenario_drill";
const T = "tooling_evaluation";

export const DEMO_EVIDENCE: Record<string, Record<RatingScore, EvidenceVariant[]>> = {
  ml_system_architecture: {
    1: [
      {
        exercise: A,
        text: "Went straight to model choice (gradient boosting vs. a deep net) and never drew the data path. When asked how features reach the online scorer, said 'the same pipeline' without noticing batch and streaming differ. No latency or availability target stated even after a prompt.",
      },
      {
        text: "Treated the system as 'a model behind an endpoint'. Could not place the feature computation, the training data snapshot or the fallback anywhere on the diagram; every follow-up got a new box with no arrows.",
      },
    ],
    2: [
      {
        exercise: A,
        text: "Drew ingestion → feature store → model → API but the interfaces stayed fuzzy: no contract between the streaming aggregates and the online store, and the 50 ms p99 budget only came up when I asked. One design only, no alternatives weighed.",
      },
      {
        exercise: T,
        text: "Picked the feature store on its feature list, not on how it would sit in our architecture. Did not check whether its online path could meet a 50 ms budget or how it would share definitions with the batch jobs.",
      },
    ],
    3: [
      {
        exercise: A,
        text: "Clear end-to-end design: Kafka events into a streaming feature job, Redis-backed online store, batch backfill from the lake with the same feature definitions, a scoring service behind the payments API with a 40 ms p99 budget. Stated NFRs first (8k TPS peak, 99.95% availability) and named the contract at each boundary.",
      },
      {
        exercise: A,
        text: "Started from the authorisation request: the payment service calls a scoring service that reads per-card aggregates from an online store and falls back to rules on timeout. Split 'fresh within seconds' (velocity counts) from 'fine if a day old' (merchant risk) early and kept the two paths apart. Sound, if conventional.",
      },
      {
        exercise: T,
        text: "Framed the build-vs-buy question around where the feature store sits: one registry of feature definitions feeding both the offline training set and the online lookup. Wanted a proof of concept on our two heaviest features before deciding. Solid architecture reasoning, nothing surprising.",
      },
      {
        exercise: T,
        text: "Asked how the monitoring product would get prediction logs and delayed labels before looking at dashboards; sketched the event flow on the whiteboard and noted where it would duplicate our existing logging. Reasonable integration view.",
      },
    ],
    4: [
      {
        exercise: A,
        text: "Laid out two viable patterns (synchronous scoring in the authorisation path vs. async scoring with a hold queue) and chose the first with a fallback rule engine when the model times out. Raised training/serving skew and label delay (chargebacks arrive 30–90 days later) unprompted and designed the label join around it.",
      },
      {
        exercise: A,
        text: "Designed for failure from the start: a timeout budget per hop, a cached last-known score, and a degraded mode that ships the batch recommendation when the online re-ranker is down. Compared a single shared scoring service with per-team services and argued for the first with numbers.",
      },
    ],
  },
  mlops_lifecycle: {
    1: [
      {
        text: "Could not describe how a model gets from a notebook to production beyond 'we hand it to the platform team'. No registry, no notion of promotion or rollback.",
      },
      {
        exercise: I,
        text: "Did not know which model version was live or how to find out; the plan to undo the drift was 'retrain over the weekend'. No link between the deployed model and its training data.",
      },
    ],
    2: [
      {
        exercise: M,
        text: "Mentioned a registry and CI, but the pipeline had no data validation gate and no link between a deployed model and the exact data snapshot it was trained on. Rollback meant 'retrain the old one'.",
      },
      {
        text: "Pipeline stages were named but not what each checks. When I asked what stops a model trained on a broken extract from shipping, the answer was a manual review by whoever is on call.",
      },
    ],
    3: [
      {
        exercise: M,
        text: "Pipeline with versioned data snapshots, experiment tracking, a registry with stage transitions, automated evaluation gates (AUC floor, fairness slice checks) and canary rollout with automatic rollback on guardrail metrics. Approvals scale with risk tier.",
      },
      {
        exercise: I,
        text: "First question in the drill was which model version is serving and when it last changed; looked up the registry entry and its training snapshot before theorising. Knew how to pin the previous version and what that costs.",
      },
      {
        exercise: I,
        text: "Proposed retraining on the last four weeks only after checking the label pipeline was healthy; wanted the retrained candidate to go through the normal gates rather than a hot push. Sensible lifecycle instincts under pressure.",
      },
      {
        exercise: T,
        text: "Judged both tools on how they fit the model lifecycle we already have: does the registry stay the source of truth, can the monitoring product read model versions from it, what happens to lineage. Practical, no gaps.",
      },
      {
        exercise: T,
        text: "Asked for the migration path of the 30-odd existing models before comparing features; proposed moving the lowest-risk ones first and keeping the old pipeline until parity. Sound, standard approach.",
      },
    ],
    4: [
      {
        exercise: M,
        text: "Described the golden-path template they built: a cookiecutter repo wiring lineage, model card generation and promotion policy as code; adoption went from 3 to 14 teams in two quarters because onboarding took a day. Governance evidence is collected automatically at each gate.",
      },
      {
        text: "Walked through reproducing a six-month-old model bit for bit: pinned data snapshot, container digest, seed and config in the registry entry. Then showed how the same metadata drives promotion and automatic rollback. Best answer I have heard on this.",
      },
    ],
  },
  cloud_platform: {
    1: [
      {
        exercise: A,
        text: "Proposed one large GPU node per model 'to be safe'; no view on autoscaling, tenancy or cost. Security answer was 'the cloud handles that'.",
      },
      {
        exercise: T,
        text: "Assumed the vendor feature store would run inside our VPC without checking; could not estimate egress or run cost, and waved away the question of which team operates it. Compared tools only on their demo.",
      },
    ],
    2: [
      {
        exercise: A,
        text: "Kubernetes with HPA on CPU for the scorer, which would lag on bursty traffic; no cost estimate. Network isolation and secrets handling only when prompted.",
      },
      {
        text: "Infrastructure answer was a list of managed services with no sizing. Did not separate training from serving capacity and had no idea of the monthly bill until I pushed; the estimate then was off by an order of magnitude.",
      },
    ],
    3: [
      {
        exercise: A,
        text: "Sized the serving tier (8 pods × 2 vCPU at 8k TPS with 30% headroom), autoscaling on request concurrency, private endpoints, KMS-encrypted feature store, IAM per service. Estimated monthly cost and named the two biggest cost levers.",
      },
      {
        exercise: A,
        text: "Kept serving on the existing Kubernetes cluster with a dedicated node pool, put the batch jobs on spot instances and used managed storage for the offline store. Got the isolation and secrets story right without prompting; cost estimate was rough but in the right range.",
      },
      {
        exercise: T,
        text: "Compared running the open-source option on our cluster with the managed vendor: put numbers on compute, storage and the 1.5 engineers it would take to operate, and flagged data residency for the EU tenants. Balanced and grounded.",
      },
    ],
    4: [
      {
        exercise: A,
        text: "Went deep on multi-tenant isolation for shared inference: per-tenant quotas, noisy-neighbour protection, spot for batch backfills with checkpointing, and a capacity plan tied to seasonal peaks. Clearly has run this at scale.",
      },
      {
        text: "Brought a capacity model to the conversation: requests per second per replica measured, not guessed, a scaling signal on queue depth, and a cost per thousand predictions they track monthly. Knew exactly where the money goes.",
      },
    ],
  },
  observability_reliability: {
    1: [
      {
        text: "Monitoring meant CPU and error rate dashboards. When asked how they would notice a silent accuracy drop, said 'customers would complain'.",
      },
      {
        exercise: I,
        text: "Started by restarting the serving pods and retraining, before confirming anything. Had no way to tell a data problem from a model problem and never looked at input distributions.",
      },
    ],
    2: [
      {
        exercise: I,
        text: "The triage plan was textbook (check data, then model, then infrastructure) but stayed abstract. When I asked what they personally did in the last real outage, described a post-mortem they had read rather than one they ran. No concrete alert thresholds.",
      },
      {
        text: "Knew about drift but only proposed a weekly report; no SLOs, no alert thresholds, no runbook. Rollback plan was manual.",
      },
    ],
    3: [
      {
        exercise: A,
        text: "Defined SLOs for latency and availability plus model-quality SLIs (PSI on top features, score distribution, delayed-label precision). Alerts route to the owning team with a runbook; shadow model and one-click rollback to the previous registry version.",
      },
      {
        exercise: A,
        text: "Put monitoring on the diagram from the start: request latency and error budget on the scoring service, feature freshness on the online store, and a daily check of the score distribution against the last 30 days. Fine for a first version.",
      },
      {
        exercise: M,
        text: "Every deployment in the pipeline ends with a watch period: guardrail metrics compared with the previous version for 24 hours and automatic rollback if they degrade. Mentioned data quality checks at ingestion but not who gets paged.",
      },
      {
        exercise: M,
        text: "Pipeline publishes a baseline of feature and prediction distributions with each model so drift alerts have something to compare against. Sensible, though alert routing and on-call ownership stayed vague.",
      },
      {
        exercise: I,
        text: "Confirmed the drift before acting: compared the input distributions with the training window, found one feature whose upstream source changed, and pinned the previous model while the fix shipped. Clear, calm sequence.",
      },
    ],
    4: [
      {
        exercise: I,
        text: "Walked through a real incident: a schema change upstream silently nulled a feature; they added contract tests at ingestion and a canary on feature freshness, and ran a blameless review whose actions were tracked to closure. Proactive detection, not just dashboards.",
      },
      {
        exercise: M,
        text: "Built observability into the pipeline itself: each model version ships with its expected input ranges and a shadow period, and alerts page the owning team with a link to the runbook and the last good version. Has clearly been on call for ML systems.",
      },
    ],
  },
  governance_risk: {
    1: [
      {
        text: "Said compliance 'slows everything down' and that the legal team handles it; no idea what a model risk tier is.",
      },
      {
        exercise: M,
        text: "Wanted one approval step for every model and saw fairness checks as optional extras. Could not say who signs off a credit model or what is kept for an audit.",
      },
    ],
    2: [
      {
        text: "Aware of model cards and approvals, but applied the same heavyweight review to every model; could not say what evidence an auditor would ask for.",
      },
      {
        exercise: A,
        text: "Did not mention personal data until I asked; then proposed encrypting 'everything' without saying which features are sensitive, how long they are kept or who can read the scores.",
      },
    ],
    3: [
      {
        exercise: A,
        text: "Marked which features carry personal data, kept raw identifiers out of the feature store and proposed a 13-month retention on transaction features. Knew a fraud block is a high-risk decision and needs an appeal path.",
      },
      {
        exercise: A,
        text: "Raised explainability for declined transactions on their own: reason codes from the model stored with each decision so support can answer a customer. Governance is present in the design, not bolted on.",
      },
      {
        exercise: M,
        text: "Tiered controls: low-risk models ship with automated checks; high-risk (credit, fraud blocks) need a second reviewer, bias testing and a signed model card. Audit trail from data snapshot to deployed version.",
      },
    ],
    4: [
      {
        exercise: M,
        text: "Policy-as-code in the pipeline (OPA rules on model metadata), evidence collected continuously so audits are a query not a project. Talked about right-sizing: a tier-1 model goes live in a day, tier-3 in two weeks, and why that is acceptable.",
      },
      {
        text: "Explained how they got the risk team to agree on three tiers with written criteria, then automated the evidence for each. Had concrete numbers on review time before and after. Governance as an enabler, convincingly.",
      },
    ],
  },
  communication: {
    1: [
      {
        text: "Answers rambled and did not land; I had to ask three times what the final design was. Jargon-heavy when I role-played the product manager.",
      },
      {
        exercise: I,
        text: "The stakeholder update I asked for was a paragraph of model internals; no impact, no next step, no time of the next update. The product manager in the role-play would not know what to do with it.",
      },
    ],
    2: [
      {
        text: "Technically correct but hard to follow; no structure, jumped between layers. Summarised the trade-off only when asked.",
      },
      {
        exercise: T,
        text: "The recommendation at the end was hedged into nothing: 'both could work'. Could not put the decision in one sentence for the CTO when asked.",
      },
    ],
    3: [
      {
        exercise: A,
        text: "Structured: requirements, then a diagram, then trade-offs, then risks. Checked in with me at each step and summarised decisions clearly.",
      },
      {
        exercise: M,
        text: "Walked through the pipeline stage by stage and kept to time. Answered the follow-ups directly; a couple of answers went longer than needed but always came back to the point.",
      },
      {
        exercise: M,
        text: "Explained the risk tiers with one example model per tier, which made them easy to follow. Diagram was tidy. Did not check whether I had questions until the end.",
      },
      {
        exercise: I,
        text: "Gave a clear status update when I played the product manager: what we know, what we are doing, when the next update comes. A bit technical in places, but actionable.",
      },
      {
        exercise: T,
        text: "Ended with a one-paragraph recommendation, the two risks that could change it and who needs to agree. Easy to follow; slightly long-winded on the scoring criteria.",
      },
      {
        exercise: T,
        text: "Kept the comparison readable by putting it in a simple table of criteria and weights on the whiteboard. Answered my pushback without getting defensive.",
      },
    ],
    4: [
      {
        exercise: A,
        text: "Switched register convincingly between the CFO question (cost and risk in plain terms) and the engineering deep-dive; used the whiteboard to make a hard trade-off obvious. Very persuasive without overselling.",
      },
      {
        exercise: I,
        text: "Ran the incident like a bridge call: short, timed updates to the product team, a separate technical channel, and a plain-language note for support. Exactly how I would want a lead to communicate.",
      },
      {
        exercise: M,
        text: "Explained the pipeline to me as if I were a new team lead, then again for a risk officer, without losing accuracy either time. Anticipated my questions before I asked them.",
      },
      {
        exercise: T,
        text: "Turned a messy build-vs-buy debate into a one-page decision record on the spot: options, criteria, the call and what would make us revisit it. Crisp and convincing.",
      },
    ],
  },
  leadership_enablement: {
    1: [
      {
        text: "Every example was about their own code; no sign of mentoring or working across teams. Described a disagreement with another team as 'they were wrong'.",
      },
      {
        exercise: I,
        text: "Took every action in the drill themselves; nobody else was assigned anything and there was no plan for handing over or for the follow-up work.",
      },
    ],
    2: [
      {
        text: "Has reviewed others' designs but no examples of standards that others adopted; influence mostly through authority.",
      },
      {
        exercise: T,
        text: "Would make the tooling decision alone and announce it; did not involve the teams who would migrate or plan how to bring them along.",
      },
    ],
    3: [
      {
        exercise: M,
        text: "Mentored two engineers into tech-lead roles, ran design reviews for the ML platform, unblocked a data team by pairing on their pipeline. Good examples of enabling rather than doing.",
      },
      {
        exercise: I,
        text: "Assigned clear roles in the drill (incident lead, comms, investigation) and stepped back to coordinate instead of debugging everything personally.",
      },
      {
        exercise: I,
        text: "Follow-up actions had named owners and dates, and the post-incident review was framed as a learning session for the whole team. Solid, not exceptional.",
      },
      {
        exercise: T,
        text: "Would run the evaluation with two engineers from the teams that would adopt the tool and let them own the proof of concept. Good instinct for bringing people along.",
      },
    ],
    4: [
      {
        exercise: M,
        text: "Gave the adoption numbers for their golden-path template at the end: from 3 to 14 teams in two quarters, onboarding cut to a day, run through office hours and a champions group. Clear playbook for scaling standards through enablement.",
      },
      {
        exercise: T,
        text: "Started an ML guild of 40 people across five teams, wrote the reference architecture others now extend, and measured adoption. Would run this tooling decision the same way: an RFC, a working group, and a migration guide owned by the teams.",
      },
    ],
  },
};

export const DEMO_SUMMARIES: Record<string, EvidenceVariant[]> = {
  strong_hire: [
    {
      exercise: A,
      text: "Best architecture session I have run for this role: designed for failure, sized the platform and priced it without prompting. I would be glad to have them set our platform direction.",
    },
    {
      exercise: M,
      text: "Owns the model lifecycle end to end and has already scaled it across teams; the golden-path work alone would pay off here within a year. Strong hire.",
    },
    {
      text: "Outstanding on architecture and operations; clearly has owned production ML at scale and can bring other teams along.",
    },
  ],
  hire: [
    {
      exercise: A,
      text: "Sound, well-structured design and good judgement on trade-offs. Governance depth is lighter than I would like for a lead, but it is coachable and nothing else worries me.",
    },
    {
      exercise: A,
      text: "Solid end-to-end design with real production instincts. A few answers needed a nudge, but every one of them landed in the right place.",
    },
    {
      exercise: M,
      text: "Pipeline design was complete and pragmatic, with approvals that match the risk of each model. Meets the bar everywhere I assessed; hire.",
    },
    {
      exercise: M,
      text: "Strong on lifecycle and governance, and clearly brings other teams along. Observability answers were fine but less deep than the rest. Hire.",
    },
    {
      exercise: I,
      text: "Handled the drill calmly and in the right order, kept the product side informed, and clearly knows how ML systems fail in production. Hire.",
    },
    {
      exercise: I,
      text: "Confirmed before acting, delegated the investigation and closed with prevention work that had owners. Nothing outstanding, nothing missing. Hire.",
    },
    {
      exercise: T,
      text: "Structured evaluation with weighted criteria, involved the teams who would adopt the tool, and a credible migration plan. Hire.",
    },
    {
      exercise: T,
      text: "Good decision process and honest about what they did not know about the vendor options. Would trust them to run this kind of choice. Hire.",
    },
  ],
  no_hire: [
    {
      exercise: I,
      text: "Knows the theory of incident response but could not show having led one; for a lead who will own production ML, that gap is too big today. No hire.",
    },
    {
      text: "Thoughtful in places but the operational depth is not there for a lead role; monitoring and rollback were afterthoughts.",
    },
  ],
  strong_no_hire: [
    {
      text: "Significant gaps in production experience and a dismissive attitude to security and compliance. Not a fit for this role.",
    },
    {
      text: "Could not carry a design past the model itself and did not engage with cost, risk or operations even when prompted. Not a fit for a lead role.",
    },
  ],
};

/**
 * One demo text: a variant written for this exercise if one is left, else an untagged one, else any
 * unused one. `used` holds the texts already given out in the same loop; the choice is deterministic
 * for a given order of calls. Throws when every variant is taken, so the seed fails loudly instead of
 * showing two panelists word-for-word identical text.
 */
function pickVariant(variants: EvidenceVariant[], exercise: string, used: Set<string>, what: string): string {
  const free = variants.filter((v) => !used.has(v.text));
  const chosen = free.find((v) => v.exercise === exercise) ?? free.find((v) => v.exercise === undefined) ?? free[0];
  if (!chosen)
    throw new Error(`Demo text exhausted for ${what} (${exercise}); add a variant in scripts/lib/demo-evidence.ts.`);
  used.add(chosen.text);
  return chosen.text;
}

/** The evidence for one rating (see `pickVariant`). */
export function pickEvidence(dimension: string, score: RatingScore, exercise: string, used: Set<string>): string {
  return pickVariant(DEMO_EVIDENCE[dimension]?.[score] ?? [], exercise, used, `${dimension} = ${score}`);
}

/** The summary of one submitted scorecard (see `pickVariant`). */
export function pickSummary(recommendation: string, exercise: string, used: Set<string>): string {
  return pickVariant(DEMO_SUMMARIES[recommendation] ?? [], exercise, used, `summary ${recommendation}`);
}
