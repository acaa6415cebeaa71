import type { LoopAggregate } from "../../domain/review/types";
import { formatScore } from "../../domain/shared/format";
import { RECOMMENDATION_LABELS } from "../../domain/vocabulary";

import { buildHeatmap, describeHeatmap, truncate } from "../../domain/review/heatmap";

/**
 * Panelists × dimensions, coloured by score with the number always printed (legible in greyscale
 * and for colour-blind readers). Outliers get a dark frame and a corner mark, "not assessed" a
 * hatch, disagreement columns a marker under the header. A visually hidden table carries the
 * same data for screen readers.
 */
export function Heatmap({ aggregate }: { aggregate: LoopAggregate }) {
  const h = buildHeatmap(aggregate);
  const { width, height, labelWidth, headerHeight, cellWidth, cellHeight, meanY, recoX } = h.layout;
  if (h.rows.length === 0) {
    return <p className="empty">No submitted scorecards yet: the heatmap fills in as panelists submit.</p>;
  }
  return (
    <figure className="chart heatmap">
      {/* focusable so keyboard users can scroll it sideways on a phone */}
      <div className="heatmap-body" role="region" aria-label="Ratings heatmap" tabIndex={0}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          role="img"
          aria-label={describeHeatmap(h)}
          className="chart-svg"
        >
          <defs>
            <pattern id="hm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="hm-na-bg" />
              <line x1="0" y1="0" x2="0" y2="6" className="hm-hatch-line" />
            </pattern>
          </defs>
          {h.columns.map((c, ci) => {
            const x = labelWidth + ci * cellWidth;
            return (
              <g key={c.key}>
                {c.disagreement ? (
                  <rect x={x + 1} y={2} width={cellWidth - 2} height={meanY + 30} rx={4} className="hm-split-col" />
                ) : null}
                <text x={x + cellWidth / 2} y={14} textAnchor="middle" className="hm-head">
                  {c.lines.map((line, li) => (
                    <tspan key={li} x={x + cellWidth / 2} dy={li === 0 ? 0 : 13}>
                      {line}
                    </tspan>
                  ))}
                </text>
                {/* the weight stays readable on a split column too */}
                <text x={x + cellWidth / 2} y={headerHeight - 8} textAnchor="middle" className="hm-weight">
                  {c.disagreement ? <tspan className="hm-split-label">▲ split · </tspan> : null}
                  {c.weight}%
                </text>
              </g>
            );
          })}
          {h.rows.map((row, ri) => {
            const y = headerHeight + ri * cellHeight;
            return (
              <g key={row.scorecardId}>
                <text x={0} y={y + 16} className="hm-name">
                  {truncate(row.panelistName, 28)}
                </text>
                <text x={0} y={y + 31} className="hm-sub">
                  {truncate(row.exerciseTitle, 34)}
                </text>
                <text x={recoX} y={y + cellHeight / 2 + 5} className={`hm-reco ${row.recommendation ?? "none"}`}>
                  {row.recommendation ? RECOMMENDATION_LABELS[row.recommendation] : "—"}
                </text>
                {row.cells.map((cell, ci) => {
                  const x = labelWidth + ci * cellWidth;
                  const cls =
                    cell.state === "scored"
                      ? `hm-cell s${cell.score}`
                      : cell.state === "not_assessed"
                        ? "hm-cell na"
                        : "hm-cell none";
                  return (
                    <g key={cell.dimensionKey}>
                      <title>{`${row.panelistName}, ${h.columns[ci]?.name ?? ""}: ${cell.label}`}</title>
                      <rect
                        x={x + 3}
                        y={y + 3}
                        width={cellWidth - 6}
                        height={cellHeight - 6}
                        rx={4}
                        className={`${cls}${cell.outlier ? " outlier" : ""}`}
                        fill={cell.state === "not_assessed" ? "url(#hm-hatch)" : undefined}
                      />
                      {cell.state === "scored" ? (
                        <text
                          x={x + cellWidth / 2}
                          y={y + cellHeight / 2 + 5}
                          textAnchor="middle"
                          className={`hm-score s${cell.score}`}
                        >
                          {cell.score}
                        </text>
                      ) : cell.state === "not_assessed" ? (
                        <text
                          x={x + cellWidth / 2}
                          y={y + cellHeight / 2 + 4}
                          textAnchor="middle"
                          className="hm-na-text"
                        >
                          N/A
                        </text>
                      ) : (
                        <text
                          x={x + cellWidth / 2}
                          y={y + cellHeight / 2 + 4}
                          textAnchor="middle"
                          className="hm-none-text"
                        >
                          ·
                        </text>
                      )}
                      {cell.outlier ? (
                        <path d={`M ${x + cellWidth - 17} ${y + 3} h 14 v 14 z`} className="hm-outlier-mark" />
                      ) : null}
                      {cell.thinEvidence ? (
                        <text x={x + 9} y={y + cellHeight - 8} className="hm-thin">
                          thin
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              </g>
            );
          })}
          <text x={recoX} y={headerHeight - 8} className="hm-head">
            Recommends
          </text>
          <line x1={0} x2={width} y1={meanY - 3} y2={meanY - 3} className="hm-rule" />
          <text x={0} y={meanY + 21} className="hm-name">
            Panel mean
          </text>
          {h.columns.map((c, ci) => (
            <text
              key={c.key}
              x={labelWidth + ci * cellWidth + cellWidth / 2}
              y={meanY + 21}
              textAnchor="middle"
              className="hm-mean"
            >
              {formatScore(c.mean)}
            </text>
          ))}
        </svg>
        <figcaption className="chart-legend vertical" aria-hidden="true">
          <span className="lg">
            <span className="lg-swatch s1">1</span>
            <span className="lg-swatch s2">2</span>
            <span className="lg-swatch s3">3</span>
            <span className="lg-swatch s4">4</span> score (bar = 3)
          </span>
          <span className="lg">
            <span className="lg-swatch outlier">▲</span> outlier (≥ 2 from median)
          </span>
          <span className="lg">
            <span className="lg-swatch split">▲ split</span> disagreement
          </span>
          <span className="lg">
            <span className="lg-swatch na">N/A</span> not assessed
          </span>
          <span className="lg">
            <span className="lg-swatch none">·</span> not rated in that interview
          </span>
          <span className="lg">
            <span className="lg-swatch thin">thin</span> evidence under 80 characters
          </span>
        </figcaption>
      </div>
      {/* the wrapper hides it: a table box ignores overflow and would widen the page on a phone */}
      <div className="sr-only">
        <table>
          <caption>Ratings by panelist and dimension</caption>
          <thead>
            <tr>
              <th scope="col">Panelist (interview)</th>
              {h.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.name}
                  {c.disagreement ? " (disagreement)" : ""}
                </th>
              ))}
              <th scope="col">Recommendation</th>
            </tr>
          </thead>
          <tbody>
            {h.rows.map((row) => (
              <tr key={row.scorecardId}>
                <th scope="row">
                  {row.panelistName} ({row.exerciseTitle})
                </th>
                {row.cells.map((cell) => (
                  <td key={cell.dimensionKey}>{cell.label}</td>
                ))}
                <td>{row.recommendation ? RECOMMENDATION_LABELS[row.recommendation] : "None"}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Panel mean</th>
              {h.columns.map((c) => (
                <td key={c.key}>{formatScore(c.mean)}</td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
