/**
 * Trainees' view of decided loops: one trainee scorecard beside the panel's feedback (only its
 * owner asks, only once the loop is decided), and a trainee's record over their decided loops
 * (staff). The panel's side comes from the review inputs, which hold full panelists' submitted
 * scorecards only (inputs.server.ts), so the comparison reads exactly what the decision rested on.
 */
import { and, desc, eq, inArray } from "drizzle-orm";

import { displayCandidateName } from "../../../app/domain/candidate/display";
import { compareWithPanel, type ShadowComparison, type TrackedLoop } from "../../../app/domain/review/shadow";
import type { LoopAggregationInput } from "../../../app/domain/review/types";
import type { Decision, PanelRole, Recommendation, ScorecardStatus } from "../../../app/domain/vocabulary";
import type { Db } from "../../client.server";
import {
  candidates,
  interviews,
  loops,
  ratings,
  rubricDimensions,
  rubricExercises,
  scorecards,
  users,
} from "../../schema";

import { groupBy } from "../rows.server";
import { loadLoopAggregationInput, loadLoopAggregationInputs } from "./inputs.server";

const TRAINEE_ROLES: PanelRole[] = ["shadow", "reverse_shadow"];

function comparisonFor(
  input: LoopAggregationInput,
  trainee: { ratings: { dimensionKey: string; score: number | null }[]; recommendation: Recommendation | null },
  decision: Decision | null,
): ShadowComparison {
  return compareWithPanel({
    dimensions: input.rubric.dimensions.map((d) => ({ key: d.key, name: d.name })),
    trainee,
    panel: input.scorecards.flatMap((s) => (s.status === "submitted" ? [{ ratings: s.ratings }] : [])),
    decision,
  });
}

function traineeRatings(db: Db, scorecardIds: readonly string[]) {
  if (scorecardIds.length === 0) return new Map<string, { dimensionKey: string; score: number | null }[]>();
  const rows = db
    .select({ scorecardId: ratings.scorecardId, dimensionKey: rubricDimensions.key, score: ratings.score })
    .from(ratings)
    .innerJoin(rubricDimensions, eq(rubricDimensions.id, ratings.dimensionId))
    .where(inArray(ratings.scorecardId, [...scorecardIds]))
    .all();
  return new Map(
    [...groupBy(rows, (r) => r.scorecardId)].map(([id, rs]) => [
      id,
      rs.map((r) => ({ dimensionKey: r.dimensionKey, score: r.score })),
    ]),
  );
}

export type TraineeComparisonPage =
  | {
      state: "not_submitted" | "recused" | "not_decided";
      scorecardId: string;
      candidateName: string;
      exerciseTitle: string;
      panelRole: PanelRole;
    }
  | {
      state: "decided";
      scorecardId: string;
      candidateName: string;
      exerciseTitle: string;
      panelRole: PanelRole;
      comparison: ShadowComparison;
    };

/**
 * The comparison page of a trainee's own scorecard, or null when `userId` holds no trainee
 * scorecard with this id (404: not theirs, or a full panelist's). Before the loop is decided, or
 * before the trainee submitted, only the state comes back: no panel rating leaves the database.
 */
export function getTraineeComparison(db: Db, scorecardId: string, userId: string): TraineeComparisonPage | null {
  const row = db
    .select({
      id: scorecards.id,
      status: scorecards.status,
      panelRole: scorecards.panelRole,
      recommendation: scorecards.recommendation,
      loopId: loops.id,
      loopStatus: loops.status,
      decision: loops.decision,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      exerciseTitle: rubricExercises.title,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .innerJoin(rubricExercises, eq(rubricExercises.id, interviews.exerciseId))
    .where(
      and(
        eq(scorecards.id, scorecardId),
        eq(scorecards.panelistId, userId),
        inArray(scorecards.panelRole, TRAINEE_ROLES),
      ),
    )
    .get();
  if (!row) return null;
  const base = {
    scorecardId: row.id,
    candidateName: displayCandidateName({ name: row.candidateName, erasedAt: row.candidateErasedAt }),
    exerciseTitle: row.exerciseTitle,
    panelRole: row.panelRole,
  };
  const state = stateOf(row.status, row.loopStatus === "decided");
  if (state !== "decided") return { state, ...base };
  const input = loadLoopAggregationInput(db, row.loopId);
  if (!input) return null;
  const mine = traineeRatings(db, [row.id]).get(row.id) ?? [];
  return {
    state,
    ...base,
    comparison: comparisonFor(input, { ratings: mine, recommendation: row.recommendation }, row.decision),
  };
}

function stateOf(status: ScorecardStatus, decided: boolean): "not_submitted" | "recused" | "not_decided" | "decided" {
  if (status === "recused") return "recused";
  if (status !== "submitted") return "not_submitted";
  return decided ? "decided" : "not_decided";
}

export interface TraineeRecord {
  user: { id: string; name: string; email: string };
  /** trainee seats on loops not decided yet (not compared) */
  openSeats: number;
  /** submitted trainee scorecards on decided loops, one entry per loop (newest decision first) */
  loops: TrackedLoop[];
}

/**
 * A person's trainee record (staff only: the route guards): their submitted shadow and reverse
 * shadow scorecards on decided loops, each compared with its loop's panel; null when the person
 * does not exist. A loop where they sat twice as a trainee counts once (its first interview).
 */
export function getTraineeRecord(db: Db, userId: string): TraineeRecord | null {
  const user = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  const seats = db
    .select({
      id: scorecards.id,
      status: scorecards.status,
      recommendation: scorecards.recommendation,
      loopId: loops.id,
      loopStatus: loops.status,
      decision: loops.decision,
      decidedAt: loops.decidedAt,
      candidateName: candidates.name,
      candidateErasedAt: candidates.erasedAt,
      position: interviews.position,
    })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .innerJoin(loops, eq(loops.id, interviews.loopId))
    .innerJoin(candidates, eq(candidates.id, loops.candidateId))
    .where(and(eq(scorecards.panelistId, userId), inArray(scorecards.panelRole, TRAINEE_ROLES)))
    .orderBy(desc(loops.decidedAt), interviews.position)
    .all();
  const compared = seats.filter((s) => s.loopStatus === "decided" && s.status === "submitted" && s.decidedAt !== null);
  const firstPerLoop = [...groupBy(compared, (s) => s.loopId).values()].map((list) => list[0]!);
  const inputs = loadLoopAggregationInputs(
    db,
    firstPerLoop.map((s) => s.loopId),
  );
  const mine = traineeRatings(
    db,
    firstPerLoop.map((s) => s.id),
  );
  const loopsOut: TrackedLoop[] = firstPerLoop.flatMap((s) => {
    const input = inputs.get(s.loopId);
    if (!input) return [];
    return [
      {
        loopId: s.loopId,
        candidateName: displayCandidateName({ name: s.candidateName, erasedAt: s.candidateErasedAt }),
        decidedAt: s.decidedAt!,
        comparison: comparisonFor(
          input,
          { ratings: mine.get(s.id) ?? [], recommendation: s.recommendation },
          s.decision,
        ),
      },
    ];
  });
  return {
    user,
    openSeats: seats.filter((s) => s.loopStatus !== "decided" && s.loopStatus !== "withdrawn" && s.status !== "recused")
      .length,
    loops: loopsOut,
  };
}

/** People holding at least one trainee seat, with how many (the people page links them to their record). */
export function traineeSeatCounts(db: Db): Map<string, number> {
  const rows = db
    .select({ userId: scorecards.panelistId })
    .from(scorecards)
    .where(inArray(scorecards.panelRole, TRAINEE_ROLES))
    .all();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.userId, (out.get(r.userId) ?? 0) + 1);
  return out;
}
