import type { LoopAggregate } from "../../domain/review/types";
import { formatScore } from "../../domain/shared/format";

import { buildDimensionChart, describeDimensionChart } from "../../domain/review/heatmap";

/**
 * Per dimension: the min–max spread as a bar, every rating as a dot, the mean as a diamond with
 * its value printed; the bar (3) as a dashed line. A visually hidden table repeats the numbers.
 */
export function DimensionChart({ aggregate }: { aggregate: LoopAggregate }) {
  const c = buildDimensionChart(aggregate);
  const { width, height, plotLeft, plotRight, top } = c.layout;
  const bottom = height - 8;
  return (
    <figure className="chart dimchart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        role="img"
        aria-label={describeDimensionChart(c)}
        className="chart-svg"
      >
        {c.ticks.map((t) => (
          <g key={t.score}>
            <line x1={t.x} x2={t.x} y1={top - 6} y2={bottom} className={t.x === c.barX ? "dc-bar" : "dc-grid"} />
            <text x={t.x} y={top - 12} textAnchor="middle" className="dc-tick">
              {t.label}
              {t.x === c.barX ? " bar" : ""}
            </text>
          </g>
        ))}
        <text x={plotRight + 40} y={top - 12} textAnchor="middle" className="dc-tick">
          mean
        </text>
        {c.rows.map((r) => (
          <g key={r.key}>
            <title>{`${r.name}: ${r.mean === null ? "no rating" : `mean ${formatScore(r.mean)}, range ${r.min}–${r.max}, ${r.count} ratings`}`}</title>
            <text x={0} y={r.y + 4} className={`dc-label${r.disagreement ? " split" : ""}`}>
              {r.label}
            </text>
            <line x1={plotLeft - 8} x2={plotRight + 8} y1={r.y} y2={r.y} className="dc-row" />
            {r.minX !== null && r.maxX !== null ? (
              <rect
                x={r.minX - 5}
                y={r.y - 5}
                width={r.maxX - r.minX + 10}
                height={10}
                rx={5}
                className={`dc-range${r.disagreement ? " split" : ""}`}
              />
            ) : null}
            {r.dots.map((d, i) => (
              <circle key={i} cx={d.x} cy={d.y} r={3.2} className={`dc-dot${d.outlier ? " outlier" : ""}`} />
            ))}
            {r.meanX !== null ? (
              <path
                d={`M ${r.meanX} ${r.y - 8} l 6 8 l -6 8 l -6 -8 z`}
                className={`dc-mean${r.belowBar ? " below" : ""}`}
              />
            ) : null}
            <text
              x={plotRight + 40}
              y={r.y + 4}
              textAnchor="middle"
              className={`dc-value${r.belowBar ? " below" : ""}`}
            >
              {r.valueText}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend" aria-hidden="true">
        <span className="lg">◆ mean</span>
        <span className="lg">● a rating</span>
        <span className="lg">
          <span className="lg-range" /> min–max
        </span>
        <span className="lg">
          <span className="lg-range split" /> disagreement
        </span>
      </figcaption>
      {/* the wrapper hides it: a table box ignores overflow and would widen the page on a phone */}
      <div className="sr-only">
        <table>
          <caption>Mean and spread per dimension</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Mean</th>
              <th scope="col">Calibrated mean</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Ratings</th>
              <th scope="col">Not assessed</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.name}
                  {r.disagreement ? " (disagreement)" : ""}
                </th>
                <td>{formatScore(r.mean)}</td>
                <td>{formatScore(r.calibratedMean)}</td>
                <td>{r.min ?? "—"}</td>
                <td>{r.max ?? "—"}</td>
                <td>{r.count}</td>
                <td>{r.notAssessedCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
