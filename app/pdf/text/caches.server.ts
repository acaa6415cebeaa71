/**
 * The text engine's process-wide caches (shaped words, paragraph layouts, font subsets) and the
 * packet model's memo of headline quotes, dropped together: "a packet with new words" (tests, the
 * cold series of bench:packet).
 */
import { clearPacketModelCaches } from "../../domain/packet/model";
import { clearBreakCaches } from "./break.server";
import { clearEmitCaches } from "./emit.server";
import { clearShapeCaches } from "./shape.server";

export function clearTextCaches(): void {
  clearShapeCaches();
  clearBreakCaches();
  clearEmitCaches();
  clearPacketModelCaches();
}
