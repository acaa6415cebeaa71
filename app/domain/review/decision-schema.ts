/**
 * The review page's two forms: record the hiring decision, and reopen a decided loop.
 * One schema per form, used by the action (`parseWith`) and by react-hook-form (`zodResolver`).
 * Pure; no IO.
 */
import * as z from "zod";

import { DECISIONS } from "../vocabulary";

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
});
export type DecisionInput = z.input<typeof decisionSchema>;
export type DecisionValues = z.output<typeof decisionSchema>;

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
