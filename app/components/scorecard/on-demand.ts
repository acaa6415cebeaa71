// The parts of the scorecard page shown only in some states: one chunk (see lazy-parts.tsx).
export { ConflictPanel } from "./conflict-panel";
export { ErrorSummary } from "./error-summary";
export { SubmitConfirm } from "./submit-confirm";
export { SyncNotices } from "./sync-notices";
export { RecusedNotice } from "./recused-notice";
