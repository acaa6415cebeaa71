import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";

import { CsrfInput } from "./components/ui/primitives";
import { useFocusMainOnNavigation } from "./hooks/focus-on-navigation";
import { useMarkHydrated } from "./hooks/hydration";
import { useNonce } from "./components/ui/nonce";
import { navigationFor } from "./domain/people/navigation";
import { csrfTokenFor } from "./server/csrf.server";
import { getOptionalUser } from "./server/session.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  // no favicon file: an empty data URL stops a 404 per page load
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  return {
    csrf: csrfTokenFor(request),
    user: user ? { id: user.id, name: user.name, role: user.role, email: user.email } : null,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root") as RootData | undefined;
  const user = data?.user ?? null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {user ? (
        <header className="topbar">
          <NavLink to="/" className="brand">
            ArchPanel
          </NavLink>
          <nav className="nav" aria-label="Main">
            {navigationFor(user.role).map((item) => (
              <NavLink key={item.to} to={item.to}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="who">
            <span data-testid="current-user">{user.name}</span>
            <span className="role-badge" data-testid="current-role">
              {user.role}
            </span>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit">Log out</button>
            </Form>
          </div>
        </header>
      ) : null}
      {children}
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  useMarkHydrated();
  useFocusMainOnNavigation();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Shell>{children}</Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "An unexpected error occurred. Your work that was already saved is safe; try reloading the page.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Not found";
      message = "This page does not exist, or it is not shared with you.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "You do not have access to this page.";
    } else if (error.status === 401) {
      title = "Please log in";
      message = "Your session has ended.";
    } else if (error.status === 413) {
      title = "Too large";
      message =
        typeof error.data === "string" && error.data ? error.data : "That submission is larger than ArchPanel accepts.";
    } else if (error.status < 500) {
      title = `Error ${error.status}`;
      message = typeof error.data === "string" && error.data ? error.data : "The request could not be processed.";
    }
  }
  return (
    <main id="main">
      <div className="card" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Go to your start page</a>
        </p>
      </div>
    </main>
  );
}
