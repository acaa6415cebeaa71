// Rubric v2 ships with the app: `npm run db:migrate` and the demo seed publish it through
// publishShippedRubrics, as the next version of the Lead ML Architect family, under the same
// publish rules as any version. Idempotent, and a shipped version that breaks a rule is refused
// with nothing written.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import {
  loadRubricContent,
  publishShippedRubrics,
  publishShippedVersion,
} from "../../db/queries/rubric/rubrics.server";
import { rubricVersions } from "../../db/schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import { LEAD_ML_ARCHITECT_V2 } from "../../app/domain/rubric/lead-ml-architect-v2";
import type { RubricContent } from "../../app/domain/rubric/model";
import { sameRubricContent, withDerivedFields } from "../../app/domain/rubric/model";

import { freshDatabase, seedRubricV1 } from "./harness";

const versions = () =>
  getDb()
    .select({ id: rubricVersions.id, version: rubricVersions.version, status: rubricVersions.status })
    .from(rubricVersions)
    .all()
    .sort((a, b) => a.version - b.version);

describe("the shipped rubric v2", () => {
  beforeEach(() => {
    freshDatabase();
  });

  it("is published as version 2 of the family, exactly as shipped, and only once", () => {
    seedRubricV1();
    expect(publishShippedRubrics(getDb())).toEqual(["Published Lead ML Architect v2"]);
    const [v1, v2] = versions();
    expect(v2).toMatchObject({ version: 2, status: "published" });
    // the same content (the database lists an exercise's dimensions in the rubric's order)
    expect(sameRubricContent(loadRubricContent(getDb(), v2!.id), withDerivedFields(LEAD_ML_ARCHITECT_V2))).toBe(true);
    // v1 is untouched and still format 1
    expect(sameRubricContent(loadRubricContent(getDb(), v1!.id), LEAD_ML_ARCHITECT_V1)).toBe(true);
    expect(loadRubricContent(getDb(), v1!.id)!.format).toBeUndefined();

    // running migrate or the seed again changes nothing
    expect(publishShippedRubrics(getDb())).toEqual([]);
    expect(versions()).toHaveLength(2);
  });

  it("waits for its family: a database without the Lead ML Architect rubric gets nothing", () => {
    expect(publishShippedRubrics(getDb())).toEqual([]);
    expect(versions()).toHaveLength(0);
  });

  it("is held to the publish rules: a v2 that drops a rule is refused and nothing is written", () => {
    seedRubricV1();
    const broken = structuredClone(LEAD_ML_ARCHITECT_V2) as RubricContent;
    broken.exercises[0]!.probes![0]!.dimensionKeys = []; // an untagged probe
    broken.dimensions[1]!.scale![2] = ""; // a scale point without its anchor
    const result = publishShippedVersion(getDb(), broken);
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value : null;
    expect(value && "problems" in value ? value.problems.map((p) => p.path) : []).toEqual(
      expect.arrayContaining(["exercises[0].probes[0].dimensionKeys", "dimensions[1].scale.2"]),
    );
    expect(versions()).toHaveLength(1);
    expect(getDb().select().from(rubricVersions).where(eq(rubricVersions.status, "draft")).all()).toHaveLength(0);
  });
});
