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

/**
 * The rubric version a new loop starts on: the newest published version of the first rubric family
 * (by name), so a newly published version (rubric v2) is what the template uses from then on, while
 * loops made earlier keep the version they were made with.
 *
 * @example defaultRubricVersion([{ rubricName: "Lead ML Architect", version: 1 }, { rubricName: "Lead ML Architect", version: 2 }])
 * // { rubricName: "Lead ML Architect", version: 2 }
 */
export function defaultRubricVersion<T extends { rubricName: string; version: number }>(
  published: readonly T[],
): T | undefined {
  const family = [...published].sort((a, b) =>
    a.rubricName < b.rubricName ? -1 : a.rubricName > b.rubricName ? 1 : 0,
  )[0]?.rubricName;
  return published.filter((v) => v.rubricName === family).sort((a, b) => b.version - a.version)[0];
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
