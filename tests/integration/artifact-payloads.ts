// Scorecard artifacts in the shared security world: a picture on the pending panelist's draft and
// one on the submitted scorecard, with fixed ids (access matrix, fuzz).
import { getDb } from "../../db/client.server";
import { scorecardArtifacts } from "../../db/schema";
import { cleanImage } from "../../app/domain/scorecard/artifact-image";
import { greyJpeg } from "../images";

import type { World } from "./security-world";

export const ARTIFACT_IDS = { draft: "draftArtifactId0000001", submitted: "submittedArtifactId001" };

export function prepareArtifacts(w: World): void {
  const checked = cleanImage(greyJpeg());
  if (!checked.ok) throw new Error(checked.error);
  const data = Buffer.from(checked.image.bytes);
  for (const [id, scorecardId] of [
    [ARTIFACT_IDS.draft, w.pendingCard],
    [ARTIFACT_IDS.submitted, w.submittedCard],
  ] as const) {
    getDb()
      .insert(scorecardArtifacts)
      .values({
        id,
        scorecardId,
        mediaType: "image/jpeg",
        caption: "Whiteboard photo",
        dimensionKey: null,
        width: checked.image.width,
        height: checked.image.height,
        byteSize: data.length,
        sha256: "0".repeat(64),
        data,
        createdAt: Date.now(),
      })
      .onConflictDoNothing()
      .run();
  }
}
