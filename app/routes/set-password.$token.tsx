import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { findPasswordLink, usePasswordLink as redeemPasswordLink } from "../../db/queries/people/people.server";
import { recordLoginAttempt } from "../../db/queries/people/users.server";
import { CsrfInput } from "../components/ui/primitives";
import { FormError, TextField } from "../components/ui/fields";
import { useRemixForm } from "../hooks/use-remix-form";
import { PASSWORD_MIN, setPasswordSchema } from "../domain/people/auth-schema";
import { homeFor } from "../domain/people/home";
import { parseWith, readBody } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { hashPassword } from "../server/password.server";
import { startSession } from "../server/session.server";

// The token in the URL must not leak to other sites, hence "same-origin" (as the server's header).
// Not "no-referrer": with it the browser sends `Origin: null` on the plain form POST, which the
// server's cross-origin check refuses, so the form failed without JavaScript.
export const meta: MetaFunction = () => [
  { title: "Set your password · ArchPanel" },
  { name: "referrer", content: "same-origin" },
];

const tokenOf = (params: Record<string, string | undefined>) => (params.token ?? "").slice(0, 300);

const EXPIRED = "This link has expired or was already used. Ask an admin or recruiter for a new one.";

/** Public: the link itself is the credential. Unknown, used or expired links get a 404 page with a clear message. */
export async function loader({ params }: LoaderFunctionArgs) {
  const link = findPasswordLink(getDb(), tokenOf(params));
  if (!link) return data({ valid: false as const, name: null, email: null, resetting: false }, { status: 404 });
  return { valid: true as const, name: link.name, email: link.email, resetting: link.resetting };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { data: body } = await readBody(request);
  const token = tokenOf(params);
  const db = getDb();
  const link = findPasswordLink(db, token);
  if (!link) return data({ errors: { _form: [EXPIRED] } as Record<string, string[]>, expired: true }, { status: 404 });
  const parsed = parseWith(setPasswordSchema, body);
  if (!parsed.ok) return data({ errors: parsed.errors, expired: false }, { status: 400 });
  const hash = await hashPassword(parsed.value.password);
  const result = redeemPasswordLink(db, token, hash);
  if (!result.ok) return refusalData(result, { expired: true });
  // counts as a login for the people list's "last login"
  recordLoginAttempt(db, [`email:${link.email}`], true, Date.now());
  return startSession(request, result.value.userId, homeFor(result.value.role));
}

function SetPasswordForm({ email, serverErrors }: { email: string; serverErrors?: Record<string, string[]> }) {
  // passwords are never sent back: after an error the fields start empty again
  const { register, onSubmit, errorFor } = useRemixForm(setPasswordSchema, {
    defaultValues: { password: "", confirm: "" },
    serverErrors,
  });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <CsrfInput />
      <FormError message={serverErrors?._form?.[0]} />
      {/* lets password managers store the new password under the right account */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField
        name="password"
        label="New password"
        type="password"
        register={register}
        error={errorFor("password")}
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. A passphrase of a few words works well.`}
      />
      <TextField
        name="confirm"
        label="Repeat the password"
        type="password"
        register={register}
        error={errorFor("confirm")}
        autoComplete="new-password"
      />
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? "Saving…" : "Set password and log in"}
      </button>
    </Form>
  );
}

export default function SetPassword() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!d.valid || actionData?.expired) {
    return (
      <main id="main" className="login">
        <h1>ArchPanel</h1>
        <div className="card" data-testid="link-invalid">
          <h2>This link no longer works</h2>
          <p>{EXPIRED}</p>
          <p className="small muted">
            Set-password links work once and expire after a week. If you already set your password, log in.
          </p>
          <Link to="/login" className="btn">
            Go to the login page
          </Link>
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="login">
      <h1>ArchPanel</h1>
      <p className="muted">
        {d.resetting ? "Choose a new password" : "Welcome"}, {d.name}.{" "}
        {d.resetting
          ? "Your old password stops working once you save."
          : "Choose a password to finish setting up your account."}
      </p>
      <div className="card">
        <p className="small">
          Account: <strong>{d.email}</strong>
        </p>
        <SetPasswordForm email={d.email} serverErrors={actionData?.errors} />
      </div>
    </main>
  );
}
