import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { homeFor } from "../domain/people/home";
import { requireUser } from "../server/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  throw redirect(homeFor(user.role));
}
