/**
 * The bodies the crash test and the load benchmark send, and the rubric keys they rate: kept apart
 * from load-world.ts so that the benchmark's worker threads do not load the database layer.
 */
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";

export const EXERCISE = "architecture_case_study";
export const ASSESSED_KEYS: readonly string[] = LEAD_ML_ARCHITECT_V1.exercises.find(
  (e) => e.key === EXERCISE,
)!.dimensionKeys;

/** The evidence of the seeded submitted scorecards. */
export const EVIDENCE =
  "Walked through the feature store, online/offline parity, canary rollout and the rollback criteria in detail.";

/** A draft autosave body with a unique marker in its text. */
export function savePayload(version: number, marker: string): Record<string, unknown> {
  return {
    intent: "save",
    version,
    summary: `summary ${marker}`,
    ratings: { [ASSESSED_KEYS[0]!]: { score: "3", evidence: `evidence ${marker}` } },
  };
}

/** A complete submission (passes the submit rules) with a unique marker in its text. */
export function submitPayload(version: number, marker: string): Record<string, unknown> {
  return {
    intent: "submit",
    version,
    recommendation: "hire",
    summary: `summary ${marker}`,
    ratings: Object.fromEntries(
      ASSESSED_KEYS.map((k) => [k, { score: "3", evidence: `evidence ${marker}: ${EVIDENCE}` }]),
    ),
  };
}
