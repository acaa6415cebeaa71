/**
 * How a candidate is named on every page, export and packet. Kept apart from the candidate form
 * schema so pages that only show a name do not ship zod to the browser.
 */
import { ERASED_CANDIDATE_NAME } from "../vocabulary";

/** The name to show: erased candidates have no name any more. */
export function displayCandidateName(c: { name: string; erasedAt: number | null }): string {
  return c.erasedAt !== null ? ERASED_CANDIDATE_NAME : c.name;
}
