// /outbox — admins: every e-mail and webhook delivery, queued, sent, failed or cancelled, with the
// receiving server's answer; "Retry now" for a failed or waiting message.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listOutbox, outboxCounts, retryNow } from "../../db/queries/outbox/delivery.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { CsrfInput } from "../components/ui/primitives";
import { FormError, Notice } from "../components/ui/fields";
import { outboxQuerySchema, retrySchema } from "../domain/notify/page-schema";
import { MESSAGE_KIND_LABELS, OUTBOX_STATUS_LABELS, OUTBOX_STATUSES, type OutboxStatus } from "../domain/vocabulary";
import { formatDateTime } from "../domain/shared/zoned-time";
import { smtpOptionsFromEnv } from "../server/outbox-worker.server";
import { parseWith, readBody } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireAdmin } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Outbox · ArchPanel" }];

const TONE: Record<OutboxStatus, string> = { queued: "info", sent: "ok", failed: "danger", cancelled: "" };

export async function loader({ request }: LoaderFunctionArgs) {
  requireAdmin(request);
  const db = getDb();
  const url = new URL(request.url);
  const query = outboxQuerySchema.parse({
    status: url.searchParams.get("status") ?? undefined,
    channel: url.searchParams.get("channel") ?? undefined,
  });
  const { timeZone } = readOrgSettings(db);
  const now = Date.now();
  return {
    filter: { status: query.status ?? null, channel: query.channel ?? null },
    counts: outboxCounts(db),
    smtp: smtpOptionsFromEnv() !== null,
    timeZone,
    items: listOutbox(db, { status: query.status, channel: query.channel }).map((m) => ({
      id: m.id,
      channel: m.channel,
      kind: MESSAGE_KIND_LABELS[m.kind],
      status: m.status,
      recipient: m.recipient,
      subject: m.subject,
      attempts: m.attempts,
      created: formatDateTime(m.createdAt, timeZone),
      next: m.status === "queued" && m.availableAt > now ? formatDateTime(m.availableAt, timeZone) : null,
      sent: m.sentAt !== null ? formatDateTime(m.sentAt, timeZone) : null,
      answer: m.lastResponse,
      transport: m.transport,
      retryable: m.status === "failed" || (m.status === "queued" && m.attempts > 0),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireAdmin(request);
  const { data: body } = await readBody(request);
  const parsed = parseWith(retrySchema, body);
  if (!parsed.ok) return data({ errors: { _form: ["Choose a message to retry."] } }, { status: 400 });
  const result = retryNow(getDb(), admin.id, parsed.value.id);
  if (!result.ok) return refusalData(result, {});
  throw redirect("/outbox?notice=retried");
}

export default function Outbox() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const filterLink = (status: OutboxStatus | null) => (status ? `/outbox?status=${status}` : "/outbox");
  return (
    <main id="main">
      <div className="page-head">
        <h1>Outbox</h1>
        <div className="row">
          <Link className="btn" to="/mailbox">
            In-app mailbox
          </Link>
          <Link className="btn" to="/webhooks">
            Webhooks
          </Link>
        </div>
      </div>
      <Notice message={params.get("notice") === "retried" ? "Queued again: the worker tries it now." : null} />
      <FormError message={actionData?.errors._form?.[0]} />
      <p className="muted">
        Every e-mail and webhook ArchPanel sends, written in the same transaction as the event that caused it and
        delivered in the background with retries.{" "}
        {d.smtp
          ? "E-mail goes out over SMTP."
          : "SMTP is not configured: e-mails are delivered to the in-app mailbox instead."}{" "}
        Times in {d.timeZone}.
      </p>
      <nav aria-label="Filter by status" className="row">
        <Link className={`btn small${d.filter.status === null ? " primary" : ""}`} to={filterLink(null)}>
          All
        </Link>
        {OUTBOX_STATUSES.map((s) => (
          <Link
            key={s}
            className={`btn small${d.filter.status === s ? " primary" : ""}`}
            to={filterLink(s)}
            data-testid={`count-${s}`}
          >
            {OUTBOX_STATUS_LABELS[s]} ({d.counts[s]})
          </Link>
        ))}
      </nav>
      <div className="card flush">
        {d.items.length === 0 ? (
          <p className="empty">Nothing here.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Messages" tabIndex={0}>
            <table className="list-table" data-testid="outbox-table">
              <caption className="sr-only">Outgoing messages</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">What</th>
                  <th scope="col">To</th>
                  <th scope="col">State</th>
                  <th scope="col">Answer</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((m) => (
                  <tr key={m.id} data-status={m.status}>
                    <td className="nowrap">{m.created}</td>
                    <td>
                      <strong>{m.kind}</strong>
                      <div className="muted small">{m.subject}</div>
                    </td>
                    <td className="small">{m.recipient}</td>
                    <td>
                      <span className={`badge ${TONE[m.status]}`}>{OUTBOX_STATUS_LABELS[m.status]}</span>
                      <div className="muted xsmall">
                        {m.attempts} attempt{m.attempts === 1 ? "" : "s"}
                        {m.sent ? ` · sent ${m.sent}` : ""}
                        {m.transport === "mailbox" ? " · in-app mailbox" : ""}
                        {m.next ? ` · next try ${m.next}` : ""}
                      </div>
                    </td>
                    <td className="small">{m.answer ?? <span className="muted">—</span>}</td>
                    <td className="actions">
                      {m.retryable ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="id" value={m.id} />
                          <button type="submit" name="intent" value="retry" className="btn small" disabled={busy}>
                            Retry now
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </main>
  );
}
