import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { getTraineeComparison } from "../../db/queries/review/shadow.server";
import { ShadowComparisonTable } from "../components/review/shadow-comparison";
import { PANEL_ROLE_LABELS } from "../domain/vocabulary";
import { forbidden, notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { requireUser } from "../server/session.server";

export const meta: MetaFunction = () => [{ title: "Your ratings beside the panel's · ArchPanel" }];

const CLOSED: Record<"not_submitted" | "recused" | "not_decided", string> = {
  not_submitted: "Submit your scorecard first; the comparison opens once the loop is decided.",
  recused: "You recused from this interview, so there is nothing to compare.",
  not_decided:
    "The panel's feedback stays closed to trainees until the loop is decided, so your judgement is not anchored by theirs.",
};

/**
 * GET /scorecards/:id/compare — a trainee's own scorecard beside the panel's ratings and the
 * decision. Only its author sees it (404 for everyone else, and for a full panelist's scorecard),
 * and only once they submitted and the loop is decided (403 before).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = idParam(params);
  const page = getTraineeComparison(getDb(), id, user.id);
  if (!page) throw notFound();
  if (page.state !== "decided") throw forbidden(CLOSED[page.state]);
  return page;
}

export default function TraineeComparison() {
  const page = useLoaderData<typeof loader>();
  return (
    <main id="main" className="shadow-compare">
      <header className="page-head">
        <div>
          <h1>Your ratings beside the panel&apos;s</h1>
          <p className="small muted">
            {page.candidateName} · {page.exerciseTitle} · you sat as {PANEL_ROLE_LABELS[page.panelRole].toLowerCase()}.
            Your ratings were not part of the decision; the panel&apos;s median and range are its full panelists&apos;
            submitted ratings.
          </p>
        </div>
        <Link to={`/scorecards/${page.scorecardId}`}>Back to your scorecard</Link>
      </header>
      <ShadowComparisonTable comparison={page.comparison} />
    </main>
  );
}
