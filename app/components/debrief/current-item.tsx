import { useEffect, useState } from "react";

import { CONCLUSION_MAX } from "../../domain/debrief/schema";
import { itemTimer } from "../../domain/debrief/rules";
import type { CurrentItemView, DebriefView } from "../../domain/debrief/view";
import { ScoreChip } from "../review/sections";
import { RedFlagSeverityBadge, FieldError } from "../ui/primitives";

import { DebriefForm, useBusy, type DebriefActionData } from "./debrief-form";

/**
 * The item's clock from the server's times: the page measures how far the browser's clock is from
 * the server's when the data arrives and ticks the server's time, so every screen shows the same.
 */
function ItemClock({ timer, serverNow }: { timer: CurrentItemView["timer"]; serverNow: number }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const offset = serverNow - Date.now();
    setNow(Date.now() + offset);
    const id = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(id);
  }, [serverNow]);
  const t = itemTimer({
    elapsedMs: timer.elapsedMs,
    runningSince: timer.runningSince,
    now,
    timeboxMinutes: timer.timeboxMs / 60_000,
  });
  return (
    <div
      className={`debrief-clock${t.overtime ? " over" : ""}`}
      role="timer"
      aria-label={`Time on this item: ${t.elapsedLabel} of ${t.timeboxLabel}${t.overtime ? ", over time" : ""}`}
      data-testid="item-clock"
    >
      <span className="clock-elapsed">{t.elapsedLabel}</span>
      <span className="clock-box"> / {t.timeboxLabel}</span>
    </div>
  );
}

export function CurrentItem({
  item,
  view,
  large,
  actionData,
}: {
  item: CurrentItemView;
  view: DebriefView;
  large: boolean;
  actionData: DebriefActionData | undefined;
}) {
  const control = view.viewer.canControl;
  const revealBusy = useBusy("reveal");
  return (
    <article className="debrief-item" aria-labelledby="item-title" data-testid="current-item">
      <div className="item-head">
        <div>
          <p className="eyebrow">
            Item {item.position + 1} of {view.itemCount}
            {item.mustHave ? <span className="badge warn">Must-have</span> : null}
          </p>
          <h2 id="item-title">{item.title}</h2>
        </div>
        <ItemClock timer={item.timer} serverNow={view.serverNow} />
      </div>
      {item.description ? <p className="muted item-description">{item.description}</p> : null}

      <div className="ask-first" data-testid="ask-first">
        {item.askFirst ? (
          <>
            <span className="ask-label">Ask first:</span> <strong>{item.askFirst}</strong>
            {item.speakingOrder.length > 1 ? (
              <span className="ask-then"> then {item.speakingOrder.slice(1).join(", ")}</span>
            ) : null}
          </>
        ) : (
          <span className="muted">
            {item.kind === "red_flags"
              ? "Nobody who raised these flags has joined: read their notes together once revealed."
              : "Nobody who rated this has joined: read their evidence together once revealed."}
          </span>
        )}
      </div>

      {item.revealed ? (
        <Revealed item={item} />
      ) : (
        <div className="reveal-wait" data-testid="ratings-hidden">
          <p>
            <strong>
              {item.raters.length === 1 ? "1 panelist" : `${item.raters.length} panelists`}{" "}
              {item.kind === "red_flags" ? "raised red flags" : "rated this"}
            </strong>
            : {item.raters.map((r) => `${r.name}${r.present ? "" : " (not in the room)"}`).join(", ")}.
          </p>
          <p className="muted small">
            Hear the first view before anyone sees a score. The ratings and evidence are then revealed together, on
            every screen at once.
          </p>
          {control ? (
            <DebriefForm intent="reveal" large={large} label="Reveal the ratings">
              <input type="hidden" name="at" value={item.position} />
              <button type="submit" className="btn primary big" disabled={revealBusy}>
                {item.kind === "red_flags" ? "Reveal the red flags" : "Reveal all ratings"}
              </button>
            </DebriefForm>
          ) : (
            <p className="small" role="status">
              Waiting for {view.facilitatorName} to reveal.
            </p>
          )}
        </div>
      )}

      {control ? (
        <NoteForm item={item} large={large} actionData={actionData} />
      ) : item.conclusion ? (
        <p className="noted">
          <strong>Noted:</strong> {item.conclusion}
        </p>
      ) : null}
    </article>
  );
}

function Revealed({ item }: { item: CurrentItemView }) {
  if (item.flags) {
    return (
      <div className="revealed" data-testid="revealed-ratings">
        <ul className="flag-evidence">
          {item.flags.map((f) => (
            <li key={f.label}>
              <p>
                <RedFlagSeverityBadge severity={f.severity} /> <strong>{f.label}</strong>
              </p>
              <ul>
                {f.raisedBy.map((r, i) => (
                  <li key={`${r.panelistName}-${i}`}>
                    <span className="who">
                      {r.panelistName}
                      {r.present ? "" : " (not in the room)"}
                    </span>
                    {r.note.trim() ? <blockquote>{r.note}</blockquote> : <span className="muted"> — no note</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const ratings = item.ratings ?? [];
  // a panelist who rated the dimension in two interviews has two chips: say which is which
  const twice = new Set(ratings.map((r) => r.panelistName).filter((n, i, all) => all.indexOf(n) !== i));
  return (
    <div className="revealed" data-testid="revealed-ratings">
      <ul className="reveal-chips" aria-label="All ratings, revealed together">
        {ratings.map((r, i) => (
          <li key={`${r.panelistName}-${i}`} className={r.outlier ? "outlier" : ""}>
            <ScoreChip score={r.score} notAssessed={r.notAssessed} />
            <span>{r.panelistName}</span>
            {twice.has(r.panelistName) ? <span className="xsmall muted">{r.exerciseTitle}</span> : null}
          </li>
        ))}
      </ul>
      {item.stats ? (
        <p className="reveal-stats small">
          Median {item.stats.median} · spread {item.stats.spread}
          {item.stats.disagreement ? <span className="badge warn">Disagreement</span> : null}
          {item.stats.belowBar ? <span className="badge danger">Below bar</span> : null}
        </p>
      ) : null}
      {item.agendaNotes && item.agendaNotes.length > 0 ? (
        <ul className="agenda-notes small">
          {item.agendaNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <ul className="evidence-list">
        {ratings.map((r, i) => (
          <li key={`${r.panelistName}-${i}`} className={r.outlier ? "outlier" : ""}>
            <p className="evidence-who">
              <ScoreChip score={r.score} notAssessed={r.notAssessed} /> <strong>{r.panelistName}</strong>{" "}
              <span className="small muted">
                {r.scoreLabel} · {r.exerciseTitle}
                {r.present ? "" : " · not in the room"}
              </span>
              {r.outlier ? <span className="badge warn">Outlier</span> : null}
              {r.thinEvidence ? <span className="badge">Thin evidence</span> : null}
            </p>
            {r.evidence.trim() ? (
              <blockquote>{r.evidence}</blockquote>
            ) : (
              <p className="muted small">No evidence written.</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NoteForm({
  item,
  large,
  actionData,
}: {
  item: CurrentItemView;
  large: boolean;
  actionData: DebriefActionData | undefined;
}) {
  const busy = useBusy("note");
  const moveBusy = useBusy("move");
  const mine = actionData?.intent === "note" ? actionData : undefined;
  const error = mine?.errors.conclusion?.[0];
  return (
    <div className="note-controls">
      <DebriefForm intent="note" large={large} label="Note the conclusion" className="note-form">
        <input type="hidden" name="at" value={item.position} />
        <div className="field">
          <label htmlFor="conclusion">What did the panel conclude?</label>
          <textarea
            id="conclusion"
            name="conclusion"
            rows={3}
            maxLength={CONCLUSION_MAX}
            defaultValue={mine?.values?.conclusion ?? item.conclusion}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "conclusion-error" : "conclusion-hint"}
          />
          <div className="field-hint" id="conclusion-hint">
            Goes into the decision rationale, the audit trail and the packet.
          </div>
          <FieldError id="conclusion-error" message={error} />
        </div>
        <div className="row">
          <button type="submit" name="then" value="next" className="btn primary" disabled={busy}>
            Save and next →
          </button>
          <button type="submit" name="then" value="stay" className="btn" disabled={busy}>
            Save note
          </button>
        </div>
      </DebriefForm>
      <DebriefForm intent="move" large={large} label="Move without saving" className="row move-form">
        <input type="hidden" name="at" value={item.position} />
        <button type="submit" name="to" value="previous" className="btn" disabled={moveBusy || item.position === 0}>
          ← Previous
        </button>
        <button type="submit" name="to" value="next" className="btn" disabled={moveBusy}>
          Skip →
        </button>
      </DebriefForm>
    </div>
  );
}
