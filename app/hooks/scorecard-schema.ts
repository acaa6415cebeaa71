/**
 * The scorecard's zod schema in the browser, loaded on the first interaction instead of with the
 * page: zod is most of the page's JavaScript beyond React, and nothing needs it to show the
 * scorecard or hydrate it (the limits and labels come from domain/scorecard/values.ts). It is the
 * same module the server validates with, so client and server keep one schema per form.
 *
 * Until it arrives, autosaves go out unchecked and the server's 400 answer shows the same field
 * errors; submitting and adding a quick note wait for it.
 */
import type * as ScorecardSchema from "../domain/scorecard/schema";

export type ScorecardSchemaModule = typeof ScorecardSchema;

let loaded: ScorecardSchemaModule | null = null;
let loading: Promise<ScorecardSchemaModule> | null = null;

export function loadScorecardSchema(): Promise<ScorecardSchemaModule> {
  loading ??= import("../domain/scorecard/schema").then(
    (module) => (loaded = module),
    (error: unknown) => {
      // a failed download (offline): the next interaction tries again
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The schema module if it has arrived, else null (and it is asked for). */
export function scorecardSchemaIfLoaded(): ScorecardSchemaModule | null {
  if (!loaded) void loadScorecardSchema().catch(() => undefined);
  return loaded;
}
