import { eq } from "drizzle-orm";

import { getDb } from "../../db/client.server";
import { users } from "../../db/schema";
import type { Role } from "../domain/vocabulary";

export function findUserByIdRole(userId: string): Role | null {
  return getDb().select({ role: users.role }).from(users).where(eq(users.id, userId)).get()?.role ?? null;
}
