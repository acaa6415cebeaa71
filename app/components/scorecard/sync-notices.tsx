import { Link } from "@remix-run/react";

import type { SyncStatus } from "../../domain/scorecard/autosave";
import { scorecardFieldLabel } from "../../domain/scorecard/field-label";
import type { DiffLabels } from "../../domain/scorecard/rules";
import { LocalTime } from "../ui/primitives";

/**
 * What autosave has to say beyond the save status: a refusal, a copy locked elsewhere, edits
 * restored from or left on this device, changes merged from another tab. All of them arise in the
 * browser after the page loaded, so this module loads on demand (never server-rendered).
 */
export function SyncNotices(p: {
  status: SyncStatus;
  scorecardId: string;
  /** a restored copy (not shown while a conflict asks) */
  restoredAt: number | null;
  leftoverAt: number | null;
  /** the fields merged in from the other copy; null when nothing merged */
  mergedPaths: string[] | null;
  labels: DiffLabels;
  /** a submitted scorecard in view mode may be amended */
  canAmend: boolean;
  onLoadLeftover: (() => void) | null;
  onDiscardLocal: () => void;
  onDismissRestored: () => void;
  onDismissMerged: () => void;
}) {
  const { status } = p;
  return (
    <>
      {status.kind === "error" ? (
        <div className="notice danger" role="alert">
          {status.message}
        </div>
      ) : null}
      {status.kind === "locked" ? (
        <div className="notice danger" role="alert">
          This scorecard was {status.status === "recused" ? "recused" : "submitted"} in another tab or on another
          device. Your edits here are kept on this device. <a href={`/scorecards/${p.scorecardId}`}>Reload</a>
        </div>
      ) : null}
      {p.restoredAt !== null ? (
        <div className="notice ok" role="status">
          Restored your unsaved edits from this device (last edit <LocalTime at={p.restoredAt} format="seconds" />
          ).{" "}
          <button type="button" className="link-btn" onClick={p.onDismissRestored}>
            Dismiss
          </button>
        </div>
      ) : null}
      {p.leftoverAt !== null ? (
        <div className="notice warn" role="status">
          This device still holds edits to this scorecard that were never saved (last edit{" "}
          <LocalTime at={p.leftoverAt} format="seconds" />
          ). {p.canAmend ? <Link to="?amend=1">Amend the scorecard</Link> : null}
          {p.onLoadLeftover ? (
            <button type="button" className="link-btn" onClick={p.onLoadLeftover}>
              Load them into this amendment
            </button>
          ) : null}{" "}
          <button type="button" className="link-btn" onClick={p.onDiscardLocal}>
            Discard them
          </button>
        </div>
      ) : null}
      {p.mergedPaths ? (
        <div className="notice ok" role="status" data-testid="merged-notice">
          This scorecard changed in another tab or on another device; its changes merged with yours
          {p.mergedPaths.length
            ? ` (${p.mergedPaths.map((path) => scorecardFieldLabel(path, p.labels)).join("; ")})`
            : ""}
          .{" "}
          <button type="button" className="link-btn" onClick={p.onDismissMerged}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
