import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
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
import { readOrgSettings } from "../../db/queries/org/settings.server";
import { CsrfInput } from "../components/ui/csrf";
import { CopyButton } from "../components/ui/copy-button";
import { FormError, Notice, SelectField, TextField } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import type { Role } from "../domain/vocabulary";
import {
  assignableRoles,
  canChangeRole,
  canDeactivate,
  canIssueLink,
  canReactivate,
  INVITE_TTL_MS,
  inviteSchema,
  personActionSchema,
  roleSchema,
} from "../domain/people/schema";
import { formatDate, formatDateTime } from "../domain/shared/zoned-time";
import { parseWith, readBody } from "../server/form.server";
import { requireRole } from "../server/session.server";
import setupStyles from "../styles/setup.css";
import styles from "../styles/recruiter-config.css";

export const links = () => [
  { rel: "stylesheet", href: setupStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "People · ArchPanel" }];

const SHORT_ROLE: Record<Role, string> = { admin: "Admin", recruiter: "Recruiter", member: "Member" };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireRole(request, ["admin", "recruiter"]);
  const db = getDb();
  const now = Date.now();
  const timeZone = readOrgSettings(db).timeZone;
  const admins = countActiveAdmins(db);
  const logins = lastLoginTimes(db);
  const people = listPeople(db, now).map((p) => {
    const subject = { id: p.id, role: p.role, active: p.active, hasPassword: p.hasPassword };
    const roles = assignableRoles(actor).filter((r) => r === p.role || canChangeRole(actor, subject, r, admins).ok);
    const roleVerdict =
      roles.length > 1 ? null : canChangeRole(actor, subject, p.role === "member" ? "recruiter" : "member", admins);
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      role: p.role,
      active: p.active,
      isYou: p.id === actor.id,
      hasPassword: p.hasPassword,
      pendingLinkUntil: p.pendingLinkExpiresAt !== null ? formatDate(p.pendingLinkExpiresAt, timeZone) : null,
      lastLogin: logins.has(p.id) ? formatDateTime(logins.get(p.id)!, timeZone) : null,
      lastSeen: p.lastSeenAt !== null ? formatDateTime(p.lastSeenAt, timeZone) : null,
      deactivatedOn: p.deactivatedAt !== null ? formatDate(p.deactivatedAt, timeZone) : null,
      assigned: p.assigned,
      submitted: p.submitted,
      hiringManagerOf: p.hiringManagerOf,
      roles,
      roleLockedReason: roles.length > 1 ? null : roleVerdict && !roleVerdict.ok ? roleVerdict.reason : null,
      canDeactivate: canDeactivate(actor, subject, admins).ok,
      canReactivate: canReactivate(actor, subject).ok,
      canIssueLink: canIssueLink(actor, subject).ok,
    };
  });
  return { people, inviteRoles: assignableRoles(actor), linkDays: Math.round(INVITE_TTL_MS / 86_400_000) };
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
  | { intent: "row"; errors: Record<string, string[]>; values: null; link: null; forName: null; userId: string | null };

const clip = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");

function setPasswordUrl(request: Request, token: string): string {
  return `${new URL(request.url).origin}/set-password/${token}`;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireRole(request, ["admin", "recruiter"]);
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
    if (!result.ok) {
      const errors: Record<string, string[]> =
        result.status === 409
          ? { email: [result.message] }
          : result.status === 403
            ? { role: [result.message] }
            : { _form: [result.message] };
      return data<ActionData>(
        { intent: "invite", errors, values, link: null, forName: null },
        { status: result.status },
      );
    }
    return data<ActionData>({
      intent: "invite",
      errors: null,
      values: null,
      link: setPasswordUrl(request, result.value.token),
      forName: parsed.value.name,
    });
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
    if (!result.ok)
      return data<ActionData>(
        { intent: "row", errors: { _form: [result.message] }, values: null, link: null, forName: null, userId },
        { status: result.status },
      );
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
    outcome = deactivateUser(db, actor, parsed.value.userId);
  } else {
    outcome = reactivateUser(db, actor, parsed.value.userId);
  }
  if (!outcome.ok)
    return data<ActionData>(
      { intent: "row", errors: { _form: [outcome.message] }, values: null, link: null, forName: null, userId },
      { status: outcome.status },
    );
  throw redirect(`/people?notice=${intent}`);
}

const NOTICES: Record<string, string> = {
  role: "Role changed. It applies from their next page load.",
  deactivate:
    "Account deactivated: they were logged out everywhere. Their submitted scorecards stay part of their loops.",
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
              {SHORT_ROLE[r]}
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
            {SHORT_ROLE[r]}
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
  const { people, inviteRoles, linkDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const busy = navigation.state === "submitting";
  const rowError = actionData?.intent === "row" ? actionData : null;
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
                  <div className="muted small">{p.email}</div>
                </td>
                <td>
                  {p.roles.length > 1 ? (
                    <RoleForm userId={p.id} role={p.role} roles={p.roles} name={p.name} />
                  ) : (
                    <>
                      {SHORT_ROLE[p.role]}
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
                </td>
                <td className="num">
                  {p.assigned > 0 ? `${p.submitted} / ${p.assigned}` : <span className="muted">—</span>}
                </td>
                <td className="actions">
                  {rowError && rowError.userId === p.id ? (
                    <div className="field-error">{rowError.errors._form?.[0]}</div>
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
        <p className="muted small table-foot">
          {people.filter((p) => p.active).length} active · {people.filter((p) => !p.active).length} deactivated. Members
          are interviewers and hiring managers; a loop makes someone its hiring manager.
        </p>
      </div>
    </main>
  );
}
