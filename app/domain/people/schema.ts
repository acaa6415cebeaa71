/**
 * People administration: the invite, role and row-action forms. Who may do what to whom is in
 * permissions.ts. Pure; no IO.
 */
import * as z from "zod";

import { requiredText } from "../shared/form-values";
import { ROLES } from "../vocabulary";

export const inviteSchema = z.object({
  name: requiredText(120, "Enter the person's name"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address")
    .max(254, "That email address is too long")
    .pipe(z.email("Enter a valid email address")),
  role: z.enum(ROLES, { error: "Choose a role" }),
});
export type InviteInput = z.output<typeof inviteSchema>;

export const roleSchema = z.object({
  role: z.enum(ROLES, { error: "Choose a role" }),
});

/** Which row action a post on the people page asks for; `invite` uses `inviteSchema`. */
export const personActionSchema = z.object({
  intent: z.enum(["role", "deactivate", "reactivate", "link"], {
    error: "Unknown action. Reload the page and try again.",
  }),
  userId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a person from the list."),
});
