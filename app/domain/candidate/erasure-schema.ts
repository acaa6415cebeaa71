/** Forms of the erasure page and the retention setting (server `parseWith` and the browser). */
import * as z from "zod";

import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from "./erasure";

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export const eraseCandidateSchema = z.object({
  confirmName: z
    .string({ error: "Type the candidate's name to confirm." })
    .trim()
    .min(1, "Type the candidate's name to confirm.")
    .max(300, "That is longer than any candidate name."),
  keepRatings: checkbox.optional().default(false),
});

export const retentionSettingSchema = z.object({
  retentionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(MIN_RETENTION_DAYS, `At least ${MIN_RETENTION_DAYS} days.`)
    .max(MAX_RETENTION_DAYS, `At most ${MAX_RETENTION_DAYS} days (10 years).`),
});
