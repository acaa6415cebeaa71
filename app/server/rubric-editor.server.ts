// The rubric editor's posts (/rubrics/:id): save a draft, publish it, or discard it. Validate →
// save → publish in that order, so a refused publish writes nothing (not even the draft) and the
// typed content comes back in the form. The SQL is in db/queries/rubric/rubrics.server.ts.
import type { Db } from "../../db/client.server";
import {
  discardRubricDraft,
  getRubricVersionInfo,
  loadRubricContent,
  publishRubricVersion,
  saveRubricDraft,
} from "../../db/queries/rubric/rubrics.server";
import type { RubricDraftFormValues } from "../domain/rubric/draft-schema";
import { contentToFormValues, draftToContent, rubricDraftSchema } from "../domain/rubric/draft-schema";
import type { RubricEditorIntent } from "../domain/rubric/page-schema";
import { draftBodyToFormValues, publishProblemReport, withSpareRows } from "../domain/rubric/page-schema";
import { isFormat2 } from "../domain/rubric/model";
import { validateRubricContent } from "../domain/rubric/validate";

import type { FieldErrors } from "./form.server";
import { parseWith } from "./form.server";
import { notFound } from "./http.server";

/** What the editor shows after a refused post: the errors, the form values to re-render, the problem list. */
export interface RubricEditRefusal {
  status: 400 | 403 | 404 | 409;
  errors: FieldErrors;
  values: RubricDraftFormValues | null;
  problems: string[] | null;
}

export type RubricEditResult =
  { ok: true; done: "discarded" | "saved" | "published" } | ({ ok: false } & RubricEditRefusal);

function refused(
  status: RubricEditRefusal["status"],
  errors: FieldErrors,
  values: RubricDraftFormValues | null = null,
  problems: string[] | null = null,
): RubricEditResult {
  return { ok: false, status, errors, values, problems };
}

/** Carries out one editor post on rubric version `versionId`; throws 404 when the version does not exist. */
export function editRubricVersion(
  db: Db,
  actor: { id: string },
  versionId: string,
  intent: RubricEditorIntent,
  body: Record<string, unknown>,
): RubricEditResult {
  const info = getRubricVersionInfo(db, versionId);
  const previous = info ? loadRubricContent(db, versionId) : null;
  if (!info || !previous) throw notFound();

  if (intent === "discard") {
    const result = discardRubricDraft(db, actor.id, versionId);
    return result.ok ? { ok: true, done: "discarded" } : refused(result.status, { _form: [result.message] });
  }

  const typed = draftBodyToFormValues(body, isFormat2(previous));
  if (info.status !== "draft") {
    // published versions are immutable (the query and the database triggers refuse as well)
    return refused(409, {
      _form: [
        `Version ${info.version} is published and can no longer be changed. Clone it into a new draft to change it.`,
      ],
    });
  }
  const parsed = parseWith(rubricDraftSchema, body);
  if (!parsed.ok) {
    return refused(
      400,
      { ...parsed.errors, _form: ["Nothing was saved: fix the fields marked below."] },
      withSpareRows(typed),
    );
  }
  const content = draftToContent(parsed.value, previous);
  if (intent === "publish") {
    const problems = validateRubricContent(content);
    if (problems.length > 0) {
      const report = publishProblemReport(problems, content);
      return refused(
        400,
        {
          ...report.fieldErrors,
          _form: [
            "Not published and not saved: your changes are still only on this page. Fix the problems listed, then publish again (or save it as a draft).",
          ],
        },
        withSpareRows(typed),
        report.list,
      );
    }
  }
  const saved = saveRubricDraft(db, actor.id, versionId, content);
  if (!saved.ok) {
    if (saved.status === 404) throw notFound();
    return refused(saved.status, { _form: [saved.message] }, withSpareRows(typed));
  }
  if (intent === "save") return { ok: true, done: "saved" };

  // saved: from here on the form shows the stored content
  const stored = withSpareRows(contentToFormValues(content));
  const published = publishRubricVersion(db, actor.id, versionId);
  if (!published.ok) return refused(published.status, { _form: [published.message] }, stored);
  if (published.value.problems.length > 0) {
    const report = publishProblemReport(published.value.problems, content);
    return refused(
      400,
      { ...report.fieldErrors, _form: ["Saved as a draft, but not published: fix the problems listed first."] },
      stored,
      report.list,
    );
  }
  return { ok: true, done: "published" };
}
