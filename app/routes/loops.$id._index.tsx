import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import { recordDecision, reopenLoop } from "../../db/queries/review/decision.server";
import { DECIDABLE_STATUSES } from "../domain/loop/status";
import { DecisionPanel, type DecisionActionData } from "../components/review/decision-panel";
import { DimensionChart } from "../components/review/dimension-chart";
import { ReviewArtifacts } from "../components/review/artifacts";
import { EvidenceOverrides } from "../components/review/evidence-overrides";
import { Heatmap } from "../components/review/heatmap";
import { LocalTime } from "../components/ui/primitives";
import { RenderSegment } from "../components/ui/render-segment";
import {
  AuditTrail,
  CalibrationTable,
  DebriefAgenda,
  DimensionDetails,
  FlagsAndSignals,
  PanelOverview,
  SummaryStrip,
} from "../components/review/sections";
import { canConfigureLoops, canDecide } from "../domain/review/access";
import { evidenceReview } from "../domain/review/evidence-review";
import { decisionSchema, reopenSchema, reviewIntentSchema } from "../domain/review/decision-schema";
import { overrideGroundsByDecision, overrideSignalsOf } from "../domain/review/override";
import { reviewPageRubric } from "../domain/review/page-rubric";
import { DECISION_LABELS, LOOP_STATUS_LABELS } from "../domain/vocabulary";
import { parseWith, readBodyOrTooLarge } from "../server/form.server";
import { forbidden, notFound } from "../server/http.server";
import { requireLoopFeedback } from "../server/loop-feedback.server";
import { reviewArtifactGroups } from "../server/artifacts.server";
import { submittedArtifactsOfLoop } from "../../db/queries/scorecard/artifacts.server";
import { idParam } from "../server/params.server";
import { requireUser } from "../server/session.server";
import styles from "../styles/review.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.facts.candidate.name} · Review · ArchPanel` : "Review · ArchPanel" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, loop, review, calibration } = requireLoopFeedback(request, params, { calibration: "when-allowed" });
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    ...review,
    rubric: reviewPageRubric(review.rubric),
    viewer: {
      canDecide: canDecide({ user, hiringManagerId: loop.hiringManagerId }),
      canConfigure: canConfigureLoops(user.role),
      managerView: calibration,
    },
    decidable: DECIDABLE_STATUSES.includes(review.facts.status),
    // which choices need a written override, and why: the form asks for it only then
    overrideGrounds: overrideGroundsByDecision(overrideSignalsOf(review.aggregate)),
    // submitted scorecards only (the aggregate carries no draft's text)
    evidenceLint: evidenceReview(review.aggregate, review.facts),
    saved: saved === "decision" || saved === "reopened" ? saved : null,
    artifacts: reviewArtifactGroups(review, submittedArtifactsOfLoop(getDb(), loop.id)),
  };
}

function clip(v: unknown, max: number): string | undefined {
  return typeof v === "string" ? v.slice(0, max) : undefined;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params);
  const read = await readBodyOrTooLarge(request);
  const db = getDb();
  const loop = requireLoopFeedbackAccess(db, id, user);
  if (!canDecide({ user, hiringManagerId: loop.hiringManagerId })) {
    throw forbidden("Only this loop's hiring manager or an admin can record or reopen the hiring decision.");
  }
  if (!read.ok) return data<DecisionActionData>({ intent: null, errors: { _form: [read.message] } }, { status: 413 });
  const { data: body } = read;
  const intent = parseWith(reviewIntentSchema, body);
  if (!intent.ok)
    return data<DecisionActionData>(
      { intent: null, errors: { _form: ["Unknown action. Reload the page and try again."] } },
      { status: 400 },
    );

  if (intent.value.intent === "decide") {
    // Re-rendered intact after a 400 (the body limit bounds the size), so an over-long rationale can be shortened in place.
    const values = {
      decision: clip(body.decision, 20),
      rationale: clip(body.rationale, 200_000),
      override: clip(body.override, 200_000),
    };
    const parsed = parseWith(decisionSchema, body);
    if (!parsed.ok)
      return data<DecisionActionData>({ intent: "decide", errors: parsed.errors, values }, { status: 400 });
    const result = recordDecision(db, {
      loopId: id,
      actorId: user.id,
      decision: parsed.value.decision,
      rationale: parsed.value.rationale,
      override: parsed.value.override,
    });
    if (!result.ok) {
      if (result.reason === "not_found") throw notFound();
      if (result.reason === "override")
        return data<DecisionActionData>(
          { intent: "decide", errors: { override: [result.message] }, values, grounds: result.grounds },
          { status: 400 },
        );
      const status = result.status ? LOOP_STATUS_LABELS[result.status].toLowerCase() : "changed";
      return data<DecisionActionData>(
        {
          intent: "decide",
          errors: {
            _form: [`The loop is ${status}, so a decision cannot be recorded now. Reload to see its current state.`],
          },
          values,
        },
        { status: 409 },
      );
    }
    throw redirect(`/loops/${id}?saved=decision#decision`);
  }

  const values = { reason: clip(body.reason, 200_000) };
  const parsed = parseWith(reopenSchema, body);
  if (!parsed.ok) return data<DecisionActionData>({ intent: "reopen", errors: parsed.errors, values }, { status: 400 });
  const result = reopenLoop(db, { loopId: id, actorId: user.id, reason: parsed.value.reason });
  if (!result.ok) {
    if (result.reason === "not_found") throw notFound();
    return data<DecisionActionData>(
      {
        intent: "reopen",
        errors: { _form: ["Only a decided loop can be reopened. Reload to see its current state."] },
        values,
      },
      { status: 409 },
    );
  }
  throw redirect(`/loops/${id}?saved=reopened#decision`);
}

export default function LoopReviewPage() {
  const { aggregate, facts, rubric, viewer, decidable, saved, artifacts, overrideGrounds, evidenceLint } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as DecisionActionData | undefined;
  const c = aggregate.coverage;
  const base = `/loops/${facts.loopId}`;
  const fileStem = facts.candidate.name;
  // The form, or a recorded decision with its rationale, is too tall for the side column.
  const decisionForm = Boolean(facts.decision) || (viewer.canDecide && decidable);
  const decisionPanel = (
    <DecisionPanel
      facts={facts}
      aggregate={aggregate}
      canDecide={viewer.canDecide}
      decidable={decidable}
      actionData={actionData}
      overrideGrounds={overrideGrounds}
    />
  );
  return (
    <main id="main" className="review">
      <nav className="crumbs small" aria-label="Breadcrumb">
        <Link to="/loops">Loops</Link> <span aria-hidden="true">›</span> <span>{facts.candidate.name}</span>
      </nav>
      <header className="page-head review-head">
        <div>
          <h1>
            {facts.candidate.name}{" "}
            <span className={`badge status s-${facts.status}`} data-testid="loop-status">
              {LOOP_STATUS_LABELS[facts.status]}
            </span>
            {facts.decision ? (
              <span className={`badge decision d-${facts.decision.decision}`}>
                {DECISION_LABELS[facts.decision.decision]}
              </span>
            ) : null}
          </h1>
          <p className="small muted head-meta">
            {facts.candidate.currentTitle ? <>{facts.candidate.currentTitle} · </> : null}
            {facts.roleTitle} · {facts.rubricName} v{facts.rubricVersion} · Hiring manager {facts.hiringManager}
            {facts.recruiter ? <> · Recruiter {facts.recruiter}</> : null}
            {facts.firstInterviewAt !== null ? (
              <>
                {" "}
                · Interviews <LocalTime at={facts.firstInterviewAt} format="calendar-date" />
                {facts.lastInterviewAt !== null && facts.lastInterviewAt !== facts.firstInterviewAt ? (
                  <>
                    {" – "}
                    <LocalTime at={facts.lastInterviewAt} format="calendar-date" />
                  </>
                ) : null}
              </>
            ) : null}
          </p>
        </div>
        <div className="row head-actions">
          {facts.status === "debrief" || facts.debrief ? (
            <Link className="btn" to={`${base}/debrief`}>
              {facts.status === "debrief" ? "Debrief meeting" : "Debrief record"}
            </Link>
          ) : null}
          <a className="btn primary" href={`${base}/packet.pdf`} download>
            Download PDF packet
          </a>
          <a className="btn" href={`${base}/packet.json`} download={`${fileStem}-packet.json`}>
            JSON
          </a>
          <a className="btn" href={`${base}/ratings.csv`} download>
            Ratings CSV
          </a>
          {viewer.canConfigure ? (
            <Link className="btn" to={`${base}/setup`}>
              Loop setup
            </Link>
          ) : null}
        </div>
      </header>

      {saved === "decision" && facts.decision ? (
        <p className="notice ok" role="status">
          Decision recorded: {DECISION_LABELS[facts.decision.decision]}. The loop is now decided.
        </p>
      ) : null}
      {saved === "reopened" && !facts.decision ? (
        <p className="notice ok" role="status">
          Decision reopened. The loop is back in debrief.
        </p>
      ) : null}
      {!c.complete && c.assigned > 0 ? (
        <p className="notice warn">
          {c.submitted} of {c.assigned} scorecards submitted. Missing:{" "}
          {c.missingScorecards.map((m) => `${m.panelistName} (${m.exerciseTitle})`).join(", ")}. Figures will change as
          they come in.
        </p>
      ) : null}

      {/* Rendered in segments so the server's output buffers stay small (render-segment.tsx). */}
      <RenderSegment>
        <SummaryStrip aggregate={aggregate} showCalibrated={true} />

        <section className="card" aria-labelledby="heatmap-title">
          <h2 id="heatmap-title">Panel at a glance</h2>
          <Heatmap aggregate={aggregate} />
        </section>
      </RenderSegment>

      <RenderSegment>
        <div className="review-grid">
          <DebriefAgenda aggregate={aggregate} />
          <div>
            <section className="card" aria-labelledby="dimchart-title">
              <h2 id="dimchart-title">Spread by dimension</h2>
              <DimensionChart aggregate={aggregate} />
            </section>
            {decisionForm ? null : decisionPanel}
          </div>
        </div>
        {/* Full width below the two columns instead of leaving a hole beside the agenda. */}
        {decisionForm ? decisionPanel : null}
      </RenderSegment>

      <RenderSegment>
        <DimensionDetails aggregate={aggregate} rubric={rubric} showCalibrated={true} />
        <FlagsAndSignals aggregate={aggregate} />
      </RenderSegment>
      <RenderSegment>
        <ReviewArtifacts groups={artifacts} />
        <PanelOverview aggregate={aggregate} />
        <EvidenceOverrides rows={evidenceLint} />
        {viewer.managerView ? <CalibrationTable calibration={aggregate.calibration} /> : null}
        <AuditTrail facts={facts} />
      </RenderSegment>
    </main>
  );
}
