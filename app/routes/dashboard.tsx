// /dashboard — the recruiter's overview: loops by status, this week's interviews, overdue
// scorecards with a ready-to-paste reminder per panelist, and the overdue threshold setting.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import {
  interviewsBetween,
  loopCountsByStatus,
  openScorecardsStartedBefore,
} from "../../db/queries/loop/dashboard.server";
import { readOrgSettings, updateOrgSettings } from "../../db/queries/org/settings.server";
import { readNotifySettingsFrom, updateNotifySettings } from "../../db/queries/outbox/settings.server";
import { submittedScorecardsSince } from "../../db/queries/scorecard/time-to-feedback.server";
import { NotifySettingsForm } from "../components/notify/notify-settings-form";
import { TimeToFeedback } from "../components/notify/time-to-feedback";
import { notifySettingsSchema, toForm } from "../domain/notify/settings";
import { timeToFeedback } from "../domain/scorecard/time-to-feedback";
import { CsrfInput, LoopStatusBadge, ScorecardStatusBadge } from "../components/ui/primitives";
import { CopyButton } from "../components/ui/copy-button";
import { FormError, Notice, TextField } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import { groupOverdue } from "../domain/scorecard/overdue";
import { LOOP_STATUS_LABELS, LOOP_STATUSES } from "../domain/vocabulary";
import { settingsSchema } from "../domain/org/settings";
import { endOfWeek, formatDate, formatSlot, startOfWeek } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Dashboard · ArchPanel" }];

const HOUR = 3_600_000;
const TTF_PERIODS = [7, 30, 90, 365] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireStaff(request);
  const db = getDb();
  const settings = readOrgSettings(db);
  const now = Date.now();
  const from = startOfWeek(now, settings.timeZone);
  const to = endOfWeek(now, settings.timeZone);
  const overdue = groupOverdue(openScorecardsStartedBefore(db, now - settings.overdueHours * HOUR), {
    thresholdHours: settings.overdueHours,
    now,
    timeZone: settings.timeZone,
    link: `${new URL(request.url).origin}/interviews`,
    sender: user.name,
  });
  const days = TTF_PERIODS.find((d) => String(d) === new URL(request.url).searchParams.get("ttf")) ?? 30;
  const ttf = timeToFeedback(submittedScorecardsSince(db, now - days * 24 * HOUR), now - days * 24 * HOUR, now + 1);
  return {
    settings,
    notify: toForm(readNotifySettingsFrom(db)),
    ttf: { days, periods: TTF_PERIODS, ...ttf },
    counts: loopCountsByStatus(db),
    week: {
      label: `${formatDate(from, settings.timeZone)} – ${formatDate(to - 1, settings.timeZone)}`,
      interviews: interviewsBetween(db, from, to).map((iv) => ({
        ...iv,
        slot: formatSlot(iv.scheduledAt, iv.durationMinutes, settings.timeZone),
        past: iv.scheduledAt + iv.durationMinutes * 60_000 < now,
      })),
    },
    overdue: overdue.map((g) => ({
      panelist: g.panelist,
      reminder: g.reminder,
      items: g.items.map((it) => ({
        scorecardId: it.scorecardId,
        candidateName: it.candidateName,
        exerciseTitle: it.exerciseTitle,
        slot: formatSlot(it.scheduledAt, it.durationMinutes, settings.timeZone),
        hoursSinceEnd: it.hoursSinceEnd,
      })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const { data: body } = await readBody(request);
  if (body.intent === "notify") {
    const parsed = parseWith(notifySettingsSchema, body);
    if (!parsed.ok) return data({ form: "notify" as const, errors: parsed.errors }, { status: 400 });
    updateNotifySettings(getDb(), user.id, parsed.value);
    throw redirect("/dashboard?saved=notify#notify");
  }
  const values = {
    overdueHours: typeof body.overdueHours === "string" ? body.overdueHours.slice(0, 20) : "",
    timeZone: typeof body.timeZone === "string" ? body.timeZone.slice(0, 100) : "",
  };
  const parsed = parseWith(settingsSchema, body);
  if (!parsed.ok) return data({ form: "org" as const, errors: parsed.errors, values }, { status: 400 });
  updateOrgSettings(getDb(), user.id, parsed.value);
  throw redirect("/dashboard?saved=settings#settings");
}

function ago(hours: number): string {
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${hours} h`;
}

function SettingsForm({ defaults }: { defaults: { overdueHours: string; timeZone: string } }) {
  const posted = useActionData<typeof action>();
  const actionData = posted?.form === "org" ? posted : undefined;
  const initial = actionData?.values ?? defaults;
  const { register, onSubmit, errorFor } = useRemixForm(settingsSchema, {
    defaultValues: initial,
    serverErrors: actionData?.errors,
  });
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-label="Overdue settings" className="settings-form">
      <CsrfInput />
      <FormError message={actionData?.errors?._form?.[0]} />
      <TextField
        name="overdueHours"
        label="Overdue after (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        max={720}
        register={register}
        error={errorFor("overdueHours")}
        defaultValue={initial.overdueHours}
        hint="A scorecard is overdue this long after its interview ended."
      />
      <TextField
        name="timeZone"
        label="Time zone"
        register={register}
        error={errorFor("timeZone")}
        defaultValue={initial.timeZone}
        hint="IANA name, e.g. Europe/Berlin. Dates are entered and shown in it."
      />
      <button type="submit" className="btn" disabled={busy}>
        {busy ? "Saving…" : "Save settings"}
      </button>
    </Form>
  );
}

export default function Dashboard() {
  const { settings, notify, ttf, counts, week, overdue } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const [params] = useSearchParams();
  const total = LOOP_STATUSES.reduce((n, s) => n + counts[s], 0);
  return (
    <main id="main" className="dashboard">
      <div className="page-head">
        <h1>Dashboard</h1>
        <div className="row">
          <Link className="btn" to="/loops">
            All loops
          </Link>
          <Link className="btn primary" to="/loops/new">
            New loop
          </Link>
        </div>
      </div>
      <Notice
        message={
          params.get("saved") === "settings"
            ? "Settings saved."
            : params.get("saved") === "notify"
              ? "E-mail settings saved."
              : null
        }
      />

      <section aria-labelledby="by-status-h" className="card">
        <h2 id="by-status-h">Loops by status</h2>
        <ul className="plain status-tiles" data-testid="loop-counts">
          {LOOP_STATUSES.map((s) => (
            <li key={s}>
              <Link to={`/loops?status=${s}`} className={`status-tile${counts[s] === 0 ? " zero" : ""}`}>
                <span className="tile-n">{counts[s]}</span>
                <span className="tile-label">{LOOP_STATUS_LABELS[s]}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="muted small tile-foot">{total} loops in all</p>
      </section>

      <div className="grid dash-grid">
        <section aria-labelledby="overdue-h" className="card" data-testid="overdue">
          <div className="section-head">
            <h2 id="overdue-h">Overdue scorecards</h2>
            <span className="muted small">not submitted {settings.overdueHours} h after the interview ended</span>
          </div>
          {overdue.length === 0 ? (
            <p className="notice ok">No scorecard is overdue.</p>
          ) : (
            <ul className="plain overdue-list">
              {overdue.map((g) => (
                <li key={g.panelist.id} className="overdue-person" data-testid="overdue-panelist">
                  <div className="row tight-row">
                    <strong>{g.panelist.name}</strong>
                    <span className="muted small">{g.panelist.email}</span>
                    <span className="badge warn">{g.items.length} overdue</span>
                    <span className="spacer" />
                    <CopyButton text={g.reminder} label="Copy reminder" />
                  </div>
                  <ul className="compact small">
                    {g.items.map((it) => (
                      <li key={it.scorecardId}>
                        {it.candidateName} — {it.exerciseTitle}, {it.slot}{" "}
                        <span className="muted">(ended {ago(it.hoursSinceEnd)} ago)</span>
                      </li>
                    ))}
                  </ul>
                  <details>
                    <summary className="small">Reminder text</summary>
                    <pre className="reminder">{g.reminder}</pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="settings-h" className="card" id="settings">
          <h2 id="settings-h">Settings</h2>
          <SettingsForm defaults={{ overdueHours: String(settings.overdueHours), timeZone: settings.timeZone }} />
        </section>

        <section aria-labelledby="notify-h" className="card" id="notify">
          <h2 id="notify-h">E-mail reminders</h2>
          <NotifySettingsForm defaults={notify} serverErrors={posted?.form === "notify" ? posted.errors : null} />
        </section>
      </div>

      <section aria-labelledby="week-h" className="card flush-table">
        <div className="section-head">
          <h2 id="week-h">Interviews this week</h2>
          <span className="muted small">
            {week.label} ({settings.timeZone})
          </span>
        </div>
        {week.interviews.length === 0 ? (
          <p className="empty">No interviews this week.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Interviews this week" tabIndex={0}>
            <table className="list-table" data-testid="week-interviews">
              <caption className="sr-only">Interviews this week</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col" className="cand-col">
                    Candidate
                  </th>
                  <th scope="col">Exercise</th>
                  <th scope="col">Panel</th>
                  <th scope="col">Loop</th>
                </tr>
              </thead>
              <tbody>
                {week.interviews.map((iv) => (
                  <tr key={iv.interviewId} className={iv.past ? "past" : undefined}>
                    <td className="nowrap">{iv.slot}</td>
                    <td className="cand-col">
                      <Link to={`/loops/${iv.loopId}/setup`}>{iv.candidateName}</Link>
                    </td>
                    <td>{iv.exerciseTitle}</td>
                    <td>
                      {iv.panelists.length === 0 ? (
                        <span className="badge warn">No panelist</span>
                      ) : (
                        <ul className="plain">
                          {iv.panelists.map((p) => (
                            <li key={p.name}>
                              {p.name}{" "}
                              {p.status !== "draft" ? (
                                <ScorecardStatusBadge status={p.status} />
                              ) : iv.past ? (
                                <span className="badge warn">Not submitted</span>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <LoopStatusBadge status={iv.loopStatus} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <TimeToFeedback view={ttf} />
    </main>
  );
}
