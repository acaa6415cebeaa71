/**
 * The review page's two forms: record the hiring decision, and reopen a decided loop.
 * One schema per form, used by the action (`parseWith`) and by react-hook-form (`zodResolver`).
 * Pure; no IO.
 */
import * as z from "zod";

import { DECISIONS, type Decision } from "../vocabulary";
import { OVERRIDE_MAX, overrideProblem, type OverrideGround } from "./override";

export const RATIONALE_MIN = 20;
export const RATIONALE_MAX = 5000;
export const REOPEN_REASON_MIN = 10;
export const REOPEN_REASON_MAX = 2000;

/** Which of the page's forms was posted (the submit buttons carry it as `intent`). */
export const REVIEW_INTENTS = ["decide", "reopen"] as const;
export const reviewIntentSchema = z.object({ intent: z.enum(REVIEW_INTENTS, { message: "Unknown action" }) });

/**
 * Hire / no hire / hold with a rationale the panel and the candidate's file can live with.
 * Whitespace does not count toward the minimum length.
 */
export const decisionSchema = z.object({
  decision: z.enum(DECISIONS, { message: "Choose hire, no hire or hold" }),
  rationale: z
    .string({ message: "Write the rationale for this decision" })
    .trim()
    .min(1, { message: "Write the rationale for this decision", abort: true })
    .min(RATIONALE_MIN, `Write at least ${RATIONALE_MIN} characters: what tipped the decision?`)
    .max(RATIONALE_MAX, `Keep the rationale under ${RATIONALE_MAX} characters`),
  /**
   * The written override of a decision against the rubric's signals. Whether it is needed depends
   * on the loop's feedback, so the server checks it where the decision is recorded
   * (db/queries/review/decision.server.ts) and the form with {@link decisionFormSchema}.
   */
  override: z
    .string({ message: "Write the override as text" })
    .trim()
    .max(OVERRIDE_MAX, `Keep the override under ${OVERRIDE_MAX} characters`)
    .optional(),
});
export type DecisionInput = z.input<typeof decisionSchema>;
export type DecisionValues = z.output<typeof decisionSchema>;

/**
 * The decision form as the browser checks it: the schema plus the override rule for the choice
 * made, with the grounds the page was rendered with (the server checks again with fresh ones).
 */
export function decisionFormSchema(groundsByDecision: Partial<Record<Decision, readonly OverrideGround[]>>) {
  return decisionSchema.superRefine((v, ctx) => {
    const problem = overrideProblem(groundsByDecision[v.decision] ?? [], v.override ?? "", v.rationale);
    if (problem) ctx.addIssue({ code: "custom", path: ["override"], message: problem });
  });
}

/** Reopening undoes a recorded decision, so it needs a reason for the audit trail. */
export const reopenSchema = z.object({
  reason: z
    .string({ message: "Say why the decision is being reopened" })
    .trim()
    .min(1, { message: "Say why the decision is being reopened", abort: true })
    .min(REOPEN_REASON_MIN, `Write at least ${REOPEN_REASON_MIN} characters`)
    .max(REOPEN_REASON_MAX, `Keep the reason under ${REOPEN_REASON_MAX} characters`),
});
export type ReopenInput = z.input<typeof reopenSchema>;
export type ReopenValues = z.output<typeof reopenSchema>;
