import crypto from "node:crypto";

import type { RequestHead } from "./request.server";
import { CSRF_COOKIE, parseCookies } from "./session.server";

export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * Double-submit token: scripts/server.ts sets a random httpOnly cookie on every visitor; pages
 * render its value into forms (root loader) and fetches send it as a header. A cross-site page can
 * neither read the cookie nor guess the value. The server also rejects cross-origin Origin headers.
 */
export function csrfTokenFor(request: RequestHead): string {
  return parseCookies(request.headers.get("Cookie"))[CSRF_COOKIE] ?? "";
}

export function verifyCsrf(request: RequestHead, submitted: unknown): void {
  const expected = csrfTokenFor(request);
  const given = typeof submitted === "string" ? submitted : (request.headers.get(CSRF_HEADER) ?? "");
  const ok =
    expected.length > 0 &&
    given.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) {
    throw new Response("The form expired or came from another site. Reload the page and try again.", {
      status: 403,
    });
  }
}
