// A trainee's ratings beside the panel's, per dimension, and their recommendation beside the decision.
import type { ShadowComparison } from "../../domain/review/shadow";
import { formatRange, formatScore, formatSigned } from "../../domain/shared/format";
import { DECISION_LABELS, RECOMMENDATION_LABELS } from "../../domain/vocabulary";
import { ScrollRegion } from "../ui/primitives";

export function ShadowComparisonTable({ comparison }: { comparison: ShadowComparison }) {
  const { recommendation, decision, recommendationMatches } = comparison;
  return (
    <>
      <ScrollRegion label="Comparison with the panel (scrolls sideways)">
        <table className="list-table" data-testid="shadow-comparison">
          <caption className="sr-only">Your ratings beside the panel&apos;s, per dimension</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Yours</th>
              <th scope="col">Panel median</th>
              <th scope="col">Panel range</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {comparison.dimensions.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.name}</th>
                <td>{d.trainee ?? "—"}</td>
                <td>{formatScore(d.panelMedian)}</td>
                <td>
                  {d.panelMin !== null && d.panelMax !== null ? formatRange(d.panelMin, d.panelMax) : "—"}{" "}
                  <span className="muted small">
                    ({d.panelCount} {d.panelCount === 1 ? "rating" : "ratings"})
                  </span>
                </td>
                <td>{formatSigned(d.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p data-testid="shadow-recommendation">
        Your recommendation: <strong>{recommendation ? RECOMMENDATION_LABELS[recommendation] : "none"}</strong>;
        decision: <strong>{decision ? DECISION_LABELS[decision] : "none"}</strong>
        {recommendationMatches === null
          ? " (not comparable)."
          : recommendationMatches
            ? " — they agree."
            : " — they differ."}
      </p>
    </>
  );
}
