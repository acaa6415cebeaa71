// How pages show a scorecard artifact: what the scorecard's panel and the review's thumbnails need.

export interface ArtifactView {
  id: string;
  caption: string;
  dimensionKey: string | null;
  width: number;
  height: number;
  src: string;
}

/** The page's view of a stored artifact (route loaders and the upload action's JSON answer). */
export function artifactView(a: {
  id: string;
  caption: string;
  dimensionKey: string | null;
  width: number;
  height: number;
}): ArtifactView {
  return {
    id: a.id,
    caption: a.caption,
    dimensionKey: a.dimensionKey,
    width: a.width,
    height: a.height,
    src: `/artifacts/${a.id}`,
  };
}

/** The review page's thumbnails of one submitted scorecard. */
export interface ReviewArtifactGroup {
  scorecardId: string;
  panelistName: string;
  exerciseTitle: string;
  artifacts: (ArtifactView & { dimensionName?: string })[];
}
