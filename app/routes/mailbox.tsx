// /mailbox — admins: the e-mails that would have gone out over SMTP when none is configured (the
// demo), as the recipient would read them, with their attachments.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { getMail, listOutbox } from "../../db/queries/outbox/delivery.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { mailboxQuerySchema } from "../domain/notify/page-schema";
import { MESSAGE_KIND_LABELS } from "../domain/vocabulary";
import { formatDateTime } from "../domain/shared/zoned-time";
import { notFound } from "../server/http.server";
import { requireAdmin } from "../server/session.server";
import styles from "../styles/setup.css";
import { ScrollRegion } from "../components/ui/primitives";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Mailbox · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAdmin(request);
  const db = getDb();
  const { timeZone } = readOrgSettings(db);
  const query = mailboxQuerySchema.parse({ id: new URL(request.url).searchParams.get("id") ?? undefined });
  const open = query.id ? getMail(db, query.id) : null;
  if (query.id && (!open || open.transport !== "mailbox")) throw notFound();
  return {
    items: listOutbox(db, { channel: "email", transport: "mailbox" }).map((m) => ({
      id: m.id,
      kind: MESSAGE_KIND_LABELS[m.kind],
      to: m.recipient,
      subject: m.subject,
      at: formatDateTime(m.sentAt ?? m.createdAt, timeZone),
    })),
    open: open
      ? {
          id: open.id,
          to: open.recipient,
          subject: open.subject,
          messageId: open.messageId,
          at: formatDateTime(open.sentAt ?? open.createdAt, timeZone),
          text: open.bodyText,
          attachments: open.attachments.map((a) => ({ filename: a.filename, type: a.contentType, content: a.content })),
        }
      : null,
  };
}

export default function Mailbox() {
  const { items, open } = useLoaderData<typeof loader>();
  return (
    <main id="main">
      <div className="page-head">
        <h1>In-app mailbox</h1>
        <Link className="btn" to="/outbox">
          Outbox
        </Link>
      </div>
      <p className="muted">
        SMTP is not configured (<code>SMTP_URL</code> or <code>SMTP_HOST</code>), so e-mails land here instead of
        leaving the building: this is what the recipients would have received.
      </p>
      {open ? (
        <article className="card" aria-labelledby="mail-subject" data-testid="mail">
          <h2 id="mail-subject">{open.subject}</h2>
          <p className="muted small">
            To {open.to} · {open.at} · Message-ID {open.messageId}
          </p>
          <pre className="reminder">{open.text}</pre>
          {open.attachments.map((a) => (
            <details key={a.filename}>
              <summary className="small">
                Attachment: {a.filename} ({a.type})
              </summary>
              <pre className="reminder">{a.content}</pre>
            </details>
          ))}
        </article>
      ) : null}
      <div className="card flush">
        {items.length === 0 ? (
          <p className="empty">No e-mail yet.</p>
        ) : (
          <ScrollRegion label="E-mails">
            <table className="list-table" data-testid="mailbox-table">
              <caption className="sr-only">E-mails in the in-app mailbox</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id} aria-current={open?.id === m.id ? "true" : undefined}>
                    <td className="nowrap">{m.at}</td>
                    <td className="small">{m.to}</td>
                    <td>
                      <Link to={`/mailbox?id=${m.id}`}>{m.subject}</Link>
                      <div className="muted xsmall">{m.kind}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </div>
    </main>
  );
}
