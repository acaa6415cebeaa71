import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listCandidates, listLoopHiringManagers } from "../../db/queries/candidate/candidates.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { LoopStatusBadge, ScrollRegion } from "../components/ui/primitives";
import { Notice } from "../components/ui/fields";
import { candidateFiltersSchema } from "../domain/candidate/schema";
import { LOOP_STATUS_LABELS, LOOP_STATUSES } from "../domain/vocabulary";
import { formatDate } from "../domain/shared/zoned-time";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Candidates · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  const url = new URL(request.url);
  const filters = candidateFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const rows = listCandidates(db, filters);
  return {
    filters,
    candidates: rows.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      currentTitle: c.currentTitle,
      source: c.source,
      createdAt: c.createdAt,
      archived: c.archivedAt !== null,
      erased: c.erasedAt !== null,
      loops: c.loops.map((l) => ({ id: l.id, status: l.status, hiringManagerName: l.hiringManagerName })),
    })),
    hiringManagers: listLoopHiringManagers(db),
    timeZone: readOrgSettings(db).timeZone,
  };
}

const NOTICES: Record<string, (n: string | null) => string> = {
  imported: (n) => `Imported ${n ?? "the"} candidate${n === "1" ? "" : "s"}.`,
  archived: () => "Candidate archived.",
};

export default function Candidates() {
  const { filters, candidates, hiringManagers, timeZone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const filtered = Boolean(filters.q || filters.status || filters.hm || filters.archived);
  return (
    <main id="main">
      <div className="page-head">
        <h1>Candidates</h1>
        <div className="row">
          <Link className="btn" to="/candidates/import">
            Import CSV
          </Link>
          <Link className="btn primary" to="/candidates/new">
            New candidate
          </Link>
        </div>
      </div>
      <Notice message={notice && NOTICES[notice] ? NOTICES[notice](params.get("n")) : null} />
      <Form method="get" className="filters card" role="search" aria-label="Filter candidates">
        <div className="field grow">
          <label htmlFor="q">Search</label>
          <input
            id="q"
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder="Name, email, title or source"
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor="status">Loop status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {LOOP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LOOP_STATUS_LABELS[s]}
              </option>
            ))}
            <option value="none">No loop yet</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="hm">Hiring manager</label>
          <select id="hm" name="hm" defaultValue={filters.hm}>
            <option value="">Anyone</option>
            {hiringManagers.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </div>
        <label className="check inline-check">
          <input type="checkbox" name="archived" value="1" defaultChecked={filters.archived === "1"} /> Include archived
        </label>
        <div className="row">
          <button type="submit" className="btn">
            Apply
          </button>
          {filtered ? (
            <Link to="/candidates" className="btn">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>
      {candidates.length === 0 ? (
        <p className="empty">
          {filtered
            ? "No candidate matches these filters."
            : "No candidates yet. Add one, or import a CSV file from your ATS or spreadsheet."}
        </p>
      ) : (
        <div className="card flush">
          <ScrollRegion label="Candidates">
            <table className="list-table" data-testid="candidate-table">
              <caption className="sr-only">Candidates</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Email</th>
                  <th scope="col">Source</th>
                  <th scope="col">Loops</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c) => (
                  <tr key={c.id} className={c.archived ? "archived" : undefined}>
                    <td>
                      <Link to={`/candidates/${c.id}`} className={c.erased ? "erased" : undefined}>
                        {c.name}
                      </Link>
                      {c.archived ? <span className="badge">Archived</span> : null}
                      {c.currentTitle ? <div className="muted small">{c.currentTitle}</div> : null}
                    </td>
                    <td>{c.email || <span className="muted">—</span>}</td>
                    <td>{c.source || <span className="muted">—</span>}</td>
                    <td>
                      {c.loops.length === 0 ? (
                        <span className="muted">No loop</span>
                      ) : (
                        <ul className="plain">
                          {c.loops.map((l) => (
                            <li key={l.id}>
                              <LoopStatusBadge status={l.status} />{" "}
                              <span className="muted small">HM {l.hiringManagerName}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="nowrap">{formatDate(c.createdAt, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="muted small table-foot">
            {candidates.length} candidate{candidates.length === 1 ? "" : "s"}
          </p>
        </div>
      )}
    </main>
  );
}
