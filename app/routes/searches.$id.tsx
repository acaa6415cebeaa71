// /searches/:id — recruiters and admins: one search, its candidates with their loop status, and
// closing (no new loops) or reopening it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { getSearch, setSearchState } from "../../db/queries/search/searches.server";
import { DecisionBadge, LoopStatusBadge, CsrfInput } from "../components/ui/primitives";
import { FormError, Notice } from "../components/ui/fields";
import { SEARCH_STATE_LABELS, searchState } from "../domain/search/rules";
import { searchStateSchema } from "../domain/search/schema";
import { formatDate } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.search.title ?? "Search"} · ArchPanel` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireStaff(request);
  const id = idParam(params);
  const db = getDb();
  const found = getSearch(db, id);
  if (!found) throw notFound();
  return { ...found, timeZone: readOrgSettings(db).timeZone };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const id = idParam(params);
  const { data: body } = await readBody(request);
  const parsed = parseWith(searchStateSchema, body);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = setSearchState(getDb(), user, id, parsed.value.intent);
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return refusalData(result, {});
  }
  throw redirect(`/searches/${id}?saved=${parsed.value.intent === "close" ? "closed" : "reopened"}`);
}

const NOTICES: Record<string, string> = {
  created: "Search opened. Create its loops from here or from New loop.",
  closed: "Search closed: it takes no new loops; its loops carry on.",
  reopened: "Search reopened: new loops can join it again.",
};

export default function SearchPage() {
  const { search, loops, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const state = searchState(search);
  return (
    <main id="main">
      <p className="crumbs">
        <Link to="/searches">Searches</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1>{search.title}</h1>
          <p className="muted small" data-testid="search-facts">
            <span className={state === "open" ? "badge ok" : "badge"}>{SEARCH_STATE_LABELS[state]}</span>{" "}
            {search.rubricName} · hiring manager {search.hiringManagerName} · opened{" "}
            {formatDate(search.openedAt, timeZone)}
            {search.closedAt !== null ? ` · closed ${formatDate(search.closedAt, timeZone)}` : ""}
            {search.headcount !== null ? ` · ${search.headcount} ${search.headcount === 1 ? "seat" : "seats"}` : ""}
          </p>
        </div>
        <div className="row">
          {state === "open" ? (
            <Link className="btn primary" to={`/loops/new?search=${search.id}`}>
              New loop in this search
            </Link>
          ) : null}
          <Link className="btn" to={`/compare?search=${search.id}`}>
            Compare
          </Link>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value={state === "open" ? "close" : "reopen"} />
            <button type="submit" className="btn">
              {state === "open" ? "Close search" : "Reopen search"}
            </button>
          </Form>
        </div>
      </div>
      <Notice message={params.get("saved") ? NOTICES[params.get("saved")!] : null} />
      <FormError
        message={actionData?.errors && "_form" in actionData.errors ? actionData.errors._form?.[0] : undefined}
      />
      {search.notes ? <p className="card">{search.notes}</p> : null}
      <p className="small muted">
        {search.candidates} {search.candidates === 1 ? "candidate" : "candidates"} · {search.decided} decided
        {search.hired > 0 ? ` · ${search.hired} hired` : ""}
      </p>
      {loops.length === 0 ? (
        <p className="empty">No loop in this search yet.</p>
      ) : (
        <div className="card flush">
          <div className="table-scroll" role="region" aria-label="Candidates of the search" tabIndex={0}>
            <table className="list-table" data-testid="search-loops">
              <caption className="sr-only">Candidates of the search and the status of their loops</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Status</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Loop&apos;s hiring manager</th>
                  <th scope="col">Rubric</th>
                </tr>
              </thead>
              <tbody>
                {loops.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <Link to={`/loops/${l.id}`}>{l.candidateName}</Link>
                    </td>
                    <td>
                      <LoopStatusBadge status={l.status} />
                    </td>
                    <td>
                      <DecisionBadge decision={l.decision} />
                    </td>
                    <td>{l.hiringManagerName}</td>
                    <td className="nowrap">
                      {l.rubricName} v{l.rubricVersion}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </main>
  );
}
