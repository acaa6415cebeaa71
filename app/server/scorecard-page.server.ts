// What the scorecard page's loader and action take from server-side modules, reached through this one
// .server module. The browser build swaps each .server import for an empty module, and an empty module
// that other routes share becomes a file of its own the page must fetch (one more request on a slow
// link: `npm run bench:tti`); this one is the page's alone, so it stays inside the page's chunk.
// The evidence lint is here for the same reason as the schemas in ./scorecard-schemas.server.ts: the
// page's bundle must not link its engine and lexicon, which the browser loads after hydration.
export { data, redirect } from "@remix-run/node";
export { shownFindings } from "../domain/scorecard/evidence-lint";
export { parseWith, readBodyOrTooLarge } from "./form.server";
export { notFound } from "./http.server";
