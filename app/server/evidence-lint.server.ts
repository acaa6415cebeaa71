// The evidence lint for the scorecard page's loader and action, reached through a .server module:
// the browser build swaps it for an empty module, so the page's own bundle does not link the engine
// and its lexicon, which the browser loads after hydration (app/hooks/evidence-lint-engine.ts).
export { shownFindings } from "../domain/scorecard/evidence-lint";
