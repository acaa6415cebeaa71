/**
 * The comparison page (/compare): the searches with comparable loops for this user, and the table
 * of one search on one rubric version. Visibility is in the WHERE clause.
 */
import { and, eq, inArray, sql } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import { aggregateLoop } from "../../../app/domain/review/aggregate";
import { buildComparison, COMPARABLE_STATUSES, setAsideReason } from "../../../app/domain/review/compare";
import type { ComparableSearchFacts, ComparedLoop, Comparison } from "../../../app/domain/review/compare";
import type { Decision, LoopStatus, Role } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import { candidates, interviews, loops, rubrics, rubricVersions, scorecards, searches } from "../../schema";

import { byIds } from "../rows.server";
import { calibrationForRubric } from "./calibration.server";
import { loadLoopAggregationInputs } from "./inputs.server";

/**
 * The loops in debrief or decided that `user` may compare, as app/domain/review/access.ts rules:
 * all of them for admins and recruiters; otherwise those whose hiring manager they are (of the loop
 * or of its search) or where they sat on the panel. Anyone with a scorecard on a loop that is not
 * submitted (a draft, or recused) never sees that loop here, whatever their role.
 */
function visibleComparableLoops(db: Db, user: { id: string; role: Role }, searchId?: string) {
  const mine = sql`exists (select 1 from ${scorecards} s join ${interviews} i on i.id = s.interview_id where i.loop_id = ${loops.id} and s.panelist_id = ${user.id})`;
  // a trainee's seat closes the loop's feedback like a draft does (app/domain/review/access.ts)
  const pending = sql`exists (select 1 from ${scorecards} s join ${interviews} i on i.id = s.interview_id where i.loop_id = ${loops.id} and s.panelist_id = ${user.id} and (s.status != 'submitted' or s.panel_role != 'panelist'))`;
  const related =
    user.role === "admin" || user.role === "recruiter"
      ? sql`1 = 1`
      : sql`(${loops.hiringManagerId} = ${user.id} or ${searches.hiringManagerId} = ${user.id} or ${mine})`;
  return db
    .select({
      id: loops.id,
      searchId: searches.id,
      rubricVersionId: loops.rubricVersionId,
      rubricId: rubricVersions.rubricId,
    })
    .from(loops)
    .innerJoin(searches, eq(searches.id, loops.searchId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
    .where(
      and(
        inArray(loops.status, [...COMPARABLE_STATUSES]),
        searchId === undefined ? undefined : eq(searches.id, searchId),
        related,
        sql`not ${pending}`,
      ),
    )
    .all();
}

/** Searches with at least one comparable loop visible to the user, each with its versions' counts. */
export function listComparableSearches(db: Db, user: { id: string; role: Role }): ComparableSearchFacts[] {
  const visible = visibleComparableLoops(db, user);
  if (visible.length === 0) return [];
  const counts = new Map<string, Map<string, number>>();
  for (const l of visible) {
    const perVersion = counts.get(l.searchId) ?? new Map<string, number>();
    perVersion.set(l.rubricVersionId, (perVersion.get(l.rubricVersionId) ?? 0) + 1);
    counts.set(l.searchId, perVersion);
  }
  const versionIds = [...new Set(visible.map((l) => l.rubricVersionId))];
  const versions = new Map(
    db
      .select({ versionId: rubricVersions.id, version: rubricVersions.version, rubricName: rubrics.name })
      .from(rubricVersions)
      .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
      .where(inArray(rubricVersions.id, versionIds))
      .all()
      .map((v) => [v.versionId, v]),
  );
  return db
    .select({ searchId: searches.id, title: searches.title, closedAt: searches.closedAt, openedAt: searches.openedAt })
    .from(searches)
    .where(inArray(searches.id, [...counts.keys()]))
    .all()
    .map((s) => ({
      ...s,
      versions: [...(counts.get(s.searchId) ?? new Map<string, number>()).entries()]
        .map(([versionId, n]) => {
          const v = versions.get(versionId);
          return { versionId, version: v?.version ?? 0, rubricName: v?.rubricName ?? "", loops: n };
        })
        .sort((a, b) => b.version - a.version),
    }));
}

/** A loop of the search left out of the table because it was scored on another rubric version. */
export interface SetAsideLoop {
  loopId: string;
  candidateName: string;
  status: LoopStatus;
  decision: Decision | null;
  rubricVersionId: string;
  rubricVersion: number;
  reason: string;
}

export interface SearchComparison extends Comparison {
  setAside: SetAsideLoop[];
}

/**
 * The table of one search on one rubric version (rows unsorted), and the search's other comparable
 * loops the user may see, set aside with the reason. Only submitted scorecards reach the aggregate.
 */
export function loadSearchComparison(
  db: Db,
  user: { id: string; role: Role },
  searchId: string,
  versionId: string,
): SearchComparison {
  const visible = visibleComparableLoops(db, user, searchId);
  if (visible.length === 0) return { dimensions: [], rows: [], setAside: [] };
  const meta = new Map(
    byIds(
      visible.map((l) => l.id),
      (chunk) =>
        db
          .select({
            id: loops.id,
            candidateName: candidates.name,
            erasedAt: candidates.erasedAt,
            status: loops.status,
            decision: loops.decision,
            version: rubricVersions.version,
            rubricName: rubrics.name,
          })
          .from(loops)
          .innerJoin(candidates, eq(candidates.id, loops.candidateId))
          .innerJoin(rubricVersions, eq(rubricVersions.id, loops.rubricVersionId))
          .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
          .where(inArray(loops.id, chunk))
          .all(),
    ).map((m) => [m.id, m]),
  );
  const onVersion = visible.filter((l) => l.rubricVersionId === versionId);
  const tableMeta = onVersion[0] ? meta.get(onVersion[0].id) : undefined;
  const setAside: SetAsideLoop[] = [];
  for (const l of visible) {
    if (l.rubricVersionId === versionId) continue;
    const m = meta.get(l.id);
    if (!m) continue;
    setAside.push({
      loopId: l.id,
      candidateName: displayCandidateName({ name: m.candidateName, erasedAt: m.erasedAt }),
      status: m.status,
      decision: m.decision,
      rubricVersionId: l.rubricVersionId,
      rubricVersion: m.version,
      reason: tableMeta
        ? setAsideReason(m, tableMeta)
        : `Scored on ${m.rubricName} v${m.version}, another rubric version than the table's.`,
    });
  }
  setAside.sort((a, b) => a.rubricVersion - b.rubricVersion || a.candidateName.localeCompare(b.candidateName, "en"));
  if (onVersion.length === 0) return { dimensions: [], rows: [], setAside };

  const calibration = calibrationForRubric(db, onVersion[0]?.rubricId ?? "");
  const inputs = loadLoopAggregationInputs(
    db,
    onVersion.map((l) => l.id),
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
  return { ...buildComparison(compared), setAside };
}
