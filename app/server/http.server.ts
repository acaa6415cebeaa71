/** The one place that turns "not allowed" / "not there" into HTTP statuses. */
export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404 });
}

export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403 });
}

export function badRequest(message = "Bad request"): Response {
  return new Response(message, { status: 400 });
}

/** Throws 404 unless the value is present. */
export function invariantFound<T>(value: T | null | undefined, message = "Not found"): T {
  if (value === null || value === undefined) throw notFound(message);
  return value;
}

export function invariantAllowed(condition: unknown, message?: string): asserts condition {
  if (!condition) throw forbidden(message);
}
