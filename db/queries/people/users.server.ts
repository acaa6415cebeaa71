import { eq, sql } from "drizzle-orm";

import type { Db } from "../../client.server";
import { randomToken, sha256 } from "../../ids.server";
import { loginAttempts, sessions, users } from "../../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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

/**
 * A new session for the user. Returns the bearer token for the cookie; the row keeps only its
 * SHA-256, so a copy of the database holds no token that logs anyone in.
 */
export function createSession(db: Db | Tx, s: { userId: string; now: number; expiresAt: number }): string {
  const token = randomToken();
  db.insert(sessions)
    .values({
      id: sha256(token),
      userId: s.userId,
      csrfToken: randomToken(16),
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt: s.expiresAt,
    })
    .run();
  return token;
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

export function recordLoginAttempt(db: Db, buckets: string[], success: boolean, at: number): void {
  for (const bucket of buckets) db.insert(loginAttempts).values({ bucket, at, success }).run();
}
