/**
 * Debrief agenda: what the debrief must cover, most important first.
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Cell, type Flow, S, THEME, paragraph, table, withColor } from "../layout.server";
import { sp } from "./blocks.server";

export function drawAgenda(flow: Flow, model: PacketModel): void {
  const a = model.agenda;
  if (a.items.length === 0) {
    paragraph(flow, a.empty, S.muted);
    return;
  }
  paragraph(flow, "What the debrief must cover, most important first.", S.smallMuted, { after: 6 });
  const rows: Cell[][] = a.items.map((it) => [
    it.number,
    [
      sp(
        it.kindLabel,
        it.kind === "dealbreaker" || it.kind === "override"
          ? withColor(S.smallBold, THEME.color.alert)
          : withColor(S.smallBold, THEME.color.muted),
      ),
    ],
    [sp(it.title, S.smallBold), sp(`\n${it.detail}`, S.small)],
  ]);
  table(flow, [{ header: "#", width: 22, align: "right" }, { header: "Topic", width: 86 }, { header: "Item" }], rows, {
    padY: 4,
  });
}
