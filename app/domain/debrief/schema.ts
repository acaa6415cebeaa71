/**
 * The debrief screen's forms. Each facilitator form carries `at`, the step the facilitator was
 * looking at: a double click or a second tab cannot move the meeting twice. Pure; no IO.
 */
import * as z from "zod";

import type { DebriefCommand } from "./rules";

export const CONCLUSION_MAX = 4000;

export const DEBRIEF_INTENTS = ["start", "join", "reveal", "note", "move", "decide"] as const;
export type DebriefIntent = (typeof DEBRIEF_INTENTS)[number];
export const debriefIntentSchema = z.object({ intent: z.enum(DEBRIEF_INTENTS, { message: "Unknown action" }) });

const at = z.coerce
  .number({ message: "Reload the page: the step is missing" })
  .int("Reload the page: the step is not a step")
  .min(0, "Reload the page: the step is not a step")
  .max(10_000, "Reload the page: the step is not a step");

/**
 * The facilitator's three forms as one command: reveal the current item, note what the panel
 * concluded on it (may be empty: nothing to add; never more than a page), or move on or back.
 */
export const debriefCommandSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("reveal"), at }),
    z.object({
      intent: z.literal("move"),
      at,
      to: z.enum(["next", "previous"], { message: "Choose next or previous" }),
    }),
    z.object({
      intent: z.literal("note"),
      at,
      conclusion: z
        .string({ message: "Write what the panel concluded" })
        .trim()
        .max(CONCLUSION_MAX, `Keep the note under ${CONCLUSION_MAX} characters`),
      then: z.enum(["stay", "next"], { message: "Choose save or save and next" }).default("stay"),
    }),
  ])
  .transform((v): { at: number; command: DebriefCommand } => {
    switch (v.intent) {
      case "reveal":
        return { at: v.at, command: { kind: "reveal" } };
      case "move":
        return { at: v.at, command: { kind: "move", to: v.to } };
      case "note":
        return { at: v.at, command: { kind: "note", conclusion: v.conclusion, then: v.then } };
    }
  });
