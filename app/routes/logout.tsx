import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { readBody } from "../server/form.server";
import { endSession } from "../server/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readBody(request);
  return endSession(request);
}
