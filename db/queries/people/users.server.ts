import { eq, sql } from "drizzle-orm";

import type { Db } from "../../client.server";
import { loginAttempts, sessions, users } from "../../schema";

export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
} as const;

export type PublicUser = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "recruiter" | "member";
  active: boolean;
};

export function findUserByEmail(db: Db, email: string) {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function createSession(
  db: Db,
  s: { id: string; userId: string; csrfToken: string; now: number; expiresAt: number },
): void {
  db.insert(sessions)
    .values({
      id: s.id,
      userId: s.userId,
      csrfToken: s.csrfToken,
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt: s.expiresAt,
    })
    .run();
}

function buildSessionQuery(db: Db) {
  return db
    .select({
      session: {
        id: sessions.id,
        csrfToken: sessions.csrfToken,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      },
      user: publicUserColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare();
}

// Runs on every request: prepared once per connection instead of built and prepared per call.
const sessionQueries = new WeakMap<object, ReturnType<typeof buildSessionQuery>>();

export function findSessionWithUser(db: Db, sessionId: string) {
  let q = sessionQueries.get(db.$client);
  if (!q) {
    q = buildSessionQuery(db);
    sessionQueries.set(db.$client, q);
  }
  return q.get({ sessionId });
}

export function touchSession(db: Db, sessionId: string, now: number): void {
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId)).run();
}

export function deleteSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function deleteSessionsOfUser(db: Db, userId: string): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function recordLoginAttempt(db: Db, buckets: string[], success: boolean, at: number): void {
  for (const bucket of buckets) db.insert(loginAttempts).values({ bucket, at, success }).run();
}
