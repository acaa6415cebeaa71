// Integration-test harness: a fresh migrated SQLite file per test file, users with real
// sessions, and Request builders carrying the session + CSRF cookies the server would set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { closeDb, getDb, migrateDatabase } from "../../db/client.server";
import { createSession } from "../../db/queries/people/users.server";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import type { Role } from "../../app/domain/vocabulary";
import { newId } from "../../db/ids.server";
import { insertPublishedRubric } from "../../db/queries/rubric/rubrics.server";
import { users } from "../../db/schema";

export const BASE = "http://archpanel.test";
export const CSRF = "test-csrf-token-0123456789";

/** Points the app at a new database file and migrates it. Call in beforeAll (or beforeEach). */
export function freshDatabase(): string {
  closeDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-it-"));
  const file = path.join(dir, "test.db");
  process.env.DATABASE_PATH = file;
  process.env.SESSION_SECRET ??= "integration-test-secret-0123456789";
  migrateDatabase(getDb());
  return file;
}

/** Every byte SQLite holds for `file` on disk: the main file and its write-ahead log (freed pages included). */
export function databaseFileBytes(file: string): Buffer {
  return Buffer.concat([
    fs.readFileSync(file),
    fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0),
  ]);
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  cookie: string;
}

let counter = 0;

export function createTestUser(
  role: Role,
  name?: string,
  opts: { active?: boolean; passwordHash?: string | null } = {},
): TestUser {
  counter++;
  const db = getDb();
  const id = newId();
  const label = name ?? `${role} ${counter}`;
  const email = `${role}${counter}-${id.slice(0, 6)}@example.test`.toLowerCase();
  db.insert(users)
    .values({ id, email, name: label, role, passwordHash: opts.passwordHash ?? null, active: opts.active ?? true })
    .run();
  const now = Date.now();
  const token = createSession(db, { userId: id, now, expiresAt: now + 86_400_000 });
  return { id, name: label, email, role, cookie: `archpanel_session=${token}; archpanel_csrf=${CSRF}` };
}

/** Seeds rubric v1 (published) and returns the version id. */
export function seedRubricV1(): { rubricId: string; versionId: string } {
  return getDb().transaction((tx) => insertPublishedRubric(tx, { content: LEAD_ML_ARCHITECT_V1, createdBy: null }));
}

export function get(pathname: string, user?: TestUser | null, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${pathname}`, {
    headers: { ...(user ? { Cookie: user.cookie } : { Cookie: `archpanel_csrf=${CSRF}` }), ...headers },
  });
}

/** A form post as the browser sends it (urlencoded, with the CSRF field unless told otherwise). */
export function postForm(
  pathname: string,
  user: TestUser | null,
  fields: Record<string, string | string[]>,
  opts: { csrf?: string | null } = {},
): Request {
  const body = new URLSearchParams();
  const csrf = opts.csrf === undefined ? CSRF : opts.csrf;
  if (csrf !== null) body.append("csrf", csrf);
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return new Request(`${BASE}${pathname}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: user ? user.cookie : `archpanel_csrf=${CSRF}`,
    },
    body: body.toString(),
  });
}

export function postJson(
  pathname: string,
  user: TestUser | null,
  payload: unknown,
  opts: { csrf?: string | null } = {},
): Request {
  const csrf = opts.csrf === undefined ? CSRF : opts.csrf;
  return new Request(`${BASE}${pathname}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      ...(csrf !== null ? { "x-csrf-token": csrf } : {}),
      Cookie: user ? user.cookie : `archpanel_csrf=${CSRF}`,
    },
    body: JSON.stringify(payload),
  });
}

/** Runs a loader/action and returns its Response, whether it returned or threw one. */
export async function call(
  fn: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; data: unknown; response: Response | null; headers: Headers }> {
  try {
    const result = await fn({ request, params, context: { clientIp: "127.0.0.1", requestId: "test", cspNonce: "" } });
    if (result instanceof Response)
      return { status: result.status, data: null, response: result, headers: result.headers };
    // Remix single-fetch `data()` results
    if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
      const r = result as unknown as { data: unknown; init: ResponseInit | null };
      return { status: r.init?.status ?? 200, data: r.data, response: null, headers: new Headers(r.init?.headers) };
    }
    return { status: 200, data: result, response: null, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, data: null, response: thrown, headers: thrown.headers };
    if (thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit") {
      const r = thrown as unknown as { data: unknown; init: ResponseInit | null };
      return { status: r.init?.status ?? 200, data: r.data, response: null, headers: new Headers(r.init?.headers) };
    }
    throw thrown;
  }
}
