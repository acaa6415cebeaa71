import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUser } from "../server/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
