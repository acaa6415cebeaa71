import { getDb } from "../../db/client.server";
import { databaseHealth } from "../../db/queries/ops/health.server";

/** Liveness + readiness: the database answers and every migration in drizzle/ is applied. */
export async function loader() {
  const health = databaseHealth(getDb);
  const headers = { "Cache-Control": "no-store" };
  if (!health.reachable) return Response.json({ ok: false, database: "unreachable" }, { status: 503, headers });
  const ok = health.migrations.applied === health.migrations.expected;
  return Response.json({ ok, database: "ok", migrations: health.migrations }, { status: ok ? 200 : 503, headers });
}
