// Scorecard artifacts for the review page and the packet: the submitted scorecards' pictures,
// matched to the review's scorecards (whose names and exercises they are shown under).
import type { ArtifactMeta } from "../../db/queries/scorecard/artifacts.server";
import { submittedArtifactBytes, submittedArtifactsOfLoop } from "../../db/queries/scorecard/artifacts.server";
import type { Db } from "../../db/client.server";
import type { LoopReview } from "../../db/queries/review/loop-review.server";
import { type ReviewArtifactGroup, artifactView } from "../domain/scorecard/artifact-view";
import type { PacketArtifactInput } from "../domain/packet/artifacts";

function submittedCards(review: LoopReview) {
  return review.aggregate.scorecards.flatMap((sc) => (sc.status === "submitted" ? [sc] : []));
}

/** Thumbnails for the review page, grouped by submitted scorecard in the review's order. */
export function reviewArtifactGroups(review: LoopReview, metas: ArtifactMeta[]): ReviewArtifactGroup[] {
  const names = new Map(review.rubric.dimensions.map((d) => [d.key, d.name]));
  return submittedCards(review).flatMap((sc) => {
    const mine = metas.filter((m) => m.scorecardId === sc.scorecardId);
    if (mine.length === 0) return [];
    return [
      {
        scorecardId: sc.scorecardId,
        panelistName: sc.panelistName,
        exerciseTitle: sc.exerciseTitle,
        artifacts: mine.map((m) => {
          const dimensionName = m.dimensionKey ? names.get(m.dimensionKey) : undefined;
          return { ...artifactView(m), ...(dimensionName ? { dimensionName } : {}) };
        }),
      },
    ];
  });
}

/** The packet's pictures with their bytes (submitted scorecards of the review only). */
export function packetArtifacts(db: Db, review: LoopReview): PacketArtifactInput[] {
  const cards = new Set(submittedCards(review).map((sc) => sc.scorecardId));
  const metas = submittedArtifactsOfLoop(db, review.facts.loopId).filter((m) => cards.has(m.scorecardId));
  const bytes = submittedArtifactBytes(
    db,
    metas.map((m) => m.id),
  );
  return metas.flatMap((m) => {
    const data = bytes.get(m.id);
    return data ? [{ ...m, bytes: data }] : [];
  });
}
