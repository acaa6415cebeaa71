import type { RubricContent } from "../../domain/rubric/model";
import { SIGNAL_KIND_LABELS } from "../../domain/vocabulary";
import { RedFlagSeverityBadge, ScrollRegion } from "../ui/primitives";

/** A rubric version's content, read-only (published versions, and the draft's starting point). */
export function RubricView({ content }: { content: RubricContent }) {
  const dimName = new Map(content.dimensions.map((d) => [d.key, d.name]));
  return (
    <div className="rubric-view">
      {content.summary ? (
        <section className="card">
          <h2>Summary</h2>
          <p className="prewrap">{content.summary}</p>
        </section>
      ) : null}

      <section className="card flush" aria-labelledby="v-dims-h">
        <h2 id="v-dims-h" className="pad">
          Dimensions
        </h2>
        <ScrollRegion label="Dimensions and weights">
          <table className="anchor-table">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Below the bar</th>
                <th scope="col">Meets the bar</th>
                <th scope="col">Exceeds the bar</th>
              </tr>
            </thead>
            <tbody>
              {content.dimensions.map((d) => (
                <tr key={d.key} data-dimension={d.key}>
                  <th scope="row">
                    {d.name}
                    <div className="muted xsmall normal">{d.description}</div>
                  </th>
                  <td className="num">{d.weight}%</td>
                  <td>{d.anchors.belowBar}</td>
                  <td>{d.anchors.meetsBar}</td>
                  <td>{d.anchors.exceeds}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="v-ex-h">
        <h2 id="v-ex-h">Exercises</h2>
        <div className="grid grid-2">
          {content.exercises.map((e) => (
            <article key={e.key} className="card exercise" data-exercise={e.key}>
              <h3>
                {e.title} <span className="muted small">· {e.durationMinutes} min</span>
              </h3>
              <p className="small prewrap">{e.prompt}</p>
              <p className="small">
                <strong>Assesses:</strong>{" "}
                {e.dimensionKeys.map((k) => dimName.get(k) ?? k).join(", ") || <span className="muted">nothing</span>}
              </p>
              <details>
                <summary className="small">
                  {e.focusPoints.length} focus points · {e.probeQuestions.length} probes
                </summary>
                <h4 className="small">Focus points</h4>
                <ul className="small">
                  {e.focusPoints.map((f) => (
                    <li key={f.key}>{f.label}</li>
                  ))}
                </ul>
                <h4 className="small">Probe questions</h4>
                <ul className="small">
                  {e.probeQuestions.map((q, i) => (
                    <li key={i}>{q}</li>
                  ))}
                </ul>
              </details>
            </article>
          ))}
        </div>
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="v-flags-h">
          <h2 id="v-flags-h">Red flags</h2>
          {content.redFlags.length === 0 ? (
            <p className="muted small">None.</p>
          ) : (
            <ul className="plain flag-list">
              {content.redFlags.map((f) => (
                <li key={f.key}>
                  <RedFlagSeverityBadge severity={f.severity} /> {f.label}
                  {f.description ? <div className="muted xsmall">{f.description}</div> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="v-signals-h">
          <h2 id="v-signals-h">Signals</h2>
          {content.signals.length === 0 ? (
            <p className="muted small">None.</p>
          ) : (
            <ul className="plain flag-list">
              {content.signals.map((s) => (
                <li key={s.key}>
                  <span className={`badge ${s.kind === "strong" ? "ok" : ""}`}>{SIGNAL_KIND_LABELS[s.kind]}</span>{" "}
                  {s.label}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
