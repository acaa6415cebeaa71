// Builders for the review integration tests: loops with interviews and scorecards written
// straight to the database (the scorecard UI is another feature's business).
import { getDb } from "../../db/client.server";
import { rubricVersionIds } from "../../db/queries/rubric/rubrics.server";
import { rubricOfVersion, searchForNewLoop } from "../../db/queries/search/searches.server";
import { writeAudit } from "../../db/queries/audit.server";
import { candidates, interviews, loops, ratings, redFlagMarks, scorecards, signalMarks } from "../../db/schema";
import type { LoopStatus, PanelRole, RatingScore, Recommendation } from "../../app/domain/vocabulary";
import { newId } from "../../db/ids.server";

import type { call } from "./harness";

export const EVIDENCE =
  "Walked through the feature store, online/offline parity, canary rollout and the rollback criteria in detail.";

export interface CardSpec {
  panelistId: string;
  /** a trainee's seat; full panelist when absent */
  panelRole?: PanelRole;
  status?: "draft" | "submitted" | "recused";
  recommendation?: Recommendation | null;
  scores?: Record<string, RatingScore | "na">;
  evidence?: Record<string, string>;
  flags?: { key: string; note: string }[];
  signals?: string[];
  conflictNote?: string;
}

export interface LoopSpec {
  versionId: string;
  hiringManagerId: string;
  recruiterId?: string | null;
  /** the search the loop joins; default: the hiring manager's open search on the rubric (opened if none) */
  searchId?: string;
  candidateName?: string;
  status?: LoopStatus;
  interviews: { exercise: string; panel: CardSpec[] }[];
}

export interface BuiltLoop {
  loopId: string;
  interviewIds: string[];
  scorecardIds: string[][];
}

export function buildLoop(spec: LoopSpec): BuiltLoop {
  const db = getDb();
  const rv = rubricVersionIds(db, spec.versionId);
  const loopId = newId();
  const interviewIds: string[] = [];
  const scorecardIds: string[][] = [];
  const now = Date.now();
  db.transaction((tx) => {
    const candidateId = newId();
    tx.insert(candidates)
      .values({ id: candidateId, name: spec.candidateName ?? "Test Candidate" })
      .run();
    tx.insert(loops)
      .values({
        id: loopId,
        candidateId,
        rubricVersionId: spec.versionId,
        hiringManagerId: spec.hiringManagerId,
        recruiterId: spec.recruiterId ?? null,
        searchId: searchForNewLoop(
          tx,
          {
            searchId: spec.searchId ?? null,
            rubricId: rubricOfVersion(tx, spec.versionId) ?? "",
            hiringManagerId: spec.hiringManagerId,
            actorId: null,
          },
          now,
        ),
        status: spec.status ?? "debrief",
      })
      .run();
    spec.interviews.forEach((iv, position) => {
      const interviewId = newId();
      interviewIds.push(interviewId);
      tx.insert(interviews)
        .values({
          id: interviewId,
          loopId,
          exerciseId: rv.exercises.get(iv.exercise)!,
          position,
          scheduledAt: now - (10 - position) * 86_400_000,
          durationMinutes: 60,
        })
        .run();
      const ids: string[] = [];
      for (const card of iv.panel) {
        const scorecardId = newId();
        ids.push(scorecardId);
        const status = card.status ?? "submitted";
        tx.insert(scorecards)
          .values({
            id: scorecardId,
            interviewId,
            panelistId: card.panelistId,
            panelRole: card.panelRole ?? "panelist",
            status,
            recommendation:
              card.recommendation === undefined ? (status === "submitted" ? "hire" : null) : card.recommendation,
            conflictNote: card.conflictNote ?? null,
            submittedAt: status === "submitted" ? now - 3_600_000 : null,
          })
          .run();
        for (const [key, score] of Object.entries(card.scores ?? {})) {
          tx.insert(ratings)
            .values({
              scorecardId,
              dimensionId: rv.dimensions.get(key)!,
              score: score === "na" ? null : score,
              notAssessed: score === "na",
              evidence: card.evidence?.[key] ?? (score === "na" ? "" : EVIDENCE),
            })
            .run();
        }
        for (const f of card.flags ?? [])
          tx.insert(redFlagMarks)
            .values({ scorecardId, redFlagId: rv.redFlags.get(f.key)!, note: f.note })
            .run();
        for (const s of card.signals ?? [])
          tx.insert(signalMarks)
            .values({ scorecardId, signalId: rv.signals.get(s)! })
            .run();
        if (status === "submitted") {
          writeAudit(tx, {
            actorId: card.panelistId,
            action: "scorecard.submit",
            entityType: "scorecard",
            entityId: scorecardId,
            loopId,
          });
        }
      }
      scorecardIds.push(ids);
    });
  });
  return { loopId, interviewIds, scorecardIds };
}

/**
 * The harness's `call` types its context as Record<string, unknown>, which a Remix loader typed
 * with the app's AppLoadContext does not accept; the harness passes a complete context at run time.
 */
export function handler(fn: unknown): Parameters<typeof call>[0] {
  return fn as Parameters<typeof call>[0];
}
