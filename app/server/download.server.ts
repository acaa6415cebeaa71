/**
 * A file download (PDF packet, JSON, CSV, calendar): never cached (it holds hiring data and is
 * built per viewer), never sniffed into another type.
 */
export function fileResponse(
  body: string | Uint8Array<ArrayBuffer>,
  file: { contentType: string; contentDisposition?: string },
): Response {
  const headers: Record<string, string> = { "Content-Type": file.contentType };
  if (file.contentDisposition) headers["Content-Disposition"] = file.contentDisposition;
  // binary bodies are complete buffers, so their length is known up front
  if (body instanceof Uint8Array) headers["Content-Length"] = String(body.length);
  headers["Cache-Control"] = "no-store";
  headers["X-Content-Type-Options"] = "nosniff";
  return new Response(body, { status: 200, headers });
}

/** `attachment; filename="…"` for a name that is already ASCII-safe (the domain's file slugs). */
export function attachment(filename: string): string {
  return `attachment; filename="${filename}"`;
}
