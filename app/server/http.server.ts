/** The one place that turns "not allowed" / "not there" into HTTP statuses. */
export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404 });
}

export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403 });
}
