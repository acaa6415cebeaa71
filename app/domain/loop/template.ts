/**
 * Loop templates: the interviews a new loop starts with. Pure; no IO.
 */
import type { RubricContent } from "../rubric/model";

export const LOOP_TEMPLATE_KEYS = ["full", "blank"] as const;
export type LoopTemplateKey = (typeof LOOP_TEMPLATE_KEYS)[number];

export interface LoopTemplate {
  key: LoopTemplateKey;
  /** shown in the picker; `{rubric}` is replaced by the rubric's name */
  name: string;
  description: string;
}

export const LOOP_TEMPLATES: readonly LoopTemplate[] = [
  {
    key: "full",
    name: "{rubric} — full loop",
    description: "Every exercise of the chosen rubric version, in the rubric's order, each with its standard duration.",
  },
  {
    key: "blank",
    name: "Empty loop",
    description: "No interviews yet: add them one by one on the setup page.",
  },
];

/** The template's display name for a rubric (default template: "Lead ML Architect — full loop"). */
export function templateName(template: LoopTemplate, rubricName: string): string {
  return template.name.replace("{rubric}", rubricName);
}

export interface PlannedInterview {
  exerciseKey: string;
  durationMinutes: number;
  /** epoch ms, or null when no start time was given */
  scheduledAt: number | null;
}

/** Minutes between back-to-back interviews when the template lays out a day. */
export const DEFAULT_BREAK_MINUTES = 15;

/**
 * When an interview after `last` would start: its end plus the usual break. null when there is
 * no interview yet or the last one has no time.
 *
 * @example nextInterviewStart({ scheduledAt: Date.UTC(2026, 4, 12, 9), durationMinutes: 60 }) // 10:15 UTC
 */
export function nextInterviewStart(
  last: { scheduledAt: number | null; durationMinutes: number } | undefined,
  breakMinutes = DEFAULT_BREAK_MINUTES,
): number | null {
  if (!last || last.scheduledAt === null) return null;
  return last.scheduledAt + (last.durationMinutes + breakMinutes) * 60_000;
}

/**
 * The interviews a template creates for a rubric version. With `startAt`, they are laid out back
 * to back from that instant with `breakMinutes` between them; without it, they have no time yet.
 *
 * @example planInterviews("full", v1, null).map((p) => p.exerciseKey)
 * // ["architecture_case_study", "mlops_pipeline_design", "incident_scenario_drill", "tooling_evaluation"]
 */
export function planInterviews(
  template: LoopTemplateKey,
  content: Pick<RubricContent, "exercises">,
  startAt: number | null,
  breakMinutes = DEFAULT_BREAK_MINUTES,
): PlannedInterview[] {
  if (template === "blank") return [];
  let cursor = startAt;
  return content.exercises.map((e) => {
    const planned = { exerciseKey: e.key, durationMinutes: e.durationMinutes, scheduledAt: cursor };
    cursor = nextInterviewStart(planned, breakMinutes);
    return planned;
  });
}
