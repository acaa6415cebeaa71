import type { EvidenceReviewRow } from "../../domain/review/evidence-review";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The evidence lint on the submitted scorecards: per scorecard, how many protected findings its
 * panelist kept as job-related (category, sentence, reason) and how much advice remains.
 */
export function EvidenceOverrides({ rows }: { rows: EvidenceReviewRow[] }) {
  if (rows.length === 0) return null;
  const total = rows.reduce((n, r) => n + r.overridden.length, 0);
  return (
    <section className="card" aria-labelledby="evidence-check-title" data-testid="evidence-overrides">
      <h2 id="evidence-check-title">Evidence check</h2>
      <p className="small muted">
        {total === 0
          ? "No panelist kept a remark the evidence check flags as touching a protected characteristic."
          : `${plural(total, "remark")} touching a protected characteristic kept as job-related, with the panelist's reason. They are never quoted as packet headlines.`}
      </p>
      <ul className="panel-list">
        {rows.map((r) => (
          <li key={r.scorecardId} data-testid="evidence-override-row">
            <div className="row">
              <strong>{r.panelistName}</strong>
              <span className="small muted">{r.exerciseTitle}</span>
              <span className={`badge${r.overridden.length > 0 ? " warn" : ""}`}>
                {plural(r.overridden.length, "finding")} overridden
              </span>
              <span className="badge">{plural(r.advisory, "advisory finding")} left</span>
            </div>
            {r.overridden.length > 0 ? (
              <ul className="small">
                {r.overridden.map((o, i) => (
                  <li key={i}>
                    <strong>{o.categoryLabel}</strong> · {o.fieldLabel}: “{o.sentence}” — reason: {o.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
