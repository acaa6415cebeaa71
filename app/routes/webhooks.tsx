// /webhooks — admins: endpoints that receive signed POSTs for events (scorecard submitted, loop
// ready for debrief, decision recorded), and the delivery log. Deliveries go through the outbox.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { listOutbox } from "../../db/queries/outbox/delivery.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { createWebhook, deleteWebhook, listWebhooks, setWebhookActive } from "../../db/queries/outbox/webhooks.server";
import { CsrfInput, ScrollRegion } from "../components/ui/primitives";
import { FormError, Notice } from "../components/ui/fields";
import { createWebhookSchema, webhookRowSchema } from "../domain/notify/page-schema";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from "../domain/notify/signature";
import { OUTBOX_STATUS_LABELS, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "../domain/vocabulary";
import { formatDateTime } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { requireAdmin } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Webhooks · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAdmin(request);
  const db = getDb();
  const { timeZone } = readOrgSettings(db);
  return {
    hooks: listWebhooks(db).map((h) => ({ ...h, created: formatDateTime(h.createdAt, timeZone) })),
    deliveries: listOutbox(db, { channel: "webhook", limit: 50 }).map((m) => ({
      id: m.id,
      event: m.subject,
      url: m.recipient,
      status: m.status,
      attempts: m.attempts,
      answer: m.lastResponse,
      at: formatDateTime(m.lastAttemptAt ?? m.createdAt, timeZone),
    })),
  };
}

type ActionData =
  | { intent: "create"; errors: Record<string, string[]>; values: Record<string, string | string[]>; secret: null }
  | { intent: "create"; errors: null; values: null; secret: string; url: string }
  | { intent: "row"; errors: Record<string, string[]>; values: null; secret: null };

const clip = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireAdmin(request);
  const { data: body } = await readBody(request);
  const db = getDb();
  if (body.intent === "create") {
    const values = {
      url: clip(body.url, 2000),
      description: clip(body.description, 200),
      events: (Array.isArray(body.events) ? body.events : [body.events]).filter(
        (e): e is string => typeof e === "string",
      ),
    };
    const parsed = parseWith(createWebhookSchema, body);
    if (!parsed.ok)
      return data<ActionData>({ intent: "create", errors: parsed.errors, values, secret: null }, { status: 400 });
    const created = createWebhook(db, admin.id, parsed.value);
    return data<ActionData>({
      intent: "create",
      errors: null,
      values: null,
      secret: created.secret,
      url: parsed.value.url,
    });
  }
  const parsed = parseWith(webhookRowSchema, body);
  if (!parsed.ok)
    return data<ActionData>(
      { intent: "row", errors: { _form: ["Unknown action."] }, values: null, secret: null },
      { status: 400 },
    );
  const { intent, id } = parsed.value;
  const done =
    intent === "delete" ? deleteWebhook(db, admin.id, id) : setWebhookActive(db, admin.id, id, intent === "resume");
  if (!done)
    return data<ActionData>(
      { intent: "row", errors: { _form: ["This endpoint does not exist."] }, values: null, secret: null },
      { status: 404 },
    );
  throw redirect(`/webhooks?notice=${intent}`);
}

const NOTICES: Record<string, string> = {
  pause: "Paused: its queued deliveries were cancelled and new events are not sent to it.",
  resume: "Resumed: new events are sent to it again.",
  delete: "Removed. Its delivery log stays below.",
};

export default function Webhooks() {
  const { hooks, deliveries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const createErrors = actionData?.intent === "create" && actionData.errors ? actionData.errors : null;
  const values = actionData?.intent === "create" && actionData.values ? actionData.values : null;
  const created = actionData?.intent === "create" && actionData.secret ? actionData : null;
  const chosen = new Set(values ? (values.events as string[]) : WEBHOOK_EVENTS);
  return (
    <main id="main">
      <div className="page-head">
        <h1>Webhooks</h1>
        <Link className="btn" to="/outbox">
          Outbox
        </Link>
      </div>
      <Notice message={params.get("notice") ? NOTICES[params.get("notice")!] : null} />
      {actionData?.intent === "row" ? <FormError message={actionData.errors._form?.[0]} /> : null}
      {created ? (
        <div className="notice ok" role="status" data-testid="webhook-secret">
          <p>
            <strong>Endpoint added.</strong> Its signing secret is shown only now; keep it with the receiver:
          </p>
          <code className="link-text">{created.secret}</code>
        </div>
      ) : null}
      <p className="muted">
        Each delivery is a POST with a JSON body of ids and states (never names or feedback text), the headers{" "}
        <code>{SIGNATURE_HEADER}: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code> (HMAC-SHA256 of{" "}
        <code>t + &quot;.&quot; + body</code> with the secret), <code>{DELIVERY_HEADER}</code> (the same on every retry:
        de-duplicate on it) and <code>{EVENT_HEADER}</code>. Failed deliveries are retried with backoff.
      </p>

      <section className="card" aria-labelledby="new-hook-h">
        <h2 id="new-hook-h">Add an endpoint</h2>
        <Form method="post" noValidate>
          <CsrfInput />
          <FormError message={createErrors?._form?.[0]} />
          <div className="field">
            <label htmlFor="hook-url">URL</label>
            <input
              id="hook-url"
              name="url"
              type="url"
              defaultValue={typeof values?.url === "string" ? values.url : ""}
              aria-invalid={createErrors?.url ? true : undefined}
              aria-describedby={createErrors?.url ? "hook-url-error" : undefined}
            />
            {createErrors?.url ? (
              <div className="field-error" id="hook-url-error" role="alert">
                {createErrors.url[0]}
              </div>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="hook-description">Description (optional)</label>
            <input
              id="hook-description"
              name="description"
              defaultValue={typeof values?.description === "string" ? values.description : ""}
            />
            {createErrors?.description ? <div className="field-error">{createErrors.description[0]}</div> : null}
          </div>
          <fieldset className="field">
            <legend>Events</legend>
            {WEBHOOK_EVENTS.map((e) => (
              <label key={e} className="check">
                <input type="checkbox" name="events" value={e} defaultChecked={chosen.has(e)} />{" "}
                {WEBHOOK_EVENT_LABELS[e]} <code className="muted small">{e}</code>
              </label>
            ))}
            {createErrors?.events ? (
              <div className="field-error" role="alert">
                {createErrors.events[0]}
              </div>
            ) : null}
          </fieldset>
          <button type="submit" name="intent" value="create" className="btn primary" disabled={busy}>
            Add endpoint
          </button>
        </Form>
      </section>

      <section className="card flush" aria-labelledby="hooks-h">
        <h2 id="hooks-h">Endpoints</h2>
        {hooks.length === 0 ? (
          <p className="empty">No endpoint yet.</p>
        ) : (
          <ScrollRegion label="Webhooks">
            <table className="list-table" data-testid="webhooks-table">
              <caption className="sr-only">Webhook endpoints</caption>
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">Deliveries</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((h) => (
                  <tr key={h.id} className={h.active ? undefined : "inactive"}>
                    <td>
                      <code className="small">{h.url}</code>
                      {h.description ? <div className="muted small">{h.description}</div> : null}
                      <div className="muted xsmall">
                        added {h.created}
                        {h.active ? "" : " · paused"}
                      </div>
                    </td>
                    <td className="small">{h.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join(", ")}</td>
                    <td className="small">
                      {h.delivered} sent · {h.queued} queued · {h.failed} failed
                    </td>
                    <td className="actions">
                      <div className="row">
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="id" value={h.id} />
                          <button
                            type="submit"
                            name="intent"
                            value={h.active ? "pause" : "resume"}
                            className="btn small"
                            disabled={busy}
                          >
                            {h.active ? "Pause" : "Resume"}
                          </button>
                        </Form>
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="id" value={h.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="delete"
                            className="btn small danger"
                            disabled={busy}
                          >
                            Remove
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section className="card flush" aria-labelledby="log-h">
        <h2 id="log-h">Delivery log (latest 50)</h2>
        {deliveries.length === 0 ? (
          <p className="empty">No delivery yet.</p>
        ) : (
          <ScrollRegion label="Deliveries">
            <table className="list-table" data-testid="deliveries-table">
              <caption className="sr-only">Webhook deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">State</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">{d.at}</td>
                    <td>
                      <code className="small">{d.event}</code>
                      <div className="muted xsmall">
                        {d.url} · delivery {d.id}
                      </div>
                    </td>
                    <td>
                      {OUTBOX_STATUS_LABELS[d.status]} ({d.attempts})
                    </td>
                    <td className="small">{d.answer ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </main>
  );
}
