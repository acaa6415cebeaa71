// GET /artifacts/:id — one scorecard artifact's image. Authorized like the scorecard's content: its
// author always; anyone else only once the scorecard is submitted, and then only with the loop's
// feedback access (401 anonymous, 404 a draft's or recusal's image or an unrelated loop, 403 a
// panelist who has not submitted their own yet). The bytes were checked and stripped of metadata
// on upload; they are sent with their own type, never sniffed, and revalidated on every use (a
// revoked access must not read them from a cache).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/client.server";
import { artifactFile } from "../../db/queries/scorecard/artifacts.server";
import { requireLoopFeedbackAccess } from "../../db/queries/review/access.server";
import { notFound } from "../server/http.server";
import { idParam } from "../server/params.server";
import { requireUser } from "../server/session.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  let user: ReturnType<typeof requireUser>;
  try {
    user = requireUser(request);
  } catch {
    // an image has no login page to go to
    throw new Response("Not logged in", { status: 401 });
  }
  const id = idParam(params);
  const db = getDb();
  const file = artifactFile(db, id, user.id);
  if (!file) throw notFound();
  if (!file.own) requireLoopFeedbackAccess(db, file.loopId, user);
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    "Content-Type": file.mediaType,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-cache",
    ETag: etag,
    "Content-Disposition": `inline; filename="artifact.${file.mediaType === "image/png" ? "png" : "jpg"}"`,
    "Cross-Origin-Resource-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  headers["Content-Length"] = String(file.data.length);
  return new Response(new Uint8Array(file.data), { status: 200, headers });
}
