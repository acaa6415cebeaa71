import { eq } from "drizzle-orm";

import type { RubricContent } from "../../../app/domain/rubric/model";
import type { DbOrTx } from "../../client.server";
import { rubricVersions } from "../../schema";

import { loadRubricContent, rubricVersionIds } from "../rubric/rubrics.server";

export interface RubricFacts {
  versionId: string;
  content: RubricContent;
  dimensionIds: Map<string, string>;
  redFlagIds: Map<string, string>;
  signalIds: Map<string, string>;
  dimensionKeys: Map<string, string>;
  redFlagKeys: Map<string, string>;
  signalKeys: Map<string, string>;
  /** exercise row id -> exercise key */
  exerciseKeys: Map<string, string>;
  /** published (immutable): anything derived from these facts may be cached */
  immutable: boolean;
}

// Published rubric versions are immutable (database triggers), so their facts are cached per
// process: an autosave then costs one lookup query plus the write itself.
const rubricCache = new Map<string, RubricFacts>();

function invert(m: Map<string, string>): Map<string, string> {
  return new Map([...m].map(([k, v]) => [v, k]));
}

export function rubricFacts(db: DbOrTx, versionId: string): RubricFacts | null {
  const cached = rubricCache.get(versionId);
  if (cached) return cached;
  const version = db
    .select({ status: rubricVersions.status })
    .from(rubricVersions)
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!version) return null;
  const content = loadRubricContent(db, versionId);
  if (!content) return null;
  const ids = rubricVersionIds(db, versionId);
  const facts: RubricFacts = {
    versionId,
    content,
    dimensionIds: ids.dimensions,
    redFlagIds: ids.redFlags,
    signalIds: ids.signals,
    dimensionKeys: invert(ids.dimensions),
    redFlagKeys: invert(ids.redFlags),
    signalKeys: invert(ids.signals),
    exerciseKeys: invert(ids.exercises),
    immutable: version.status === "published",
  };
  if (version.status === "published") rubricCache.set(versionId, facts);
  return facts;
}
