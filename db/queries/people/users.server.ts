import { eq } from "drizzle-orm";

import type { Db } from "../../client.server";
import { randomToken, sha256 } from "../../ids.server";
import { reviewNeutralWrite } from "../review/review-stamp.server";
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

export interface SessionWithUser {
  session: { id: string; csrfToken: string; createdAt: number; lastSeenAt: number; expiresAt: number };
  user: PublicUser;
}

type SessionRow = [string, string, number, number, number, string, string, string, PublicUser["role"], number];

// Runs on every request (every autosave of every interviewer): one statement prepared per
// connection, read as a raw row; drizzle's nested-object mapping cost more than the lookup itself.
const sessionQueries = new WeakMap<object, ReturnType<Db["$client"]["prepare"]>>();

export function findSessionWithUser(db: Db, sessionId: string): SessionWithUser | undefined {
  let q = sessionQueries.get(db.$client);
  if (!q) {
    q = db.$client
      .prepare(
        `SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.id, u.email, u.name, u.role, u.active
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = ?`,
      )
      .raw(true);
    sessionQueries.set(db.$client, q);
  }
  const row = q.get(sessionId) as SessionRow | undefined;
  if (!row) return undefined;
  const [id, csrfToken, createdAt, lastSeenAt, expiresAt, userId, email, name, role, active] = row;
  return {
    session: { id, csrfToken, createdAt, lastSeenAt, expiresAt },
    user: { id: userId, email, name, role, active: active === 1 },
  };
}

export function touchSession(db: Db, sessionId: string, now: number): void {
  reviewNeutralWrite(db, () => db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId)).run());
}

export function deleteSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function recordLoginAttempt(db: Db, buckets: string[], success: boolean, at: number): void {
  for (const bucket of buckets) db.insert(loginAttempts).values({ bucket, at, success }).run();
}
