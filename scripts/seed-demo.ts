// `npm run seed:demo`: idempotent demo data. Creates the rubric v1, an admin, a recruiter, two
// hiring managers, six interviewers and five candidates across the loop lifecycle (their loops on
// v1, in two searches: Łukasz's search holds both loops past the interviews, so /compare shows him
// two candidates side by side), publishes the shipped rubric v2 as version 2, then prints every login. Running it again
// changes nothing and prints the logins again.
import { eq } from "drizzle-orm";

import { LEAD_ML_ARCHITECT_V1 } from "../app/domain/rubric/lead-ml-architect-v1";
import type { FindingCategory } from "../app/domain/scorecard/evidence-lint";
import type { LoopStatus, PanelRole, RatingScore, Recommendation } from "../app/domain/vocabulary";
import { newId } from "../db/ids.server";
import { hashPassword } from "../app/server/password.server";
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";
import type { Db } from "../db/client.server";
import { writeAudit } from "../db/queries/audit.server";
import { insertPublishedRubric, publishShippedRubrics, rubricVersionIds } from "../db/queries/rubric/rubrics.server";
import {
  candidates,
  focusTicks,
  interviews,
  loops,
  evidenceAcknowledgements,
  quickNotes,
  ratings,
  redFlagMarks,
  rubricVersions,
  scorecards,
  searches,
  settings,
  signalMarks,
  users,
} from "../db/schema";

import { pickEvidence, pickSummary } from "./lib/demo-evidence";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "archpanel-demo";

const PEOPLE = [
  { key: "admin", name: "Amara Okafor", email: "admin@archpanel.demo", role: "admin" },
  { key: "recruiter", name: "Zoë Lefèvre", email: "recruiter@archpanel.demo", role: "recruiter" },
  { key: "hm1", name: "Łukasz Wiśniewski", email: "lukasz@archpanel.demo", role: "member" },
  { key: "hm2", name: "Priya Raman", email: "priya@archpanel.demo", role: "member" },
  { key: "i1", name: "Mateo García", email: "mateo@archpanel.demo", role: "member" },
  { key: "i2", name: "Sofia Nakamura", email: "sofia@archpanel.demo", role: "member" },
  { key: "i3", name: "Jonas Bergström", email: "jonas@archpanel.demo", role: "member" },
  { key: "i4", name: "Aisha Bello", email: "aisha@archpanel.demo", role: "member" },
  { key: "i5", name: "Chen Wei (陈伟)", email: "chen@archpanel.demo", role: "member" },
  { key: "i6", name: "Noémie Dubois", email: "noemie@archpanel.demo", role: "member" },
  // a trainee interviewer: shadows on a decided loop, so the comparison and the shadowing record show data
  { key: "t1", name: "Tomás Rivera", email: "tomas@archpanel.demo", role: "member" },
] as const;

type PersonKey = (typeof PEOPLE)[number]["key"];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface ScorecardSpec {
  panelist: PersonKey;
  /** a trainee's seat (shadow, reverse shadow); full panelist when absent */
  role?: PanelRole;
  status: "draft" | "submitted" | "none";
  recommendation?: Recommendation;
  scores?: Partial<Record<string, RatingScore | "na">>;
  flags?: { key: string; note: string }[];
  signals?: string[];
  focus?: string[];
  notes?: { minute: number; body: string }[];
  amendReason?: string;
  /** Written for this scorecard; otherwise a demo summary for its recommendation and exercise. */
  summary?: string;
  /** evidence written for this scorecard, by dimension (otherwise a demo text for the score) */
  evidence?: Partial<Record<string, string>>;
  /** evidence-lint findings the panelist kept as job-related before submitting */
  acknowledgements?: { key: string; category: FindingCategory; fieldPath: string; sentence: string; reason: string }[];
}

interface InterviewSpec {
  exercise: string;
  at: number;
  panel: ScorecardSpec[];
}

const SEARCHES = {
  platform: {
    title: "Lead ML Architect — ML Platform",
    hm: "hm1",
    headcount: 1,
    notes: "Owns the feature store, training platform and model serving for every product team.",
    openedDaysAgo: 45,
  },
  applied: {
    title: "Lead ML Architect — Applied AI",
    hm: "hm2",
    headcount: 1,
    notes: "Leads the architecture of the retrieval and ranking products.",
    openedDaysAgo: 30,
  },
} as const satisfies Record<
  string,
  { title: string; hm: PersonKey; headcount: number; notes: string; openedDaysAgo: number }
>;

interface LoopSpec {
  candidate: { name: string; email: string; currentTitle: string; source: string; links: string[]; notes: string };
  status: LoopStatus;
  hm: PersonKey;
  search: keyof typeof SEARCHES;
  interviews: InterviewSpec[];
  decision?: { decision: "hire" | "no_hire" | "hold"; rationale: string; by: PersonKey; at: number };
  createdAt: number;
}

const INGRID_GERMAN =
  "German is her first language, and she ran the whole design review in German with the Munich platform team.";
const INGRID_ARCHITECTURE =
  "Designed the fraud-scoring path end to end: feature store with online/offline parity, synchronous scoring with a rule-engine fallback and a 90-day label join window.";

function demoLoops(now: number): LoopSpec[] {
  const startOfToday = new Date(now);
  startOfToday.setUTCHours(9, 0, 0, 0);
  const today9 = startOfToday.getTime();
  // Interviews start on the hour (09:00 / 11:00 / 14:00 UTC), like a real calendar; the one "today"
  // starts on the next half hour at least 90 minutes from now.
  const soon = Math.ceil((now + 90 * 60_000) / (30 * 60_000)) * (30 * 60_000);
  return [
    {
      // Fully scored, in debrief: disagreement on cloud_platform, a dealbreaker red flag.
      candidate: {
        name: "Ingrid Sørensen",
        email: "ingrid.sorensen@example.com",
        currentTitle: "Principal ML Engineer, Nordpay",
        source: "Referral",
        links: ["https://www.linkedin.com/in/example-ingrid"],
        notes: "Led the fraud-scoring platform at a payments company; relocating.",
      },
      status: "debrief",
      hm: "hm1",
      search: "platform",
      createdAt: now - 20 * DAY,
      interviews: [
        {
          exercise: "architecture_case_study",
          at: today9 - 6 * DAY,
          panel: [
            {
              panelist: "i1",
              status: "submitted",
              recommendation: "strong_hire",
              scores: {
                ml_system_architecture: 4,
                cloud_platform: 4,
                observability_reliability: 3,
                governance_risk: 3,
                communication: 4,
              },
              // the evidence lint in the demo: a remark that is advice only (never a packet headline) and
              // a protected finding kept as job-related with a reason (review page and packet appendix)
              evidence: {
                ml_system_architecture: `Honestly a great culture fit for the team, the kind of person everyone would enjoy a beer with. ${INGRID_ARCHITECTURE}`,
                communication: `${INGRID_GERMAN} Explained each trade-off to the product owner in plain terms and checked understanding before moving on.`,
              },
              acknowledgements: [
                {
                  key: "accent_language:first language",
                  category: "accent_language",
                  fieldPath: "ratings.communication.evidence",
                  sentence: INGRID_GERMAN,
                  reason:
                    "The Munich platform team works in German and the job description lists fluent business German as a requirement.",
                },
              ],
              signals: ["owned_production_platforms", "knows_ml_failure_modes"],
              focus: [
                "trade_offs",
                "data_feature_design",
                "serving_patterns",
                "monitoring",
                "security_privacy",
                "rollout_strategy",
                "cost",
              ],
              notes: [
                { minute: 4, body: "Asked about transaction volume and latency budget before drawing anything." },
                { minute: 22, body: "Two serving patterns compared; picked sync scoring with rule-engine fallback." },
                { minute: 51, body: "Label delay handled with a 90-day join window." },
              ],
            },
            {
              panelist: "i2",
              status: "submitted",
              recommendation: "hire",
              summary:
                "Solid design and clear thinking on the data path. Cost and scaling were the weak spot: I had to ask twice and the estimate was far off. Hire, but probe platform depth in the debrief.",
              scores: {
                ml_system_architecture: 3,
                cloud_platform: 2,
                observability_reliability: 3,
                governance_risk: 3,
                communication: 3,
              },
              signals: ["decisions_with_measured_outcomes"],
              focus: ["trade_offs", "data_feature_design", "serving_patterns", "monitoring", "cost"],
              flags: [
                {
                  key: "ignores_cost",
                  note: "Cost only came up after I asked twice; the GPU estimate was off by roughly 10x.",
                },
              ],
              notes: [{ minute: 35, body: "Autoscaling on CPU: would lag on bursty traffic." }],
            },
          ],
        },
        {
          exercise: "mlops_pipeline_design",
          at: today9 - 5 * DAY,
          panel: [
            {
              panelist: "i3",
              status: "submitted",
              recommendation: "hire",
              scores: {
                mlops_lifecycle: 3,
                governance_risk: 3,
                observability_reliability: 3,
                communication: 3,
                leadership_enablement: 3,
              },
              signals: ["balanced_governance"],
              focus: ["reproducibility", "lineage", "testing_gates", "promotion_workflow", "rollback_plan"],
            },
            {
              panelist: "i4",
              status: "submitted",
              recommendation: "hire",
              scores: {
                mlops_lifecycle: 4,
                governance_risk: 4,
                observability_reliability: 3,
                communication: 3,
                leadership_enablement: 4,
              },
              signals: ["built_golden_paths", "balanced_governance"],
              focus: [
                "reproducibility",
                "lineage",
                "testing_gates",
                "promotion_workflow",
                "risk_tier_approvals",
                "rollback_plan",
              ],
              amendReason: "Added the golden-path adoption numbers she gave at the end; raised leadership from 3 to 4.",
            },
          ],
        },
        {
          exercise: "incident_scenario_drill",
          at: today9 - 4 * DAY,
          panel: [
            {
              panelist: "i5",
              status: "submitted",
              recommendation: "no_hire",
              scores: { observability_reliability: 2, mlops_lifecycle: 3, communication: 3, leadership_enablement: 3 },
              flags: [
                {
                  key: "no_incident_experience",
                  note: "Her incident examples were all from post-mortems she read, not ones she handled; could not say what she personally did during the outage.",
                },
              ],
              signals: ["monitoring_afterthought"],
              focus: ["detection", "triage", "stakeholder_comms"],
            },
            {
              panelist: "i6",
              status: "submitted",
              recommendation: "hire",
              scores: { observability_reliability: 4, mlops_lifecycle: 3, communication: 4, leadership_enablement: 3 },
              signals: ["knows_ml_failure_modes", "clear_for_all_audiences"],
              focus: ["detection", "triage", "mitigation", "operational_discipline", "stakeholder_comms", "prevention"],
            },
          ],
        },
        {
          exercise: "tooling_evaluation",
          at: today9 - 3 * DAY,
          panel: [
            {
              panelist: "i1",
              status: "submitted",
              recommendation: "hire",
              summary:
                "Good process for the decision and brought the right people in, but the platform side of this session was weak: no run-cost or tenancy view of either option. That contradicts what I saw in the architecture interview; let us discuss. Hire on balance.",
              scores: {
                cloud_platform: 1,
                mlops_lifecycle: 3,
                ml_system_architecture: 3,
                communication: 3,
                leadership_enablement: 3,
              },
              signals: ["tool_over_principle"],
              focus: ["evaluation_criteria", "total_cost_of_ownership", "integration_migration"],
            },
            {
              panelist: "hm1",
              status: "submitted",
              recommendation: "hire",
              scores: {
                cloud_platform: 3,
                mlops_lifecycle: 3,
                ml_system_architecture: 3,
                communication: 3,
                leadership_enablement: 4,
              },
              focus: [
                "evaluation_criteria",
                "total_cost_of_ownership",
                "integration_migration",
                "lock_in_risk",
                "team_capability",
              ],
            },
          ],
        },
      ],
    },
    {
      // In progress: two interviews done (one scorecard still a draft), one today, one tomorrow.
      candidate: {
        name: "Rafael Domínguez",
        email: "rafael.dominguez@example.com",
        currentTitle: "Staff Engineer, ML Platform, Vereda",
        source: "LinkedIn outreach",
        links: [],
        notes: "",
      },
      status: "in_progress",
      hm: "hm2",
      search: "applied",
      createdAt: now - 10 * DAY,
      interviews: [
        {
          exercise: "architecture_case_study",
          at: today9 - 2 * DAY,
          panel: [
            {
              panelist: "i2",
              status: "submitted",
              recommendation: "hire",
              scores: {
                ml_system_architecture: 3,
                cloud_platform: 3,
                observability_reliability: 3,
                governance_risk: 2,
                communication: 3,
              },
              focus: ["trade_offs", "serving_patterns", "monitoring", "cost"],
            },
            {
              panelist: "i1",
              status: "draft",
              scores: { ml_system_architecture: 3, cloud_platform: 3 },
              focus: ["trade_offs", "serving_patterns"],
              notes: [
                {
                  minute: 12,
                  body: "Separated the real-time scoring path from the nightly batch features before drawing anything.",
                },
              ],
            },
          ],
        },
        {
          exercise: "mlops_pipeline_design",
          at: today9 - 1 * DAY,
          panel: [
            {
              panelist: "i4",
              status: "submitted",
              recommendation: "hire",
              scores: {
                mlops_lifecycle: 3,
                governance_risk: 3,
                observability_reliability: 3,
                communication: 4,
                leadership_enablement: 3,
              },
              focus: ["reproducibility", "lineage", "promotion_workflow"],
            },
          ],
        },
        {
          exercise: "incident_scenario_drill",
          at: soon,
          panel: [
            { panelist: "i1", status: "none" },
            { panelist: "i3", status: "none" },
          ],
        },
        {
          exercise: "tooling_evaluation",
          at: today9 + 1 * DAY + 5 * HOUR,
          panel: [{ panelist: "i6", status: "none" }],
        },
      ],
    },
    {
      // Planning: a coverage warning (the tooling interview has no panelist yet).
      candidate: {
        name: "Keiko Tanaka",
        email: "keiko.tanaka@example.com",
        currentTitle: "ML Architect, Hoshi Retail",
        source: "Inbound application",
        links: [],
        notes: "Prefers interviews in the morning (JST).",
      },
      status: "planning",
      hm: "hm1",
      search: "platform",
      createdAt: now - 2 * DAY,
      interviews: [
        {
          exercise: "architecture_case_study",
          at: today9 + 6 * DAY,
          panel: [
            { panelist: "i3", status: "none" },
            { panelist: "hm1", status: "none" },
          ],
        },
        {
          exercise: "mlops_pipeline_design",
          at: today9 + 6 * DAY + 2 * HOUR,
          panel: [{ panelist: "i4", status: "none" }],
        },
        { exercise: "incident_scenario_drill", at: today9 + 7 * DAY, panel: [{ panelist: "i5", status: "none" }] },
        { exercise: "tooling_evaluation", at: today9 + 7 * DAY + 2 * HOUR, panel: [] },
      ],
    },
    {
      // Decided: hire.
      candidate: {
        name: "Dmitri Volkov (Дмитрий Волков)",
        email: "dmitri.volkov@example.com",
        currentTitle: "Head of ML Engineering, Sever Logistics",
        source: "Agency",
        links: [],
        notes: "",
      },
      status: "decided",
      hm: "hm2",
      search: "platform",
      createdAt: now - 40 * DAY,
      decision: {
        decision: "hire",
        rationale:
          "Consistently at or above bar on every dimension; the only concern (governance depth) was probed in the debrief and is coachable. Strong signals on platform ownership and enablement.",
        by: "hm2",
        at: today9 - 25 * DAY + 7 * HOUR,
      },
      interviews: [
        {
          exercise: "architecture_case_study",
          at: today9 - 32 * DAY,
          panel: [
            {
              panelist: "i3",
              status: "submitted",
              recommendation: "hire",
              scores: {
                ml_system_architecture: 4,
                cloud_platform: 3,
                observability_reliability: 3,
                governance_risk: 2,
                communication: 3,
              },
            },
            {
              panelist: "t1",
              role: "shadow",
              status: "submitted",
              recommendation: "hire",
              scores: {
                ml_system_architecture: 3,
                cloud_platform: 3,
                observability_reliability: 2,
                governance_risk: 2,
                communication: 3,
              },
              evidence: {
                ml_system_architecture:
                  "Drew the feature store, the batch and online paths and the registry, and said which team owns each.",
                cloud_platform: "Chose managed Kubernetes for serving and gave the cost of the GPU pool per month.",
                observability_reliability: "Named latency dashboards but not how drift would page anyone.",
                governance_risk: "Mentioned model cards only when asked about the audit.",
                communication: "Summarised the design in three sentences before going into detail.",
              },
              summary:
                "Shadowing Jonas. A sound platform design with ownership spelled out; monitoring and governance stayed thin until prompted.",
            },
          ],
        },
        {
          exercise: "mlops_pipeline_design",
          at: today9 - 31 * DAY,
          panel: [
            {
              panelist: "i5",
              status: "submitted",
              recommendation: "strong_hire",
              scores: {
                mlops_lifecycle: 4,
                governance_risk: 3,
                observability_reliability: 4,
                communication: 3,
                leadership_enablement: 4,
              },
              signals: ["built_golden_paths"],
            },
          ],
        },
        {
          exercise: "incident_scenario_drill",
          at: today9 - 30 * DAY,
          panel: [
            {
              panelist: "i6",
              status: "submitted",
              recommendation: "hire",
              scores: { observability_reliability: 3, mlops_lifecycle: 3, communication: 3, leadership_enablement: 3 },
            },
          ],
        },
        {
          exercise: "tooling_evaluation",
          at: today9 - 29 * DAY,
          panel: [
            {
              panelist: "i2",
              status: "submitted",
              recommendation: "hire",
              scores: {
                cloud_platform: 3,
                mlops_lifecycle: 3,
                ml_system_architecture: 3,
                communication: 4,
                leadership_enablement: 3,
              },
            },
          ],
        },
      ],
    },
    {
      // Scheduled: everything booked for next week.
      candidate: {
        name: "Siobhán O'Connor",
        email: "siobhan.oconnor@example.com",
        currentTitle: "Senior MLOps Lead, Clearwater Health",
        source: "Referral",
        links: [],
        notes: "",
      },
      status: "scheduled",
      hm: "hm2",
      search: "applied",
      createdAt: now - 4 * DAY,
      interviews: [
        {
          exercise: "architecture_case_study",
          at: today9 + 3 * DAY,
          panel: [
            { panelist: "i1", status: "none" },
            { panelist: "i5", status: "none" },
          ],
        },
        {
          exercise: "mlops_pipeline_design",
          at: today9 + 3 * DAY + 2 * HOUR,
          panel: [{ panelist: "i2", status: "none" }],
        },
        { exercise: "incident_scenario_drill", at: today9 + 4 * DAY, panel: [{ panelist: "i6", status: "none" }] },
        {
          exercise: "tooling_evaluation",
          at: today9 + 4 * DAY + 2 * HOUR,
          panel: [{ panelist: "i4", status: "none" }],
        },
      ],
    },
  ];
}

async function main(): Promise<void> {
  const file = defaultDatabasePath();
  const db = openDatabase(file);
  migrateDatabase(db);
  const already = db.select().from(settings).where(eq(settings.key, "demo_seeded_at")).get();
  if (!already) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    seed(db, passwordHash, Date.now());
  }
  // after the demo loops, so they keep v1; new loops get the newest version
  publishShippedRubrics(db);
  db.$client.close();
  printLogins(already ? "Demo data already present" : "Demo data created", file);
}

function seed(db: Db, passwordHash: string, now: number): void {
  db.transaction((tx) => {
    const ids = new Map<string, string>();
    for (const p of PEOPLE) {
      const existing = tx.select({ id: users.id }).from(users).where(eq(users.email, p.email)).get();
      const id = existing?.id ?? newId();
      if (!existing)
        tx.insert(users)
          .values({
            id,
            email: p.email,
            name: p.name,
            role: p.role,
            passwordHash,
            active: true,
            createdAt: now - 60 * DAY,
          })
          .run();
      ids.set(p.key, id);
    }
    const person = (k: PersonKey) => ids.get(k)!;
    const { versionId } = insertPublishedRubric(tx, {
      content: LEAD_ML_ARCHITECT_V1,
      createdBy: person("admin"),
      now: now - 60 * DAY,
    });
    const rv = rubricVersionIds(tx, versionId);
    const exercises = new Map(LEAD_ML_ARCHITECT_V1.exercises.map((e) => [e.key, e]));
    const rubricId = tx
      .select({ rubricId: rubricVersions.rubricId })
      .from(rubricVersions)
      .where(eq(rubricVersions.id, versionId))
      .get()!.rubricId;
    const searchIds = new Map<string, string>();
    for (const [key, spec] of Object.entries(SEARCHES)) {
      const id = newId();
      searchIds.set(key, id);
      tx.insert(searches)
        .values({
          id,
          title: spec.title,
          rubricId,
          hiringManagerId: person(spec.hm),
          headcount: spec.headcount,
          notes: spec.notes,
          createdBy: person("recruiter"),
          openedAt: now - spec.openedDaysAgo * DAY,
        })
        .run();
    }

    for (const spec of demoLoops(now)) {
      // Texts already given out in this loop: no two ratings or summaries share one.
      const usedTexts = new Set<string>();
      const candidateId = newId();
      tx.insert(candidates)
        .values({
          id: candidateId,
          ...spec.candidate,
          createdBy: person("recruiter"),
          createdAt: spec.createdAt,
          updatedAt: spec.createdAt,
        })
        .run();
      const loopId = newId();
      tx.insert(loops)
        .values({
          id: loopId,
          candidateId,
          rubricVersionId: versionId,
          hiringManagerId: person(spec.hm),
          recruiterId: person("recruiter"),
          searchId: searchIds.get(spec.search)!,
          status: spec.status,
          weights: null,
          decision: spec.decision?.decision ?? null,
          decisionRationale: spec.decision?.rationale ?? null,
          decidedBy: spec.decision ? person(spec.decision.by) : null,
          decidedAt: spec.decision?.at ?? null,
          createdAt: spec.createdAt,
          updatedAt: spec.decision?.at ?? spec.createdAt,
        })
        .run();
      writeAudit(
        tx,
        {
          actorId: person("recruiter"),
          action: "loop.create",
          entityType: "loop",
          entityId: loopId,
          loopId,
          after: { candidate: spec.candidate.name, status: "planning" },
        },
        spec.createdAt,
      );
      spec.interviews.forEach((iv, position) => {
        const exercise = exercises.get(iv.exercise)!;
        const interviewId = newId();
        tx.insert(interviews)
          .values({
            id: interviewId,
            loopId,
            exerciseId: rv.exercises.get(iv.exercise)!,
            position,
            scheduledAt: iv.at,
            durationMinutes: exercise.durationMinutes,
            createdAt: spec.createdAt,
          })
          .run();
        for (const sc of iv.panel) {
          const scorecardId = newId();
          const submitted = sc.status === "submitted";
          const endAt = iv.at + exercise.durationMinutes * 60_000;
          const submittedAt = submitted ? endAt + 2 * HOUR : null;
          const started = sc.status !== "none";
          tx.insert(scorecards)
            .values({
              id: scorecardId,
              interviewId,
              panelistId: person(sc.panelist),
              panelRole: sc.role ?? "panelist",
              status: submitted ? "submitted" : "draft",
              version: started ? (submitted ? 6 : 3) + (sc.amendReason ? 1 : 0) : 0,
              recommendation: sc.recommendation ?? null,
              summary:
                submitted && sc.recommendation
                  ? (sc.summary ?? pickSummary(sc.recommendation, iv.exercise, usedTexts))
                  : "",
              timerAccumulatedMs: started ? Math.min(exercise.durationMinutes, 80) * 60_000 : 0,
              timerRunning: false,
              amendCount: sc.amendReason ? 1 : 0,
              lastAmendReason: sc.amendReason ?? null,
              createdAt: spec.createdAt,
              updatedAt: submittedAt ?? (started ? endAt : spec.createdAt),
              submittedAt,
            })
            .run();
          for (const [dimensionKey, score] of Object.entries(sc.scores ?? {})) {
            if (score === undefined) continue;
            // a trainee's texts are written out: picking would shift the texts of every later panelist
            const picked = score === "na" || sc.role ? "" : pickEvidence(dimensionKey, score, iv.exercise, usedTexts);
            const evidence = sc.evidence?.[dimensionKey] ?? picked;
            tx.insert(ratings)
              .values({
                scorecardId,
                dimensionId: rv.dimensions.get(dimensionKey)!,
                score: score === "na" ? null : score,
                notAssessed: score === "na",
                evidence,
              })
              .run();
          }
          for (const flag of sc.flags ?? [])
            tx.insert(redFlagMarks)
              .values({ scorecardId, redFlagId: rv.redFlags.get(flag.key)!, note: flag.note })
              .run();
          for (const s of sc.signals ?? [])
            tx.insert(signalMarks)
              .values({ scorecardId, signalId: rv.signals.get(s)! })
              .run();
          for (const f of sc.focus ?? []) tx.insert(focusTicks).values({ scorecardId, focusKey: f }).run();
          for (const n of sc.notes ?? [])
            tx.insert(quickNotes)
              .values({
                id: newId(),
                scorecardId,
                elapsedMinute: n.minute,
                body: n.body,
                createdAt: iv.at + n.minute * 60_000,
              })
              .run();
          for (const ack of sc.acknowledgements ?? []) {
            const at = submittedAt! - 5 * 60_000;
            tx.insert(evidenceAcknowledgements)
              .values({
                scorecardId,
                findingKey: ack.key,
                category: ack.category,
                fieldPath: ack.fieldPath,
                sentence: ack.sentence,
                reason: ack.reason,
                acknowledgedBy: person(sc.panelist),
                acknowledgedAt: at,
              })
              .run();
            writeAudit(
              tx,
              {
                actorId: person(sc.panelist),
                action: "scorecard.evidence_acknowledge",
                entityType: "scorecard",
                entityId: scorecardId,
                loopId,
                reason: ack.reason,
                after: { findingKey: ack.key, category: ack.category, field: ack.fieldPath, sentence: ack.sentence },
              },
              at,
            );
          }
          if (submitted) {
            writeAudit(
              tx,
              {
                actorId: person(sc.panelist),
                action: "scorecard.submit",
                entityType: "scorecard",
                entityId: scorecardId,
                loopId,
                after: { recommendation: sc.recommendation },
              },
              submittedAt!,
            );
          }
          if (sc.amendReason) {
            writeAudit(
              tx,
              {
                actorId: person(sc.panelist),
                action: "scorecard.amend",
                entityType: "scorecard",
                entityId: scorecardId,
                loopId,
                reason: sc.amendReason,
                before: { leadership_enablement: 3 },
                after: { leadership_enablement: 4 },
              },
              submittedAt! + 3 * HOUR,
            );
          }
        }
      });
      if (spec.decision) {
        writeAudit(
          tx,
          {
            actorId: person(spec.decision.by),
            action: "loop.decide",
            entityType: "loop",
            entityId: loopId,
            loopId,
            reason: spec.decision.rationale,
            before: { status: "debrief" },
            after: { status: "decided", decision: spec.decision.decision },
          },
          spec.decision.at,
        );
      }
    }
    tx.insert(settings)
      .values({ key: "demo_seeded_at", value: String(now) })
      .run();
  });
}

function printLogins(headline: string, file: string): void {
  const lines = [
    `${headline} in ${file}`,
    "",
    "Demo logins (all share one password):",
    ...PEOPLE.map(
      (p) =>
        `  ${p.role.padEnd(9)} ${p.email.padEnd(28)} ${p.name}${p.key.startsWith("hm") ? " (hiring manager)" : p.key.startsWith("i") ? " (interviewer)" : p.key.startsWith("t") ? " (trainee interviewer)" : ""}`,
    ),
    `password: ${DEMO_PASSWORD}`,
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
