import * as z from "zod";

import { notFound } from "./http.server";

/** Ids in URLs (db/ids.server.ts makes 22 URL-safe characters; older or seeded ids may differ in length). */
const idParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The `:id` of a route, or 404: a malformed id looks the same as an unknown one, so the shape of
 * an id never tells a visitor more than its absence.
 */
export function idParam(params: Record<string, string | undefined>): string {
  const parsed = idParamSchema.safeParse(params.id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
