/**
 * Forms of loop creation and the setup page. Each form posts an `intent` and is parsed with the
 * schema for that intent, on the server and in the browser. Pure; no IO.
 */
import * as z from "zod";

import { confirmField, idField, text } from "../shared/form-values";
import { LOOP_TEMPLATE_KEYS } from "./template";
import { LOOP_STATUSES, PANEL_ROLES, WEIGHT_MODES } from "../vocabulary";
import { validateWeights } from "./weights";
import { isLocalInput } from "../shared/zoned-time";
import { loopSearchField } from "../search/schema";

/** A datetime-local value, or empty for "no time yet". */
export const localDateTime = z
  .preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(25))
  .refine((v) => v === "" || isLocalInput(v), "Enter a date and time like 2026-05-12 09:30");

export const durationField = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? NaN : v),
  z.coerce
    .number({ error: "Enter the length in minutes" })
    .refine((n) => Number.isFinite(n), "Enter the length in minutes")
    .pipe(z.number().int("Whole minutes").min(5, "At least 5 minutes").max(480, "At most 8 hours")),
);

/** An id picked from a list, with a message naming what to pick. */
const pick = (what: string) => z.string().trim().min(1, `Choose ${what}`).max(64, "Unknown id");

export const newLoopSchema = z.object({
  candidateId: pick("a candidate"),
  rubricVersionId: pick("a rubric version"),
  hiringManagerId: pick("a hiring manager"),
  // "" lets the server match the hiring manager's open search on the rubric, or open one
  searchId: loopSearchField,
  template: z.enum(LOOP_TEMPLATE_KEYS, { error: "Choose a template" }),
  startAt: localDateTime,
});

export const loopSettingsSchema = z.object({
  rubricVersionId: pick("a rubric version"),
  hiringManagerId: pick("a hiring manager"),
});

export const interviewSchema = z.object({
  interviewId: idField,
  exerciseKey: z.string().trim().min(1, "Choose an exercise").max(60),
  scheduledAt: localDateTime,
  durationMinutes: durationField,
});

export const addInterviewSchema = z.object({
  exerciseKey: z.string().trim().min(1, "Choose an exercise").max(60),
  scheduledAt: localDateTime,
  durationMinutes: durationField,
});

export const interviewRefSchema = z.object({ interviewId: idField });

export const moveInterviewSchema = z.object({
  interviewId: idField,
  direction: z.enum(["up", "down"]),
});

export const addPanelistSchema = z.object({
  interviewId: idField,
  panelistId: z.string().trim().min(1, "Choose a person to add").max(64),
  // absent (older forms, scripts) means a full panelist
  panelRole: z.enum(PANEL_ROLES, { error: "Choose how they sit on the panel" }).default("panelist"),
});

export const scorecardRefSchema = z.object({ scorecardId: idField });

/** Weights as typed: percentages per dimension key (custom mode), or a mode only. */
export const weightsSchema = z
  .object({
    mode: z.enum(WEIGHT_MODES, { error: "Choose how to weight the dimensions" }),
    weights: z
      .record(
        z.string().max(60),
        z.preprocess(
          (v) => (v === "" || v === undefined || v === null ? NaN : v),
          z.coerce
            .number()
            .refine((n) => Number.isFinite(n), "Enter a percentage")
            .pipe(z.number().min(0, "0 or more").max(100, "At most 100")),
        ),
      )
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== "custom") return;
    const weights = v.weights ?? {};
    const keys = Object.keys(weights);
    if (keys.some((k) => !Number.isFinite(weights[k]))) return; // per-field messages already
    for (const problem of validateWeights(weights, keys))
      ctx.addIssue({ code: "custom", path: ["weights"], message: problem });
  });

export const statusSchema = z.object({
  to: z.enum(LOOP_STATUSES, { error: "Unknown status" }),
  confirm: confirmField,
  reason: z.preprocess((v) => (v === undefined || v === null ? "" : v), text(500, "The reason")),
});

export const LOOP_LIST_FILTERS = z.object({
  status: z
    .enum([...LOOP_STATUSES, ""])
    .catch("")
    .default(""),
});
