// The scorecard page's action schemas, reached through a .server module: the browser build swaps it
// for an empty module, so the page's own bundle never links the scorecard schema, which the
// browser loads on the first interaction instead (app/hooks/scorecard-schema.ts).
export { addNoteSchema, declareConflictSchema, timerOpSchema } from "../domain/scorecard/schema";
