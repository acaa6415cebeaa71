import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { createCandidate } from "../../db/queries/candidate/candidates.server";
import { CandidateForm } from "../components/candidate/candidate-form";
import { EMPTY_CANDIDATE_FORM, candidateSchema } from "../domain/candidate/schema";
import { parseWith, readBodyOrTooLarge } from "../server/form.server";
import { requireRole } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "New candidate · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["admin", "recruiter"]);
  return null;
}

function formValues(body: Record<string, unknown>) {
  const out = { ...EMPTY_CANDIDATE_FORM };
  for (const k of Object.keys(out) as (keyof typeof out)[]) {
    const v = body[k];
    // Echoed back after a 400 intact (the body limit bounds it), so an over-long note can be shortened in place.
    if (typeof v === "string") out[k] = v.slice(0, 100_000);
  }
  return out;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, ["admin", "recruiter"]);
  const read = await readBodyOrTooLarge(request);
  if (!read.ok) return data({ errors: { _form: [read.message] }, values: null }, { status: 413 });
  const { data: body } = read;
  const values = formValues(body);
  const parsed = parseWith(candidateSchema, body);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = createCandidate(getDb(), user.id, parsed.value);
  if (!result.ok) {
    const errors = result.status === 409 ? { email: [result.message] } : { _form: [result.message] };
    return data({ errors, values }, { status: result.status });
  }
  throw redirect(`/candidates/${result.value}?notice=created`);
}

export default function NewCandidate() {
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="narrow">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/candidates">Candidates</Link> <span aria-hidden="true">›</span> <span>New</span>
      </nav>
      <h1>New candidate</h1>
      <div className="card">
        <CandidateForm
          defaultValues={actionData?.values ?? EMPTY_CANDIDATE_FORM}
          serverErrors={actionData?.errors}
          submitLabel="Add candidate"
          cancelHref="/candidates"
        />
      </div>
    </main>
  );
}
