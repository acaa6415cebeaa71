import type { CoverageReport, CoverageWarning } from "../../domain/loop/coverage";
import { MIN_PANELISTS_PER_DIMENSION } from "../../domain/loop/coverage";

interface Column {
  id: string;
  label: string;
  when: string;
}

const SEVERITY_LABEL: Record<CoverageWarning["severity"], string> = {
  blocker: "Blocks scheduling",
  warning: "Warning",
  info: "Note",
};

const SEVERITY_TONE: Record<CoverageWarning["severity"], string> = { blocker: "danger", warning: "warn", info: "info" };

export function CoverageWarnings({ warnings }: { warnings: CoverageWarning[] }) {
  if (warnings.length === 0) {
    return (
      <p className="notice ok" data-testid="coverage-ok">
        Every dimension is assessed by at least {MIN_PANELISTS_PER_DIMENSION} panelists and every interview has a panel.
      </p>
    );
  }
  return (
    <ul className="coverage-warnings" data-testid="coverage-warnings">
      {warnings.map((w, i) => (
        <li key={`${w.kind}-${i}`} className={`coverage-warning ${w.severity}`} data-kind={w.kind}>
          <span className={`badge ${SEVERITY_TONE[w.severity]}`}>{SEVERITY_LABEL[w.severity]}</span> {w.message}
        </li>
      ))}
    </ul>
  );
}

/** Dimensions (rows) × interviews (columns): who assesses what. */
export function CoverageMatrix({ report, columns }: { report: CoverageReport; columns: Column[] }) {
  if (columns.length === 0) return <p className="empty">No interviews yet: the matrix fills in as you add them.</p>;
  return (
    <div className="matrix-scroll" role="region" aria-label="Coverage matrix" tabIndex={0}>
      <table className="coverage-matrix" data-testid="coverage-matrix">
        <caption className="sr-only">Which panelist assesses which dimension in each interview</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            {columns.map((c, i) => (
              <th scope="col" key={c.id}>
                <span className="matrix-col-title">
                  {i + 1}. {c.label}
                </span>
                <span className="matrix-col-when">{c.when}</span>
              </th>
            ))}
            <th scope="col" className="num">
              Panelists
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => {
            const n = row.panelists.length;
            const tone = n === 0 ? "danger" : n < MIN_PANELISTS_PER_DIMENSION ? "warn" : "ok";
            return (
              <tr key={row.key} data-dimension={row.key}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.interviewId}
                    className={cell.assessed ? (cell.panelists.length ? "cell-on" : "cell-empty") : "cell-off"}
                  >
                    {cell.assessed ? (
                      cell.panelists.length ? (
                        <ul className="chips">
                          {cell.panelists.map((p) => (
                            <li key={p.id}>{p.name}</li>
                          ))}
                        </ul>
                      ) : (
                        <span className="cell-missing">no panelist</span>
                      )
                    ) : (
                      <span className="sr-only">not assessed here</span>
                    )}
                  </td>
                ))}
                <td className="num">
                  <span className={`badge ${tone}`} title={row.panelists.map((p) => p.name).join(", ") || "nobody"}>
                    {n}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
