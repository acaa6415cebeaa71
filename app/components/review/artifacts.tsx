// What the candidate drew, as the panel attached it: thumbnails of the submitted scorecards'
// pictures, grouped by scorecard, each with its caption as alt text (drafts' pictures never get here).
import type { ReviewArtifactGroup } from "../../domain/scorecard/artifact-view";
import { ArtifactFigure } from "../ui/primitives";

export function ReviewArtifacts({ groups }: { groups: ReviewArtifactGroup[] }) {
  if (groups.length === 0) return null;
  return (
    <section className="card artifacts" aria-labelledby="artifacts-title">
      <h2 id="artifacts-title">What the candidate drew</h2>
      {groups.map((g) => (
        <div key={g.scorecardId} className="artifact-group">
          <h3>
            {g.panelistName} · {g.exerciseTitle}
          </h3>
          <ul className="artifact-list">
            {g.artifacts.map((a) => (
              <li key={a.id}>
                <ArtifactFigure artifact={a} dimensionName={a.dimensionName} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
