import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import type { CookieSecureSetting } from "./cookie-secure.server";
import { cookieSecureSetting } from "./cookie-secure.server";

/** Runtime configuration, read once. Documented in README "Configuration". */
export interface Env {
  isProduction: boolean;
  /** when cookies are Secure: always, never, or when the request came over https */
  cookieSecure: CookieSecureSetting;
  sessionSecret: string;
  /** idle session expiry */
  sessionIdleMs: number;
  /** absolute session expiry */
  sessionAbsoluteMs: number;
  /** request bodies larger than this get 413 */
  maxBodyBytes: number;
}

let cached: Env | undefined;

function loadSessionSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv && fromEnv.length >= 16) return fromEnv;
  // No secret configured: keep a random one beside the database so sessions survive restarts.
  const dbPath = path.resolve(process.cwd(), process.env.DATABASE_PATH ?? "data/archpanel.db");
  const file = path.join(path.dirname(dbPath), ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function env(): Env {
  if (cached) return cached;
  const isProduction = process.env.NODE_ENV === "production";
  cached = {
    isProduction,
    cookieSecure: cookieSecureSetting(process.env.COOKIE_SECURE),
    sessionSecret: loadSessionSecret(),
    sessionIdleMs: Number(process.env.SESSION_IDLE_MINUTES ?? 12 * 60) * 60_000,
    sessionAbsoluteMs: Number(process.env.SESSION_ABSOLUTE_HOURS ?? 7 * 24) * 3_600_000,
    maxBodyBytes: Number(process.env.MAX_BODY_BYTES ?? 1_048_576),
  };
  return cached;
}
