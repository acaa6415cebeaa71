import { redirect } from "@remix-run/node";

import { getDb } from "../../db/client.server";
import type { PublicUser } from "../../db/queries/people/users.server";
import { createSession, deleteSession, findSessionWithUser, touchSession } from "../../db/queries/people/users.server";
import type { Role } from "../domain/vocabulary";

import { secureCookies } from "./cookie-secure.server";
import { env } from "./env.server";
import type { RequestHead } from "./request.server";
import { sha256 } from "../../db/ids.server";

export const SESSION_COOKIE = "archpanel_session";
export const CSRF_COOKIE = "archpanel_csrf";
// Refresh lastSeenAt at most once a minute: one write per minute per user, not per request.
const TOUCH_INTERVAL_MS = 60_000;

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (name && !(name in out)) {
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  return out;
}

/** `request.url` carries the scheme the client used (scripts/server.ts builds it from `req.protocol`). */
function cookieAttributes(request: Request, maxAgeSeconds: number | null): string {
  const parts = ["Path=/", "HttpOnly", "SameSite=Lax"];
  if (secureCookies(env().cookieSecure, new URL(request.url).protocol === "https:")) parts.push("Secure");
  if (maxAgeSeconds !== null) parts.push(`Max-Age=${maxAgeSeconds}`);
  return parts.join("; ");
}

export function sessionCookie(request: Request, token: string): string {
  return `${SESSION_COOKIE}=${token}; ${cookieAttributes(request, Math.floor(env().sessionAbsoluteMs / 1000))}`;
}

export function clearSessionCookie(request: Request): string {
  return `${SESSION_COOKIE}=; ${cookieAttributes(request, 0)}`;
}

export interface SessionContext {
  user: PublicUser;
  sessionId: string;
}

/** The logged-in user, or null: expired (idle or absolute), revoked or deactivated sessions count as none. */
export function getSessionContext(request: RequestHead, now = Date.now()): SessionContext | null {
  const token = parseCookies(request.headers.get("Cookie"))[SESSION_COOKIE];
  if (!token || token.length > 200) return null;
  const db = getDb();
  const id = sha256(token);
  const row = findSessionWithUser(db, id);
  if (!row) return null;
  const { session, user } = row;
  const idleExpired = now - session.lastSeenAt > env().sessionIdleMs;
  const absoluteExpired = now > session.expiresAt;
  if (idleExpired || absoluteExpired || !user.active) {
    deleteSession(db, id);
    return null;
  }
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) touchSession(db, id, now);
  return { user, sessionId: id };
}

export function getOptionalUser(request: RequestHead): PublicUser | null {
  return getSessionContext(request)?.user ?? null;
}

/** Loaders/actions: the user, or a redirect to the login page (401 for non-navigation requests). */
export function requireUser(request: RequestHead): PublicUser {
  const ctx = getSessionContext(request);
  if (ctx) return ctx.user;
  const url = new URL(request.url);
  const wantsJson =
    request.headers.get("Accept")?.includes("application/json") ||
    url.pathname.endsWith(".json") ||
    url.pathname.endsWith(".pdf") ||
    url.pathname.endsWith(".csv") ||
    url.pathname.endsWith(".ics") ||
    url.pathname.startsWith("/api/");
  if (wantsJson) throw new Response("Not logged in", { status: 401 });
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

export function requireRole(request: RequestHead, roles: readonly Role[]): PublicUser {
  const user = requireUser(request);
  if (!roles.includes(user.role)) {
    const who = roles.map((r) => `${r}s`).join(" and ");
    throw new Response(`This page is for ${who}; you are logged in as a ${user.role}.`, { status: 403 });
  }
  return user;
}

const STAFF_ROLES: readonly Role[] = ["admin", "recruiter"];

/** Recruiters and admins: the people who configure loops, candidates, rubrics and accounts. */
export function requireStaff(request: RequestHead): PublicUser {
  return requireRole(request, STAFF_ROLES);
}

/** Admins only: retention and erasure. */
export function requireAdmin(request: RequestHead): PublicUser {
  return requireRole(request, ["admin"]);
}

/** Creates a fresh session (rotating away any previous one) and redirects with its cookie. */
export function startSession(request: Request, userId: string, redirectTo: string, now = Date.now()): Response {
  const db = getDb();
  const old = parseCookies(request.headers.get("Cookie"))[SESSION_COOKIE];
  if (old) deleteSession(db, sha256(old));
  const token = createSession(db, { userId, now, expiresAt: now + env().sessionAbsoluteMs });
  return redirect(redirectTo, { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

export function endSession(request: Request): Response {
  const token = parseCookies(request.headers.get("Cookie"))[SESSION_COOKIE];
  if (token) deleteSession(getDb(), sha256(token));
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

/**
 * Only same-site relative paths: never redirect to another origin after login. Browsers strip tabs
 * and newlines from URLs and treat `\` as `/`, so `/\t/evil.example` or `/\\evil.example` would
 * leave the site: any control character or backslash falls back. The result is re-serialised by
 * the URL parser, so it is always a percent-encoded path that is valid in a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (!to.startsWith("/") || to.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  try {
    const base = "http://archpanel.invalid";
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
    const out = `${url.pathname}${url.search}${url.hash}`;
    return out.startsWith("//") ? fallback : out;
  } catch {
    return fallback;
  }
}
