import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";

import { CsrfInput } from "../components/ui/primitives";
import { loginSchema } from "../domain/people/auth-schema";
import { throttledMessage } from "../domain/people/login-throttle";
import { homeFor } from "../domain/people/home";
import { clientIpOf } from "../server/context.server";
import { parseWith, readBody } from "../server/form.server";
import { attemptLogin, GENERIC_LOGIN_ERROR } from "../server/login.server";
import { getOptionalUser, safeRedirect, startSession } from "../server/session.server";
import { findUserByIdRole } from "../server/users.server";

export const meta: MetaFunction = () => [{ title: "Log in · ArchPanel" }];

/** A throttled login's Retry-After reaches the browser on the page too, not only on data requests. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return new Headers(retryAfter ? { "Retry-After": retryAfter } : {});
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { data: body } = await readBody(request);
  const parsed = parseWith(loginSchema, body);
  const email = typeof body.email === "string" ? body.email.slice(0, 254) : "";
  if (!parsed.ok) return data({ errors: parsed.errors, email }, { status: 400 });
  const result = await attemptLogin(parsed.value.email, parsed.value.password, clientIpOf(context));
  if (!result.ok && result.throttled)
    return data(
      { errors: { _form: [throttledMessage(result.retryAfterMs)] }, email },
      { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
    );
  if (!result.ok) return data({ errors: { _form: [GENERIC_LOGIN_ERROR] }, email }, { status: 401 });
  const role = findUserByIdRole(result.userId);
  return startSession(request, result.userId, safeRedirect(parsed.value.redirectTo, homeFor(role ?? "member")));
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string[] | undefined> = actionData?.errors ?? {};
  return (
    <main id="main" className="login">
      <h1>ArchPanel</h1>
      <p className="muted">Structured interview scorecards for the Lead ML Architect panel.</p>
      <div className="card">
        <Form method="post" noValidate aria-describedby={errors._form ? "login-error" : undefined}>
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          {errors._form ? (
            <div className="form-error" role="alert" id="login-error">
              {errors._form[0]}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={actionData?.email ?? ""}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
              autoFocus
            />
            {errors.email ? (
              <div className="field-error" id="email-error">
                {errors.email[0]}
              </div>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "password-error" : undefined}
            />
            {errors.password ? (
              <div className="field-error" id="password-error">
                {errors.password[0]}
              </div>
            ) : null}
          </div>
          <button type="submit" className="btn primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Logging in…" : "Log in"}
          </button>
        </Form>
      </div>
    </main>
  );
}
