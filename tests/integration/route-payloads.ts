// Valid payloads and world preparations shared by the access matrix and the fuzz test for the
// recruiter/admin configuration routes (rubric editor, people, set-password links).
import { contentToFormValues } from "../../app/domain/rubric-draft-schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric-v1";
import { getDb } from "../../db/client.server";
import { issuePasswordLink } from "../../db/queries/people.server";
import { cloneRubricVersion } from "../../db/queries/rubrics.server";

import type { World } from "./security-world";

/** A nested form-values object as a browser posts it: `dimensions.0.key=…`, checked boxes "on", lists repeated. */
export function flattenForm(value: unknown, prefix = "", out: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    if (value.length > 0) out[prefix] = value as string[];
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flattenForm(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flattenForm(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value === true) {
    out[prefix] = "on";
  } else if (typeof value === "string" || typeof value === "number") {
    out[prefix] = String(value);
  }
  return out;
}

/** A valid rubric-editor post: the v1 content as the editor form sends it, with an edited summary. */
export function rubricEditorBody(intent: "save" | "publish" | "discard"): Record<string, string | string[]> {
  return flattenForm({ intent, ...contentToFormValues(LEAD_ML_ARCHITECT_V1), summary: `${LEAD_ML_ARCHITECT_V1.summary} (edited)` });
}

/** State made by the preparations below (each run starts from its own copy of the world). */
export const prepared = { draftId: "", linkToken: "" };

/** Clones the published v1 into a draft (as the admin); its id goes to `prepared.draftId`. */
export function prepareRubricDraft(w: World): void {
  const r = cloneRubricVersion(getDb(), w.users.admin.id, w.versionId);
  if (!r.ok) throw new Error(r.message);
  prepared.draftId = r.value.id;
}

/** Issues a set-password link for the outsider (as the admin); its token goes to `prepared.linkToken`. */
export function preparePasswordLink(w: World): void {
  const r = issuePasswordLink(getDb(), w.users.admin, w.users.outsider.id);
  if (!r.ok) throw new Error(r.message);
  prepared.linkToken = r.value;
}
