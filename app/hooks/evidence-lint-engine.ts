/**
 * The evidence lint's engine and English lexicon in the browser, loaded after hydration instead of
 * with the page (~10 KiB gzip). Until it arrives the scorecard shows the findings the server
 * rendered and sent with the page data, so the first render matches the server's HTML.
 */
import type * as EvidenceLintEngine from "../domain/scorecard/evidence-lint";

export type EvidenceLintModule = typeof EvidenceLintEngine;

let loading: Promise<EvidenceLintModule> | null = null;

export function loadEvidenceLint(): Promise<EvidenceLintModule> {
  loading ??= import("../domain/scorecard/evidence-lint").catch((error: unknown) => {
    // a failed download (offline): the next edit tries again
    loading = null;
    throw error;
  });
  return loading;
}
