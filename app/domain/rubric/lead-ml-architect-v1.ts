/**
 * Rubric v1 for the Lead Machine Learning Architect loop, as typed data.
 *
 * Grounded in the role description's hiring criteria, the AI/ML architecture skill guide, the
 * architect career path's interview questions, the "common mistakes" article and the ML
 * failure-mode guide (see /work/shared/reference). Every sentence is written in our own words:
 * the facts come from the sources, the phrasing does not.
 */
import type { RubricContent } from "./model";

export const LEAD_ML_ARCHITECT_V1: RubricContent = {
  name: "Lead ML Architect",
  roleTitle: "Lead Machine Learning Architect",
  summary:
    "This loop tests whether a candidate can own machine learning in production across an organisation, not " +
    "just train good models. Panelists look for someone who designs whole systems from data to served " +
    "prediction, automates the model lifecycle, runs it on secure and cost-conscious infrastructure, keeps it " +
    "observable and recoverable when it fails, sizes governance to the risk of each model, and brings other " +
    "teams along through clear explanation, mentoring and standards they choose to adopt. Four practical " +
    "exercises (architecture case, MLOps pipeline, incident drill, tooling decision) each cover several of the " +
    "seven dimensions, so every dimension is seen by at least two interviewers.",

  dimensions: [
    {
      key: "ml_system_architecture",
      name: "ML system architecture",
      description:
        "Designs a production ML system end to end (ingestion, features, training, serving, monitoring and the " +
        "feedback loop) with well-defined contracts between parts and explicit non-functional requirements.",
      anchors: {
        belowBar:
          "Talks mostly about the algorithm; the data flow, serving path and component boundaries stay vague, and " +
          "latency, availability or scale targets never come up. Commits to one design without saying what it costs.",
        meetsBar:
          "Sketches a consistent path from raw data to served prediction and back as feedback, names the contract " +
          "between each component, and pins down latency, throughput and availability targets before picking patterns.",
        exceeds:
          "Points out unprompted where the design will break (skew, leakage, upstream schema changes, traffic " +
          "spikes) and puts two or more workable designs side by side with a reasoned choice between them.",
      },
      weight: 20,
    },
    {
      key: "mlops_lifecycle",
      name: "MLOps and lifecycle",
      description:
        "Automates the model lifecycle: repeatable training runs, an artifact and model registry, CI/CD with " +
        "quality gates, promotion between environments and staged release.",
      anchors: {
        belowBar:
          "Describes hand-offs from notebooks or manual release steps; cannot say how last quarter's model would be " +
          "rebuilt, which data trained it, or how a bad version is pulled back.",
        meetsBar:
          "Rebuilds any model from versioned code, data and config, records lineage in a registry, blocks promotion " +
          "on automated tests, and releases in stages with a rehearsed way back.",
        exceeds:
          "Has shipped a paved-road pipeline that other teams took up, can say how that uptake was driven and " +
          "measured, and turns approval and documentation rules into automatic pipeline checks.",
      },
      weight: 16,
    },
    {
      key: "cloud_platform",
      name: "Cloud/platform engineering",
      description:
        "Chooses cloud and Kubernetes infrastructure for training and inference that is secure, grows with demand " +
        "and keeps spend under control.",
      anchors: {
        belowBar:
          "Lists services or tools with no reasoning about isolation, access control, scaling behaviour or cost, and " +
          "has no answer for how training spend is bounded.",
        meetsBar:
          "Justifies infrastructure choices in terms of least-privilege access, secrets and network isolation, how " +
          "the system scales, and what GPUs, storage and always-on endpoints will cost.",
        exceeds:
          "Shows hands-on operating depth: capacity planning, which signals drive autoscaling and where that breaks " +
          "down, spot versus reserved capacity, quotas, and sharing one platform safely between many tenant teams.",
      },
      weight: 14,
    },
    {
      key: "observability_reliability",
      name: "Observability and reliability",
      description:
        "Keeps ML services healthy in production: service and model-level monitoring, SLOs, incident handling, " +
        "fallbacks and rollback.",
      anchors: {
        belowBar:
          "Monitoring stops at CPU, error rate and latency, or is bolted on at the end; cannot walk through a real " +
          "incident or explain how they would notice a model quietly getting worse.",
        meetsBar:
          "Sets SLOs and alerts that cover both the service and the model (input quality, drift, prediction quality) " +
          "and walks through a sensible detect, triage, mitigate and roll back sequence.",
        exceeds:
          "Designs detection that fires before customers or the business notice, builds in fallbacks and circuit " +
          "breakers, and cites post-incident reviews that changed how teams build afterwards.",
      },
      weight: 16,
    },
    {
      key: "governance_risk",
      name: "Governance and risk",
      description:
        "Right-sizes controls to model risk: risk tiers, validation and approval levels, documentation such as " +
        "model cards, audit evidence, and privacy and security obligations.",
      anchors: {
        belowBar:
          "Treats compliance, privacy or security as another team's job, or proposes either no controls at all or the " +
          "same heavyweight process for every model whatever its risk.",
        meetsBar:
          "Scales controls to each model's risk tier, knows which documents and sign-offs each tier needs, and can " +
          "explain how an auditor would trace a prediction back to its data, code and approval.",
        exceeds:
          "Expresses governance rules as automated policy checks in the pipeline and gathers audit evidence as a " +
          "by-product of delivery, so compliance adds little friction for teams.",
      },
      weight: 12,
    },
    {
      key: "communication",
      name: "Communication",
      description:
        "Explains technical reasoning clearly and in a structured way to engineers, data scientists, product " +
        "managers and executives.",
      anchors: {
        belowBar:
          "Answers wander or jump straight to tool names; trade-offs stay implicit, and the candidate retreats to " +
          '"it depends" without offering a way to decide.',
        meetsBar:
          "Clarifies requirements first, structures the answer (often with a diagram), says trade-offs out loud and " +
          "checks the listener is following; the reasoning is easy to reconstruct afterwards.",
        exceeds:
          "Reframes the same decision for each audience, such as model metrics as business impact for product or as " +
          "design constraints for security, and wins people over with evidence rather than authority.",
      },
      weight: 10,
    },
    {
      key: "leadership_enablement",
      name: "Leadership and enablement",
      description:
        "Raises the bar across teams the candidate does not manage: mentoring, unblocking, setting standards and " +
        "getting them adopted.",
      anchors: {
        belowBar:
          "Leads by mandate or personal heroics; examples are standards pushed onto teams, or nothing beyond their " +
          "own individual delivery.",
        meetsBar:
          "Gives concrete stories of coaching engineers and getting teams unstuck through design reviews, templates " +
          "or hands-on pairing.",
        exceeds:
          "Has grown a community of practice or paved roads that carried standards across an organisation, with " +
          "evidence that teams opted in and needed fewer escalations over time.",
      },
      weight: 12,
    },
  ],

  exercises: [
    {
      key: "architecture_case_study",
      title: "Architecture case study",
      durationMinutes: 90,
      prompt:
        "You are the architect for a new fraud detection system at a payments company (alternatively: a " +
        "personalisation system for a consumer app). Some decisions must be made in milliseconds while a " +
        "transaction or page request waits; others can be computed in scheduled batch jobs. Design the system end " +
        "to end, from the data it learns from to how predictions reach the product and how you will know it is " +
        "working. Start with the questions you would ask, then draw the architecture and talk us through the " +
        "choices you made and the ones you rejected.",
      focusPoints: [
        { key: "trade_offs", label: "States trade-offs explicitly" },
        { key: "data_feature_design", label: "Data and feature design" },
        { key: "serving_patterns", label: "Serving patterns (batch and real-time)" },
        { key: "monitoring", label: "Monitoring of service and model" },
        { key: "security_privacy", label: "Security and privacy" },
        { key: "rollout_strategy", label: "Rollout strategy" },
        { key: "cost", label: "Cost awareness" },
      ],
      probeQuestions: [
        "The real-time path must handle 10,000 requests per second: what is your latency budget per hop, and where do caching and horizontal scaling come in?",
        "Which predictions would you compute in batch and which online? What do you give up in freshness, cost and model complexity with each?",
        "How do you make sure the features used at serving time match the ones the model was trained on, including point-in-time correctness?",
        "The primary model is slow or down during a traffic spike. What does the caller get, and what switches it to a fallback?",
        "Would you serve this as one service or split it into several? What pushes you one way or the other?",
        "This system processes personal data. How do you meet privacy obligations such as GDPR, and who can access what?",
        "How would you release a new model version into this system without risking every transaction at once?",
        "Inference cost has doubled with traffic. How would you bring it down without breaking the latency target?",
      ],
      dimensionKeys: [
        "ml_system_architecture",
        "cloud_platform",
        "observability_reliability",
        "governance_risk",
        "communication",
      ],
    },
    {
      key: "mlops_pipeline_design",
      title: "MLOps pipeline design",
      durationMinutes: 60,
      prompt:
        "Several product teams currently train and ship models in their own ways. Propose one CI/CD pipeline that " +
        "takes a model from training through to production deployment. Models differ in risk: a content ranker is " +
        "low risk, a credit decision model is high risk, so the approvals each model needs should depend on its " +
        "tier. Walk us through the stages, the checks at each, and what happens when something goes wrong after " +
        "release.",
      focusPoints: [
        { key: "reproducibility", label: "Reproducible training runs" },
        { key: "lineage", label: "Lineage of data, code and artifacts" },
        { key: "testing_gates", label: "Automated testing gates" },
        { key: "promotion_workflow", label: "Promotion workflow between environments" },
        { key: "risk_tier_approvals", label: "Approvals scaled to risk tier" },
        { key: "rollback_plan", label: "Rollback plan" },
      ],
      probeQuestions: [
        "How do you version models in production, and what exactly happens when you need to roll one back?",
        "An auditor asks you to rebuild the model that made a decision six months ago. What do you need to have kept, and where?",
        "How does the training-data step validate inputs, cope with schema changes and process data incrementally?",
        "If you organise data in bronze, silver and gold layers, where do the quality gates sit and what do they check?",
        "Which checks block promotion automatically, and which need a human sign-off for a high-risk model? How do you keep low-risk models from waiting on the same approvals?",
        "What should trigger retraining: a schedule, a drop in measured performance, or something else?",
        "Describe how you would release a new model version with a canary or shadow stage. What metrics decide whether it proceeds?",
        "Teams already have scripts that work for them. How do you get them onto this pipeline?",
      ],
      dimensionKeys: [
        "mlops_lifecycle",
        "governance_risk",
        "observability_reliability",
        "communication",
        "leadership_enablement",
      ],
    },
    {
      key: "incident_scenario_drill",
      title: "Incident scenario drill",
      durationMinutes: 45,
      prompt:
        "It is Monday morning and the product team reports that conversion has fallen noticeably over the past " +
        "week; early evidence points to the recommendation model having drifted. You are the most senior technical " +
        "person on the incident. Take us through how you confirm what is happening, contain the damage, keep " +
        "people informed, and make sure it does not happen again.",
      focusPoints: [
        { key: "detection", label: "Detection and observability signals" },
        { key: "triage", label: "Structured triage (data, model, infrastructure)" },
        { key: "mitigation", label: "Mitigation and rollback choice" },
        { key: "operational_discipline", label: "Operational discipline" },
        { key: "stakeholder_comms", label: "Stakeholder communication" },
        { key: "prevention", label: "Prevention and post-incident learning" },
      ],
      probeQuestions: [
        "Which metrics should have caught this drift before the product team did, and how would you set the alert thresholds?",
        "Accuracy has dropped in production but looked fine offline. Walk through how you would separate a data problem, a model problem and an infrastructure problem.",
        "How would you check whether the features served in production still match training, both in distribution and in how they are computed?",
        "Variant: right after a deploy, p99 latency doubles. What do you look at first, and at what point do you roll back?",
        "What are your options to stop the bleeding (roll back, fall back to a simpler model or rules, retrain), and how do you choose?",
        "Who do you update during the incident, what do you tell them, and how often?",
        "What goes into the post-incident review, and what would you change so this cannot recur quietly?",
        "Tell us about a production regression you personally handled. What went wrong and what did you change afterwards?",
      ],
      dimensionKeys: ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"],
    },
    {
      key: "tooling_evaluation",
      title: "Tooling evaluation discussion",
      durationMinutes: 45,
      prompt:
        "We need a feature store and a model monitoring capability, and we are deciding whether to build them " +
        "ourselves or adopt a vendor or open-source product. Tell us how you would run that decision: the criteria " +
        "you would score options on, how you would test them, and who you would involve. Then outline how existing " +
        "teams would move onto whatever is chosen.",
      focusPoints: [
        { key: "evaluation_criteria", label: "Clear, weighted evaluation criteria" },
        { key: "total_cost_of_ownership", label: "Total cost of ownership" },
        { key: "integration_migration", label: "Integration and migration plan" },
        { key: "lock_in_risk", label: "Vendor lock-in and exit risk" },
        { key: "team_capability", label: "Team expertise and maintenance burden" },
        { key: "decision_transparency", label: "Transparent, documented decision" },
      ],
      probeQuestions: [
        "How do you weigh building against buying for ML infrastructure? What do team expertise, upkeep, lock-in and total cost each contribute?",
        "What makes you choose a managed cloud ML service over running your own stack on Kubernetes, or the reverse?",
        "What must the feature store provide across offline and online use: freshness, point-in-time correctness, consistency?",
        "What should a model monitoring tool cover for us (model metrics, data quality, alert thresholds, links into incident response)?",
        "How would you design a proof of concept that compares options fairly and that teams with strong preferences will accept?",
        "How do you move existing teams onto the chosen tool without a big-bang cutover, and how do you measure adoption?",
        "If the vendor is acquired or triples its price in two years, what is your exit plan?",
      ],
      dimensionKeys: [
        "cloud_platform",
        "mlops_lifecycle",
        "ml_system_architecture",
        "communication",
        "leadership_enablement",
      ],
    },
  ],

  redFlags: [
    {
      key: "dismisses_security_compliance",
      label: "Treats security, privacy or compliance as someone else's job",
      description:
        "Waves away data protection, access control or regulatory questions, or leaves them out of the design entirely.",
      severity: "dealbreaker",
    },
    {
      key: "no_incident_experience",
      label: "Has never handled a production incident or regression",
      description:
        "Cannot describe a real production failure they worked on, or the account stays generic with no personal actions or lessons.",
      severity: "dealbreaker",
    },
    {
      key: "unrealistic_promises",
      label: "Promises outcomes that cannot be true",
      description:
        "Claims things like perfect accuracy, models that never drift, or that governance will not be needed.",
      severity: "dealbreaker",
    },
    {
      key: "training_inference_confusion",
      label: "Cannot distinguish training from inference pipelines",
      description:
        "Blurs how training and serving differ in workload, scaling and latency needs, which is basic for this level.",
      severity: "dealbreaker",
    },
    {
      key: "opinions_without_reasoning",
      label: "Strong opinions, weak reasoning, no appetite to document",
      description:
        "Asserts positions without evidence and resists writing decisions down or taking them to the people affected.",
      severity: "concern",
    },
    {
      key: "relies_on_heroics",
      label: "Designs depend on heroics and manual steps",
      description:
        "The proposal only works if a few experts run steps by hand, so it would not carry over to many teams.",
      severity: "concern",
    },
    {
      key: "monitoring_governance_skipped",
      label: "Leaves monitoring and auditability out of the design",
      description:
        "Ships the model without planning for drift, bias or an audit trail, so decay would go unnoticed in production.",
      severity: "concern",
    },
    {
      key: "single_vendor_dependence",
      label: "Leans on one cloud service without knowing the alternatives",
      description:
        "Reaches for a single managed product by default and cannot discuss what sits underneath it or what cheaper options exist.",
      severity: "concern",
    },
    {
      key: "over_engineering",
      label: "Over-engineers before value is proven",
      description:
        "Proposes a complex platform for a simple or unproven problem instead of the smallest design that would work.",
      severity: "concern",
    },
    {
      key: "accuracy_only_focus",
      label: "Optimises accuracy and ignores latency, scale and reliability",
      description:
        "Judges the system almost entirely by model metrics and rarely mentions response time, throughput or uptime.",
      severity: "concern",
    },
    {
      key: "ignores_failure_paths",
      label: "Ignores edge cases, missing data and fallbacks",
      description:
        "Only the happy path is designed; there is no answer for absent inputs, dependency failures or a degraded model.",
      severity: "concern",
    },
    {
      key: "works_in_isolation",
      label: "Builds ML in isolation from other teams",
      description:
        "Plans without involving data, platform, product or security partners, storing up integration problems for later.",
      severity: "concern",
    },
    {
      key: "ignores_cost",
      label: "Does not consider cost",
      description:
        "Never raises the price of compute, storage or inference, even when choosing between options that differ widely.",
      severity: "concern",
    },
  ],

  signals: [
    {
      key: "owned_production_platforms",
      label: "Has owned ML platforms or services in production at real scale",
      kind: "strong",
    },
    {
      key: "decisions_with_measured_outcomes",
      label: "Justifies design choices with measured results (reliability, cost, speed)",
      kind: "strong",
    },
    {
      key: "knows_ml_failure_modes",
      label: "Fluent in ML-specific failures: serving skew, drift, leakage, upstream changes",
      kind: "strong",
    },
    {
      key: "built_golden_paths",
      label: "Built or standardised paved roads and got teams to adopt them",
      kind: "strong",
    },
    {
      key: "balanced_governance",
      label: "Keeps governance proportionate without hurting developer experience",
      kind: "strong",
    },
    {
      key: "clear_for_all_audiences",
      label: "Explains clearly to both technical and business audiences",
      kind: "strong",
    },
    {
      key: "model_centric_only",
      label: "Strong on modelling, thin on production architecture and operations",
      kind: "weak",
    },
    {
      key: "monitoring_afterthought",
      label: "Adds monitoring late or watches only generic service metrics",
      kind: "weak",
    },
    {
      key: "tool_over_principle",
      label: "Attached to one tool or vendor; cannot state principles or trade-offs",
      kind: "weak",
    },
    {
      key: "vague_on_lifecycle",
      label: "Vague on reproducibility, lineage and model promotion",
      kind: "weak",
    },
    {
      key: "avoids_decisions",
      label: 'Says "it depends" and stops, with no structured way to decide',
      kind: "weak",
    },
  ],
};
