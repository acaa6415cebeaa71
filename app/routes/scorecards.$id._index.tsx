// /scorecards/:id — the interviewer's live scorecard. Only the panelist it is assigned to can open
// it (everyone else, admins included, gets 404). The loader reads this panelist's own scorecard and
// the rubric, and nothing of any other panelist (independence). The action serves plain form posts
// (no JavaScript): save, submit, amend, timer, quick notes, conflict of interest, acknowledge (an
// evidence-lint finding kept as job-related). With JavaScript
// the page autosaves through /scorecards/:id/save instead.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Suspense } from "react";

import { getDb } from "../../db/client.server";
import { getLoopAccess } from "../../db/queries/review/access.server";
import { appendNote } from "../../db/queries/scorecard/notes.server";
import { ownDraftsOnLoop, readScorecardValues, scorecardHeader } from "../../db/queries/scorecard/own-scorecard.server";
import { ownAcknowledgements } from "../../db/queries/scorecard/evidence-acks.server";
import { declareConflict } from "../../db/queries/scorecard/recusal.server";
import { applyTimer } from "../../db/queries/scorecard/timer.server";
import { ownArtifacts } from "../../db/queries/scorecard/artifacts.server";
import { ScorecardArtifacts } from "../components/scorecard/artifacts";
import { type ArtifactView, artifactView } from "../domain/scorecard/artifact-view";
import { RecusedNotice } from "../components/scorecard/lazy-parts";
import { ScorecardHeader } from "../components/scorecard/header";
import type { ScorecardActionData, ScorecardPageData } from "../components/scorecard/types";
import { ScorecardWorkspace } from "../components/scorecard/workspace";
import { displayCandidateName } from "../domain/candidate/display";
import { calibrationPrompts } from "../domain/rubric/model";
import { canDeclareConflict, noteMinute, timerElapsedMs } from "../domain/scorecard/rules";
import { lenientScorecardValues } from "../domain/scorecard/values";
import { CONFLICT_KIND_LABELS } from "../domain/vocabulary";
import { addNoteSchema, declareConflictSchema, timerOpSchema } from "../server/scorecard-schemas.server";
import { newId } from "../../db/ids.server";
import {
  data,
  notFound,
  parseWith,
  readBodyOrTooLarge,
  redirect,
  shownFindings,
} from "../server/scorecard-page.server";
import type { WriteAnswer } from "../server/scorecard.server";
import {
  handleAcknowledge,
  handleAmend,
  handleSave,
  handleSubmit,
  requireOwnScorecard,
  versionOf,
} from "../server/scorecard.server";
import styles from "../styles/scorecard.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.header.candidateName} · ${d.header.exerciseTitle} · ArchPanel` : "Scorecard · ArchPanel" },
];

export async function loader({
  request,
  params,
}: LoaderFunctionArgs): Promise<ScorecardPageData & { artifacts: ArtifactView[] }> {
  const { target, user } = requireOwnScorecard(request, params);
  const db = getDb();
  const head = scorecardHeader(db, { scorecardId: target.id, panelistId: user.id });
  const exercise = target.facts.content.exercises.find((e) => e.key === target.exerciseKey);
  if (!head || !exercise) throw notFound();
  const { access } = getLoopAccess(db, target.loopId, user);
  const amendMode = new URL(request.url).searchParams.get("amend") === "1" && head.status === "submitted";
  const values = readScorecardValues(db, target.id, target.facts);
  return {
    scorecard: {
      id: head.id,
      status: head.status,
      version: head.version,
      updatedAt: head.updatedAt,
      submittedAt: head.submittedAt,
      amendCount: head.amendCount,
      lastAmendReason: head.lastAmendReason,
      conflictNote: head.conflictNote,
      conflictDeclaredAt: head.conflictDeclaredAt,
    },
    header: {
      candidateName: displayCandidateName({ name: head.candidateName, erasedAt: head.candidateErasedAt }),
      candidateTitle: head.candidateErasedAt ? "" : head.candidateTitle,
      exerciseTitle: head.exerciseTitle,
      scheduledAt: head.scheduledAt,
      durationMinutes: head.durationMinutes,
      loopId: head.loopId,
      loopStatus: head.loopStatus,
      panelRole: head.panelRole,
    },
    exercise: {
      key: exercise.key,
      title: exercise.title,
      prompt: exercise.prompt,
      focusPoints: exercise.focusPoints,
      probeQuestions: exercise.probeQuestions,
      dimensionKeys: exercise.dimensionKeys,
      ...(exercise.probes ? { probes: exercise.probes } : {}),
      ...(exercise.phases ? { phases: exercise.phases } : {}),
      ...(exercise.reveals ? { reveals: exercise.reveals } : {}),
      ...(exercise.context ? { context: exercise.context } : {}),
    },
    dimensions: target.facts.content.dimensions,
    calibrationPrompts: calibrationPrompts(target.facts.content),
    redFlags: target.facts.content.redFlags,
    signals: target.facts.content.signals,
    ctx: target.ctx,
    values,
    timer: target.timer,
    serverNow: Date.now(),
    feedback: { access, ownDrafts: ownDraftsOnLoop(db, target.loopId, user.id) },
    amendMode,
    artifacts: ownArtifacts(db, { scorecardId: target.id, panelistId: user.id }).map(artifactView),
    acknowledgements: ownAcknowledgements(db, { scorecardId: target.id, panelistId: user.id }),
    lintFindings: head.status === "draft" || amendMode ? shownFindings(values) : [],
  };
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const read = await readBodyOrTooLarge(request);
  const { target } = requireOwnScorecard(request, params);
  if (!read.ok)
    return data<ScorecardActionData>({ intent: "save", errors: { _form: [read.message] } }, { status: 413 });
  const { data: body } = read;
  const db = getDb();
  const here = `/scorecards/${target.id}`;
  const intent = str(body.intent);

  // what the refused form re-renders with: the posted text and the stored quick notes (see the workspace)
  const postedFindings = () =>
    shownFindings({ ...lenientScorecardValues(body), notes: readScorecardValues(db, target.id, target.facts).notes });
  const respond = (a: WriteAnswer) => {
    if (a.status === 200) return redirect(here);
    if (a.status === 400) {
      return data<ScorecardActionData>(
        {
          intent,
          errors: a.body.errors,
          values: body,
          lintFindings: postedFindings(),
          version: versionOf(body) ?? target.version,
          amendReason: str(body.reason),
        },
        { status: 400 },
      );
    }
    if ("conflict" in a.body) {
      return data<ScorecardActionData>(
        {
          intent,
          conflict: a.body.conflict,
          values: body,
          lintFindings: postedFindings(),
          version: a.body.conflict.version,
          amendReason: str(body.reason),
        },
        { status: 409 },
      );
    }
    if ("confirm" in a.body) {
      // asked before submitting: the form comes back as typed, with the question and "Submit anyway"
      return data<ScorecardActionData>(
        {
          intent,
          confirm: a.body.confirm.message,
          values: body,
          lintFindings: postedFindings(),
          version: versionOf(body) ?? target.version,
        },
        { status: 409 },
      );
    }
    return data<ScorecardActionData>(
      { intent, errors: { _form: [`This scorecard is already ${a.body.locked.status}. Reload the page to see it.`] } },
      { status: 409 },
    );
  };

  switch (intent) {
    case "save":
      return respond(await handleSave(target, body));
    case "submit":
      return respond(handleSubmit(target, body));
    case "amend":
      return respond(handleAmend(target, body));
    case "acknowledge": {
      const a = handleAcknowledge(target, body);
      if (a.status === 200) return redirect(here);
      const errors = "errors" in a.body ? a.body.errors : { _form: ["This scorecard can no longer be changed."] };
      return data<ScorecardActionData>({ intent, errors }, { status: a.status });
    }
    case "timer": {
      const op = parseWith(timerOpSchema, body);
      if (!op.ok) return data<ScorecardActionData>({ intent, errors: op.errors }, { status: 400 });
      applyTimer(db, target, op.value.op);
      return redirect(here);
    }
    case "addNote": {
      const parsed = parseWith(addNoteSchema, body);
      if (!parsed.ok)
        return data<ScorecardActionData>({ intent, errors: parsed.errors, noteBody: str(body.body) }, { status: 400 });
      const now = Date.now();
      appendNote(
        db,
        target,
        { id: newId(), minute: noteMinute(timerElapsedMs(target.timer, now)), body: parsed.value.body, at: now },
        now,
      );
      return redirect(here);
    }
    case "declareConflict": {
      const parsed = parseWith(declareConflictSchema, body);
      if (!parsed.ok) {
        return data<ScorecardActionData>(
          { intent, errors: parsed.errors, conflictKind: str(body.kind), conflictNoteText: str(body.note) },
          { status: 400 },
        );
      }
      if (!canDeclareConflict(target.status)) {
        return data<ScorecardActionData>(
          { intent, errors: { _form: ["A conflict can only be declared before the scorecard is submitted."] } },
          { status: 409 },
        );
      }
      declareConflict(db, target, `${CONFLICT_KIND_LABELS[parsed.value.kind]}: ${parsed.value.note}`);
      return redirect(here);
    }
    // pages from before recusals became final still offer this
    case "withdrawConflict":
      return data<ScorecardActionData>(
        {
          intent,
          errors: {
            _form: [
              "A declared conflict of interest is final: the scorecard stays recused. Ask the recruiter to assign someone else to the interview.",
            ],
          },
        },
        { status: 409 },
      );
    default:
      return data<ScorecardActionData>({ intent, errors: { _form: ["Unknown action."] } }, { status: 400 });
  }
}

export default function ScorecardPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const action = `/scorecards/${d.scorecard.id}?index${d.amendMode ? "&amend=1" : ""}`;
  if (d.scorecard.status === "recused") {
    return (
      <main id="main" className="wide scorecard-page">
        <ScorecardHeader
          candidateName={d.header.candidateName}
          candidateTitle={d.header.candidateTitle}
          exerciseTitle={d.header.exerciseTitle}
          scheduledAt={d.header.scheduledAt}
          durationMinutes={d.header.durationMinutes}
          loopStatus={d.header.loopStatus}
          loopId={d.header.loopId}
          panelRole={d.header.panelRole}
          scorecardId={d.scorecard.id}
          status={d.scorecard.status}
          amendCount={d.scorecard.amendCount}
          timer={null}
          saveStatus={null}
          progress={null}
        />
        <Suspense fallback={null}>
          <RecusedNotice
            note={d.scorecard.conflictNote}
            declaredAt={d.scorecard.conflictDeclaredAt}
            error={(actionData as ScorecardActionData | undefined)?.errors?._form?.[0]}
          />
        </Suspense>
      </main>
    );
  }
  return (
    <main id="main" className="wide scorecard-page">
      <ScorecardWorkspace
        key={`${d.scorecard.status}:${d.amendMode ? "amend" : "edit"}`}
        data={d}
        actionData={actionData as ScorecardActionData | undefined}
        action={action}
      />
      <ScorecardArtifacts
        scorecardId={d.scorecard.id}
        editable={d.scorecard.status === "draft"}
        initial={d.artifacts}
        dimensions={d.exercise.dimensionKeys.flatMap((key) => d.dimensions.filter((x) => x.key === key))}
      />
    </main>
  );
}
