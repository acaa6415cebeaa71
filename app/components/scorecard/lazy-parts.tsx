// The parts of the scorecard page shown only in some states (a conflict, a refused form post, an
// early submit, an autosave event, a recused scorecard): one chunk (./on-demand.ts), loaded on the
// first interaction (with the schema) or when first shown, not with the page. Server-rendered in
// full (no-JS pages included); hydration keeps that HTML until the chunk arrives.
import type { ComponentType } from "react";
import { lazy } from "react";

import type * as OnDemand from "./on-demand";

export const loadOnDemand = () => import("./on-demand");

/** A part that could not be downloaded (offline) says so instead of breaking the page. */
function Unavailable() {
  return (
    <div className="notice warn" role="alert">
      Reload the page to see this message.
    </div>
  );
}

const onDemand = <P extends object>(pick: (m: typeof OnDemand) => ComponentType<P>) =>
  lazy(() =>
    loadOnDemand().then(
      (m) => ({ default: pick(m) }),
      () => ({ default: Unavailable as ComponentType<P> }),
    ),
  );

export const ConflictPanel = onDemand((m) => m.ConflictPanel);
export const ErrorSummary = onDemand((m) => m.ErrorSummary);
export const SubmitConfirm = onDemand((m) => m.SubmitConfirm);
export const SyncNotices = onDemand((m) => m.SyncNotices);
export const RecusedNotice = onDemand((m) => m.RecusedNotice);
