import type { DiffEntry } from "../../domain/scorecard/rules";

import { LocalTime } from "../ui/local-time";

function Cell({ text }: { text: string }) {
  if (!text) return <span className="muted">(empty)</span>;
  return <span className="diff-text">{text.length > 600 ? `${text.slice(0, 600)}…` : text}</span>;
}

/**
 * A stale save was refused: the scorecard changed elsewhere (another tab or device). Shows what
 * differs, field by field, and lets the interviewer keep their copy (saved on top of the server's
 * version) or take the server's. Nothing is overwritten until they choose.
 */
export function ConflictPanel(p: {
  diffs: DiffEntry[];
  serverUpdatedAt: number;
  serverVersion: number;
  onKeepMine: (() => void) | null;
  onTakeServer: (() => void) | null;
  /** without JavaScript: the main form's id (its values are "mine") and the page URL */
  formId?: string;
  pageUrl?: string;
}) {
  return (
    <section className="conflict card" role="alert" aria-labelledby="conflict-h" data-testid="conflict-panel">
      <h2 id="conflict-h">This scorecard changed in another tab or on another device</h2>
      <p>
        The copy on the server (version {p.serverVersion}, saved <LocalTime at={p.serverUpdatedAt} format="seconds" />)
        differs from what you have here. Nothing has been overwritten. Choose which copy to keep.
      </p>
      {p.diffs.length ? (
        <table className="diff">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours (this tab)</th>
              <th scope="col">On the server</th>
            </tr>
          </thead>
          <tbody>
            {p.diffs.map((d) => (
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
      <div className="row">
        {p.onKeepMine ? (
          <button type="button" className="btn primary" onClick={p.onKeepMine}>
            Keep mine
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
          Keeping yours saves it over the server&apos;s copy; taking the server&apos;s replaces what is on this page.
        </span>
      </div>
    </section>
  );
}
