import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { cloneRubricVersion, listRubricVersionInfos } from "../../db/queries/rubric/rubrics.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { CsrfInput, ScrollRegion } from "../components/ui/primitives";
import { FormError, Notice } from "../components/ui/fields";
import { cloneVersionSchema } from "../domain/rubric/page-schema";
import { formatDate } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "Rubrics · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  const db = getDb();
  const timeZone = readOrgSettings(db).timeZone;
  const versions = listRubricVersionInfos(db).map((v) => ({
    id: v.id,
    rubricName: v.rubricName,
    version: v.version,
    status: v.status,
    createdOn: formatDate(v.createdAt, timeZone),
    publishedOn: v.publishedAt !== null ? formatDate(v.publishedAt, timeZone) : null,
    basedOnVersion: v.basedOnVersion,
    createdByName: v.createdByName,
    loopCount: v.loopCount,
  }));
  const drafts = new Set(versions.filter((v) => v.status === "draft").map((v) => v.rubricName));
  return { versions, rubricsWithDraft: [...drafts] };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const { data: body } = await readBody(request);
  const parsed = parseWith(cloneVersionSchema, body);
  if (!parsed.ok) return data({ errors: { _form: ["Choose a version to clone from the list."] } }, { status: 400 });
  const result = cloneRubricVersion(getDb(), user.id, parsed.value.versionId);
  if (!result.ok) return refusalData(result, {});
  throw redirect(`/rubrics/${result.value.id}?notice=cloned`);
}

export default function Rubrics() {
  const { versions, rubricsWithDraft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state === "submitting";
  const published = versions.filter((v) => v.status === "published");
  // default diff: the two newest versions
  const [newest, previous] = versions;
  const notice = params.get("notice") === "discarded" ? "Draft discarded." : null;

  return (
    <main id="main">
      <div className="page-head">
        <div>
          <h1>Rubrics</h1>
          <p className="muted small head-meta">
            Loops use published versions only, and keep the version they were created with. To change a rubric, clone a
            published version into a draft, edit it, then publish it.
          </p>
        </div>
      </div>
      <Notice message={notice} />
      <FormError message={actionData?.errors._form[0]} />

      {versions.length === 0 ? (
        <p className="empty">No rubric yet. Seed rubric v1 with the demo script.</p>
      ) : (
        <div className="card flush">
          <ScrollRegion label="Rubric versions">
            <table className="list-table" data-testid="rubric-versions">
              <caption className="sr-only">Rubric versions</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Published</th>
                  <th scope="col" className="num">
                    Loops
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id} data-version={v.version}>
                    <td>
                      <Link to={`/rubrics/${v.id}`}>
                        {v.rubricName} v{v.version}
                      </Link>
                      {v.basedOnVersion !== null ? (
                        <div className="muted xsmall">cloned from v{v.basedOnVersion}</div>
                      ) : null}
                    </td>
                    <td>
                      {v.status === "published" ? (
                        <span className="badge ok">Published</span>
                      ) : (
                        <span className="badge warn">Draft</span>
                      )}
                    </td>
                    <td className="nowrap">
                      {v.createdOn}
                      <div className="muted xsmall">{v.createdByName ? `by ${v.createdByName}` : "built in"}</div>
                    </td>
                    <td className="nowrap">{v.publishedOn ?? <span className="muted">—</span>}</td>
                    <td className="num">{v.loopCount}</td>
                    <td className="actions">
                      {v.status === "published" ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="versionId" value={v.id} />
                          <button type="submit" name="intent" value="clone" className="btn small" disabled={busy}>
                            Clone into draft
                          </button>
                        </Form>
                      ) : (
                        <Link to={`/rubrics/${v.id}`} className="btn small">
                          Edit draft
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {rubricsWithDraft.length > 0 ? (
            <p className="muted small table-foot">
              A draft is open: cloning again makes another draft with the next number; finish or discard one first to
              keep numbers tidy.
            </p>
          ) : null}
        </div>
      )}

      {versions.length >= 2 ? (
        <section className="card" aria-labelledby="diff-h">
          <h2 id="diff-h">Compare two versions</h2>
          <Form method="get" action="/rubrics/diff" className="filters">
            <div className="field">
              <label htmlFor="diff-a">Older</label>
              <select id="diff-a" name="a" defaultValue={previous?.id}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version} {v.status === "draft" ? "(draft)" : ""}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-b">Newer</label>
              <select id="diff-b" name="b" defaultValue={newest?.id}>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version} {v.status === "draft" ? "(draft)" : ""}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn">
              Show differences
            </button>
          </Form>
        </section>
      ) : published.length === 1 ? (
        <p className="muted small">Only one version so far: clone it to start a new one, and compare them here.</p>
      ) : null}
    </main>
  );
}
