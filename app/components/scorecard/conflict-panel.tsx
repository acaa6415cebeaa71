import { useState } from "react";

import type { MergeChoices, MergeResult, MergeSide } from "../../domain/scorecard/merge";
import type { DiffEntry } from "../../domain/scorecard/rules";

import { fieldId, LocalTime } from "../ui/primitives";

function Cell({ text }: { text: string }) {
  if (!text) return <span className="muted">(empty)</span>;
  return <span className="diff-text">{text.length > 600 ? `${text.slice(0, 600)}…` : text}</span>;
}

/** One field changed in both copies: the two values side by side, one to keep. */
function Choice({ entry, side, onPick }: { entry: DiffEntry; side: MergeSide; onPick: (side: MergeSide) => void }) {
  const name = `merge-${fieldId(entry.path, "m")}`;
  return (
    <fieldset className="merge-choice" data-path={entry.path}>
      <legend>{entry.label}</legend>
      <div className="merge-sides">
        {(["mine", "theirs"] as const).map((s) => (
          <label key={s} className={`merge-side${side === s ? " picked" : ""}`}>
            <input type="radio" name={name} value={s} checked={side === s} onChange={() => onPick(s)} />
            <span className="merge-side-head">
              {s === "mine" ? "Yours (this tab)" : "The other copy (on the server)"}
            </span>
            <Cell text={s === "mine" ? entry.mine : entry.theirs} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A save found a newer copy on the server (another tab or device) and some fields changed in both
 * copies. Fields changed in one copy only merge by themselves (listed); each field changed in both
 * is shown side by side with a choice (yours by default). Nothing is overwritten until the
 * interviewer saves the choices. Without JavaScript the choice is the whole copy.
 */
export function ConflictPanel(p: {
  /** every field that differs between the two copies */
  diffs: DiffEntry[];
  /** with JavaScript, the three-way merge: which fields both changed, which came from theirs */
  merge: Pick<MergeResult, "conflicts" | "fromTheirs"> | null;
  serverUpdatedAt: number;
  serverVersion: number;
  onResolve: ((choices: MergeChoices) => void) | null;
  onTakeServer: (() => void) | null;
  /** without JavaScript: the main form's id (its values are "mine") and the page URL */
  formId?: string;
  pageUrl?: string;
}) {
  const [choices, setChoices] = useState<MergeChoices>({});
  // fields changed in one copy only merge by themselves; only fields changed in both ask
  const { merge, diffs } = p;
  const asked = merge ? diffs.filter((d) => merge.conflicts.includes(d.path)) : diffs;
  const byThemselves = merge
    ? diffs
        .filter((d) => !merge.conflicts.includes(d.path))
        .map((entry) => ({
          entry,
          from: merge.fromTheirs.includes(entry.path) ? ("theirs" as const) : ("mine" as const),
        }))
    : [];
  const interactive = p.onResolve !== null;
  return (
    <section className="conflict card" role="alert" aria-labelledby="conflict-h" data-testid="conflict-panel">
      <h2 id="conflict-h">This scorecard changed in another tab or on another device</h2>
      <p>
        The copy on the server (version {p.serverVersion}, saved <LocalTime at={p.serverUpdatedAt} format="seconds" />)
        and yours both changed{" "}
        {interactive
          ? `${asked.length === 1 ? "this field" : `these ${asked.length} fields`}. Choose which to keep; nothing is overwritten until you save your choices.`
          : "since you opened the page. Nothing has been overwritten. Choose which copy to keep."}
      </p>
      {interactive ? (
        <div className="merge-choices">
          {asked.map((d) => (
            <Choice
              key={d.path}
              entry={d}
              side={choices[d.path] ?? "mine"}
              onPick={(side) => setChoices((c) => ({ ...c, [d.path]: side }))}
            />
          ))}
        </div>
      ) : asked.length ? (
        <table className="diff">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours (this tab)</th>
              <th scope="col">On the server</th>
            </tr>
          </thead>
          <tbody>
            {asked.map((d) => (
              <tr key={d.path}>
                <th scope="row">{d.label}</th>
                <td>
                  <Cell text={d.mine} />
                </td>
                <td>
                  <Cell text={d.theirs} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">The content is the same; only the version moved on.</p>
      )}
      {interactive && byThemselves.length ? (
        <p className="small" data-testid="merge-by-themselves">
          Merged without asking (changed in one copy only):{" "}
          {byThemselves.map(({ entry, from }, i) => (
            <span key={entry.path}>
              {i > 0 ? "; " : ""}
              {entry.label} ({from === "mine" ? "yours" : "the other copy's"})
            </span>
          ))}
          .
        </p>
      ) : null}
      <div className="row">
        {p.onResolve ? (
          <button type="button" className="btn primary" onClick={() => p.onResolve?.(choices)}>
            Save with these choices
          </button>
        ) : (
          <button type="submit" className="btn primary" form={p.formId} name="intent" value="save">
            Keep mine
          </button>
        )}
        {p.onTakeServer ? (
          <button type="button" className="btn" onClick={p.onTakeServer}>
            Take the server&apos;s copy
          </button>
        ) : (
          <a className="btn" href={p.pageUrl}>
            Take the server&apos;s copy
          </a>
        )}
        <span className="muted small">
          {interactive
            ? "Taking the server's copy drops every change made here."
            : "Keeping yours saves it over the server's copy; taking the server's replaces what is on this page."}
        </span>
      </div>
    </section>
  );
}
