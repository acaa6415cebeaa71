import type { z } from "zod";
import { safeParse } from "zod/v4/core";

import { verifyCsrf, CSRF_FIELD } from "./csrf.server";
import { env } from "./env.server";

export type FieldErrors = Record<string, string[]>;

/** Reads a form post or JSON body, enforcing the size limit and the CSRF token. */
export async function readBody(request: Request): Promise<{ data: Record<string, unknown>; form: FormData | null }> {
  const limit = env().maxBodyBytes;
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > limit) throw new Response("Request body too large", { status: 413 });
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("multipart/form-data")) {
    let fd: FormData;
    try {
      fd = await request.formData();
    } catch {
      throw new Response("Malformed form data", { status: 400 });
    }
    if (formDataBytes(fd) > limit) throw new Response("Request body too large", { status: 413 });
    const token = fd.get(CSRF_FIELD);
    verifyCsrf(request, typeof token === "string" ? token : undefined);
    return { data: formDataToObject(fd), form: fd };
  }
  let text: string;
  try {
    text = await request.text();
  } catch {
    // The server cut the upload off (over the limit) or the client went away mid-body.
    throw new Response("The request body could not be read", { status: 400 });
  }
  if (Buffer.byteLength(text) > limit) throw new Response("Request body too large", { status: 413 });
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, dropDangerousKeys);
    } catch {
      verifyCsrf(request, undefined);
      throw new Response("Malformed JSON", { status: 400 });
    }
    const data =
      parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    verifyCsrf(request, undefined);
    return { data, form: null };
  }
  const form = new URLSearchParams(text);
  const fd = new FormData();
  for (const [k, v] of form) fd.append(k, v);
  verifyCsrf(request, form.get(CSRF_FIELD) ?? undefined);
  return { data: formDataToObject(fd), form: fd };
}

const DANGEROUS_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Form field names deeper or longer than any real form are ignored (and cannot blow the stack). */
const MAX_KEY_LENGTH = 300;
const MAX_KEY_DEPTH = 8;

/** JSON.parse reviver: prototype-polluting keys never reach a schema (returning undefined drops them). */
function dropDangerousKeys(key: string, value: unknown): unknown {
  return DANGEROUS_KEYS.has(key) ? undefined : value;
}

function formDataBytes(fd: FormData): number {
  let n = 0;
  for (const [k, v] of fd.entries())
    n += Buffer.byteLength(k) + (typeof v === "string" ? Buffer.byteLength(v) : v.size);
  return n;
}

/**
 * FormData -> nested object: `ratings.arch.score=3` becomes { ratings: { arch: { score: "3" } } };
 * repeated keys become arrays. Prototype-polluting keys are dropped.
 */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [rawKey, value] of fd.entries()) {
    if (typeof value !== "string") continue;
    if (rawKey.length > MAX_KEY_LENGTH) continue;
    const path = rawKey.split(".");
    if (path.length > MAX_KEY_DEPTH || path.some((p) => DANGEROUS_KEYS.has(p) || p === "")) continue;
    let node = out;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const next = node[key];
      if (next && typeof next === "object" && !Array.isArray(next)) {
        node = next as Record<string, unknown>;
      } else {
        const fresh = Object.create(null) as Record<string, unknown>;
        node[key] = fresh;
        node = fresh;
      }
    }
    const leaf = path[path.length - 1]!;
    const existing = node[leaf];
    if (existing === undefined) node[leaf] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else node[leaf] = [existing, value];
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/** zod issues -> { "path.to.field": [messages] } */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Any zod schema, classic or `zod/mini` (the scorecard's, shared with the browser). */
export function parseWith<S extends z.core.$ZodType>(schema: S, data: unknown): ParseResult<z.output<S>> {
  const result = safeParse(schema, data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error) };
}
