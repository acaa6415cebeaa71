import { Form, useNavigation } from "@remix-run/react";

import type { CandidateFormInput } from "../../domain/candidate/schema";
import { candidateSchema } from "../../domain/candidate/schema";
import { CsrfInput } from "../ui/primitives";

import { FormError, TextAreaField, TextField } from "../ui/fields";
import type { ServerErrors } from "../../hooks/use-remix-form";
import { useRemixForm } from "../../hooks/use-remix-form";

interface Props {
  defaultValues: Record<keyof CandidateFormInput, string>;
  serverErrors?: ServerErrors;
  formError?: string | null;
  submitLabel: string;
  intent?: string;
  cancelHref?: string;
}

/** Create/edit form of a candidate: works as plain HTML, validated in the browser with the server's schema. */
export function CandidateForm({ defaultValues, serverErrors, formError, submitLabel, intent, cancelHref }: Props) {
  const { register, onSubmit, errorFor } = useRemixForm(candidateSchema, { defaultValues, serverErrors });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="candidate-form">
      <CsrfInput />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError message={formError ?? serverErrors?._form?.[0]} />
      <div className="grid grid-2 tight">
        <TextField
          name="name"
          label="Name"
          register={register}
          error={errorFor("name")}
          defaultValue={defaultValues.name}
          autoComplete="off"
          required
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          register={register}
          error={errorFor("email")}
          defaultValue={defaultValues.email}
          autoComplete="off"
          hint="Used to spot duplicates; optional."
        />
        <TextField
          name="currentTitle"
          label="Current title"
          register={register}
          error={errorFor("currentTitle")}
          defaultValue={defaultValues.currentTitle}
          placeholder="e.g. Principal ML Engineer, Nordpay"
        />
        <TextField
          name="source"
          label="Source"
          register={register}
          error={errorFor("source")}
          defaultValue={defaultValues.source}
          placeholder="Referral, LinkedIn, agency…"
          list="candidate-sources"
        />
      </div>
      <datalist id="candidate-sources">
        <option value="Referral" />
        <option value="Inbound application" />
        <option value="LinkedIn outreach" />
        <option value="Agency" />
        <option value="Conference" />
      </datalist>
      <TextAreaField
        name="links"
        label="Links"
        register={register}
        error={errorFor("links")}
        defaultValue={defaultValues.links}
        rows={2}
        hint="One web address per line (LinkedIn, GitHub, papers, talks)."
      />
      <TextAreaField
        name="notes"
        label="Notes"
        register={register}
        error={errorFor("notes")}
        defaultValue={defaultValues.notes}
        rows={4}
        hint="Visible to recruiters and admins only."
      />
      <div className="row">
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {cancelHref ? (
          <a className="btn" href={cancelHref}>
            Cancel
          </a>
        ) : null}
      </div>
    </Form>
  );
}
