import { getDb } from "../../db/client.server";
import { databaseHealth } from "../../db/queries/health.server";

/** Liveness + readiness for probes: 200 when the database answers and its migrations are current, else 503. */
export async function loader() {
  const health = databaseHealth(getDb);
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
