/**
 * Rubric v2 for the Lead Machine Learning Architect loop, as typed data (content format 2).
 *
 * Same sources as v1 (the role description's hiring criteria first, then its responsibilities,
 * skills and failure modes, and the skill guides in /work/shared/reference), written in our own
 * words. What v2 adds is what keeps raters consistent: an anchor for every scale point that says
 * what the candidate does in the exercise, sample answers at 2, 3 and 4, tagged probes with what to
 * listen for, timed phases, a scripted incident drill, context cards, level guidance and a
 * decision rule. Leadership is scored where it can be seen: a role-play and behavioural session,
 * and the tooling decision; not the incident drill.
 *
 * Principle behind the 2 anchors: the most common middle case is a candidate who gets to the
 * meets-bar answer only after the interviewer prompts for the missing piece. That is a 2.
 */
import { structuredContent } from "./model";

export const LEAD_ML_ARCHITECT_V2 = structuredContent({
  format: 2,
  name: "Lead ML Architect",
  roleTitle: "Lead Machine Learning Architect",
  summary:
    "Version 2 of the loop. It asks whether a candidate can own machine learning in production across an " +
    "organisation and lead other teams there without managing them. Five sessions: the architecture case, the " +
    "MLOps pipeline design, the incident drill and the tooling decision, plus a session on influence and " +
    "leadership with a role-play. Each session has timed phases, a short list of core probes tagged with the " +
    "dimensions they inform, and a context card; the drill runs to a script of timed reveals. Every dimension " +
    "has an anchor for each point of the scale, sample answers at 2, 3 and 4, and what separates Lead from " +
    "Staff and above, and core probes reach it in at least two sessions. Communication and leadership carry 30 % " +
    "of the weight because the role leads through influence. The decision rule puts dealbreakers and must-have " +
    "dimensions rated below the bar ahead of the composite score.",

  dimensions: [
    {
      key: "ml_system_architecture",
      name: "ML system architecture",
      description:
        "Designs a production ML system from the data it learns from to the prediction the product uses and the " +
        "feedback that comes back, with clear contracts between the parts and stated non-functional targets.",
      scale: {
        1:
          "Talks about algorithms and model choice; cannot draw the path from raw events to a served prediction, " +
          "or draws parts with no inputs, outputs or owners. May propose a large platform where a simple design " +
          "would do.",
        2:
          "Gets to a workable end-to-end sketch only after the interviewer asks for the missing pieces (the online " +
          "path, the feedback loop, latency targets, what happens when an input is missing); choices come without " +
          "their cost.",
        3:
          "Asks for volume and latency needs before drawing, then lays out ingestion, features, training, serving " +
          "and feedback with the contract between each, and says for each prediction why it is batch or online and " +
          "what that gives up.",
        4:
          "Also says, unprompted, where the design will break (features computed differently offline and online, " +
          "leakage, a renamed upstream field, a traffic spike) and puts two workable designs side by side before " +
          "choosing one for stated reasons.",
      },
      calibration: {
        exerciseKey: "architecture_case_study",
        probeKey: "arch_serving_path",
        answers: {
          2:
            '"Everything goes through one real-time API backed by a feature store." Asked for a budget per step, ' +
            "gives one overall figure; has no view on which scores could be computed ahead of time.",
          3:
            "Splits the 80 ms between feature lookup, model call, business rules and network. Merchant risk is " +
            "computed nightly, card velocity in the stream; notes the nightly scores can be a day old.",
          4:
            "As the 3, and insists the velocity features come from one piece of code for training and serving, " +
            "adds a rules-only answer when the model times out, and compares one scoring service with two by cost " +
            "and by how much breaks when one fails.",
        },
      },
      levels: {
        belowLead: "Designs one system well once the requirements are handed over; needs help to set the targets.",
        lead: "Frames the requirements and designs a whole system alone, with trade-offs other engineers can follow.",
        staffPlus:
          "Reasons across several systems at once: shared patterns, what becomes platform, and how the design ages " +
          "over the next few years.",
      },
      weight: 18,
    },
    {
      key: "mlops_lifecycle",
      name: "MLOps and lifecycle",
      description:
        "Automates the model lifecycle: runs that can be rebuilt, lineage and a model registry, CI/CD with quality " +
        "gates, promotion between environments, staged release and a way back.",
      scale: {
        1:
          "Describes copying notebooks or running release steps by hand; has no answer for rebuilding an old model " +
          "or undoing a bad release.",
        2:
          "Names a registry and a pipeline, but the interviewer has to point out the gaps: which data version " +
          "trained the model, which tests block promotion, how a release is rolled back.",
        3:
          "Walks through a pipeline where code, data snapshot and config are versioned together, lineage lands in " +
          "the registry, automated tests gate each promotion, and releases go out in stages with a rollback step " +
          "that has been rehearsed.",
        4:
          "Also treats the pipeline as a paved road: says how teams would move onto it and how uptake would be " +
          "measured, and turns approval and documentation rules into checks the pipeline runs by itself.",
      },
      calibration: {
        exerciseKey: "mlops_pipeline_design",
        probeKey: "mlops_rebuild",
        answers: {
          2:
            '"Every model is kept in the registry." Asked which data trained it, says the data lake has it; cannot ' +
            "name the snapshot or the feature code.",
          3:
            "The registry entry links the commit, the dataset snapshot id, the config and the container digest; a " +
            "rebuild re-runs the pipeline at those versions and compares metrics within a tolerance.",
          4:
            "As the 3, and the pipeline refuses to register a model without those links, the auditor's evidence " +
            "is collected automatically, and how long snapshots are kept depends on the risk tier.",
        },
      },
      levels: {
        belowLead: "Uses a pipeline others built; improves one team's release process.",
        lead: "Designs the shared pipeline and its gates for several teams and gets them onto it.",
        staffPlus:
          "Runs the lifecycle as a product for the whole organisation: a roadmap, adoption targets, and rules the " +
          "platform enforces.",
      },
      weight: 16,
    },
    {
      key: "cloud_platform",
      name: "Cloud/platform engineering",
      description:
        "Chooses infrastructure for training and inference (cloud services, Kubernetes) that is secure, grows with " +
        "demand and keeps spend bounded.",
      scale: {
        1: "Lists services with no reasoning about access, isolation, scaling or price; cost never comes up.",
        2:
          "Makes sensible picks but covers security or cost only when asked, and cannot say what drives scaling or " +
          "how training spend is capped.",
        3:
          "Explains each choice by least-privilege access, secrets and network isolation, how it behaves under " +
          "load, and a rough cost of GPUs, storage and endpoints that are always on.",
        4:
          "Adds operating depth: capacity planning, which signal drives autoscaling and where that fails, spot " +
          "versus reserved capacity, quotas per team, and sharing one platform safely between many teams.",
      },
      calibration: {
        exerciseKey: "tooling_evaluation",
        probeKey: "tool_criteria",
        answers: {
          2:
            '"Buy, managed is always cheaper." Cannot say what drives the bill or what the platform team would ' +
            "still have to run.",
          3:
            "Compares licence and usage fees with the engineer time to run the open-source option on the existing " +
            "cluster, checks the data stays in the company's cloud account, and prices both at today's volume and " +
            "at twice that.",
          4:
            "As the 3, and works out how the online store copes with the 5,000 lookups a second (memory, hot keys, " +
            "replicas), how many teams can share one deployment safely, and what leaving would cost.",
        },
      },
      levels: {
        belowLead: "Sound choices for one service; cost and isolation need a reviewer.",
        lead: "Sets the infrastructure patterns several teams deploy on, with cost and security built in.",
        staffPlus:
          "Shapes capacity and spend for the organisation: multi-tenant design, quotas, commitments with the " +
          "cloud provider.",
      },
      weight: 10,
    },
    {
      key: "observability_reliability",
      name: "Observability and reliability",
      description:
        "Keeps ML services healthy in production: monitoring of the service and of the model, SLOs, incident " +
        "handling, fallbacks, rollback, and learning after incidents.",
      scale: {
        1:
          "Watches only CPU, errors and latency, or adds monitoring at the end; in the drill, guesses a cause and " +
          "jumps to a fix without checking it.",
        2:
          "Reaches model-level monitoring (inputs, drift, prediction quality) or a rollback only after a prompt; " +
          "triage is a list of places to look rather than an order set by what each check rules out.",
        3:
          "Sets SLOs and alerts for both service and model; in the drill, works from impact to cause in a clear " +
          "order (service, inputs, model, recent changes), mitigates before the cause is known, and names the " +
          "rollback or fallback.",
        4:
          "Also designs detection that would have fired before the product team noticed (data contracts, checks on " +
          "served features, alerts that reach whoever is on call), and turns the incident into changes other teams " +
          "gain from.",
      },
      calibration: {
        exerciseKey: "incident_scenario_drill",
        probeKey: "drill_first_look",
        answers: {
          2:
            '"I would retrain the model on recent data." Asked what to check first, lists dashboards with no order ' +
            "and no hypothesis.",
          3:
            "Confirms the drop against last month, checks service health, then input and score distributions by " +
            "segment and last week's changes; proposes the previous model while the cause is unknown.",
          4:
            "As the 3, and asks early for a cut by app version and traffic source, asks why no alert fired, and " +
            "warns that retraining on last week's data could teach the model the fault.",
        },
      },
      levels: {
        belowLead: "Handles incidents on their own service with a runbook; monitoring is mostly service metrics.",
        lead: "Sets monitoring and incident standards for ML services across teams and leads an ML incident end to end.",
        staffPlus:
          "Shapes reliability for every ML service: shared detection, error budgets that move priorities, and " +
          "review habits other teams copy.",
      },
      weight: 14,
    },
    {
      key: "governance_risk",
      name: "Governance and risk",
      description:
        "Sizes controls to each model's risk: risk tiers, validation and sign-off, documentation such as model " +
        "cards, audit evidence, privacy and security, and where models, images and packages come from.",
      scale: {
        1:
          "Treats privacy, security or compliance as another team's business, or proposes the same heavy process " +
          "for every model, or none at all.",
        2:
          "Brings up controls when asked, but they are generic: one approval step for every model, or documents " +
          "nobody would keep current.",
        3:
          "Assigns controls by risk tier (what a low-risk ranker needs against a credit model), names the documents " +
          "and sign-offs for each tier, and can trace a prediction to its data, code and approval for an auditor.",
        4:
          "Also makes the rules run as automated checks in the pipeline, collects audit evidence as a side effect " +
          "of shipping, and checks the origin of weights, images and packages before they ship.",
      },
      calibration: {
        exerciseKey: "mlops_pipeline_design",
        probeKey: "mlops_tier_gates",
        answers: {
          2: '"Every model goes to the review board." Cannot say how a low-risk ranker avoids waiting for weeks.',
          3:
            "Low tier: automated tests and a peer approval. High tier: independent validation, a fairness check, a " +
            "model card and sign-off by a named risk owner. The tier is set when the model is registered.",
          4:
            "As the 3, and the tier rules are policy code the pipeline evaluates, the evidence pack is built for " +
            "each release without manual work, and exceptions are logged with an expiry date.",
        },
      },
      levels: {
        belowLead: "Follows the controls in place; sees governance mostly as paperwork.",
        lead: "Designs tiered controls for the ML lifecycle that teams accept because they are proportionate.",
        staffPlus:
          "Sets the organisation's approach to model risk with legal and risk partners and automates the evidence " +
          "for every model.",
      },
      weight: 12,
    },
    {
      key: "communication",
      name: "Communication",
      description:
        "Makes technical reasoning clear and structured, and adapts it for engineers, data scientists, product, " +
        "risk and executives.",
      scale: {
        1: "Answers wander or start with tool names; the interviewer cannot tell what was decided or why.",
        2:
          "Understandable when the interviewer steers, but trade-offs stay implicit, or the answer stops at " +
          '"it depends" with no way to decide.',
        3:
          "Asks clarifying questions first, gives the answer a structure (often a diagram), says trade-offs and " +
          "decisions out loud, and checks the listener is following.",
        4:
          "Also reframes one decision for each audience, whether technical or not (business impact for product, " +
          "remaining risk for compliance), and moves people with evidence rather than rank.",
      },
      calibration: {
        exerciseKey: "incident_scenario_drill",
        probeKey: "drill_vp_update",
        answers: {
          2:
            "Gives the VP a technical account of drift charts and says the team is still looking, with no " +
            "recommendation and no time for the next update.",
          3:
            "Tells the VP what is affected and by how much, that recommendations stay on with the previous model " +
            "while the cause is confirmed, and when the next update will come.",
          4:
            "As the 3, and puts the choice in business terms (switching off loses more conversion than the fault " +
            "does), names the decision needed from the VP, and posts the same note in the incident channel.",
        },
      },
      levels: {
        belowLead: "Clear with engineers; needs help to present to business or risk audiences.",
        lead: "Explains designs and incidents clearly to everyone a decision involves.",
        staffPlus: "Shapes decisions at executive level and writes the documents other architects take as models.",
      },
      weight: 14,
    },
    {
      key: "leadership_enablement",
      name: "Leadership and enablement",
      description:
        "Raises the bar across teams the candidate does not manage: coaching, unblocking, setting standards and " +
        "getting them adopted by agreement.",
      scale: {
        1:
          "In the role-play, insists on the standard or escalates; plans without the teams affected. Own examples " +
          "describe work done alone or standards imposed.",
        2:
          "Listens in the role-play but offers no path the other team could accept; own examples stay in " +
          '"we" terms with no clear personal actions or results.',
        3:
          "Asks what the other team needs before proposing, offers a concrete route (move one model together, fold " +
          "their good parts into the standard), and in own examples names what they did and how uptake showed.",
        4:
          "Also builds in how adoption will be measured and kept going (a community of practice, templates, office " +
          "hours), and own examples show teams joining by choice and escalations falling.",
      },
      calibration: {
        exerciseKey: "influence_leadership_session",
        probeKey: "lead_pushback",
        answers: {
          2:
            '"The architecture board agreed the standard, so it applies to your team too." Offers to look at ' +
            "exceptions later.",
          3:
            "Asks what slows the team down today, offers to move one model together first, and agrees to measure " +
            "lead time before and after so the team can judge the cost for itself.",
          4:
            "As the 3, and invites the tech lead to own the part of the standard their scripts do better, and " +
            "proposes they present the result to other teams at the next practice meeting.",
        },
      },
      levels: {
        belowLead: "Mentors people on their own team.",
        lead: "Leads standards and design forums across several teams and gets them adopted without authority.",
        staffPlus:
          "Builds the ways practice spreads across the organisation (communities, career paths, the hiring bar) " +
          "and grows other leads.",
      },
      weight: 16,
    },
  ],

  exercises: [
    {
      key: "architecture_case_study",
      title: "Architecture case study",
      durationMinutes: 90,
      prompt:
        "You are the architect for fraud detection at a payments company (or, if the panel prefers, for " +
        "personalisation in a consumer app). Some decisions must be made while a card payment waits; others can be " +
        "worked out in scheduled jobs. Design the system end to end: the data it learns from, how features are " +
        "built, how models are trained and served, how predictions reach the product, and how you will know it " +
        "works. The context card has the facts; ask for anything else. Draw as you go and tell us which options " +
        "you turned down.",
      context: {
        scale: "1,200 card payments a second on average, 4,000 at peak; a score is needed within 80 ms (p99).",
        labelDelay:
          "Confirmed fraud arrives as chargebacks 30 to 90 days after the payment; analysts label a few hundred " +
          "disputed cases a day within 48 hours.",
        team:
          "You lead the design with 4 ML engineers and 2 data engineers; a shared platform team runs the cluster; " +
          "40 fraud analysts work the flagged cases.",
        stack:
          "One public cloud, Kubernetes, Kafka for payment events, a data warehouse for history, no feature store.",
        budget: "About $40k a month for training and serving together; GPUs need a case.",
      },
      phases: [
        { key: "intro", label: "Introductions and context card", minutes: 5 },
        { key: "requirements", label: "Requirements and scale", minutes: 10 },
        { key: "design", label: "End-to-end design", minutes: 30 },
        { key: "deep_dives", label: "Deep dives (core probes)", minutes: 25 },
        { key: "evaluation_release", label: "Evaluation, release and cost", minutes: 12 },
        { key: "candidate_questions", label: "Candidate's questions", minutes: 8, candidateQuestions: true },
      ],
      probes: [
        {
          key: "arch_requirements",
          question: "Before you draw: what do you need to know, and which of these numbers will shape the design most?",
          dimensionKeys: ["ml_system_architecture", "communication"],
          lookFor:
            "Asks about latency, volume, when labels arrive, the cost of missed fraud against a blocked good " +
            "customer, and who uses the score; repeats the targets back before designing.",
          core: true,
        },
        {
          key: "arch_serving_path",
          question:
            "Walk us through the real-time path at peak: the time budget per step, what you compute ahead in batch, " +
            "and how the scoring service scales.",
          dimensionKeys: ["ml_system_architecture", "cloud_platform"],
          lookFor:
            "A budget per step inside 80 ms; slow-moving features precomputed, fast ones from the stream; one " +
            "feature definition for training and serving with point-in-time correct history; autoscaling on a " +
            "signal that moves before load does; a fallback when the model is slow.",
          core: true,
        },
        {
          key: "arch_evaluation_release",
          question:
            "Fraud labels arrive weeks late. How do you decide a new model is better, and how does it reach all " +
            "traffic?",
          dimensionKeys: ["observability_reliability", "ml_system_architecture"],
          lookFor:
            "An offline metric tied to the cost of errors (for example precision at the analysts' review capacity) " +
            "kept apart from online measures (approval rate, analyst workload, early proxies for chargebacks); " +
            "monitoring of inputs, scores and analyst outcomes from the first day; shadow scoring, then a champion " +
            "and challenger split with a holdout; rollback triggered by the SLO and " +
            "business guardrails; says the final verdict waits for the labels.",
          core: true,
        },
        {
          key: "arch_data_protection",
          question:
            "The system holds card and personal data. Who may reach what, and what must an auditor be able to see?",
          dimensionKeys: ["governance_risk", "cloud_platform"],
          lookFor:
            "Tokenised card numbers, a least-privilege role per component, secrets in a manager, encryption, " +
            "separate environments, retention limits, logged access, only the features needed; decisions that can " +
            "be explained in a dispute.",
          core: true,
        },
        {
          key: "arch_spike_fallback",
          question:
            "During a sales peak the model service slows down. What does the payment flow get, and what switches it?",
          dimensionKeys: ["observability_reliability", "ml_system_architecture"],
          lookFor:
            "A circuit breaker on latency; a rules or lighter-model fallback; an agreed default decision per risk " +
            "band; alerts and an SLO that watch how often the fallback is used.",
          core: false,
        },
        {
          key: "arch_cost_cut",
          question:
            "Finance asks for a third off the serving cost without missing the latency target. Where do you look?",
          dimensionKeys: ["cloud_platform"],
          lookFor:
            "Cost per thousand predictions as the measure; right-sizing and autoscaling limits; caching scores per " +
            "merchant; batching; a smaller or distilled model; CPU against GPU; reserved capacity for the base load.",
          core: false,
        },
        {
          key: "arch_genai_summaries",
          question:
            "Analysts ask for an LLM to write a case summary beside each flagged payment. What changes in the design?",
          dimensionKeys: ["ml_system_architecture", "governance_risk"],
          lookFor:
            "Retrieval from case data under the same access rules; no card data sent to an outside model without " +
            "agreement; prompt and model versions tracked; an evaluation set and human review of summaries; cost " +
            "and latency kept off the payment path.",
          core: false,
        },
      ],
      focusPoints: [],
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
        "Six product teams train and ship models each in their own way. Propose one CI/CD pipeline that takes a " +
        "model from training to production. Models differ in risk: a content ranker is low risk, a credit-limit " +
        "model is high risk and regulated, so the approvals a model needs should follow its risk tier. Walk us " +
        "through the stages, the checks at each, and what happens when a release goes wrong.",
      context: {
        scale: "About 40 models in production and 15 model releases a week across the teams.",
        team: "Six product teams; a platform team of 5 owns shared tooling; three teams release with their own scripts.",
        stack:
          "Git, containerised training jobs on Kubernetes, an experiment tracker, and a model registry that has no " +
          "approval step yet.",
      },
      phases: [
        { key: "intro", label: "Introductions and context card", minutes: 3 },
        { key: "proposal", label: "Pipeline proposal", minutes: 22 },
        { key: "deep_dives", label: "Deep dives (core probes)", minutes: 23 },
        { key: "adoption", label: "Adoption and wrap-up", minutes: 5 },
        { key: "candidate_questions", label: "Candidate's questions", minutes: 7, candidateQuestions: true },
      ],
      probes: [
        {
          key: "mlops_rebuild",
          question:
            "Six months from now an auditor asks you to rebuild the model behind one credit decision. What must the " +
            "pipeline have kept, and where?",
          dimensionKeys: ["mlops_lifecycle", "governance_risk"],
          lookFor:
            "Lineage: commit, data snapshot, feature definitions, config, environment image and metrics linked in the " +
            "registry; a re-run gives matching metrics within a tolerance; the decision log names the model version.",
          core: true,
        },
        {
          key: "mlops_tier_gates",
          question:
            "Which checks block promotion automatically, which need a person for a high-risk model, and how does a " +
            "low-risk model avoid waiting on the same approvals?",
          dimensionKeys: ["mlops_lifecycle", "governance_risk"],
          lookFor:
            "Data validation, unit and pipeline tests, evaluation against the live model and by slice, fairness " +
            "checks where they apply; human sign-off and a model card for the high tier only; the tier recorded at " +
            "registration; approvals stored as data the pipeline checks.",
          core: true,
        },
        {
          key: "mlops_release_rollback",
          question:
            "A new version passes every gate. How does it reach users, what decides whether it goes further, and how " +
            "do you undo it?",
          dimensionKeys: ["mlops_lifecycle", "observability_reliability"],
          lookFor:
            "Shadow or canary with named metrics and thresholds; an automatic halt; rollback by pointing serving at " +
            "the previous registry version, rehearsed; a plan for outcomes whose labels arrive late; what online " +
            "metric confirms the offline gain.",
          core: true,
        },
        {
          key: "mlops_supply_chain",
          question:
            "Teams pull pretrained weights, base images and Python packages from public sources. What does the " +
            "pipeline check before anything ships?",
          dimensionKeys: ["governance_risk", "mlops_lifecycle"],
          lookFor:
            "Pinned versions and digests, an internal mirror, vulnerability scanning, signed artifacts with their " +
            "provenance kept in the registry, caution with model formats that run code when loaded, a bill of " +
            "materials per model.",
          core: true,
        },
        {
          key: "mlops_adoption",
          question: "Three teams have scripts that work for them. How do you get them onto this pipeline?",
          dimensionKeys: ["mlops_lifecycle"],
          lookFor:
            "A paved road that is easier than the scripts; one team moved first; templates; the share of releases " +
            "on the pipeline measured; an escape hatch that records why it was used.",
          core: false,
        },
        {
          key: "mlops_llm_release",
          question:
            "One team ships an LLM feature built from a hosted model, prompts and a retrieval index. What changes in " +
            "your pipeline?",
          dimensionKeys: ["mlops_lifecycle", "governance_risk"],
          lookFor:
            "Prompts, index snapshot and model version all versioned; an evaluation harness with a fixed test set " +
            "and safety checks run as a gate; a change of the provider's model treated as a release; cost and " +
            "latency budgets.",
          core: false,
        },
      ],
      focusPoints: [],
      dimensionKeys: ["mlops_lifecycle", "governance_risk", "observability_reliability"],
    },
    {
      key: "incident_scenario_drill",
      title: "Incident scenario drill",
      durationMinutes: 45,
      prompt:
        "It is Monday morning. The product team reports that conversion from the home-page recommendations has " +
        "fallen by about 8 % over the past week, and nobody knows why yet. You are the most senior technical person " +
        "on the incident. Tell us what you do, in order. We will show you more as the clock runs, and we will " +
        "answer questions about anything you ask to see.",
      context: {
        scale:
          "About 2 million sessions a day; the ranking model is retrained weekly and was last deployed 3 weeks ago.",
        labelDelay: "Clicks and purchases arrive within the hour.",
        stack:
          "Features come from a feature store fed by app events; the model registry holds the two previous " +
          'versions; a "most popular items" fallback exists.',
      },
      phases: [
        { key: "brief", label: "Brief and context card", minutes: 3 },
        { key: "detect_triage_mitigate", label: "Detect, triage and mitigate (reveals)", minutes: 27 },
        { key: "prevent", label: "Prevent a recurrence: post-incident review", minutes: 8 },
        { key: "candidate_questions", label: "Candidate's questions", minutes: 7, candidateQuestions: true },
      ],
      reveals: [
        {
          key: "service_health",
          atMinute: 5,
          show:
            "Service dashboard: latency, error rate and traffic are normal; the ranking service has not been " +
            "deployed for three weeks.",
          listenFor:
            "Whether the candidate moves past service metrics to inputs and predictions, or calls the system healthy.",
        },
        {
          key: "vp_asks",
          atMinute: 10,
          show:
            'Message from the VP of Product in the incident channel: "Should we just switch recommendations off ' +
            'until this is fixed?"',
          listenFor:
            "A clear answer with its trade-off, a mitigation (previous model or fallback) and when the next update comes.",
        },
        {
          key: "drift_view",
          atMinute: 16,
          show:
            "Model monitoring: the input drift check flagged two features last Tuesday (session length, items " +
            "viewed), but its alert goes to a channel nobody watches. A marketing campaign and a new mobile app " +
            "version both started last Tuesday.",
          listenFor:
            "Separating a real change in users (the campaign) from a data fault (the app release): asks for a cut by " +
            "app version and by traffic source.",
        },
        {
          key: "segment_cut",
          atMinute: 23,
          show:
            "Cut by app version: nearly all of the drop is on the new app version, which now sends session length in " +
            "seconds instead of minutes. Campaign traffic converts as expected.",
          listenFor:
            "Recognises a mismatch between training and serving caused by an upstream change; fixes it at the source " +
            "or in the feature code, not by retraining on the broken week.",
        },
        {
          key: "recovered",
          atMinute: 31,
          show: "The feature is fixed and conversion is back to its usual level. The VP asks how this will not happen again.",
          listenFor:
            "A blameless review; a data contract with the app team; range checks on served features; drift alerts " +
            "routed to whoever is on call; a test for this case.",
        },
      ],
      probes: [
        {
          key: "drill_first_look",
          question: "Before we show you anything: what do you look at first, and in what order?",
          dimensionKeys: ["observability_reliability"],
          lookFor:
            "Confirms the drop and its size against a baseline; checks service health, then inputs, predictions and " +
            "recent changes, with a hypothesis for each check; sets up the incident (roles, channel, scribe).",
          core: true,
        },
        {
          key: "drill_vp_update",
          question: "Answer the VP's message. What do you do right now, and what do you tell them?",
          dimensionKeys: ["communication", "observability_reliability"],
          lookFor:
            "Keeps recommendations on with the previous model or the fallback rather than switching off; impact in " +
            "business terms; what is known and what is not; the time of the next update.",
          core: true,
        },
        {
          key: "drill_confirm_fix",
          question: "How do you confirm the cause and ship the fix safely?",
          dimensionKeys: ["mlops_lifecycle", "observability_reliability"],
          lookFor:
            "Compares served feature values with the training data by segment; fixes the unit at the source or in " +
            "the feature pipeline; does not retrain on the faulty week; releases through the usual gates with a " +
            "canary; checks that conversion recovers.",
          core: true,
        },
        {
          key: "drill_prevent",
          question:
            "What goes into the post-incident review, and what changes so the next one is caught before the product " +
            "team notices?",
          dimensionKeys: ["observability_reliability", "mlops_lifecycle"],
          lookFor:
            "A blameless timeline; why the drift alert reached nobody; a data contract and schema checks with the " +
            "app team; range checks on served features; an owner and a date for each action.",
          core: true,
        },
        {
          key: "drill_latency_variant",
          question:
            "If time allows: right after a deploy, p99 latency doubles. What do you check, and when do you roll back?",
          dimensionKeys: ["observability_reliability"],
          lookFor:
            "The deploy diff and resource metrics first; rolls back early when the SLO is at risk and investigates " +
            "afterwards; profiles the new model or a changed dependency.",
          core: false,
        },
        {
          key: "drill_own_regression",
          question:
            "Tell us about a production regression you handled yourself: what happened, what you did, what changed after.",
          dimensionKeys: ["observability_reliability"],
          lookFor: "Personal actions, a timeline and a lasting change, rather than a generic account.",
          core: false,
        },
      ],
      focusPoints: [],
      dimensionKeys: ["observability_reliability", "mlops_lifecycle", "communication"],
    },
    {
      key: "tooling_evaluation",
      title: "Tooling evaluation discussion",
      durationMinutes: 45,
      prompt:
        "We need a feature store and a model monitoring capability, and must decide whether to build them, adopt " +
        "open source, or buy from a vendor. Tell us how you would run the decision: the criteria you would score " +
        "options on, how you would test them, and who you would involve. Then outline how existing teams would move " +
        "onto whatever is chosen. The context card has the facts; we expect a recommendation, not only a method.",
      context: {
        scale: "About 200 features, 30 models scoring online, up to 5,000 feature lookups a second.",
        team:
          "A platform team of 5 engineers serves 8 product teams; 3 of those run home-grown feature pipelines and " +
          "like them.",
        stack:
          "One public cloud, Kubernetes, Spark for batch jobs, Kafka for events; one team is trialling a vendor's monitoring.",
        budget: "Up to $250k a year for licences and cloud together; hiring is frozen this year.",
      },
      phases: [
        { key: "intro", label: "Introductions and context card", minutes: 3 },
        { key: "criteria", label: "Criteria and recommendation", minutes: 15 },
        { key: "deep_dives", label: "Deep dives (core probes)", minutes: 15 },
        { key: "migration", label: "Migration plan", minutes: 5 },
        { key: "candidate_questions", label: "Candidate's questions", minutes: 7, candidateQuestions: true },
      ],
      probes: [
        {
          key: "tool_criteria",
          question:
            "Which criteria would you score the options on, how would you weigh them here, and what do you recommend?",
          dimensionKeys: ["cloud_platform"],
          lookFor:
            "Weighted criteria agreed up front: fit to needs, total cost over three years including people, whether " +
            "the team can run it during a hiring freeze, lock-in and exit, security and where data lives, fit with " +
            "the current stack; for monitoring, ML signals (drift, data quality, late labels) as well as service " +
            "metrics; ends with a recommendation.",
          core: true,
        },
        {
          key: "tool_feature_guarantees",
          question: "What must the feature store guarantee for training and for online scoring?",
          dimensionKeys: ["ml_system_architecture"],
          lookFor:
            "Point-in-time correct training sets; one definition used offline and online so they cannot drift " +
            "apart; freshness targets; lookup latency at peak; backfills; ownership and discovery of features.",
          core: true,
        },
        {
          key: "tool_fair_trial",
          question: "Two teams already favour different options. How do you run the trial so both accept the result?",
          dimensionKeys: ["leadership_enablement"],
          lookFor:
            "Criteria and weights agreed before the trial; each option tried on a real use case from each team; " +
            "scoring in the open; a written decision record that notes the dissent; a date to revisit.",
          core: true,
        },
        {
          key: "tool_migration",
          question: "How do the three teams with their own pipelines move across, and how will you know it is working?",
          dimensionKeys: ["leadership_enablement"],
          lookFor:
            "No big-bang switch; the most willing team first; old and new run side by side for a while; help with " +
            "the migration work; adoption and incident numbers tracked; what happens if a team cannot move yet.",
          core: true,
        },
        {
          key: "tool_vendor_exit",
          question: "In two years the vendor is bought and triples its price. What is your plan?",
          dimensionKeys: ["cloud_platform"],
          lookFor:
            "Contract terms settled up front (data export, notice periods); an abstraction layer only where it is " +
            "cheap; an exit path with a cost.",
          core: false,
        },
        {
          key: "tool_managed_or_self_run",
          question: "What would make you run open-source software on our cluster rather than use a managed service?",
          dimensionKeys: ["cloud_platform"],
          lookFor:
            "Operational load against team size; control and cost at scale; compliance needs; who carries the pager.",
          core: false,
        },
      ],
      focusPoints: [],
      dimensionKeys: ["ml_system_architecture", "cloud_platform", "leadership_enablement"],
    },
    {
      key: "influence_leadership_session",
      title: "Influence and leadership session",
      durationMinutes: 45,
      prompt:
        "Part one is a role-play. Your organisation has adopted a shared model release pipeline with approvals by " +
        "risk tier. One interviewer plays the tech lead of a product team that ships quickly with its own scripts " +
        "and sees the pipeline as overhead. The team does not report to you, and their manager wants a plan agreed " +
        "this week. You have a one-to-one with the tech lead. In part two we ask about times you led teams you had " +
        "no authority over.",
      context: {
        team:
          "The tech lead's team: 6 engineers, 12 models in production, their own release scripts; one outage last " +
          "quarter came from a manual step. The pipeline adds a human approval for high-risk models only.",
      },
      phases: [
        { key: "intro", label: "Introductions and role-play brief", minutes: 3 },
        { key: "role_play", label: "Role-play with the tech lead", minutes: 20 },
        { key: "behavioural", label: "Behavioural questions", minutes: 15 },
        { key: "candidate_questions", label: "Candidate's questions", minutes: 7, candidateQuestions: true },
      ],
      reveals: [
        {
          key: "pushback_delay",
          atMinute: 9,
          show: 'As the tech lead: "Honestly, this adds two weeks to every release, and we launch next month."',
          listenFor:
            "Whether the candidate explores the cost claim and offers a way to test it, or argues or pulls rank.",
        },
        {
          key: "pushback_canary",
          atMinute: 16,
          show: 'As the tech lead: "Our scripts run canary checks your pipeline does not have. Why should we lose that?"',
          listenFor: "Whether the candidate treats the team's strength as something to bring into the standard.",
        },
      ],
      probes: [
        {
          key: "lead_opening",
          question: "(Role-play) Open the conversation with the tech lead.",
          dimensionKeys: ["leadership_enablement", "communication"],
          lookFor:
            "Asks about the team's goals and pain before pitching; acknowledges what works in their scripts; says " +
            "plainly what the pipeline is for (the outage, approvals for high-risk models).",
          core: true,
        },
        {
          key: "lead_pushback",
          question: "(Role-play) Respond to the tech lead's concern that releases will slow down.",
          dimensionKeys: ["leadership_enablement"],
          lookFor:
            "Neither gives in nor pulls rank; proposes a trial on one model with lead time measured before and " +
            "after; offers help with the move; agrees a date to review.",
          core: true,
        },
        {
          key: "lead_adoption_story",
          question:
            "Tell us about a standard or platform you got several teams to adopt when they did not report to you. " +
            "What did you do yourself, and how did you know it worked?",
          dimensionKeys: ["leadership_enablement", "communication"],
          lookFor:
            "A specific situation; their own actions told apart from the team's; how resistance was handled; " +
            "adoption measured (share of teams or releases, fewer escalations).",
          core: true,
        },
        {
          key: "lead_coaching_story",
          question:
            "Tell us about a time you coached an engineer or a team through a design they owned. How did you decide " +
            "how much to steer?",
          dimensionKeys: ["leadership_enablement"],
          lookFor:
            "Left the decision with the owner; asked questions rather than handing over answers; stepped in where " +
            "the risk was high; the person or team later managed alone.",
          core: true,
        },
        {
          key: "lead_decision_challenged",
          question:
            "Describe an architecture decision others challenged. How did you make it stick, and what did you write down?",
          dimensionKeys: ["communication", "leadership_enablement"],
          lookFor:
            "A decision record with the options and reasons; shared with the people affected; changed course when " +
            "the evidence said so.",
          core: false,
        },
        {
          key: "lead_exec_pitch",
          question:
            "In two minutes, explain to a non-technical executive why the release pipeline is worth the effort.",
          dimensionKeys: ["communication"],
          lookFor:
            "Business outcomes first (fewer incidents, faster safe releases, audit readiness), one number, a clear ask.",
          core: false,
        },
      ],
      focusPoints: [],
      dimensionKeys: ["leadership_enablement", "communication"],
    },
  ],

  redFlags: [
    {
      key: "dismisses_security_compliance",
      label: "Treats security, privacy or compliance as someone else's job",
      description: "Waves away data protection, access or regulatory questions, or leaves them out of the design.",
      severity: "dealbreaker",
    },
    {
      key: "unrealistic_promises",
      label: "Promises outcomes that cannot be true",
      description: "Claims perfect accuracy, a model that will never drift, or that no governance will be needed.",
      severity: "dealbreaker",
    },
    {
      key: "cannot_handle_regression",
      label: "Cannot work through a production regression",
      description:
        "Has no structured way through the drill and no example of a model or service regression they handled " +
        "themselves.",
      severity: "dealbreaker",
    },
    {
      key: "training_inference_confusion",
      label: "Mixes up training and inference",
      description: "Cannot say how training and serving differ in workload, scaling and latency needs.",
      severity: "dealbreaker",
    },
    {
      key: "opinions_without_reasoning",
      label: "Strong opinions, weak reasoning, no appetite to write decisions down",
      description:
        "Asserts positions without evidence and resists recording decisions or taking them to the people affected.",
      severity: "concern",
    },
    {
      key: "relies_on_heroics",
      label: "Design depends on heroics and manual steps",
      description: "Works only if a few experts run steps by hand, so it would not carry over to many teams.",
      severity: "concern",
    },
    {
      key: "no_rollback_plan",
      label: "Releases model changes with no way back",
      description: "No staged release (shadow, canary) and no rehearsed path back to the previous version.",
      severity: "concern",
    },
    {
      key: "no_evaluation_plan",
      label: "No plan to show a model works in production",
      description:
        "Relies on an offline score alone: no online measure, no A/B or holdout design, no account of labels that " +
        "arrive late.",
      severity: "concern",
    },
    {
      key: "ignores_serving_skew",
      label: "Ignores training/serving skew",
      description:
        "Builds features separately for training and serving with no check that they match, or waves the mismatch " +
        "away as a risk.",
      severity: "concern",
    },
  ],

  signals: [
    {
      key: "operated_at_scale",
      label: "Speaks from first-hand operation of production ML at real scale",
      kind: "strong",
    },
    {
      key: "decisions_with_measured_outcomes",
      label: "Backs design choices with measured results (reliability, cost, speed)",
      kind: "strong",
    },
    {
      key: "knows_ml_failure_modes",
      label: "Raises ML failure modes unprompted: serving skew, drift, leakage, upstream changes",
      kind: "strong",
    },
    {
      key: "paved_roads_proportionate_governance",
      label: "Builds paved roads teams adopt, with governance light enough to keep",
      kind: "strong",
    },
    {
      key: "model_centric_only",
      label: "Strong on modelling and accuracy, thin on production architecture and operations",
      kind: "weak",
    },
    {
      key: "monitoring_afterthought",
      label: "Adds monitoring late or watches only generic service metrics",
      kind: "weak",
    },
    {
      key: "tool_over_principle",
      label: "Tied to one tool or vendor; cannot state principles or trade-offs",
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

  decisionRule: {
    mustHaveDimensionKeys: ["ml_system_architecture", "mlops_lifecycle", "leadership_enablement"],
    statement:
      "The weighted composite is where the debrief starts, not the decision. A dealbreaker raised by any panelist " +
      "outweighs every composite: it is discussed first, and the candidate is not hired unless the panel agrees " +
      "the flag was unfounded and records why. A must-have dimension whose panel mean is below the bar is " +
      "discussed next, whatever the composite. Level signals more than one step apart are settled before the " +
      "recommendation.",
  },

  interviewerGuidance: {
    conduct: [
      "Give every candidate the same prompt, context card, reveals and core probes; answer factual questions from the card without hinting.",
      "Ask every core probe. Use optional probes only when the phase has time left.",
      "Rate what the candidate says and does in this session. Accounts of past work count when they name specific actions you can follow up.",
      "An answer the candidate reaches only after you prompt for the missing piece usually sits at 2; check the anchor for each point.",
      "Write evidence as you go (what was said), then pick the point whose anchor fits; read the sample answers when torn between two points.",
      "Mark a dimension as not observed rather than guessing, and submit before reading anyone else's scorecard.",
    ],
    timekeeping: [
      "Follow the phases on the timer; when one runs a few minutes over, say so and move on.",
      "Show each reveal at its minute. If the candidate asks for that information earlier, show it then and note that they asked.",
      "Never cut the candidate's questions; take the time from optional probes instead.",
      "A topic you ran out of time for is not observed, not a low rating.",
    ],
    doNotAsk: [
      "Age, date of birth, or the year of graduation asked to work out age",
      "Marriage, partners, pregnancy, children, plans for a family or caring duties",
      "Race, ethnicity, national origin or native language (ask only about languages the job needs)",
      "Citizenship or immigration status (the recruiter confirms the right to work)",
      "Religion, beliefs or religious holidays",
      "Health, disability, medical history or sick leave (the recruiter handles adjustments)",
      "Sexual orientation or gender identity",
      "Political views or union membership",
      "Arrests or convictions (the recruiter handles any lawful check)",
      "Current or past pay (the recruiter handles expectations)",
      "Confidential details of a current or former employer",
    ],
  },
});
