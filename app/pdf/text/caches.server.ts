/**
 * The text engine's process-wide caches (shaped words, paragraph layouts, font subsets), dropped
 * together: "a packet with new words" (tests, the cold series of bench:packet). The headline quotes
 * read the evidence lint, whose memo `forgetLintedTexts` drops.
 */
import { clearBreakCaches } from "./break.server";
import { clearEmitCaches } from "./emit.server";
import { clearShapeCaches } from "./shape.server";

export function clearTextCaches(): void {
  clearShapeCaches();
  clearBreakCaches();
  clearEmitCaches();
}
