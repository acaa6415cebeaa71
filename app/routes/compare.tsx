import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { listComparableSearches, loadSearchComparison } from "../../db/queries/review/compare.server";
import {
  defaultDir,
  isSortKey,
  orderSearches,
  pickSearch,
  pickVersion,
  scoreBand,
  sortRows,
  type SortDir,
} from "../domain/review/compare";
import { formatPercent, formatScore } from "../domain/shared/format";
import { DECISION_LABELS, LOOP_STATUS_LABELS } from "../domain/vocabulary";
import { requireUser } from "../server/session.server";
import styles from "../styles/review.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Compare candidates · ArchPanel" }];

const idParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional()
  .catch(undefined);

const querySchema = z.object({
  search: idParam,
  version: idParam,
  sort: z.string().max(80).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

/**
 * GET /compare?search=<searchId>&version=<rubricVersionId>&sort=<key>&dir=asc|desc — the candidates
 * of one search in debrief or decided, side by side on one rubric version; the search's loops on
 * other versions are listed apart with the reason. Admins and recruiters see every loop; members
 * the loops they manage (as the loop's or the search's hiring manager) or sat on after submitting.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const url = new URL(request.url);
  const q = querySchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const searches = orderSearches(listComparableSearches(db, user));
  const searchId = pickSearch(searches, q.search);
  const current = searches.find((s) => s.searchId === searchId) ?? null;
  const versionId = current ? pickVersion(current.versions, q.version) : null;
  const comparison =
    searchId && versionId
      ? loadSearchComparison(db, user, searchId, versionId)
      : { dimensions: [], rows: [], setAside: [] };
  const dimensionKeys = comparison.dimensions.map((d) => d.key);
  const sort = q.sort && isSortKey(q.sort, dimensionKeys) ? q.sort : "raw";
  const dir: SortDir = q.dir ?? defaultDir(sort);
  return {
    searches,
    searchId,
    versions: current?.versions ?? [],
    versionId,
    sort,
    dir,
    dimensions: comparison.dimensions,
    rows: sortRows(comparison.rows, sort, dir),
    setAside: comparison.setAside,
  };
}

function SortHeader({
  label,
  sortKey,
  sort,
  dir,
  base,
  className,
}: {
  label: string;
  sortKey: string;
  sort: string;
  dir: SortDir;
  base: Record<string, string>;
  className?: string;
}) {
  const active = sort === sortKey;
  const nextDir: SortDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir(sortKey);
  const params = new URLSearchParams(base);
  params.set("sort", sortKey);
  params.set("dir", nextDir);
  return (
    <th scope="col" className={className} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={`?${params.toString()}`} preventScrollReset title={`Sort by ${label}`}>
        {label}
        {active ? (
          <span className="sort-mark" aria-hidden="true">
            {dir === "asc" ? "▲" : "▼"}
          </span>
        ) : null}
      </Link>
    </th>
  );
}

export default function Compare() {
  const { searches, searchId, versions, versionId, sort, dir, dimensions, rows, setAside } =
    useLoaderData<typeof loader>();
  const submit = useSubmit();
  const base: Record<string, string> = {};
  if (searchId) base.search = searchId;
  if (versionId) base.version = versionId;
  const tableVersion = versions.find((v) => v.versionId === versionId);
  return (
    <main id="main" className="compare">
      <header className="page-head">
        <div>
          <h1>Compare candidates</h1>
          <p className="small muted">
            The candidates of one search in debrief or decided, scored on the same rubric version. Click a column to
            sort; means are the panel&apos;s submitted scorecards, composites weighted.
          </p>
        </div>
      </header>
      {searches.length === 0 ? (
        <p className="empty">
          No loop in debrief or decided that you can see yet. Loops appear here once their interviews are done.
        </p>
      ) : (
        <>
          <Form method="get" className="compare-controls">
            <div className="field">
              <label htmlFor="search">Search</label>
              <select
                id="search"
                name="search"
                defaultValue={searchId ?? undefined}
                onChange={(e) => submit(e.currentTarget.form)}
              >
                {searches.map((s) => {
                  const n = s.versions.reduce((sum, v) => sum + v.loops, 0);
                  return (
                    <option key={s.searchId} value={s.searchId}>
                      {s.title}
                      {s.closedAt !== null ? " (closed)" : ""} · {n} {n === 1 ? "candidate" : "candidates"}
                    </option>
                  );
                })}
              </select>
            </div>
            {versions.length > 1 ? (
              <div className="field">
                <label htmlFor="version">Rubric version</label>
                <select
                  id="version"
                  name="version"
                  defaultValue={versionId ?? undefined}
                  onChange={(e) => submit(e.currentTarget.form)}
                >
                  {versions.map((v) => (
                    <option key={v.versionId} value={v.versionId}>
                      {v.rubricName} v{v.version} ({v.loops} {v.loops === 1 ? "loop" : "loops"})
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <input type="hidden" name="sort" value={sort} />
            <input type="hidden" name="dir" value={dir} />
            <noscript>
              <button type="submit" className="btn">
                Show
              </button>
            </noscript>
          </Form>
          {tableVersion ? (
            <p className="small muted" data-testid="compare-version">
              Compared on {tableVersion.rubricName} v{tableVersion.version}.
            </p>
          ) : null}
          {rows.length === 0 ? (
            <p className="empty">No loop of this search to compare on this rubric version.</p>
          ) : (
            <div className="card compare-table-wrap" role="region" aria-label="Candidates side by side" tabIndex={0}>
              <table className="compare-table" data-testid="compare-table">
                <caption className="sr-only">
                  Candidates compared by dimension mean and composite, sorted by {sort}{" "}
                  {dir === "asc" ? "ascending" : "descending"}
                </caption>
                <thead>
                  <tr>
                    <SortHeader label="Candidate" sortKey="candidate" sort={sort} dir={dir} base={base} />
                    <SortHeader label="Status" sortKey="status" sort={sort} dir={dir} base={base} />
                    {dimensions.map((d) => (
                      <SortHeader
                        key={d.key}
                        label={d.name}
                        sortKey={`dim.${d.key}`}
                        sort={sort}
                        dir={dir}
                        base={base}
                        className="num dimcol"
                      />
                    ))}
                    <SortHeader label="Composite" sortKey="raw" sort={sort} dir={dir} base={base} className="num" />
                    <SortHeader
                      label="Calibrated"
                      sortKey="calibrated"
                      sort={sort}
                      dir={dir}
                      base={base}
                      className="num"
                    />
                    <SortHeader
                      label="Dealbreakers"
                      sortKey="dealbreakers"
                      sort={sort}
                      dir={dir}
                      base={base}
                      className="num"
                    />
                    <SortHeader
                      label="Feedback"
                      sortKey="completeness"
                      sort={sort}
                      dir={dir}
                      base={base}
                      className="num"
                    />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.loopId}>
                      <th scope="row">
                        <Link to={`/loops/${r.loopId}`}>{r.candidateName}</Link>
                      </th>
                      <td>
                        {r.decision ? (
                          <span className={`badge decision d-${r.decision}`}>{DECISION_LABELS[r.decision]}</span>
                        ) : (
                          <span className={`badge status s-${r.status}`}>{LOOP_STATUS_LABELS[r.status]}</span>
                        )}
                      </td>
                      {dimensions.map((d) => {
                        const m = r.means[d.key] ?? null;
                        const band = scoreBand(m);
                        return (
                          <td key={d.key} className={`num${band ? ` cell-${band}` : ""}`}>
                            {formatScore(m)}
                          </td>
                        );
                      })}
                      <td className="num composite">{formatScore(r.raw)}</td>
                      <td className="num">{formatScore(r.calibrated)}</td>
                      <td className="num">
                        {r.dealbreakers ? <span className="badge danger">{r.dealbreakers}</span> : "0"}
                      </td>
                      <td className="num">{formatPercent(r.completeness)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {setAside.length > 0 ? (
            <section className="card" aria-labelledby="set-aside-heading" data-testid="compare-set-aside">
              <h2 id="set-aside-heading">Not in this table</h2>
              <ul className="plain">
                {setAside.map((l) => (
                  <li key={l.loopId}>
                    <Link to={`/loops/${l.loopId}`}>{l.candidateName}</Link>{" "}
                    {l.decision ? (
                      <span className={`badge decision d-${l.decision}`}>{DECISION_LABELS[l.decision]}</span>
                    ) : (
                      <span className={`badge status s-${l.status}`}>{LOOP_STATUS_LABELS[l.status]}</span>
                    )}
                    <div className="small muted">
                      {l.reason}{" "}
                      <Link
                        to={`?${new URLSearchParams({ ...(searchId ? { search: searchId } : {}), version: l.rubricVersionId }).toString()}`}
                      >
                        Compare on v{l.rubricVersion}
                      </Link>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </main>
  );
}
