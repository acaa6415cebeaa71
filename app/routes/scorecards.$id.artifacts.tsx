// POST /scorecards/:id/artifacts — attach an image (multipart: image, caption, dimensionKey) to the
// panelist's own draft scorecard, or remove one (intent=remove, artifactId). Only the scorecard's
// author, only while it is a draft (404 for anyone else, 409 once submitted or recused). The image's
// type is read from its bytes and its metadata stripped before anything is stored; a refused upload
// writes nothing and leaves the scorecard as it was. With JavaScript the scorecard page posts here
// with fetch (Accept: application/json) and shows the JSON answer beside the form; without, a success
// goes back to the scorecard (303) and a refusal is a small page with the reasons (4xx).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

import { getDb } from "../../db/client.server";
import { addArtifact, ownArtifacts, removeArtifact } from "../../db/queries/scorecard/artifacts.server";
import {
  ARTIFACT_MAX_BYTES,
  ARTIFACT_UPLOAD_MAX_BODY,
  ARTIFACTS_PER_SCORECARD,
  cleanImage,
  tooLargeMessage,
} from "../domain/scorecard/artifact-image";
import { artifactRemoveSchema, artifactUploadSchema } from "../domain/scorecard/artifact-schema";
import type { FieldErrors } from "../server/form.server";
import { parseWith, readBody } from "../server/form.server";
import { verifyCsrf } from "../server/csrf.server";
import { requireOwnScorecard } from "../server/scorecard.server";
import { artifactView } from "../domain/scorecard/artifact-view";

/** GET: nothing to show here; back to the scorecard (which checks ownership). */
export function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = requireOwnScorecard(request, params);
  return redirect(`/scorecards/${target.id}`);
}

type Intent = "upload" | "remove";

function wantsJson(request: Request): boolean {
  return request.headers.get("Accept")?.includes("application/json") ?? false;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A refusal: JSON for the scorecard page's script, a small page for a form posted without it. */
function refuse(request: Request, intent: Intent, status: number, errors: FieldErrors, scorecardId: string): Response {
  if (wantsJson(request)) return Response.json({ ok: false, intent, errors }, { status, headers: NO_STORE });
  const what = intent === "remove" ? "The picture was not removed" : "The picture was not attached";
  const items = Object.values(errors)
    .flat()
    .map((m) => `<li>${escapeHtml(m)}</li>`)
    .join("");
  const html = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${what} · ArchPanel</title></head>`,
    '<body><main id="main">',
    `<h1>${what}</h1>`,
    `<div role="alert"><ul>${items}</ul></div>`,
    "<p>Nothing was changed: the scorecard is as it was. Your browser's Back button returns to the form with what you typed.</p>",
    `<p><a href="/scorecards/${encodeURIComponent(scorecardId)}#artifacts">Back to the scorecard</a></p>`,
    "</main></body></html>",
  ].join("\n");
  return new Response(html, { status, headers: { ...NO_STORE, "Content-Type": "text/html; charset=utf-8" } });
}

const NO_STORE = { "Cache-Control": "no-store" };

/** Success: the scorecard's pictures as JSON for the script, else back to the scorecard. */
function done(request: Request, intent: Intent, scorecardId: string, panelistId: string): Response {
  if (wantsJson(request)) {
    const artifacts = ownArtifacts(getDb(), { scorecardId, panelistId }).map(artifactView);
    return Response.json({ ok: true, intent, artifacts }, { headers: NO_STORE });
  }
  return redirect(`/scorecards/${scorecardId}#artifacts`, { status: 303 });
}

/** The request body, counted as it streams: past the upload limit it stops with a 413. */
function bounded(request: Request): Request {
  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > ARTIFACT_UPLOAD_MAX_BODY) controller.error(new Response(tooLargeMessage(), { status: 413 }));
      else controller.enqueue(chunk);
    },
  });
  return new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body ? request.body.pipeThrough(counter) : null,
    duplex: "half",
  } as RequestInit);
}

const LOCKED = "This scorecard is no longer a draft: its pictures are locked.";

async function upload(request: Request, params: ActionFunctionArgs["params"]): Promise<Response> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  const { target, user } = requireOwnScorecard(request, params);
  const no = (status: number, errors: FieldErrors) => refuse(request, "upload", status, errors, target.id);
  if (declared > ARTIFACT_UPLOAD_MAX_BODY) return no(413, { image: [tooLargeMessage()] });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      bounded(request),
      unstable_createMemoryUploadHandler({ maxPartSize: ARTIFACT_MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof Response || error instanceof MaxPartSizeExceededError)
      return no(413, { image: [tooLargeMessage()] });
    return no(400, { _form: ["The form could not be read. Reload the page and try again."] });
  }
  const token = form.get("csrf");
  verifyCsrf(request, typeof token === "string" ? token : undefined);
  if (target.status !== "draft") return no(409, { _form: [LOCKED] });

  const errors: FieldErrors = {};
  const caption = form.get("caption");
  const dimension = form.get("dimensionKey");
  const fields = parseWith(artifactUploadSchema, {
    caption: typeof caption === "string" ? caption : undefined,
    dimensionKey: typeof dimension === "string" ? dimension : undefined,
  });
  if (!fields.ok) Object.assign(errors, fields.errors);
  const dimensionKey = fields.ok ? fields.value.dimensionKey : null;
  if (dimensionKey !== null && !target.facts.content.dimensions.some((d) => d.key === dimensionKey))
    errors.dimensionKey = ["Choose a dimension of this rubric, or none."];
  const file = form.get("image");
  const image = file instanceof File && file.size > 0 ? cleanImage(new Uint8Array(await file.arrayBuffer())) : null;
  if (!image) errors.image = ["Choose a PNG or JPEG picture to attach."];
  else if (!image.ok) errors.image = [image.error];
  if (!fields.ok || !image?.ok || Object.keys(errors).length > 0) return no(400, errors);

  const added = addArtifact(
    getDb(),
    { scorecardId: target.id, panelistId: user.id },
    { image: image.image, caption: fields.value.caption, dimensionKey },
  );
  if (added.kind === "full")
    return no(409, { image: [`This scorecard already holds ${ARTIFACTS_PER_SCORECARD} pictures, the most it can.`] });
  if (added.kind === "locked") return no(409, { _form: [LOCKED] });
  return done(request, "upload", target.id, user.id);
}

function remove(request: Request, params: ActionFunctionArgs["params"], body: Record<string, unknown>): Response {
  const { target, user } = requireOwnScorecard(request, params);
  const no = (status: number, errors: FieldErrors) => refuse(request, "remove", status, errors, target.id);
  const parsed = parseWith(artifactRemoveSchema, body);
  if (!parsed.ok) return no(400, parsed.errors);
  const result = removeArtifact(getDb(), {
    scorecardId: target.id,
    panelistId: user.id,
    artifactId: parsed.value.artifactId,
  });
  if (result === "missing") return no(404, { _form: ["That picture is not on this scorecard."] });
  if (result === "locked") return no(409, { _form: [LOCKED] });
  return done(request, "remove", target.id, user.id);
}

export async function action({ request, params }: ActionFunctionArgs): Promise<Response> {
  const type = request.headers.get("Content-Type") ?? "";
  if (type.startsWith("multipart/form-data")) return upload(request, params);
  // a removal is a plain form post, held to the ordinary body limit
  const { data: body } = await readBody(request);
  if (body.intent === "remove") return remove(request, params, body);
  const { target } = requireOwnScorecard(request, params);
  return refuse(request, "upload", 400, { image: ["Send the picture as a file upload (multipart form)."] }, target.id);
}
