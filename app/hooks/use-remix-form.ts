import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { get, useForm } from "react-hook-form";
import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

export type ServerErrors = Record<string, string[] | undefined> | null | undefined;

/**
 * react-hook-form with the same zod schema as the server, on top of a plain Remix `<Form>`:
 * without JavaScript the form posts as HTML and the server validates; with JavaScript the schema
 * runs first (inline errors, no round trip) and a valid form is submitted through Remix exactly as
 * the browser would have sent it (same field names, the clicked button's name/value included).
 *
 * Errors shown for a field: the browser's (from the schema) if any, else the server's.
 */
export function useRemixForm(schema: z.ZodType, opts: { defaultValues: FieldValues; serverErrors?: ServerErrors }) {
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as z.ZodType<unknown, FieldValues>) as unknown as Resolver<FieldValues>,
    defaultValues: opts.defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const submit = useSubmit();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    event.preventDefault();
    void form.handleSubmit(
      () => {
        const target =
          submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : formElement;
        submit(target);
      },
      () => {
        // focus the first invalid field so keyboard and screen-reader users land on the problem
        const invalid = formElement.querySelector<HTMLElement>('[aria-invalid="true"]');
        invalid?.focus();
      },
    )();
  };

  const errorFor = (name: string): string | undefined => {
    const client = get(form.formState.errors, name) as { message?: unknown } | undefined;
    if (client && typeof client.message === "string" && client.message) return client.message;
    return opts.serverErrors?.[name]?.[0];
  };

  return { form, register: form.register, onSubmit, errorFor };
}
