/**
 * Rubric versions that ship with ArchPanel beyond the first: published by `npm run db:migrate` and
 * the demo seed (db/queries/rubric/rubrics.server.ts `publishShippedRubrics`) as the next version
 * of the family of the same name, through the same publish rules as any version. Pure data.
 */
import { LEAD_ML_ARCHITECT_V2 } from "./lead-ml-architect-v2";
import type { RubricContent } from "./model";

export const SHIPPED_RUBRIC_VERSIONS: readonly RubricContent[] = [LEAD_ML_ARCHITECT_V2];
