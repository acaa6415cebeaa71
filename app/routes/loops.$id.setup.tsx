// /loops/:id/setup — recruiters and admins configure a loop: rubric version, hiring manager,
// interviews and their panels, composite weights, status; the coverage matrix shows who assesses
// what and what stops scheduling. Every change goes through db/queries/loop/*.server.ts (audited).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { listAssignablePeople, listPublishedVersions } from "../../db/queries/loop/choices.server";
import { addInterview, moveInterview, removeInterview, updateInterview } from "../../db/queries/loop/interviews.server";
import { addPanelist, removePanelist } from "../../db/queries/loop/panel.server";
import { saveWeights, updateLoopSettings } from "../../db/queries/loop/settings.server";
import { getLoopSetup } from "../../db/queries/loop/setup.server";
import { transitionLoop } from "../../db/queries/loop/status.server";
import { loopCoverage } from "../domain/loop/setup";
import type { Outcome } from "../../db/queries/result.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { LoopStatusBadge } from "../components/ui/primitives";
import { CoverageMatrix, CoverageWarnings } from "../components/loop-setup/coverage-matrix";
import { Notice } from "../components/ui/fields";
import {
  AddInterviewForm,
  InterviewCard,
  SettingsForm,
  StatusForm,
  WeightsForm,
  type SetupActionData,
} from "../components/loop-setup/loop-setup";
import {
  addInterviewSchema,
  addPanelistSchema,
  interviewRefSchema,
  interviewSchema,
  loopSettingsSchema,
  moveInterviewSchema,
  scorecardRefSchema,
  statusSchema,
  weightsSchema,
} from "../domain/loop/schema";
import { loopSetupView } from "../domain/loop/setup-view";
import { LIFECYCLE } from "../domain/loop/status";
import { weightsForMode } from "../domain/loop/weights";
import { fromLocalInput } from "../domain/shared/zoned-time";
import { LOOP_STATUS_LABELS, WEIGHT_MODE_LABELS } from "../domain/vocabulary";
import { parseWith, readBody, type FieldErrors } from "../server/form.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { refusalErrors } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `Setup · ${d.candidate.name} · ArchPanel` : "Loop setup · ArchPanel" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireStaff(request);
  const id = idParam(params);
  const db = getDb();
  const setup = getLoopSetup(db, id);
  if (!setup) throw notFound("This loop does not exist.");
  return loopSetupView({
    setup,
    coverage: loopCoverage(setup),
    people: listAssignablePeople(db),
    versions: listPublishedVersions(db),
    timeZone: readOrgSettings(db).timeZone,
  });
}

const INTENTS = [
  "settings",
  "interview.add",
  "interview.update",
  "interview.remove",
  "interview.move",
  "panelist.add",
  "panelist.remove",
  "weights",
  "status",
] as const;
type Intent = (typeof INTENTS)[number];
/** Where the page scrolls back to after a save; the rest go to their interview's card. */
const SECTION_OF: Partial<Record<Intent, string>> = {
  status: "status",
  weights: "weights",
  settings: "settings",
  "interview.add": "interviews",
};
const intentSchema = z.object({ intent: z.enum(INTENTS), target: z.string().max(64).optional().catch(undefined) });

/** What the user typed, clipped, to re-render the form intact after an error. */
function typedValues(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "csrf") continue;
    if (typeof v === "string") out[k] = v.slice(0, 1000);
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .slice(0, 50)
          .map(([kk, vv]) => [kk.slice(0, 80), typeof vv === "string" ? vv.slice(0, 100) : ""]),
      );
    }
  }
  return out;
}

function fail(
  intent: string,
  target: string | null,
  errors: FieldErrors,
  values: Record<string, unknown>,
  status: number,
  confirm?: string,
) {
  return data<SetupActionData>({ intent, target, errors, values, ...(confirm ? { confirm } : {}) }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const id = idParam(params);
  const { data: body } = await readBody(request);
  const head = parseWith(intentSchema, body);
  if (!head.ok) return fail("unknown", null, { _form: ["Unknown action. Reload the page and try again."] }, {}, 400);
  const intent: Intent = head.value.intent;
  const target = head.value.target ?? null;
  const values = typedValues(body);
  const db = getDb();
  const tz = () => readOrgSettings(db).timeZone;
  const bad = (errors: FieldErrors) => fail(intent, target, errors, values, 400);
  /** A refusal goes next to its form (bad picks of a list next to that field); success redirects (PRG). */
  const done = (outcome: Outcome<unknown>, fieldFor400?: string) => {
    if (!outcome.ok) {
      // a warning comes back as a question next to its form, not as an error
      if (outcome.confirm) return fail(intent, target, {}, values, outcome.status, outcome.message);
      const errors = refusalErrors(outcome, fieldFor400 ? { 400: fieldFor400 } : {});
      return fail(intent, target, errors, values, outcome.status);
    }
    const anchor = SECTION_OF[intent] ?? (target ? `iv-${target}` : "interviews");
    throw redirect(`/loops/${id}/setup?saved=${intent}#${anchor}`);
  };

  switch (intent) {
    case "settings": {
      const p = parseWith(loopSettingsSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(updateLoopSettings(db, user, id, p.value));
    }
    case "interview.add": {
      const p = parseWith(addInterviewSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(
        addInterview(db, user, id, {
          exerciseKey: p.value.exerciseKey,
          durationMinutes: p.value.durationMinutes,
          scheduledAt: p.value.scheduledAt ? fromLocalInput(p.value.scheduledAt, tz()) : null,
        }),
        "exerciseKey",
      );
    }
    case "interview.update": {
      const p = parseWith(interviewSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(
        updateInterview(db, user, id, p.value.interviewId, {
          exerciseKey: p.value.exerciseKey,
          durationMinutes: p.value.durationMinutes,
          scheduledAt: p.value.scheduledAt ? fromLocalInput(p.value.scheduledAt, tz()) : null,
        }),
        "exerciseKey",
      );
    }
    case "interview.remove": {
      const p = parseWith(interviewRefSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(removeInterview(db, user, id, p.value.interviewId));
    }
    case "interview.move": {
      const p = parseWith(moveInterviewSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(moveInterview(db, user, id, p.value.interviewId, p.value.direction));
    }
    case "panelist.add": {
      const p = parseWith(addPanelistSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(
        addPanelist(db, user, id, p.value.interviewId, p.value.panelistId, Date.now(), p.value.panelRole),
        "panelistId",
      );
    }
    case "panelist.remove": {
      const p = parseWith(scorecardRefSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(removePanelist(db, user, id, p.value.scorecardId));
    }
    case "weights": {
      const p = parseWith(weightsSchema, body);
      if (!p.ok) return bad(p.errors);
      const setup = getLoopSetup(db, id);
      if (!setup) throw notFound("This loop does not exist.");
      const next = weightsForMode(p.value.mode, setup.content.dimensions, p.value.weights ?? null);
      return done(saveWeights(db, user, id, next), "weights");
    }
    case "status": {
      const p = parseWith(statusSchema, body);
      if (!p.ok) return bad(p.errors);
      return done(transitionLoop(db, user, id, p.value.to, p.value.reason, { confirmed: p.value.confirm }));
    }
  }
}

const SAVED: Record<string, string> = {
  created: "Loop created from the template. Assign panelists, check the coverage, then schedule it.",
  settings: "Settings saved.",
  "interview.add": "Interview added.",
  "interview.update": "Interview saved.",
  "interview.remove": "Interview removed.",
  "interview.move": "Interview moved.",
  "panelist.add": "Panelist added.",
  "panelist.remove": "Panelist removed.",
  weights: "Weights saved.",
  status: "Status changed.",
};

function Stepper({ status }: { status: keyof typeof LOOP_STATUS_LABELS }) {
  const at = LIFECYCLE.indexOf(status);
  return (
    <ol className="stepper" aria-label="Loop lifecycle">
      {LIFECYCLE.map((s, i) => (
        <li
          key={s}
          className={s === status ? "current" : at >= 0 && i < at ? "done" : undefined}
          aria-current={s === status ? "step" : undefined}
        >
          {LOOP_STATUS_LABELS[s]}
        </li>
      ))}
      {status === "withdrawn" ? (
        <li className="current withdrawn" aria-current="step">
          Withdrawn
        </li>
      ) : null}
    </ol>
  );
}

export default function LoopSetupPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as SetupActionData | undefined;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const disabled = !d.configurable;
  const statusNote =
    d.loop.status === "debrief"
      ? "The hiring manager records the decision on the review page."
      : d.loop.status === "decided"
        ? "Decided. The hiring manager (or an admin) can reopen the decision on the review page."
        : null;
  const blockers = d.coverage.warnings.filter((w) => w.severity === "blocker").length;
  const others = d.coverage.warnings.length - blockers;
  return (
    <main id="main" className="setup">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/loops">Loops</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/loops/${d.loop.id}`}>{d.candidate.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">Setup</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>
            Set up the loop of {d.candidate.name} <LoopStatusBadge status={d.loop.status} />
          </h1>
          <p className="muted small head-sub">
            {d.candidate.currentTitle ? `${d.candidate.currentTitle} · ` : ""}
            {d.rubric.label} · Hiring manager {d.loop.hiringManager}
            {d.loop.recruiter ? ` · Recruiter ${d.loop.recruiter}` : ""}
          </p>
        </div>
        <div className="row">
          <a className="btn" href={`/loops/${d.loop.id}.ics`} download>
            Download calendar (.ics)
          </a>
          <Link className="btn" to={`/loops/${d.loop.id}`}>
            Review page
          </Link>
        </div>
      </div>
      <Notice message={saved ? SAVED[saved] : null} />
      {disabled ? (
        <p className="notice warn">
          This loop is {LOOP_STATUS_LABELS[d.loop.status].toLowerCase()}: its setup is read-only
          {d.loop.status === "withdrawn" ? " until you reopen it in planning." : "."}
        </p>
      ) : null}

      <div className="setup-top grid grid-2">
        <section className="card" id="status" aria-labelledby="status-h">
          <h2 id="status-h">Status</h2>
          <Stepper status={d.loop.status} />
          <StatusForm key={d.loop.status} transitions={d.transitions} actionData={actionData} note={statusNote} />
        </section>
        <section className="card" id="settings" aria-labelledby="settings-h">
          <h2 id="settings-h">Rubric and hiring manager</h2>
          <SettingsForm
            key={`settings-${d.settings.rubricVersionId}-${d.settings.hiringManagerId}`}
            defaults={d.settings}
            versions={d.versions}
            people={d.hmOptions}
            versionLocked={d.versionLocked}
            actionData={actionData}
            disabled={disabled}
          />
        </section>
      </div>

      <section className="card" id="coverage" aria-labelledby="coverage-h">
        <div className="section-head">
          <h2 id="coverage-h">Coverage</h2>
          <span className="muted small">
            {d.coverage.warnings.length === 0
              ? "No problems found"
              : [blockers ? `${blockers} blocking scheduling` : null, others ? `${others} to check` : null]
                  .filter(Boolean)
                  .join(", ")}
          </span>
        </div>
        <CoverageWarnings warnings={d.coverage.warnings} />
        {/* the matrix explains the problems above; with none, it is one click away */}
        <details className="matrix-details" open={d.coverage.warnings.length > 0}>
          <summary className="small">Who assesses what</summary>
          <CoverageMatrix report={d.coverage} columns={d.columns} />
        </details>
      </section>

      {d.conflicts.length > 0 ? (
        <section className="card conflicts" id="conflicts" aria-labelledby="conflicts-h" data-testid="conflicts">
          <h2 id="conflicts-h">Conflicts of interest</h2>
          <p className="small muted">
            These panelists recused themselves (a recusal is final, and its note is theirs alone). Their scorecards stay
            on record but do not count: add someone else to the interview if it needs a replacement.
          </p>
          <ul className="plain">
            {d.conflicts.map((c) => (
              <li key={c.scorecardId}>
                <strong>{c.name}</strong> on <a href={`#iv-${c.interviewId}`}>{c.interview}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section id="interviews" aria-labelledby="interviews-h">
        <div className="section-head">
          <h2 id="interviews-h">Interviews and panels</h2>
          <span className="muted small">One to three panelists each. Times in {d.timeZone}.</span>
        </div>
        {d.interviews.length === 0 ? <p className="empty">No interviews yet. Add the first one below.</p> : null}
        {d.outOfOrder ? (
          <p className="notice warn small" data-testid="out-of-order">
            The order below does not match the start times: an interview starts before the one listed above it. Move it,
            or change its time.
          </p>
        ) : null}
        <ol className="plain interview-list">
          {d.interviews.map((iv, i) => (
            <InterviewCard
              key={`${iv.id}-${iv.exerciseKey}-${iv.scheduledLocal}-${iv.durationMinutes}`}
              iv={iv}
              index={i}
              count={d.interviews.length}
              exercises={d.exercises}
              actionData={actionData}
              disabled={disabled}
              timeZone={d.timeZone}
            />
          ))}
        </ol>
        {!disabled ? (
          <AddInterviewForm
            key={`add-${d.interviews.length}-${d.addDefaults.scheduledAt}`}
            exercises={d.exercises}
            defaults={d.addDefaults}
            actionData={actionData}
            timeZone={d.timeZone}
          />
        ) : null}
      </section>

      {/* set once per loop, if at all: on demand, open again after its own save or refusal */}
      <details
        className="card setup-more"
        id="weights"
        open={actionData?.intent === "weights" || saved === "weights"}
        data-testid="weights-section"
      >
        <summary>
          <h2 id="weights-h">Dimension weights</h2>
          <span className="muted small">{WEIGHT_MODE_LABELS[d.weights.mode]}</span>
        </summary>
        <p className="small muted">How much each dimension counts in the composite score. Equal by default.</p>
        <WeightsForm
          key={`weights-${d.weights.mode}-${Object.values(d.weights.values).join("/")}`}
          dimensions={d.weights.dimensions}
          mode={d.weights.mode}
          weights={d.weights.values}
          rubricWeights={d.weights.rubric}
          actionData={actionData}
          disabled={!d.weights.editable}
          frozenNote={
            d.weights.editable
              ? null
              : "Weights are frozen from the debrief on, so the composite cannot be tuned after seeing the scores."
          }
        />
      </details>
    </main>
  );
}
