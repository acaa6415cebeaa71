import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import * as z from "zod";

import { getDb } from "../../db/client.server";
import { listComparableVersions, loadComparison } from "../../db/queries/review/compare.server";
import { compareScopes, defaultDir, isSortKey, scoreBand, sortRows, type SortDir } from "../domain/review/compare";
import { formatPercent, formatScore } from "../domain/shared/format";
import { DECISION_LABELS, LOOP_STATUS_LABELS } from "../domain/vocabulary";
import { requireUser } from "../server/session.server";
import styles from "../styles/review.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Compare candidates · ArchPanel" }];

const querySchema = z.object({
  scope: z
    .string()
    .regex(/^[vf]:[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
  sort: z.string().max(80).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

/**
 * GET /compare?scope=v:<versionId>|f:<rubricId>&sort=<key>&dir=asc|desc — candidates in debrief or
 * decided on one rubric version (or every version of a family), side by side. Admins and
 * recruiters see every loop; members the loops they manage or sat on (after submitting).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const url = new URL(request.url);
  const q = querySchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const versions = listComparableVersions(db, user);

  const { families, scope } = compareScopes(versions, q.scope);

  const comparison = scope
    ? loadComparison(db, user, scope.startsWith("v:") ? { versionId: scope.slice(2) } : { rubricId: scope.slice(2) })
    : { dimensions: [], rows: [] };
  const dimensionKeys = comparison.dimensions.map((d) => d.key);
  const sort = q.sort && isSortKey(q.sort, dimensionKeys) ? q.sort : "raw";
  const dir: SortDir = q.dir ?? defaultDir(sort);
  return {
    versions,
    families,
    scope,
    sort,
    dir,
    dimensions: comparison.dimensions,
    rows: sortRows(comparison.rows, sort, dir),
    showVersion: scope?.startsWith("f:") ?? false,
  };
}

function SortHeader({
  label,
  sortKey,
  sort,
  dir,
  scope,
  className,
}: {
  label: string;
  sortKey: string;
  sort: string;
  dir: SortDir;
  scope: string | null;
  className?: string;
}) {
  const active = sort === sortKey;
  const nextDir: SortDir = active ? (dir === "asc" ? "desc" : "asc") : defaultDir(sortKey);
  const params = new URLSearchParams();
  if (scope) params.set("scope", scope);
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
  const { versions, families, scope, sort, dir, dimensions, rows, showVersion } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <main id="main" className="compare">
      <header className="page-head">
        <div>
          <h1>Compare candidates</h1>
          <p className="small muted">
            Loops in debrief or decided, scored on the same rubric. Click a column to sort; means are the panel&apos;s,
            composites weighted.
          </p>
        </div>
      </header>
      {versions.length === 0 ? (
        <p className="empty">
          No loop in debrief or decided that you can see yet. Loops appear here once their interviews are done.
        </p>
      ) : (
        <>
          <Form method="get" className="compare-controls">
            <div className="field">
              <label htmlFor="scope">Rubric</label>
              <select
                id="scope"
                name="scope"
                defaultValue={scope ?? undefined}
                onChange={(e) => submit(e.currentTarget.form)}
              >
                {families.map((f) => (
                  <optgroup key={f.rubricId} label={f.rubricName}>
                    {versions
                      .filter((v) => v.rubricId === f.rubricId)
                      .map((v) => (
                        <option key={v.versionId} value={`v:${v.versionId}`}>
                          {v.rubricName} v{v.version} ({v.loops} {v.loops === 1 ? "loop" : "loops"})
                        </option>
                      ))}
                    {versions.filter((v) => v.rubricId === f.rubricId).length > 1 ? (
                      <option value={`f:${f.rubricId}`}>
                        {f.rubricName}: all versions ({f.loops} loops)
                      </option>
                    ) : null}
                  </optgroup>
                ))}
              </select>
            </div>
            <input type="hidden" name="sort" value={sort} />
            <input type="hidden" name="dir" value={dir} />
            <noscript>
              <button type="submit" className="btn">
                Show
              </button>
            </noscript>
          </Form>
          {rows.length === 0 ? (
            <p className="empty">No loop to compare on this rubric.</p>
          ) : (
            <div className="card compare-table-wrap">
              <table className="compare-table" data-testid="compare-table">
                <caption className="sr-only">
                  Candidates compared by dimension mean and composite, sorted by {sort}{" "}
                  {dir === "asc" ? "ascending" : "descending"}
                </caption>
                <thead>
                  <tr>
                    <SortHeader label="Candidate" sortKey="candidate" sort={sort} dir={dir} scope={scope} />
                    <SortHeader label="Status" sortKey="status" sort={sort} dir={dir} scope={scope} />
                    {dimensions.map((d) => (
                      <SortHeader
                        key={d.key}
                        label={d.name}
                        sortKey={`dim.${d.key}`}
                        sort={sort}
                        dir={dir}
                        scope={scope}
                        className="num dimcol"
                      />
                    ))}
                    <SortHeader label="Composite" sortKey="raw" sort={sort} dir={dir} scope={scope} className="num" />
                    <SortHeader
                      label="Calibrated"
                      sortKey="calibrated"
                      sort={sort}
                      dir={dir}
                      scope={scope}
                      className="num"
                    />
                    <SortHeader
                      label="Dealbreakers"
                      sortKey="dealbreakers"
                      sort={sort}
                      dir={dir}
                      scope={scope}
                      className="num"
                    />
                    <SortHeader
                      label="Feedback"
                      sortKey="completeness"
                      sort={sort}
                      dir={dir}
                      scope={scope}
                      className="num"
                    />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.loopId}>
                      <th scope="row">
                        <Link to={`/loops/${r.loopId}`}>{r.candidateName}</Link>
                        {showVersion ? <div className="xsmall muted">v{r.rubricVersion}</div> : null}
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
        </>
      )}
    </main>
  );
}
