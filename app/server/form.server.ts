import { isUtf8 } from "node:buffer";

import type { z } from "zod";
import { safeParse } from "zod/v4/core";

import { verifyCsrf, CSRF_FIELD } from "./csrf.server";
import { env } from "./env.server";

export type FieldErrors = Record<string, string[]>;

/** "1 MB", "512 KB": the body limit as people read it. */
export function bodyLimitText(limit = env().maxBodyBytes): string {
  const mb = limit / 1_048_576;
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.floor(limit / 1024))} KB`;
}

function tooLarge(): Response {
  return new Response(`The request is too large (limit ${bodyLimitText()}). Nothing was saved.`, { status: 413 });
}

function notUtf8(): Response {
  return new Response(
    "The form data is not valid UTF-8 text, so nothing was saved. Reload the page and try again; if you pasted text, paste it again from its source.",
    { status: 400 },
  );
}

/** The body's bytes, refused (413) as soon as they pass the limit, whatever Content-Length said. */
async function readBytes(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The server cut the upload off (over the limit) or the client went away mid-body.
      throw new Response("The request body could not be read", { status: 400 });
    }
    if (chunk.done) return Buffer.concat(chunks);
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
}

/**
 * Whether the text fields of a multipart body are UTF-8 (their names too); files may hold any
 * bytes. Parsers would silently turn bad bytes into U+FFFD, and the damaged text would be saved.
 */
function multipartTextIsUtf8(bytes: Buffer, contentType: string): boolean {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return isUtf8(bytes);
  const delimiter = Buffer.from(`--${boundary}`);
  let at = bytes.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    const next = bytes.indexOf(delimiter, start);
    if (next === -1) break;
    const part = bytes.subarray(start, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd);
      if (!isUtf8(headers)) return false;
      const isFile = /filename\*?=/i.test(headers.toString("latin1"));
      // the part's content ends before the CRLF that precedes the next delimiter
      if (!isFile && !isUtf8(part.subarray(headerEnd + 4, Math.max(headerEnd + 4, part.length - 2)))) return false;
    }
    at = next;
  }
  return true;
}

/** Whether the percent-escapes of a urlencoded body decode to UTF-8 (URLSearchParams would replace bad bytes). */
function urlEncodedIsUtf8(text: string): boolean {
  try {
    // a "%" that starts no escape is literal, as URLSearchParams reads it
    decodeURIComponent(text.replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a form post or JSON body, enforcing the size limit (413), the CSRF token (403) and UTF-8
 * (400: text with bad bytes is refused, never saved with U+FFFD in their place).
 */
export async function readBody(request: Request): Promise<{ data: Record<string, unknown>; form: FormData | null }> {
  const limit = env().maxBodyBytes;
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > limit) throw tooLarge();
  const type = request.headers.get("Content-Type") ?? "";
  const bytes = await readBytes(request, limit);
  if (type.includes("multipart/form-data")) {
    let fd: FormData;
    try {
      fd = await new Response(new Uint8Array(bytes), { headers: { "Content-Type": type } }).formData();
    } catch {
      throw new Response("Malformed form data", { status: 400 });
    }
    const token = fd.get(CSRF_FIELD);
    verifyCsrf(request, typeof token === "string" ? token : undefined);
    if (!multipartTextIsUtf8(bytes, type)) throw notUtf8();
    return { data: formDataToObject(fd), form: fd };
  }
  const text = bytes.toString("utf8");
  if (type.includes("application/json")) {
    verifyCsrf(request, undefined);
    if (!isUtf8(bytes)) throw notUtf8();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, dropDangerousKeys);
    } catch {
      throw new Response("Malformed JSON", { status: 400 });
    }
    const data =
      parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    return { data, form: null };
  }
  const form = new URLSearchParams(text);
  verifyCsrf(request, form.get(CSRF_FIELD) ?? undefined);
  if (!isUtf8(bytes) || !urlEncodedIsUtf8(text)) throw notUtf8();
  const fd = new FormData();
  for (const [k, v] of form) fd.append(k, v);
  return { data: formDataToObject(fd), form: fd };
}

export type BodyRead =
  { ok: true; data: Record<string, unknown>; form: FormData | null } | { ok: false; limit: string; message: string };

/**
 * `readBody` for pages that take a file or long text: a body over the limit comes back as a value,
 * so the page can answer with its own "too large (limit 1 MB)" next to the form instead of an
 * error page. CSRF and the other refusals still throw.
 */
export async function readBodyOrTooLarge(request: Request): Promise<BodyRead> {
  try {
    return { ok: true, ...(await readBody(request)) };
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 413) {
      const limit = bodyLimitText();
      return {
        ok: false,
        limit,
        message: `This is too large to save (limit ${limit}). Shorten the longest text and try again: nothing was saved.`,
      };
    }
    throw thrown;
  }
}

const DANGEROUS_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Form field names deeper or longer than any real form are ignored (and cannot blow the stack). */
const MAX_KEY_LENGTH = 300;
const MAX_KEY_DEPTH = 8;

/** JSON.parse reviver: prototype-polluting keys never reach a schema (returning undefined drops them). */
function dropDangerousKeys(key: string, value: unknown): unknown {
  return DANGEROUS_KEYS.has(key) ? undefined : value;
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
