import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { getTraineeRecord } from "../../db/queries/review/shadow.server";
import { DEFAULT_TRACKING_LOOPS, trackTrainee } from "../domain/review/shadow";
import { formatPercent, formatScore, formatSigned } from "../domain/shared/format";
import { DECISION_LABELS, RECOMMENDATION_LABELS } from "../domain/vocabulary";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { requireStaff } from "../server/session.server";
import { ScrollRegion } from "../components/ui/primitives";

export const meta: MetaFunction = () => [{ title: "Shadowing record · ArchPanel" }];

const querySchema = z.object({
  n: z.coerce.number().int().min(1).max(20).catch(DEFAULT_TRACKING_LOOPS),
});

/**
 * GET /people/:id/shadowing?n=5 — how closely a trainee tracks the panel over their last n
 * decided loops (staff only): what a recruiter reads before promoting them to full interviewer.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireStaff(request);
  const id = idParam(params);
  const { n } = querySchema.parse({ n: new URL(request.url).searchParams.get("n") ?? undefined });
  const record = getTraineeRecord(getDb(), id);
  if (!record) throw notFound();
  return { user: record.user, openSeats: record.openSeats, n, tracking: trackTrainee(record.loops, n) };
}

export default function Shadowing() {
  const { user, openSeats, n, tracking } = useLoaderData<typeof loader>();
  const { recommendations } = tracking;
  return (
    <main id="main" className="shadowing">
      <header className="page-head">
        <div>
          <h1>{user.name}: shadowing record</h1>
          <p className="small muted">
            Their shadow and reverse-shadow scorecards on decided loops, beside the panel&apos;s full panelists. Trainee
            seats on loops not decided yet: {openSeats}.
          </p>
        </div>
        <Link to="/people">Back to people</Link>
      </header>
      <Form method="get" className="row tight-row align-end">
        <div className="field">
          <label htmlFor="n">Last loops</label>
          <input id="n" name="n" type="number" min={1} max={20} defaultValue={n} />
        </div>
        <button type="submit" className="btn small">
          Show
        </button>
      </Form>
      <p className={tracking.ready ? "notice success" : "notice"} data-testid="readiness">
        {tracking.readiness}
      </p>
      <dl className="facts" data-testid="tracking-summary">
        <dt>Loops compared</dt>
        <dd>{tracking.loops.length}</dd>
        <dt>Mean difference from the panel&apos;s median</dt>
        <dd>{formatScore(tracking.overallMeanAbsDiff)}</dd>
        <dt>Recommendations matching the decision</dt>
        <dd>
          {recommendations.share === null
            ? "—"
            : `${formatPercent(recommendations.share)} (${recommendations.matched} of ${recommendations.comparable})`}
        </dd>
      </dl>
      {tracking.loops.length === 0 ? (
        <p className="empty">No decided loop with a submitted trainee scorecard yet.</p>
      ) : (
        <>
          <h2>Per dimension</h2>
          <ScrollRegion label="Per dimension (scrolls sideways)">
            <table className="list-table" data-testid="tracking-dimensions">
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  <th scope="col">Mean |difference|</th>
                  <th scope="col">Loops</th>
                </tr>
              </thead>
              <tbody>
                {tracking.dimensions.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">{d.name}</th>
                    <td>{formatScore(d.meanAbsDiff)}</td>
                    <td>{d.loops}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h2>Loops</h2>
          <ScrollRegion label="Loops (scrolls sideways)">
            <table className="list-table" data-testid="tracking-loops">
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Differences (theirs − panel median)</th>
                  <th scope="col">Recommendation</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {tracking.loops.map((l) => (
                  <tr key={l.loopId}>
                    <th scope="row">{l.candidateName}</th>
                    <td>
                      {l.comparison.dimensions
                        .filter((d) => d.difference !== null)
                        .map((d) => `${d.name} ${formatSigned(d.difference)}`)
                        .join(", ") || "—"}
                    </td>
                    <td>{l.comparison.recommendation ? RECOMMENDATION_LABELS[l.comparison.recommendation] : "—"}</td>
                    <td>{l.comparison.decision ? DECISION_LABELS[l.comparison.decision] : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </main>
  );
}
