// What the loop forms offer to choose from: active people, published rubric versions.
import { and, asc, desc, eq } from "drizzle-orm";

import type { Db } from "../../client.server";
import { rubrics, rubricVersions, users } from "../../schema";

/** Everyone who can be put on a panel or made hiring manager: active accounts. */
export function listAssignablePeople(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all();
}

/** Rubric versions a loop can use, newest first. */
export function listPublishedVersions(db: Db) {
  return db
    .select({
      id: rubricVersions.id,
      version: rubricVersions.version,
      rubricName: rubrics.name,
      publishedAt: rubricVersions.publishedAt,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(and(eq(rubricVersions.status, "published")))
    .orderBy(asc(rubrics.name), desc(rubricVersions.version))
    .all();
}
