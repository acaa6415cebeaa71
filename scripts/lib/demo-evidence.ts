// Evidence snippets for the demo data: what an interviewer would actually write, per dimension
// and rating. Seeded text only; the product never generates evidence.
import type { RatingScore } from "../../app/domain/rubric";

export const DEMO_EVIDENCE: Record<string, Record<RatingScore, string>> = {
  ml_system_architecture: {
    1: "Went straight to model choice (gradient boosting vs. a deep net) and never drew the data path. When asked how features reach the online scorer, said 'the same pipeline' without noticing batch and streaming differ. No latency or availability target stated even after a prompt.",
    2: "Drew ingestion → feature store → model → API but the interfaces stayed fuzzy: no contract between the streaming aggregates and the online store, and the 50 ms p99 budget only came up when I asked. One design only, no alternatives weighed.",
    3: "Clear end-to-end design: Kafka events into a streaming feature job, Redis-backed online store, batch backfill from the lake with the same feature definitions, a scoring service behind the payments API with a 40 ms p99 budget. Stated NFRs first (8k TPS peak, 99.95% availability) and named the contract at each boundary.",
    4: "Laid out two viable patterns (synchronous scoring in the authorisation path vs. async scoring with a hold queue) and chose the first with a fallback rule engine when the model times out. Raised training/serving skew and label delay (chargebacks arrive 30–90 days later) unprompted and designed the label join around it.",
  },
  mlops_lifecycle: {
    1: "Could not describe how a model gets from a notebook to production beyond 'we hand it to the platform team'. No registry, no notion of promotion or rollback.",
    2: "Mentioned a registry and CI, but the pipeline had no data validation gate and no link between a deployed model and the exact data snapshot it was trained on. Rollback meant 'retrain the old one'.",
    3: "Pipeline with versioned data snapshots, experiment tracking, a registry with stage transitions, automated evaluation gates (AUC floor, fairness slice checks) and canary rollout with automatic rollback on guardrail metrics. Approvals scale with risk tier.",
    4: "Described the golden-path template they built: a cookiecutter repo wiring lineage, model card generation and promotion policy as code; adoption went from 3 to 14 teams in two quarters because onboarding took a day. Governance evidence is collected automatically at each gate.",
  },
  cloud_platform: {
    1: "Proposed one large GPU node per model 'to be safe'; no view on autoscaling, tenancy or cost. Security answer was 'the cloud handles that'.",
    2: "Kubernetes with HPA on CPU for the scorer, which would lag on bursty traffic; no cost estimate. Network isolation and secrets handling only when prompted.",
    3: "Sized the serving tier (8 pods × 2 vCPU at 8k TPS with 30% headroom), autoscaling on request concurrency, private endpoints, KMS-encrypted feature store, IAM per service. Estimated monthly cost and named the two biggest cost levers.",
    4: "Went deep on multi-tenant isolation for shared inference: per-tenant quotas, noisy-neighbour protection, spot for batch backfills with checkpointing, and a capacity plan tied to seasonal peaks. Clearly has run this at scale.",
  },
  observability_reliability: {
    1: "Monitoring meant CPU and error rate dashboards. When asked how they would notice a silent accuracy drop, said 'customers would complain'.",
    2: "Knew about drift but only proposed a weekly report; no SLOs, no alert thresholds, no runbook. Rollback plan was manual.",
    3: "Defined SLOs for latency and availability plus model-quality SLIs (PSI on top features, score distribution, delayed-label precision). Alerts route to the owning team with a runbook; shadow model and one-click rollback to the previous registry version.",
    4: "Walked through a real incident: a schema change upstream silently nulled a feature; they added contract tests at ingestion and a canary on feature freshness, and ran a blameless review whose actions were tracked to closure. Proactive detection, not just dashboards.",
  },
  governance_risk: {
    1: "Said compliance 'slows everything down' and that the legal team handles it; no idea what a model risk tier is.",
    2: "Aware of model cards and approvals, but applied the same heavyweight review to every model; could not say what evidence an auditor would ask for.",
    3: "Tiered controls: low-risk models ship with automated checks; high-risk (credit, fraud blocks) need a second reviewer, bias testing and a signed model card. Audit trail from data snapshot to deployed version.",
    4: "Policy-as-code in the pipeline (OPA rules on model metadata), evidence collected continuously so audits are a query not a project. Talked about right-sizing: a tier-1 model goes live in a day, tier-3 in two weeks, and why that is acceptable.",
  },
  communication: {
    1: "Answers rambled and did not land; I had to ask three times what the final design was. Jargon-heavy when I role-played the product manager.",
    2: "Technically correct but hard to follow; no structure, jumped between layers. Summarised the trade-off only when asked.",
    3: "Structured: requirements, then a diagram, then trade-offs, then risks. Checked in with me at each step and summarised decisions clearly.",
    4: "Switched register convincingly between the CFO question (cost and risk in plain terms) and the engineering deep-dive; used the whiteboard to make a hard trade-off obvious. Very persuasive without overselling.",
  },
  leadership_enablement: {
    1: "Every example was about their own code; no sign of mentoring or working across teams. Described a disagreement with another team as 'they were wrong'.",
    2: "Has reviewed others' designs but no examples of standards that others adopted; influence mostly through authority.",
    3: "Mentored two engineers into tech-lead roles, ran design reviews for the ML platform, unblocked a data team by pairing on their pipeline. Good examples of enabling rather than doing.",
    4: "Started an ML guild of 40 people across five teams, wrote the reference architecture others now extend, and measured adoption. Clear playbook for scaling standards through enablement rather than mandates.",
  },
};

export const DEMO_SUMMARIES: Record<string, string> = {
  strong_hire: "Outstanding on architecture and operations; clearly has owned production ML at scale and can bring other teams along. I would be glad to have them set our platform direction.",
  hire: "Solid across the board with real production experience. Some gaps in governance depth, but nothing that worries me for a lead role.",
  no_hire: "Thoughtful in places but the operational depth is not there for a lead role; monitoring and rollback were afterthoughts.",
  strong_no_hire: "Significant gaps in production experience and a dismissive attitude to security and compliance. Not a fit for this role.",
};
