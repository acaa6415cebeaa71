import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { FormEvent } from "react";

import { getDb } from "../../db/client.server";
import {
  changeRole,
  countActiveAdmins,
  deactivateUser,
  inviteUser,
  issuePasswordLink,
  lastLoginTimes,
  listPeople,
  reactivateUser,
} from "../../db/queries/people/people.server";
import { accountThrottles, clearLoginThrottle } from "../../db/queries/people/login-throttle.server";
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { traineeSeatCounts } from "../../db/queries/review/shadow.server";
import { CsrfInput, ScrollRegion } from "../components/ui/primitives";
import { CopyButton } from "../components/ui/copy-button";
import { FormError, Notice, SelectField, TextField } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import { ROLE_LABELS, type Role } from "../domain/vocabulary";
import { canClearLoginThrottle, clearThrottleSchema } from "../domain/people/login-throttle";
import { peopleListView } from "../domain/people/list-view";
import { assignableRoles, INVITE_TTL_MS } from "../domain/people/permissions";
import { inviteSchema, personActionSchema, roleSchema } from "../domain/people/schema";
import { parseWith, readBody } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "People · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request);
  const db = getDb();
  const now = Date.now();
  const people = peopleListView({
    actor,
    people: listPeople(db, now),
    lastLogins: lastLoginTimes(db),
    activeAdmins: countActiveAdmins(db),
    timeZone: readOrgSettings(db).timeZone,
    loginThrottles: canClearLoginThrottle(actor).ok ? accountThrottles(db, now) : new Map(),
  });
  return {
    people,
    // who has sat as a trainee: their row links to the shadowing record
    trainees: [...traineeSeatCounts(db).keys()],
    inviteRoles: assignableRoles(actor),
    linkDays: Math.round(INVITE_TTL_MS / 86_400_000),
  };
}

type ActionData =
  | {
      intent: "invite";
      errors: Record<string, string[]>;
      values: { name: string; email: string; role: string };
      link: null;
      forName: null;
    }
  | { intent: "invite" | "link"; errors: null; values: null; link: string; forName: string }
  | {
      intent: "row";
      errors: Record<string, string[]>;
      values: null;
      link: null;
      forName: null;
      userId: string | null;
      /** a warning to confirm before deactivating (their interviews would be left without a panelist) */
      confirm?: string;
    };

const clip = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");

function setPasswordUrl(request: Request, token: string): string {
  return `${new URL(request.url).origin}/set-password/${token}`;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireStaff(request);
  const { data: body } = await readBody(request);
  const db = getDb();

  if (body.intent === "invite") {
    const values = { name: clip(body.name, 200), email: clip(body.email, 300), role: clip(body.role, 20) };
    const parsed = parseWith(inviteSchema, body);
    if (!parsed.ok)
      return data<ActionData>(
        { intent: "invite", errors: parsed.errors, values, link: null, forName: null },
        { status: 400 },
      );
    const result = inviteUser(db, actor, parsed.value);
    // a taken address belongs to the email field, a role the inviter may not hand out to the role field
    if (!result.ok)
      return refusalData(
        result,
        { intent: "invite", values, link: null, forName: null },
        { 409: "email", 403: "role" },
      );
    return data<ActionData>({
      intent: "invite",
      errors: null,
      values: null,
      link: setPasswordUrl(request, result.value.token),
      forName: parsed.value.name,
    });
  }

  if (body.intent === "clear-throttle") {
    const clear = parseWith(clearThrottleSchema, body);
    const outcome = clear.ok
      ? clearLoginThrottle(db, actor, clear.value.userId)
      : ({ ok: false, status: 400, message: clear.errors.userId?.[0] ?? "Choose a person from the list." } as const);
    if (!outcome.ok)
      return data<ActionData>(
        {
          intent: "row",
          errors: { _form: [outcome.message] },
          values: null,
          link: null,
          forName: null,
          userId: typeof body.userId === "string" ? body.userId.slice(0, 64) : null,
        },
        { status: outcome.status },
      );
    throw redirect("/people?notice=clear-throttle");
  }

  const parsed = parseWith(personActionSchema, body);
  const userId = typeof body.userId === "string" ? body.userId.slice(0, 64) : null;
  if (!parsed.ok)
    return data<ActionData>(
      {
        intent: "row",
        errors: { _form: [parsed.errors.intent?.[0] ?? parsed.errors.userId?.[0] ?? "Unknown action."] },
        values: null,
        link: null,
        forName: null,
        userId,
      },
      { status: 400 },
    );
  const { intent } = parsed.value;

  if (intent === "link") {
    const result = issuePasswordLink(db, actor, parsed.value.userId);
    if (!result.ok) return refusalData(result, { intent: "row", values: null, link: null, forName: null, userId });
    const person = listPeople(db).find((p) => p.id === parsed.value.userId);
    return data<ActionData>({
      intent: "link",
      errors: null,
      values: null,
      link: setPasswordUrl(request, result.value),
      forName: person?.name ?? "this person",
    });
  }

  let outcome;
  if (intent === "role") {
    const role = parseWith(roleSchema, body);
    if (!role.ok)
      return data<ActionData>(
        {
          intent: "row",
          errors: { _form: role.errors.role ?? ["Choose a role"] },
          values: null,
          link: null,
          forName: null,
          userId,
        },
        { status: 400 },
      );
    outcome = changeRole(db, actor, parsed.value.userId, role.value.role);
  } else if (intent === "deactivate") {
    outcome = deactivateUser(db, actor, parsed.value.userId, { confirmed: parsed.value.confirm });
  } else {
    outcome = reactivateUser(db, actor, parsed.value.userId);
  }
  if (!outcome.ok && outcome.confirm)
    return data<ActionData>(
      { intent: "row", errors: {}, values: null, link: null, forName: null, userId, confirm: outcome.message },
      { status: outcome.status },
    );
  if (!outcome.ok) return refusalData(outcome, { intent: "row", values: null, link: null, forName: null, userId });
  throw redirect(`/people?notice=${intent}`);
}

const NOTICES: Record<string, string> = {
  role: "Role changed. It applies from their next page load.",
  deactivate:
    "Account deactivated: they were logged out everywhere. Their submitted scorecards stay part of their loops.",
  "clear-throttle": "Login wait cleared: they can log in again from any address, with their password.",
  reactivate:
    "Account reactivated. They can log in with their existing password, or you can give them a new set-password link.",
};

function InviteForm({
  roles,
  serverErrors,
  values,
  linkDays,
}: {
  roles: Role[];
  serverErrors?: Record<string, string[]> | null;
  values?: { name: string; email: string; role: string } | null;
  linkDays: number;
}) {
  const defaults = values ?? { name: "", email: "", role: "member" };
  const { register, onSubmit, errorFor } = useRemixForm(inviteSchema, { defaultValues: defaults, serverErrors });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "invite";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="invite-form" aria-label="Invite someone">
      <CsrfInput />
      <FormError message={serverErrors?._form?.[0]} />
      <div className="invite-grid">
        <TextField
          name="name"
          label="Name"
          register={register}
          defaultValue={defaults.name}
          error={errorFor("name")}
          autoComplete="off"
          idPrefix="invite"
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          register={register}
          defaultValue={defaults.email}
          error={errorFor("email")}
          autoComplete="off"
          idPrefix="invite"
        />
        <SelectField
          name="role"
          label="Role"
          register={register}
          defaultValue={defaults.role}
          error={errorFor("role")}
          idPrefix="invite"
          hint="Members interview and can be a loop's hiring manager."
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <button type="submit" name="intent" value="invite" className="btn primary" disabled={busy}>
            {busy ? "Inviting…" : "Invite"}
          </button>
        </div>
      </div>
      <p className="field-hint">
        The set-password link is e-mailed to them (see the outbox), and shown to you once to pass on. It works once and
        expires after {linkDays} days.
      </p>
    </Form>
  );
}

function RoleForm({ userId, role, roles, name }: { userId: string; role: Role; roles: Role[]; name: string }) {
  const { register, onSubmit } = useRemixForm(roleSchema, { defaultValues: { role } });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="row-form">
      <CsrfInput />
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {name}
      </label>
      <select id={`role-${userId}`} defaultValue={role} {...register("role")}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="btn small">
        Change
      </button>
    </Form>
  );
}

function confirmDeactivate(name: string) {
  return (event: FormEvent<HTMLFormElement>) => {
    if (
      !window.confirm(
        `Deactivate ${name}? They are logged out at once and can no longer log in. Their submitted scorecards stay.`,
      )
    )
      event.preventDefault();
  };
}

export default function People() {
  const { people, trainees, inviteRoles, linkDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const busy = navigation.state === "submitting";
  const rowError = actionData?.intent === "row" ? actionData : null;
  const rowConfirm =
    rowError && "confirm" in rowError && typeof rowError.confirm === "string" ? rowError.confirm : undefined;
  const inviteErrors = actionData?.intent === "invite" && actionData.errors ? actionData.errors : null;
  const link = actionData && actionData.link ? actionData : null;

  return (
    <main id="main">
      <div className="page-head">
        <h1>People</h1>
      </div>
      <Notice message={notice ? NOTICES[notice] : null} />
      {link ? (
        <div className="notice ok link-panel" role="status" data-testid="password-link">
          <p>
            <strong>
              {link.intent === "invite" ? `${link.forName} is invited.` : `New set-password link for ${link.forName}.`}
            </strong>{" "}
            Send them this link (it is shown only now, works once and expires in {linkDays} days
            {link.intent === "link" ? "; any older link stops working" : ""}):
          </p>
          <div className="row">
            <code className="link-text">{link.link}</code>
            <CopyButton text={link.link} label="Copy link" />
          </div>
        </div>
      ) : null}
      {rowError ? <FormError message={rowError.errors._form?.[0]} /> : null}

      <section className="card" aria-labelledby="invite-h">
        <h2 id="invite-h">Invite someone</h2>
        <InviteForm
          key={inviteErrors ? "err" : link?.intent === "invite" ? link.link : "new"}
          roles={inviteRoles}
          serverErrors={inviteErrors}
          values={actionData?.intent === "invite" ? actionData.values : null}
          linkDays={linkDays}
        />
      </section>

      <div className="card flush">
        <ScrollRegion label="People (scrolls sideways)">
          <table className="list-table people-table" data-testid="people-table">
            <caption className="sr-only">People</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Account</th>
                <th scope="col">Last login</th>
                <th scope="col" className="num">
                  Scorecards
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} data-email={p.email} className={p.active ? undefined : "inactive"}>
                  <td>
                    <strong>{p.name}</strong> {p.isYou ? <span className="badge">You</span> : null}
                    {trainees.includes(p.id) ? (
                      <Link to={`/people/${p.id}/shadowing`} className="small">
                        Shadowing record
                      </Link>
                    ) : null}
                    <div className="muted small">{p.email}</div>
                  </td>
                  <td>
                    {p.roles.length > 1 ? (
                      <RoleForm userId={p.id} role={p.role} roles={p.roles} name={p.name} />
                    ) : (
                      <>
                        {ROLE_LABELS[p.role]}
                        {p.roleLockedReason ? <div className="muted xsmall">{p.roleLockedReason}</div> : null}
                      </>
                    )}
                    {p.hiringManagerOf > 0 ? (
                      <div className="muted xsmall">
                        HM of {p.hiringManagerOf} loop{p.hiringManagerOf === 1 ? "" : "s"}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {!p.active ? (
                      <span className="badge danger">Deactivated {p.deactivatedOn}</span>
                    ) : p.pendingLinkUntil ? (
                      <span className="badge warn" title={`Link valid until ${p.pendingLinkUntil}`}>
                        {p.hasPassword ? "Reset link sent" : "Invited"}
                      </span>
                    ) : p.hasPassword ? (
                      <span className="badge ok">Active</span>
                    ) : (
                      <span className="badge warn">No password yet</span>
                    )}
                  </td>
                  <td className="nowrap">
                    {p.lastLogin ?? <span className="muted">{p.hasPassword ? "—" : "never"}</span>}
                    {p.lastSeen && p.lastSeen !== p.lastLogin ? (
                      <div className="muted xsmall">active {p.lastSeen}</div>
                    ) : null}
                    {p.loginWait ? (
                      <div className="xsmall" data-testid="login-wait">
                        <span className="badge warn">
                          {p.loginWait.failures} failed login{p.loginWait.failures === 1 ? "" : "s"}
                        </span>
                        {p.loginWait.wait ? <span className="muted"> · next try in {p.loginWait.wait}</span> : null}
                      </div>
                    ) : null}
                  </td>
                  <td className="num">
                    {p.assigned > 0 ? `${p.submitted} / ${p.assigned}` : <span className="muted">—</span>}
                  </td>
                  <td className="actions">
                    {rowError && rowError.userId === p.id && rowError.errors._form ? (
                      <div className="field-error">{rowError.errors._form[0]}</div>
                    ) : null}
                    {rowError && rowError.userId === p.id && rowConfirm ? (
                      <Form method="post" className="notice warn" data-testid="deactivate-confirm">
                        <CsrfInput />
                        <input type="hidden" name="userId" value={p.id} />
                        <input type="hidden" name="confirm" value="1" />
                        <p>{rowConfirm}</p>
                        <button
                          type="submit"
                          name="intent"
                          value="deactivate"
                          className="btn small danger"
                          disabled={busy}
                        >
                          Deactivate anyway
                        </button>
                      </Form>
                    ) : null}
                    <div className="row">
                      {p.canIssueLink ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="userId" value={p.id} />
                          <button type="submit" name="intent" value="link" className="btn small" disabled={busy}>
                            {p.hasPassword ? "Reset link" : "New invite link"}
                          </button>
                        </Form>
                      ) : null}
                      {p.canDeactivate ? (
                        <Form method="post" className="inline" onSubmit={confirmDeactivate(p.name)}>
                          <CsrfInput />
                          <input type="hidden" name="userId" value={p.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="deactivate"
                            className="btn small danger"
                            disabled={busy}
                          >
                            Deactivate
                          </button>
                        </Form>
                      ) : null}
                      {p.loginWait ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="userId" value={p.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="clear-throttle"
                            className="btn small"
                            disabled={busy}
                            title="Failed logins slow down further tries on this account. Clear them once you know the person asking is its owner."
                          >
                            Clear login wait
                          </button>
                        </Form>
                      ) : null}
                      {p.canReactivate ? (
                        <Form method="post" className="inline">
                          <CsrfInput />
                          <input type="hidden" name="userId" value={p.id} />
                          <button type="submit" name="intent" value="reactivate" className="btn small" disabled={busy}>
                            Reactivate
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <p className="muted small table-foot">
          {people.filter((p) => p.active).length} active · {people.filter((p) => !p.active).length} deactivated. Members
          are interviewers and hiring managers; a loop makes someone its hiring manager.
        </p>
      </div>
    </main>
  );
}
