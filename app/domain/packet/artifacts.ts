// Pictures attached to submitted scorecards, in the packet: each on its panelist's scorecard pages
// (scaled to fit, captioned, tagged as a Figure with the caption as its alternative text) and listed
// in the appendix. The bytes travel beside the model; only metadata goes into the fingerprint.
import type { ArtifactMediaType } from "../vocabulary";

/** A stored artifact of a submitted scorecard, as the packet receives it. */
export interface PacketArtifactInput {
  id: string;
  scorecardId: string;
  caption: string;
  dimensionKey: string | null;
  mediaType: ArtifactMediaType;
  width: number;
  height: number;
  sha256: string;
  bytes: Uint8Array;
}

/** One picture on a scorecard's pages. */
export interface ArtifactFigureModel {
  /** "Figure 2" — numbered through the packet, as the appendix lists them */
  label: string;
  caption: string;
  /** "Supports ML system architecture", or "" */
  supports: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface ArtifactListEntry {
  label: string;
  panelistName: string;
  exerciseTitle: string;
  caption: string;
  supports: string;
}

/** Fingerprint input: everything that changes the picture or its words, without the bytes. */
export function artifactFingerprintInput(artifacts: readonly PacketArtifactInput[]) {
  return artifacts.map((a) => ({
    id: a.id,
    scorecardId: a.scorecardId,
    caption: a.caption,
    dimensionKey: a.dimensionKey,
    mediaType: a.mediaType,
    width: a.width,
    height: a.height,
    sha256: a.sha256,
  }));
}

/**
 * The figures per submitted scorecard and the appendix list, in scorecard order then upload order.
 * Artifacts of scorecards not in `scorecards` (not submitted) are dropped.
 */
export function packetArtifactFigures(
  scorecards: readonly { scorecardId: string; panelistName: string; exerciseTitle: string }[],
  artifacts: readonly PacketArtifactInput[],
  dimensionName: (key: string) => string | undefined,
): { byScorecard: Map<string, ArtifactFigureModel[]>; list: ArtifactListEntry[] } {
  const byScorecard = new Map<string, ArtifactFigureModel[]>();
  const list: ArtifactListEntry[] = [];
  let n = 0;
  for (const sc of scorecards) {
    const figures: ArtifactFigureModel[] = [];
    for (const a of artifacts) {
      if (a.scorecardId !== sc.scorecardId) continue;
      n += 1;
      const name = a.dimensionKey ? dimensionName(a.dimensionKey) : undefined;
      const figure: ArtifactFigureModel = {
        label: `Figure ${n}`,
        caption: a.caption,
        supports: name ? `Supports ${name}` : "",
        width: a.width,
        height: a.height,
        bytes: a.bytes,
      };
      figures.push(figure);
      list.push({
        label: figure.label,
        panelistName: sc.panelistName,
        exerciseTitle: sc.exerciseTitle,
        caption: a.caption,
        supports: figure.supports,
      });
    }
    if (figures.length > 0) byScorecard.set(sc.scorecardId, figures);
  }
  return { byScorecard, list };
}
