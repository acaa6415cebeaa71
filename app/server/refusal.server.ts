import { data } from "@remix-run/node";

import type { Refusal } from "../../db/queries/result.server";

import type { FieldErrors } from "./form.server";

/** Which form field a refusal of a given status is about; unlisted statuses go to the whole form. */
export type RefusalFields = Partial<Record<Refusal["status"], string>>;

/**
 * A query's refusal as field errors: next to the field its status points at (e.g. 409 → "email"
 * for a taken address), otherwise under `_form`.
 */
export function refusalErrors(refusal: Refusal, fields: RefusalFields = {}): FieldErrors {
  return { [fields[refusal.status] ?? "_form"]: [refusal.message] };
}

/**
 * The action's answer to a refused mutation: its 4xx status, with the message as field errors
 * beside whatever else the form needs to re-render (the values as typed, the intent…).
 */
export function refusalData<const R extends object>(refusal: Refusal, rest: R, fields?: RefusalFields) {
  return data({ ...rest, errors: refusalErrors(refusal, fields) }, { status: refusal.status });
}
