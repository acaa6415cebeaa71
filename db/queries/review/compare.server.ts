/**
 * The comparison page (/compare): which rubric versions have comparable loops for this user, and
 * the table for one version or a whole family. Visibility is in the WHERE clause.
 */
import { and, eq, inArray, sql } from "drizzle-orm";

import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { buildComparison, COMPARABLE_STATUSES } from "../../../app/domain/review/compare";
import type { ComparedLoop, Comparison } from "../../../app/domain/review/compare";
import type { Role } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { candidates, interviews, loops, rubrics, rubricVersions, scorecards } from "../../schema";

import { byIds } from "../rows.server";
import { calibrationForRubric } from "./calibration.server";
import { loadLoopAggregationInputs } from "./inputs.server";

export interface ComparableVersion {
  rubricId: string;
  rubricName: string;
  versionId: string;
  version: number;
  loops: number;
}

/**
 * The loops in debrief or decided that `user` may compare: all of them for admins and recruiters,
 * otherwise the loops they manage or sat on as a panelist. Anyone with a scorecard on a loop that
 * is not submitted (a draft, or recused) does not see it (as app/domain/review/access.ts rules).
 */
function visibleComparableLoops(db: Db, user: { id: string; role: Role }) {
  const mine = sql`exists (select 1 from ${scorecards} s join ${interviews} i on i.id = s.interview_id where i.loop_id = ${loops.id} and s.panelist_id = ${user.id})`;
  // a trainee's seat closes the loop's feedback like a draft does (app/domain/review/access.ts)
  const pending = sql`exists (select 1 from ${scorecards} s join ${interviews} i on i.id = s.interview_id where i.loop_id = ${loops.id} and s.panelist_id = ${user.id} and (s.status != 'submitted' or s.panel_role != 'panelist'))`;
  const related =
    user.role === "admin" || user.role === "recruiter"
      ? sql`1 = 1`
      : sql`(${loops.hiringManagerId} = ${user.id} or ${mine})`;
  return db
    .select({ id: loops.id, rubricVersionId: loops.rubricVersionId, rubricId: rubricVersions.rubricId })
    .from(loops)
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .where(and(inArray(loops.status, [...COMPARABLE_STATUSES]), related, sql`not ${pending}`))
    .all();
}
/** Rubric versions with at least one comparable loop visible to the user, newest version first per family. */
export function listComparableVersions(db: Db, user: { id: string; role: Role }): ComparableVersion[] {
  const visible = visibleComparableLoops(db, user);
  const counts = new Map<string, number>();
  for (const l of visible) counts.set(l.rubricVersionId, (counts.get(l.rubricVersionId) ?? 0) + 1);
  if (counts.size === 0) return [];
  return db
    .select({
      rubricId: rubrics.id,
      rubricName: rubrics.name,
      versionId: rubricVersions.id,
      version: rubricVersions.version,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(inArray(rubricVersions.id, [...counts.keys()]))
    .all()
    .map((v) => ({ ...v, loops: counts.get(v.versionId) ?? 0 }))
    .sort((a, b) => a.rubricName.localeCompare(b.rubricName, "en") || b.version - a.version);
}

/**
 * The comparison table for one rubric version (`versionId`) or a whole family (`rubricId`, every
 * version; dimension columns are the union, newest version's order first). Rows are unsorted.
 */
export function loadComparison(
  db: Db,
  user: { id: string; role: Role },
  scope: { versionId: string } | { rubricId: string },
): Comparison {
  const visible = visibleComparableLoops(db, user).filter((l) =>
    "versionId" in scope ? l.rubricVersionId === scope.versionId : l.rubricId === scope.rubricId,
  );
  if (visible.length === 0) return { dimensions: [], rows: [] };
  const rubricId = visible[0]?.rubricId ?? "";
  const calibration = calibrationForRubric(db, rubricId);
  const inputs = loadLoopAggregationInputs(
    db,
    visible.map((l) => l.id),
  );

  const meta = new Map(
    byIds(
      visible.map((l) => l.id),
      (chunk) =>
        db
          .select({
            id: loops.id,
            candidateName: candidates.name,
            erasedAt: candidates.erasedAt,
            decision: loops.decision,
            version: rubricVersions.version,
          })
          .from(loops)
          .innerJoin(candidates, eq(candidates.id, loops.candidateId))
          .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
          .where(inArray(loops.id, chunk))
          .all(),
    ).map((m) => [m.id, m]),
  );

  const compared: ComparedLoop[] = [];
  for (const [loopId, input] of inputs) {
    const m = meta.get(loopId);
    if (!m) continue;
    compared.push({
      loopId,
      candidate: { name: m.candidateName, erasedAt: m.erasedAt },
      status: input.status,
      decision: m.decision,
      rubricVersion: m.version,
      rubric: input.rubric,
      aggregate: aggregateLoop(input, calibration),
    });
  }
  return buildComparison(compared);
}
