import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { commandDebrief, decideFromDebrief, joinDebrief, startDebrief } from "../../db/queries/debrief/control.server";
import { interviewerExperience, loadDebrief, ownScorecardsOnLoop } from "../../db/queries/debrief/read.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import { getLoopReview } from "../../db/queries/review/loop-review.server";
import { decisionOverrideGrounds } from "../../db/queries/review/decision.server";
import type { DebriefActionData } from "../components/debrief/debrief-form";
import { DebriefScreen } from "../components/debrief/debrief-screen";
import { canFacilitate, joinRole, planDebriefItems } from "../domain/debrief/rules";
import { debriefCommandSchema, debriefIntentSchema } from "../domain/debrief/schema";
import { buildDebriefView } from "../domain/debrief/view";
import { DECIDABLE_STATUSES } from "../domain/loop/status";
import { canDecide } from "../domain/review/access";
import { decisionSchema } from "../domain/review/decision-schema";
import { overrideGroundsByDecision, overrideSignalsOf } from "../domain/review/override";
import { parseWith, readBodyOrTooLarge } from "../server/form.server";
import { forbidden, notFound } from "../server/http.server";
import { requireLoopFeedback } from "../server/loop-feedback.server";
import { idParam } from "../server/params.server";
import { refusalData } from "../server/refusal.server";
import { requireUser } from "../server/session.server";
import reviewStyles from "../styles/review.css";
import styles from "../styles/debrief.css";

export const links = () => [
  { rel: "stylesheet", href: reviewStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.candidateName} · Debrief · ArchPanel` : "Debrief · ArchPanel" },
];

/** Large type for a laptop shared to a screen: a link, so it works without JavaScript. */
const displaySchema = z.object({ large: z.literal("1").optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, loop, review } = requireLoopFeedback(request, params, { calibration: "never" });
  const db = getDb();
  const rows = loadDebrief(db, loop.id);
  const { aggregate, facts, rubric } = review;
  const people = [
    ...aggregate.dimensions.flatMap((d) => d.ratings.map((r) => r.panelistId)),
    ...aggregate.redFlags.flatMap((f) => f.raisedBy.map((r) => r.panelistId)),
    ...rows.attendance.map((a) => a.userId),
  ];
  const view = buildDebriefView({
    ...rows,
    aggregate,
    rubric,
    experience: interviewerExperience(db, people),
    viewer: { id: user.id, role: user.role, ownScorecards: ownScorecardsOnLoop(db, loop.id, user.id) },
    loop: { hiringManagerId: loop.hiringManagerId, status: facts.status },
    now: Date.now(),
  });
  const display = displaySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const mayDecide = canDecide({ user, hiringManagerId: loop.hiringManagerId });
  return {
    view,
    loopId: loop.id,
    candidateName: facts.candidate.name,
    roleTitle: facts.roleTitle,
    hiringManager: facts.hiringManager,
    large: display.large === "1",
    // The decision form is sent only at the decision step: before it, nothing on this page may
    // carry ratings or flags the facilitator has not revealed.
    decision: view.atDecision
      ? {
          facts: {
            loopId: facts.loopId,
            status: facts.status,
            decision: facts.decision,
            hiringManager: facts.hiringManager,
          },
          aggregate: { coverage: aggregate.coverage, redFlags: aggregate.redFlags },
          canDecide: mayDecide,
          decidable: DECIDABLE_STATUSES.includes(facts.status),
          overrideGrounds: overrideGroundsByDecision(overrideSignalsOf(aggregate)),
        }
      : null,
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
  if (!read.ok) return data<DebriefActionData>({ intent: null, errors: { _form: [read.message] } }, { status: 413 });
  const body = read.data;
  const intent = parseWith(debriefIntentSchema, body);
  if (!intent.ok)
    return data<DebriefActionData>(
      { intent: null, errors: { _form: ["Unknown action. Reload the page and try again."] } },
      { status: 400 },
    );
  const display = displaySchema.parse(body);
  const here = `/loops/${id}/debrief${display.large === "1" ? "?large=1" : ""}`;
  const people = { user, hiringManagerId: loop.hiringManagerId };

  switch (intent.value.intent) {
    case "start": {
      if (!canFacilitate(people))
        throw forbidden("Only this loop's hiring manager, a recruiter or an admin can run the debrief.");
      const review = getLoopReview(db, id, { includeCalibration: false });
      if (!review) throw notFound();
      const started = startDebrief(db, {
        loopId: id,
        actorId: user.id,
        items: planDebriefItems(review.aggregate, review.rubric),
      });
      if (!started.ok) return refusalData(started, { intent: "start" as const });
      throw redirect(here);
    }
    case "join": {
      const { session } = loadDebrief(db, id);
      const role = joinRole({
        ...people,
        ownScorecards: ownScorecardsOnLoop(db, id, user.id),
        facilitatorId: session?.facilitatorId ?? null,
      });
      if (!role) throw forbidden("You recused yourself from this loop, so you do not take part in its debrief.");
      const joined = joinDebrief(db, { loopId: id, userId: user.id, role });
      if (!joined.ok) return refusalData(joined, { intent: "join" as const });
      throw redirect(here);
    }
    case "reveal":
    case "move":
    case "note": {
      const name = intent.value.intent;
      const values = { conclusion: clip(body.conclusion, 200_000) };
      const parsed = parseWith(debriefCommandSchema, body);
      if (!parsed.ok) return data<DebriefActionData>({ intent: name, errors: parsed.errors, values }, { status: 400 });
      const { at, command } = parsed.value;
      const done = commandDebrief(db, { loopId: id, actorId: user.id, at, command });
      if (!done.ok) return refusalData(done, { intent: name, values });
      throw redirect(here);
    }
    case "decide": {
      if (!canDecide(people))
        throw forbidden("Only this loop's hiring manager or an admin can record the hiring decision.");
      const values = {
        decision: clip(body.decision, 20),
        rationale: clip(body.rationale, 200_000),
        override: clip(body.override, 200_000),
      };
      const parsed = parseWith(decisionSchema, body);
      if (!parsed.ok)
        return data<DebriefActionData>({ intent: "decide", errors: parsed.errors, values }, { status: 400 });
      const decided = decideFromDebrief(db, { loopId: id, actorId: user.id, ...parsed.value });
      if (!decided.ok) {
        // 400 is the override rule (the debrief obeys the review page's): the message goes beside the field
        const grounds = decided.status === 400 ? decisionOverrideGrounds(db, id, parsed.value.decision) : undefined;
        return refusalData(decided, { intent: "decide" as const, values, grounds }, { 400: "override" });
      }
      throw redirect(`/loops/${id}?saved=decision#decision`);
    }
  }
}

export default function DebriefPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as DebriefActionData | undefined;
  return <DebriefScreen {...loaderData} actionData={actionData} />;
}
