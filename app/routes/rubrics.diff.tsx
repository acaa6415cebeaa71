import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listRubricVersionInfos, loadRubricContent } from "../../db/queries/rubric/rubrics.server";
import type { FieldChange, ItemDiff, WordSegment } from "../domain/rubric/diff";
import { diffRubrics, fieldLabel } from "../domain/rubric/diff";
import { diffParamsSchema, sideRuns } from "../domain/rubric/page-schema";
import { requireStaff } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "Compare rubric versions · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  const url = new URL(request.url);
  const q = diffParamsSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const versions = listRubricVersionInfos(db).map((v) => ({
    id: v.id,
    version: v.version,
    status: v.status,
    rubricId: v.rubricId,
    rubricName: v.rubricName,
  }));
  const a = versions.find((v) => v.id === q.a);
  const b = versions.find((v) => v.id === q.b);
  const picked = { a: a?.id ?? versions[1]?.id ?? "", b: b?.id ?? versions[0]?.id ?? "" };
  if (!a || !b) {
    const problem = q.a || q.b ? "One of those versions does not exist (any more): pick two from the lists." : null;
    return { versions, picked, problem, older: null, newer: null, diff: null };
  }
  // always older on the left
  const [older, newer] = a.version <= b.version ? [a, b] : [b, a];
  const olderContent = loadRubricContent(db, older.id);
  const newerContent = loadRubricContent(db, newer.id);
  if (!olderContent || !newerContent)
    return { versions, picked, problem: "These versions could not be read.", older: null, newer: null, diff: null };
  return { versions, picked, problem: null, older, newer, diff: diffRubrics(olderContent, newerContent) };
}

function Segments({ segments, side }: { segments: WordSegment[]; side: "before" | "after" }) {
  return (
    <>
      {sideRuns(segments, side).map((r, i) => {
        if (!r.changed) return <span key={i}>{r.text}</span>;
        return side === "before" ? <del key={i}>{r.text}</del> : <ins key={i}>{r.text}</ins>;
      })}
    </>
  );
}

function ChangeRow({ change }: { change: FieldChange }) {
  return (
    <tr>
      <th scope="row">{change.label}</th>
      <td className="prewrap">
        {change.before ? <Segments segments={change.segments} side="before" /> : <span className="muted">(empty)</span>}
      </td>
      <td className="prewrap">
        {change.after ? <Segments segments={change.segments} side="after" /> : <span className="muted">(empty)</span>}
      </td>
    </tr>
  );
}

function Head({ left, right }: { left: string; right: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">
          <span className="sr-only">Field</span>
        </th>
        <th scope="col">{left}</th>
        <th scope="col">{right}</th>
      </tr>
    </thead>
  );
}

function VersionSelect({
  name,
  label,
  versions,
  value,
}: {
  name: "a" | "b";
  label: string;
  versions: readonly { id: string; version: number; status: string }[];
  value: string;
}) {
  return (
    <>
      <label htmlFor={name} className="sr-only">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.version}
            {v.status === "draft" ? " (draft)" : ""}
          </option>
        ))}
      </select>
    </>
  );
}

const STATUS_LABEL: Record<ItemDiff["status"], string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  unchanged: "Unchanged",
};
const STATUS_TONE: Record<ItemDiff["status"], string> = {
  added: "ok",
  removed: "danger",
  changed: "warn",
  unchanged: "",
};

function Item({ item, left, right }: { item: ItemDiff; left: string; right: string }) {
  const fields = item.status === "added" ? item.after : item.status === "removed" ? item.before : null;
  return (
    <div className={`diff-item ${item.status}`} data-key={item.key} data-status={item.status}>
      <h4>
        {item.title} <span className={`badge ${STATUS_TONE[item.status]}`}>{STATUS_LABEL[item.status]}</span>
        {item.moved ? <span className="badge">Moved</span> : null}
      </h4>
      {item.changes.length > 0 ? (
        <table className="diff-table">
          <colgroup>
            <col className="diff-label" />
            <col />
            <col />
          </colgroup>
          <Head left={left} right={right} />
          <tbody>
            {item.changes.map((c) => (
              <ChangeRow key={c.field} change={c} />
            ))}
          </tbody>
        </table>
      ) : null}
      {fields ? (
        <table className="diff-table">
          <colgroup>
            <col className="diff-label" />
            <col />
            <col />
          </colgroup>
          <Head left={left} right={right} />
          <tbody>
            {Object.entries(fields).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{fieldLabel(k)}</th>
                <td className="prewrap">
                  {item.status === "removed" ? <del>{v}</del> : <span className="muted">—</span>}
                </td>
                <td className="prewrap">
                  {item.status === "added" ? <ins>{v}</ins> : <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export default function RubricDiffPage() {
  const { versions, picked, problem, older, newer, diff } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="rubric-diff">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/rubrics">Rubrics</Link> <span aria-hidden="true">›</span> <span>Compare</span>
      </nav>
      <div className="page-head">
        <h1>{older && newer ? `Changes from v${older.version} to v${newer.version}` : "Compare rubric versions"}</h1>
        <Form method="get" className="row diff-picker">
          <VersionSelect name="a" label="Older version" versions={versions} value={picked.a} />
          <span aria-hidden="true">→</span>
          <VersionSelect name="b" label="Newer version" versions={versions} value={picked.b} />
          <button type="submit" className="btn">
            Compare
          </button>
        </Form>
      </div>
      {problem ? <p className="notice warn">{problem}</p> : null}
      {!diff ? (
        versions.length < 2 ? (
          <p className="empty">There is only one rubric version so far.</p>
        ) : (
          <p className="empty">Pick two versions to compare.</p>
        )
      ) : diff.identical ? (
        <p className="notice" data-testid="diff-identical">
          v{older?.version} and v{newer?.version} have the same content.
        </p>
      ) : (
        <>
          <div className="diff-legend small muted">
            <span>
              Left: v{older?.version} · right: v{newer?.version}.
            </span>{" "}
            <del>removed text</del> <ins>added text</ins>
          </div>
          {diff.summary ? (
            <section className="card">
              <h2>Summary</h2>
              <table className="diff-table">
                <Head left={`v${older?.version ?? ""}`} right={`v${newer?.version ?? ""}`} />
                <tbody>
                  <ChangeRow change={diff.summary} />
                </tbody>
              </table>
            </section>
          ) : null}
          {diff.rules.length > 0 ? (
            <section className="card" aria-labelledby="s-rules" data-section="rules">
              <h2 id="s-rules">
                Format, decision rule and interviewer guidance{" "}
                <span className="muted small normal">{diff.rules.length} changed</span>
              </h2>
              <table className="diff-table">
                <colgroup>
                  <col className="diff-label" />
                  <col />
                  <col />
                </colgroup>
                <Head left={`v${older?.version ?? ""}`} right={`v${newer?.version ?? ""}`} />
                <tbody>
                  {diff.rules.map((c) => (
                    <ChangeRow key={c.field} change={c} />
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          {diff.sections.map((s) => {
            const shown = s.items.filter((i) => i.status !== "unchanged" || i.moved);
            return (
              <section key={s.section} className="card" aria-labelledby={`s-${s.section}`} data-section={s.section}>
                <h2 id={`s-${s.section}`}>
                  {s.label}{" "}
                  <span className="muted small normal">
                    {[
                      s.counts.changed ? `${s.counts.changed} changed` : null,
                      s.counts.added ? `${s.counts.added} added` : null,
                      s.counts.removed ? `${s.counts.removed} removed` : null,
                      `${s.counts.unchanged} unchanged`,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </h2>
                {shown.length === 0 ? (
                  <p className="muted small">No changes.</p>
                ) : (
                  shown.map((i) => (
                    <Item key={i.key} item={i} left={`v${older?.version ?? ""}`} right={`v${newer?.version ?? ""}`} />
                  ))
                )}
              </section>
            );
          })}
        </>
      )}
    </main>
  );
}
