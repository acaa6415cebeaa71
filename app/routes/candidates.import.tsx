import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useState } from "react";

import { getDb } from "../../db/client.server";
import { existingCandidateEmails, importCandidates } from "../../db/queries/candidate/candidates.server";
import { CsrfInput } from "../components/ui/primitives";
import { FormError } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import { CSV_TEMPLATE, MAX_IMPORT_CHARS, MAX_IMPORT_ROWS, previewCandidateCsv } from "../domain/candidate/csv-import";
import type { CsvPreview } from "../domain/candidate/csv-import";
import type { CandidateInput } from "../domain/candidate/schema";
import { candidateImportSchema } from "../domain/candidate/page-schema";
import { env } from "../server/env.server";
import { bodyLimitText, parseWith, readBodyOrTooLarge } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "Import candidates · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  // the browser checks a chosen file against the same limit the server enforces
  return { maxUploadBytes: env().maxBodyBytes, uploadLimit: bodyLimitText() };
}

type PreviewData = Pick<CsvPreview, "fileErrors" | "notices" | "errorCount" | "ok"> & {
  columns: { header: string; field: keyof CandidateInput | null }[];
  rows: { rowNumber: number; raw: Record<keyof CandidateInput, string>; errors: Record<string, string[]> }[];
};

const tooLargeMessage = (limit: string) =>
  `The file is too large (limit ${limit}). Split it into smaller files, or paste fewer rows at a time.`;

type ActionData = { errors: Record<string, string[]>; csv: string; preview: PreviewData | null };

function toPreviewData(p: CsvPreview): PreviewData {
  return {
    fileErrors: p.fileErrors,
    notices: p.notices,
    errorCount: p.errorCount,
    ok: p.ok,
    columns: p.columns,
    rows: p.rows.map((r) => ({ rowNumber: r.rowNumber, raw: r.raw, errors: r.errors })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const read = await readBodyOrTooLarge(request);
  if (!read.ok)
    return data<ActionData>(
      { errors: { csv: [tooLargeMessage(read.limit)] }, csv: "", preview: null },
      { status: 413 },
    );
  const { data: body, form } = read;
  // an uploaded file (no JavaScript) takes the place of the text area
  const file = form?.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_IMPORT_CHARS * 4) {
      return data<ActionData>({ errors: { csv: ["The file is too large."] }, csv: "", preview: null }, { status: 400 });
    }
    body.csv = await file.text();
  }
  const csv = typeof body.csv === "string" ? body.csv.slice(0, MAX_IMPORT_CHARS + 1) : "";
  const parsed = parseWith(candidateImportSchema, { ...body, csv });
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, csv, preview: null }, { status: 400 });

  const db = getDb();
  const preview = previewCandidateCsv(parsed.value.csv, { existingEmails: existingCandidateEmails(db) });
  if (parsed.value.intent === "preview" || !preview.ok) {
    const status = parsed.value.intent === "import" ? 400 : 200;
    const errors: Record<string, string[]> =
      parsed.value.intent === "import"
        ? { _form: ["Nothing was imported: fix the rows marked below and preview again."] }
        : {};
    return data<ActionData>({ errors, csv: parsed.value.csv, preview: toPreviewData(preview) }, { status });
  }
  const rows = preview.rows.map((r) => r.value).filter((v): v is CandidateInput => v !== null);
  const result = importCandidates(db, user.id, rows);
  if (!result.ok) return refusalData(result, { csv: parsed.value.csv, preview: toPreviewData(preview) });
  throw redirect(`/candidates?notice=imported&n=${result.value.length}`);
}

const FIELD_ORDER: (keyof CandidateInput)[] = ["name", "email", "currentTitle", "source", "links", "notes"];
const FIELD_LABELS: Record<keyof CandidateInput, string> = {
  name: "Name",
  email: "Email",
  currentTitle: "Current title",
  source: "Source",
  links: "Links",
  notes: "Notes",
};

function RowProblems({ errors }: { errors: Record<string, string[]> }) {
  return (
    <>
      {Object.entries(errors).map(([field, messages]) => (
        <li key={field}>
          {field !== "_row" && field in FIELD_LABELS ? (
            <strong>{FIELD_LABELS[field as keyof CandidateInput]}: </strong>
          ) : null}
          {messages.join(" ")}
        </li>
      ))}
    </>
  );
}

/** Every problem in one list above the table: readable without scrolling the table sideways. */
function ProblemList({ preview }: { preview: PreviewData }) {
  const bad = preview.rows.filter((r) => Object.keys(r.errors).length > 0);
  if (bad.length === 0) return null;
  return (
    <ol className="plain import-problems" data-testid="import-problems" aria-label="Rows with problems">
      {bad.map((r) => (
        <li key={r.rowNumber}>
          <a href={`#import-row-${r.rowNumber}`}>Row {r.rowNumber}</a>
          {r.raw.name ? <span className="muted"> ({r.raw.name})</span> : null}
          <ul className="plain row-errors">
            <RowProblems errors={r.errors} />
          </ul>
        </li>
      ))}
    </ol>
  );
}

function PreviewTable({ preview }: { preview: PreviewData }) {
  const fields = FIELD_ORDER.filter((f) => preview.columns.some((c) => c.field === f));
  // The verdict comes first and the table scrolls inside its own region (keyboard too): a wide file
  // never pushes the problems out of reach.
  return (
    <div className="card flush">
      <div className="table-scroll" role="region" aria-label="Rows to import (scrolls sideways)" tabIndex={0}>
        <table className="list-table import-preview" data-testid="import-preview">
          <caption className="sr-only">Rows to import</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Check</th>
              {fields.map((f) => (
                <th scope="col" key={f}>
                  {FIELD_LABELS[f]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => {
              const bad = Object.keys(r.errors).length > 0;
              return (
                <tr
                  key={r.rowNumber}
                  id={`import-row-${r.rowNumber}`}
                  className={bad ? "row-bad" : undefined}
                  data-row={r.rowNumber}
                >
                  <td className="num">{r.rowNumber}</td>
                  <td className="check">
                    {bad ? (
                      <ul className="plain row-errors">
                        <RowProblems errors={r.errors} />
                      </ul>
                    ) : (
                      <span className="badge ok">OK</span>
                    )}
                  </td>
                  {fields.map((f) => (
                    <td key={f} className={r.errors[f] ? "cell-bad" : undefined}>
                      <span className="clip">{r.raw[f] || <span className="muted">—</span>}</span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const sameText = (a: string, b: string) => a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");

export default function ImportCandidates() {
  const { maxUploadBytes, uploadLimit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const csv = actionData?.csv ?? "";
  const { form, register, onSubmit, errorFor } = useRemixForm(candidateImportSchema, {
    defaultValues: { intent: "preview", csv },
    serverErrors: actionData?.errors,
  });
  const [fileName, setFileName] = useState<string | null>(null);
  const preview = actionData?.preview ?? null;
  // the preview belongs to the text it was made from: editing the text asks for a new preview
  const currentCsv = form.watch("csv") as string;
  // (browsers send a text area's line breaks as CRLF, so compare without them)
  const previewCurrent = preview !== null && sameText(currentCsv ?? "", csv);
  const csvError = errorFor("csv");

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const f = input.files?.[0];
    if (!f) return;
    // the text box carries the content: the file itself is not sent as well (twice the size)
    input.value = "";
    if (f.size > maxUploadBytes) {
      setFileName(null);
      form.setError("csv", { type: "server", message: tooLargeMessage(uploadLimit) });
      return;
    }
    setFileName(f.name);
    void f.text().then((text) => form.setValue("csv", text, { shouldValidate: true }));
  };

  return (
    <main id="main" className="narrow-wide">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/candidates">Candidates</Link> <span aria-hidden="true">›</span> <span>Import</span>
      </nav>
      <h1>Import candidates from CSV</h1>
      <p className="muted">
        Paste the rows or choose a file exported from your ATS or spreadsheet, then preview. Candidates are imported
        only when every row is valid: either all of them or none.
      </p>

      <div className="split import-split">
        <div className="card">
          <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
            <CsrfInput />
            <FormError message={actionData?.errors._form?.[0]} />
            <div className="field">
              <label htmlFor="csv">CSV text</label>
              <textarea
                id="csv"
                rows={10}
                className="mono"
                spellCheck={false}
                placeholder={CSV_TEMPLATE}
                defaultValue={csv}
                {...register("csv")}
                aria-invalid={csvError ? true : undefined}
                aria-describedby={csvError ? "csv-error" : "csv-hint"}
              />
              <div className="field-hint" id="csv-hint">
                First row: a header. Comma, semicolon or tab separated; up to {MAX_IMPORT_ROWS} rows.
              </div>
              {csvError ? (
                <div className="field-error" id="csv-error" role="alert">
                  {csvError}
                </div>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="file">…or choose a file</label>
              <input id="file" name="file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={onFile} />
              {fileName ? <div className="field-hint">Loaded {fileName} into the text box above.</div> : null}
            </div>
            <div className="row">
              <button
                type="submit"
                name="intent"
                value="preview"
                className={previewCurrent && preview?.ok ? "btn" : "btn primary"}
                disabled={busy}
              >
                {busy && navigation.formData?.get("intent") === "preview" ? "Checking…" : "Preview"}
              </button>
              {previewCurrent && preview?.ok ? (
                <button type="submit" name="intent" value="import" className="btn primary" disabled={busy}>
                  {busy && navigation.formData?.get("intent") === "import"
                    ? "Importing…"
                    : `Import ${preview.rows.length} candidate${preview.rows.length === 1 ? "" : "s"}`}
                </button>
              ) : null}
              <Link to="/candidates" className="btn">
                Cancel
              </Link>
            </div>
          </Form>
        </div>
        <aside className="card sample" aria-labelledby="sample-h">
          <h2 id="sample-h">Expected columns</h2>
          <p className="small">
            <strong>name</strong> is required; <strong>email</strong>, <strong>current title</strong>,{" "}
            <strong>source</strong>, <strong>links</strong> (several separated by spaces) and <strong>notes</strong> are
            optional. Other columns are ignored.
          </p>
          <p className="small muted">Example:</p>
          <pre className="sample-csv" data-testid="csv-sample">
            {CSV_TEMPLATE}
          </pre>
        </aside>
      </div>

      {preview ? (
        <section aria-labelledby="preview-h" className="preview-section">
          <h2 id="preview-h">Preview</h2>
          {preview.fileErrors.length > 0 ? (
            <div className="notice danger" role="alert">
              <ul className="plain">
                {preview.fileErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : preview.ok ? (
            <div className="notice ok" role="status" data-testid="import-summary">
              All {preview.rows.length} row{preview.rows.length === 1 ? " is" : "s are"} valid.{" "}
              {previewCurrent ? "Import them with the button above." : "The text changed since: preview again."}
            </div>
          ) : (
            <div className="notice danger" role="alert" data-testid="import-summary">
              {preview.errorCount} of {preview.rows.length} row{preview.rows.length === 1 ? "" : "s"}{" "}
              {preview.errorCount === 1 ? "has" : "have"} problems. Nothing will be imported until every row is valid:
              fix them in the text and preview again.
            </div>
          )}
          {preview.notices.length > 0 ? (
            <ul className="small muted import-notices">
              {preview.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          <ProblemList preview={preview} />
          {preview.rows.length > 0 ? <PreviewTable preview={preview} /> : null}
        </section>
      ) : null}
    </main>
  );
}
