import type { InterviewerCalibration, LoopAggregate, LoopFacts } from "../../domain/review/types";
import { formatList, formatPercent, formatScore, formatSigned } from "../../domain/shared/format";
import {
  AGENDA_ITEM_KIND_LABELS,
  BAR_SCORE,
  CONSENSUS_LABELS,
  RATING_LABELS,
  LEVEL_SIGNAL_LABELS,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  SCORECARD_STATUS_LABELS,
  type AgendaItemKind,
  type Consensus,
  type RatingScore,
  type Recommendation,
  type ScorecardStatus,
} from "../../domain/vocabulary";
import { type ReviewPageRubric } from "../../domain/review/page-rubric";
import { RedFlagSeverityBadge, LocalTime, ScrollRegion } from "../ui/primitives";

// ------------------------------------------------------------------ small pieces

export function ScoreChip({ score, notAssessed = false }: { score: RatingScore | null; notAssessed?: boolean }) {
  if (score === null) {
    return (
      <span className="score score-na" title={notAssessed ? "Not assessed" : "Not rated"}>
        {notAssessed ? "N/A" : "—"}
      </span>
    );
  }
  return (
    <span className={`score score-${score}`} title={RATING_LABELS[score]}>
      {score}
    </span>
  );
}

// The panel sees a draft as a scorecard still missing, not as someone's draft.
const STATUS_BADGE: Record<ScorecardStatus, { cls: string; label: string }> = {
  submitted: { cls: "ok", label: SCORECARD_STATUS_LABELS.submitted },
  draft: { cls: "warn", label: "Not submitted" },
  recused: { cls: "", label: SCORECARD_STATUS_LABELS.recused },
};

export function ScorecardStatusBadge({ status }: { status: ScorecardStatus }) {
  const b = STATUS_BADGE[status];
  return <span className={`badge ${b.cls}`}>{b.label}</span>;
}

const CONSENSUS_TONE: Record<Consensus, string> = {
  consensus_hire: "ok",
  consensus_no_hire: "danger",
  split: "warn",
  too_few: "",
  none: "",
};

export function ConsensusBadge({ consensus }: { consensus: Consensus }) {
  return <span className={`badge ${CONSENSUS_TONE[consensus]}`}>{CONSENSUS_LABELS[consensus]}</span>;
}

// ------------------------------------------------------------------ summary

export function SummaryStrip({ aggregate, showCalibrated }: { aggregate: LoopAggregate; showCalibrated: boolean }) {
  const { composite, coverage, recommendations } = aggregate;
  const dealbreakers = aggregate.redFlags.filter((f) => f.severity === "dealbreaker");
  const concerns = aggregate.redFlags.filter((f) => f.severity !== "dealbreaker");
  const dimName = new Map(aggregate.dimensions.map((d) => [d.key, d.name]));
  const total = recommendations.total;
  return (
    <section className="summary-strip" aria-label="Summary">
      <div className="card stat">
        <h2 className="stat-title">Composite</h2>
        <p className="stat-value">
          <span
            className={composite.raw !== null && composite.raw < BAR_SCORE ? "below" : ""}
            data-testid="composite-raw"
          >
            {formatScore(composite.raw)}
          </span>
          <span className="stat-of"> / 4</span>
        </p>
        <p className="small">
          {showCalibrated ? (
            <>
              Calibrated <strong data-testid="composite-calibrated">{formatScore(composite.calibrated)}</strong>
              <span className="muted"> · bar {BAR_SCORE}.00</span>
            </>
          ) : (
            <span className="muted">Weighted mean of the dimension means · bar {BAR_SCORE}.00</span>
          )}
        </p>
        {composite.excluded.length ? (
          <p className="xsmall muted">
            Not in the composite (no rating): {formatList(composite.excluded.map((k) => dimName.get(k) ?? k))}
          </p>
        ) : null}
      </div>
      <div className="card stat">
        <h2 className="stat-title">Feedback</h2>
        <p className="stat-value">
          {coverage.submitted}
          <span className="stat-of"> of {coverage.assigned} scorecards</span>
        </p>
        <div
          className="meter"
          role="img"
          aria-label={`${formatPercent(coverage.completeness)} of scorecards submitted`}
        >
          <span style={{ width: formatPercent(coverage.completeness) }} className={coverage.complete ? "full" : ""} />
        </div>
        <p className="small">
          {coverage.complete ? (
            <span className="badge ok">Complete</span>
          ) : (
            <span className="badge warn">{coverage.missingScorecards.length} missing</span>
          )}
          {coverage.recused.length ? <span className="badge">{coverage.recused.length} recused</span> : null}
        </p>
      </div>
      <div className="card stat">
        {/* a soft hyphen: on a phone's half-width tile the word breaks there, with a hyphen, not at any letter */}
        <h2 className="stat-title">Recommen{"\u00AD"}dations</h2>
        <div
          className="reco-bar"
          role="img"
          aria-label={RECOMMENDATIONS.map(
            (r) => `${RECOMMENDATION_LABELS[r]}: ${recommendations.distribution[r]}`,
          ).join(", ")}
        >
          {total === 0 ? <span className="reco-empty" /> : null}
          {RECOMMENDATIONS.map((r) =>
            recommendations.distribution[r] > 0 ? (
              <span key={r} className={`reco-seg ${r}`} style={{ flexGrow: recommendations.distribution[r] }}>
                {recommendations.distribution[r]}
              </span>
            ) : null,
          )}
        </div>
        <ul className="reco-legend">
          {RECOMMENDATIONS.map((r) => (
            <li key={r}>
              <span className={`reco-dot ${r}`} aria-hidden="true" /> {RECOMMENDATION_LABELS[r]}{" "}
              <strong>{recommendations.distribution[r]}</strong>
            </li>
          ))}
        </ul>
        <ConsensusBadge consensus={recommendations.consensus} />
      </div>
      <div className="card stat">
        <h2 className="stat-title">Red flags</h2>
        <p className="stat-value">
          <span className={dealbreakers.length ? "below" : ""}>{dealbreakers.length}</span>
          <span className="stat-of"> dealbreaker{dealbreakers.length === 1 ? "" : "s"}</span>
        </p>
        {dealbreakers.length ? (
          <ul className="flag-mini">
            {dealbreakers.map((f) => (
              <li key={f.key}>{f.label}</li>
            ))}
          </ul>
        ) : null}
        <p className="small muted">
          {concerns.length} concern{concerns.length === 1 ? "" : "s"} raised
        </p>
      </div>
    </section>
  );
}

// ------------------------------------------------------------------ agenda

const AGENDA_TONE: Record<AgendaItemKind, string> = {
  dealbreaker: "danger",
  override: "danger",
  must_have_below_bar: "danger",
  level_split: "warn",
  disagreement: "warn",
  below_bar: "warn",
  thin_evidence: "",
  missing_scorecard: "",
  recusal: "",
};

export function DebriefAgenda({ aggregate }: { aggregate: LoopAggregate }) {
  const items = aggregate.agenda;
  return (
    <section className="card agenda" aria-labelledby="agenda-title" data-testid="debrief-agenda">
      <h2 id="agenda-title">Debrief agenda</h2>
      {aggregate.decisionRule ? (
        <div
          className={`decision-rule notice ${aggregate.decisionRule.verdict === "composite" ? "ok" : "warn"}`}
          data-testid="decision-rule"
        >
          <p className="small">
            <strong>Decision rule:</strong> {aggregate.decisionRule.statement}
          </p>
          <p className="small" data-testid="decision-rule-verdict">
            <strong>Outcome:</strong> {aggregate.decisionRule.verdictText}
          </p>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">Nothing to resolve: no flags, no disagreement, every dimension at or above the bar.</p>
      ) : (
        <ol className="agenda-list">
          {items.map((item, i) => (
            <li key={`${item.kind}-${i}`} className={`agenda-item k-${item.kind}`}>
              <span className={`badge ${AGENDA_TONE[item.kind]}`}>{AGENDA_ITEM_KIND_LABELS[item.kind]}</span>
              <div>
                <p className="agenda-title">
                  {item.dimensionKey ? <a href={`#dim-${item.dimensionKey}`}>{item.title}</a> : item.title}
                </p>
                <p className="small muted">{item.detail}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ------------------------------------------------------------------ dimensions

export function DimensionDetails({
  aggregate,
  rubric,
  showCalibrated,
}: {
  aggregate: LoopAggregate;
  rubric: ReviewPageRubric;
  showCalibrated: boolean;
}) {
  const anchors = new Map(rubric.dimensions.map((d) => [d.key, d]));
  const exerciseTitle = new Map(rubric.exercises.map((e) => [e.key, e.title]));
  return (
    <section aria-labelledby="dims-title" className="dims">
      <h2 id="dims-title">Ratings and evidence by dimension</h2>
      {aggregate.dimensions.map((d) => {
        const def = anchors.get(d.key);
        return (
          <article
            key={d.key}
            className={`card dim${d.disagreement ? " split" : ""}`}
            id={`dim-${d.key}`}
            aria-labelledby={`dim-${d.key}-title`}
          >
            <header className="dim-head">
              <h3 id={`dim-${d.key}-title`}>{d.name}</h3>
              <span className="badge">weight {d.weight}%</span>
              {d.disagreement ? <span className="badge warn">Disagreement</span> : null}
              {d.belowBar ? <span className="badge danger">Below bar</span> : null}
              {d.count < 2 ? <span className="badge">Thin coverage</span> : null}
              <span className="spacer" />
              <span className="dim-stats small">
                mean <strong>{formatScore(d.mean)}</strong>
                {showCalibrated ? (
                  <>
                    {" "}
                    · calibrated <strong>{formatScore(d.calibratedMean)}</strong>
                  </>
                ) : null}{" "}
                · median {formatScore(d.median)} · range {d.min ?? "—"}–{d.max ?? "—"} · {d.count} rating
                {d.count === 1 ? "" : "s"}
                {d.notAssessedCount ? ` · ${d.notAssessedCount} not assessed` : ""}
              </span>
            </header>
            {d.ratings.length === 0 ? (
              <p className="muted small">Nobody rated this dimension.</p>
            ) : (
              <table className="ratings-table">
                <thead>
                  <tr>
                    <th scope="col">Panelist</th>
                    <th scope="col" className="num">
                      Score
                    </th>
                    <th scope="col">Evidence</th>
                  </tr>
                </thead>
                <tbody>
                  {d.ratings.map((r) => (
                    <tr key={`${r.scorecardId}`} className={r.outlier ? "outlier" : ""}>
                      <td className="who-cell">
                        <strong>{r.panelistName}</strong>
                        <div className="xsmall muted">{exerciseTitle.get(r.exerciseKey) ?? r.exerciseKey}</div>
                      </td>
                      <td className="num">
                        <ScoreChip score={r.score} notAssessed={r.notAssessed} />
                        {r.outlier ? <div className="xsmall outlier-note">outlier</div> : null}
                      </td>
                      <td className="evidence">
                        {r.evidence.trim() ? r.evidence : <span className="muted">No evidence written.</span>}
                        {r.thinEvidence ? <span className="badge thin">thin evidence</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {def ? (
              <details className="anchors" open={d.disagreement || undefined}>
                <summary>Rubric anchors</summary>
                <p className="small muted">{def.description}</p>
                <dl className="anchor-grid">
                  <div>
                    <dt>
                      <span className="score score-2">1–2</span> Below bar
                    </dt>
                    <dd>{def.anchors.belowBar}</dd>
                  </div>
                  <div>
                    <dt>
                      <span className="score score-3">3</span> Meets bar
                    </dt>
                    <dd>{def.anchors.meetsBar}</dd>
                  </div>
                  <div>
                    <dt>
                      <span className="score score-4">4</span> Exceeds
                    </dt>
                    <dd>{def.anchors.exceeds}</dd>
                  </div>
                </dl>
              </details>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

// ------------------------------------------------------------------ flags & signals

export function FlagsAndSignals({ aggregate }: { aggregate: LoopAggregate }) {
  const strong = aggregate.signals.filter((s) => s.kind === "strong" && s.count > 0);
  const weak = aggregate.signals.filter((s) => s.kind === "weak" && s.count > 0);
  return (
    <div className="grid grid-2">
      <section className="card" aria-labelledby="flags-title">
        <h2 id="flags-title">Red flags</h2>
        {aggregate.redFlags.length === 0 ? (
          <p className="muted small">No red flags raised.</p>
        ) : (
          <ul className="flag-list">
            {aggregate.redFlags.map((f) => (
              <li key={f.key} className={`flag ${f.severity}`}>
                <p>
                  <RedFlagSeverityBadge severity={f.severity} /> <strong>{f.label}</strong>
                </p>
                <ul className="raisers">
                  {f.raisedBy.map((r) => (
                    <li key={r.scorecardId}>
                      <span className="raiser">{r.panelistName}</span>
                      {r.note.trim() ? <q>{r.note}</q> : <span className="muted"> (no note)</span>}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="signals-title">
        <h2 id="signals-title">Signals</h2>
        {strong.length + weak.length === 0 ? <p className="muted small">No signals ticked.</p> : null}
        {strong.length ? (
          <>
            <h3 className="small">Strong</h3>
            <ul className="signal-list">
              {strong.map((s) => (
                <li key={s.key}>
                  <span className="badge ok">×{s.count}</span> {s.label}{" "}
                  <span className="muted small">· {formatList(s.panelistNames)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {weak.length ? (
          <>
            <h3 className="small">Weak</h3>
            <ul className="signal-list">
              {weak.map((s) => (
                <li key={s.key}>
                  <span className="badge warn">×{s.count}</span> {s.label}{" "}
                  <span className="muted small">· {formatList(s.panelistNames)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}

// ------------------------------------------------------------------ panel

const RECO_CLASS: Record<Recommendation, string> = {
  strong_no_hire: "danger",
  no_hire: "warn",
  hire: "info",
  strong_hire: "ok",
};

function QuickNoteList({ notes }: { notes: LoopAggregate["exercises"][number]["quickNotes"] }) {
  return (
    <>
      <p className="small">
        <strong>Notes taken during the interview</strong>
      </p>
      <ul className="notes-list small">
        {notes.map((n, i) => (
          <li key={i}>
            <span className="muted">
              min {n.elapsedMinute} · {n.panelistName}:
            </span>{" "}
            {n.body}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Every interview with its panelists: status, recommendation and summary; missing and recused are visible here. */
export function PanelOverview({ aggregate }: { aggregate: LoopAggregate }) {
  const byId = new Map(aggregate.scorecards.map((s) => [s.scorecardId, s]));
  return (
    <section className="card" aria-labelledby="panel-title">
      <h2 id="panel-title">Panel and recommendations</h2>
      {aggregate.exercises.length === 0 ? <p className="muted small">No interviews in this loop.</p> : null}
      {aggregate.exercises.map((ex) => (
        <div key={ex.interviewId} className="panel-interview">
          <h3>
            {ex.exerciseTitle}
            {ex.scheduledAt !== null ? (
              <span className="small muted">
                {" "}
                · <LocalTime at={ex.scheduledAt} format="calendar-date" />
              </span>
            ) : null}
          </h3>
          {ex.panelists.length === 0 ? (
            <p className="small notice warn">Nobody was assigned to this interview.</p>
          ) : null}
          <ul className="panel-list">
            {ex.panelists.map((p) => {
              const found = byId.get(p.scorecardId);
              // only a submitted scorecard has content; the others show their state and last save
              const sc = found?.status === "submitted" ? found : undefined;
              const lastSavedAt = found && found.status !== "submitted" ? found.lastSavedAt : null;
              return (
                <li key={p.scorecardId} className={`panelist s-${p.status}`}>
                  <div className="row">
                    <strong>{p.panelistName}</strong>
                    <ScorecardStatusBadge status={p.status} />
                    {sc?.recommendation ? (
                      <span className={`badge ${RECO_CLASS[sc.recommendation]}`}>
                        {RECOMMENDATION_LABELS[sc.recommendation]}
                      </span>
                    ) : null}
                    {sc?.levelSignal && p.status === "submitted" ? (
                      <span className="badge" title="Level signal">
                        Level: {LEVEL_SIGNAL_LABELS[sc.levelSignal]}
                      </span>
                    ) : null}
                    {sc?.amended ? (
                      <span className="badge" title={sc.lastAmendReason ?? undefined}>
                        amended ×{sc.amendCount}
                      </span>
                    ) : null}
                  </div>
                  {p.status === "recused" ? (
                    <p className="small muted">Declared a conflict of interest. Excluded from every score.</p>
                  ) : null}
                  {p.status === "draft" ? (
                    <p className="small muted">
                      Not submitted yet: nothing from this scorecard is counted
                      {lastSavedAt !== null ? (
                        <>
                          {" "}
                          (last saved <LocalTime at={lastSavedAt} />)
                        </>
                      ) : null}
                      .
                    </p>
                  ) : null}
                  {sc?.summary.trim() ? <p className="small summary-text">{sc.summary}</p> : null}
                  {sc?.overrideJustification.trim() ? (
                    <p className="small">
                      <strong>Override justification:</strong> {sc.overrideJustification}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {ex.probes.length ? (
            <details className="focus probes-asked" data-testid="probes-asked">
              <summary className="small">
                Core probes asked: {ex.probes.filter((q) => q.core && q.askedBy.length > 0).length} of{" "}
                {ex.probes.filter((q) => q.core).length}
              </summary>
              <ul className="focus-list small">
                {ex.probes.map((q) => (
                  <li key={q.key} className={q.askedBy.length ? "covered" : "uncovered"} data-probe={q.key}>
                    <span aria-hidden="true">{q.askedBy.length ? "✓" : "○"}</span> {q.core ? null : <em>Optional: </em>}
                    {q.question}
                    <span className="muted">
                      {" "}
                      · {q.askedBy.length ? `asked by ${formatList(q.askedBy)}` : "not asked"}
                    </span>
                  </li>
                ))}
              </ul>
              {ex.focusPoints.length === 0 && ex.quickNotes.length ? <QuickNoteList notes={ex.quickNotes} /> : null}
            </details>
          ) : null}
          {ex.focusPoints.length ? (
            <details className="focus">
              <summary className="small">
                Focus points covered: {ex.focusPoints.filter((f) => f.coveredBy.length > 0).length} of{" "}
                {ex.focusPoints.length}
              </summary>
              <ul className="focus-list small">
                {ex.focusPoints.map((f) => (
                  <li key={f.key} className={f.coveredBy.length ? "covered" : "uncovered"}>
                    <span aria-hidden="true">{f.coveredBy.length ? "✓" : "○"}</span> {f.label}
                    {f.coveredBy.length ? (
                      <span className="muted"> · {formatList(f.coveredBy)}</span>
                    ) : (
                      <span className="muted"> · not covered</span>
                    )}
                  </li>
                ))}
              </ul>
              {ex.quickNotes.length ? <QuickNoteList notes={ex.quickNotes} /> : null}
            </details>
          ) : null}
        </div>
      ))}
    </section>
  );
}

// ------------------------------------------------------------------ calibration

export function CalibrationTable({ calibration }: { calibration: InterviewerCalibration[] }) {
  return (
    <section className="card" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Interviewer calibration</h2>
      <p className="small muted">
        How each panelist rates compared with colleagues who rated the same dimension of the same candidate, across
        every loop on this rubric. Offsets are shrunk toward 0 when there are few comparisons; the calibrated means
        subtract them. Context for the debrief, not a verdict on anyone.
      </p>
      {calibration.length === 0 ? (
        <p className="muted small">No calibration data for this panel yet.</p>
      ) : (
        <ScrollRegion label="Interviewer calibration">
          <table>
            <thead>
              <tr>
                <th scope="col">Interviewer</th>
                <th scope="col" className="num">
                  Comparisons
                </th>
                <th scope="col" className="num">
                  Raw offset
                </th>
                <th scope="col" className="num">
                  Offset used
                </th>
                <th scope="col">Tendency</th>
              </tr>
            </thead>
            <tbody>
              {calibration.map((c) => (
                <tr key={c.panelistId}>
                  <th scope="row">{c.panelistName}</th>
                  <td className="num">{c.sampleSize}</td>
                  <td className="num">{formatSigned(c.rawOffset)}</td>
                  <td className="num">{formatSigned(c.offset)}</td>
                  <td>
                    {c.tendency === "neutral" ? (
                      <span className="muted">in line</span>
                    ) : (
                      <span className={`badge ${c.tendency === "lenient" ? "info" : "warn"}`}>{c.tendency}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

// ------------------------------------------------------------------ audit

const ACTION_LABELS: Record<string, string> = {
  "loop.create": "Loop created",
  "loop.decide": "Decision recorded",
  "loop.reopen": "Decision reopened",
  "loop.status": "Status changed",
  "scorecard.submit": "Scorecard submitted",
  "scorecard.amend": "Scorecard amended",
  "scorecard.recuse": "Recused",
};

/** Actions worth seeing by default: changes to what the panel said, and decisions. */
const NOTABLE = /amend|decide|reopen|recuse|withdraw/;

export function AuditTrail({ facts }: { facts: LoopFacts }) {
  const notable = facts.audit.filter((a) => NOTABLE.test(a.action));
  const row = (a: LoopFacts["audit"][number], i: number) => (
    <tr key={i}>
      <td className="nowrap">
        <LocalTime at={a.at} format="calendar-date-time" />
      </td>
      <td>{a.actorName}</td>
      <td>
        {ACTION_LABELS[a.action] ?? a.action}
        {a.verdict ? (
          <>
            : <strong data-testid="audit-verdict">{a.verdict}</strong>
          </>
        ) : null}
        {a.change?.override ? <> (override of {a.change.override.grounds.join("; ")})</> : null}
      </td>
      <td>{a.entity}</td>
      <td>
        {a.reason ?? ""}
        {a.change?.override ? <p className="small">Override: {a.change.override.text}</p> : null}
      </td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th scope="col">When</th>
        <th scope="col">Who</th>
        <th scope="col">What</th>
        <th scope="col">On</th>
        <th scope="col">Reason</th>
      </tr>
    </thead>
  );
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-trail">
      <h2 id="audit-title">Amendments and decisions</h2>
      {notable.length === 0 ? (
        <p className="muted small">
          No scorecard was amended after submission and no decision has been recorded or reopened.
        </p>
      ) : (
        <ScrollRegion label="Amendments and decisions">
          <table className="audit-table">
            {head}
            <tbody>{notable.map(row)}</tbody>
          </table>
        </ScrollRegion>
      )}
      {facts.audit.length ? (
        <details className="audit-all">
          <summary className="small">Full audit log ({facts.audit.length} events)</summary>
          <ScrollRegion label="Full audit log">
            <table className="audit-table">
              {head}
              <tbody>{facts.audit.map(row)}</tbody>
            </table>
          </ScrollRegion>
        </details>
      ) : null}
    </section>
  );
}
