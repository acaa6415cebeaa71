import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { sha256 } from "../../db/ids.server";
import { getRubricVersionInfo, loadRubricContent } from "../../db/queries/rubric/rubrics.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { CsrfInput } from "../components/ui/primitives";
import { FormError, Notice } from "../components/ui/fields";
import { RubricEditor } from "../components/rubric/rubric-editor";
import { RubricView } from "../components/rubric/rubric-view";
import type { RubricDraftFormValues } from "../domain/rubric/draft-schema";
import { contentToFormValues } from "../domain/rubric/draft-schema";
import { rubricEditorIntentSchema, withSpareRows } from "../domain/rubric/page-schema";
import { formatDate } from "../domain/shared/zoned-time";
import { parseWith, readBodyOrTooLarge } from "../server/form.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { editRubricVersion } from "../server/rubric-editor.server";
import { requireStaff } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.info.rubricName} v${d.info.version} · Rubrics · ArchPanel` : "Rubric · ArchPanel" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireStaff(request);
  const id = idParam(params);
  const db = getDb();
  const info = getRubricVersionInfo(db, id);
  const content = info ? loadRubricContent(db, id) : null;
  if (!info || !content) throw notFound();
  const timeZone = readOrgSettings(db).timeZone;
  return {
    info: {
      id: info.id,
      rubricName: info.rubricName,
      version: info.version,
      status: info.status,
      createdOn: formatDate(info.createdAt, timeZone),
      publishedOn: info.publishedAt !== null ? formatDate(info.publishedAt, timeZone) : null,
      createdByName: info.createdByName,
      basedOnVersionId: info.basedOnVersionId,
      basedOnVersion: info.basedOnVersion,
      loopCount: info.loopCount,
    },
    content,
    formValues: info.status === "draft" ? withSpareRows(contentToFormValues(content)) : null,
    // the editor starts over from the stored content whenever that content changes
    rev: sha256(JSON.stringify(content)).slice(0, 16),
  };
}

type ActionData = {
  rev: string;
  errors: Record<string, string[]>;
  values: RubricDraftFormValues | null;
  problems: string[] | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const id = idParam(params);
  const read = await readBodyOrTooLarge(request);
  const rev = `a${Date.now()}`;
  if (!read.ok)
    return data<ActionData>({ rev, errors: { _form: [read.message] }, values: null, problems: null }, { status: 413 });
  const { data: body } = read;
  const intent = parseWith(rubricEditorIntentSchema, body);
  if (!intent.ok)
    return data<ActionData>(
      { rev, errors: { _form: ["Unknown action. Reload the page and try again."] }, values: null, problems: null },
      { status: 400 },
    );
  const result = editRubricVersion(getDb(), user, id, intent.value.intent, body);
  if (!result.ok) {
    const { status, errors, values, problems } = result;
    return data<ActionData>({ rev, errors, values, problems }, { status });
  }
  if (result.done === "discarded") throw redirect("/rubrics?notice=discarded");
  throw redirect(`/rubrics/${id}?notice=${result.done}`);
}

const NOTICES: Record<string, string> = {
  cloned: "Draft created. Edit it, then publish it; loops keep using the published versions until then.",
  saved: "Draft saved.",
  published: "Published. New loops can use this version; existing loops keep theirs.",
};

export default function RubricVersionPage() {
  const { info, content, formValues, rev } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const busy = navigation.state === "submitting";
  const isDraft = info.status === "draft";

  return (
    <main id="main" className="rubric-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/rubrics">Rubrics</Link> <span aria-hidden="true">›</span> <span>v{info.version}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {info.rubricName} v{info.version}{" "}
            {isDraft ? <span className="badge warn">Draft</span> : <span className="badge ok">Published</span>}
          </h1>
          <p className="muted small head-meta">
            Created {info.createdOn}
            {info.createdByName ? ` by ${info.createdByName}` : ""}
            {info.basedOnVersion !== null ? ` from v${info.basedOnVersion}` : ""}
            {info.publishedOn ? ` · published ${info.publishedOn}` : ""} · used by {info.loopCount} loop
            {info.loopCount === 1 ? "" : "s"}
          </p>
        </div>
        <div className="row">
          {info.basedOnVersionId ? (
            <Link className="btn" to={`/rubrics/diff?a=${info.basedOnVersionId}&b=${info.id}`}>
              Changes since v{info.basedOnVersion}
            </Link>
          ) : null}
          {!isDraft ? (
            <Form method="post" action="/rubrics?index" className="inline">
              <CsrfInput />
              <input type="hidden" name="versionId" value={info.id} />
              <button type="submit" name="intent" value="clone" className="btn primary" disabled={busy}>
                Clone into a new draft
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      <Notice message={notice && !actionData ? NOTICES[notice] : null} />

      {isDraft && formValues ? (
        <>
          <RubricEditor
            key={actionData?.rev ?? rev}
            defaultValues={actionData?.values ?? formValues}
            serverErrors={actionData?.errors}
            problems={actionData?.problems}
          />
          <details className="card discard">
            <summary>Discard this draft</summary>
            <p className="small muted">
              Deletes draft v{info.version} and everything typed in it. Published versions are not affected.
            </p>
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="discard" className="btn danger" disabled={busy}>
                Discard draft v{info.version}
              </button>
            </Form>
          </details>
        </>
      ) : (
        <>
          <FormError message={actionData?.errors._form?.[0]} />
          <p className="notice">
            This version is published: it is read-only, so loops that use it keep the exact rubric their panel scored
            against.
          </p>
          <RubricView content={content} />
        </>
      )}
    </main>
  );
}
