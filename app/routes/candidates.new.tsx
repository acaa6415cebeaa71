import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";

import { getDb } from "../../db/client.server";
import { createCandidate } from "../../db/queries/candidate/candidates.server";
import { CandidateForm } from "../components/candidate/candidate-form";
import { EMPTY_CANDIDATE_FORM, candidateSchema, postedCandidateForm } from "../domain/candidate/schema";
import { parseWith, readBodyOrTooLarge } from "../server/form.server";
import { refusalData } from "../server/refusal.server";
import { requireStaff } from "../server/session.server";
import styles from "../styles/setup.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "New candidate · ArchPanel" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireStaff(request);
  const read = await readBodyOrTooLarge(request);
  if (!read.ok) return data({ errors: { _form: [read.message] }, values: null }, { status: 413 });
  const { data: body } = read;
  const values = postedCandidateForm(body);
  const parsed = parseWith(candidateSchema, body);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = createCandidate(getDb(), user.id, parsed.value);
  if (!result.ok) return refusalData(result, { values }, { 409: "email" });
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
