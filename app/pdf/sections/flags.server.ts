/**
 * Red flags and signals across the submitted scorecards.
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Flow, S, THEME, paragraph, table, withColor } from "../layout.server";
import { heading, sp, sub } from "./blocks.server";

export function drawFlags(flow: Flow, model: PacketModel): void {
  const f = model.flags;
  heading(flow, "Red flags", 2, { style: S.h3, after: 4 });
  if (f.redFlags.length === 0) paragraph(flow, f.noRedFlags, S.muted);
  for (const flag of f.redFlags) {
    flow.gap(6);
    const sev =
      flag.severity === "dealbreaker"
        ? withColor(S.smallBold, THEME.color.alert)
        : withColor(S.smallBold, THEME.color.muted);
    paragraph(
      flow,
      [
        sp(flag.label, S.bodyBold),
        sp(`  ${flag.severityLabel}`, sev),
        sp(`  · raised by ${flag.raisedBy.length}`, S.smallMuted),
      ],
      S.body,
      {
        after: 2,
      },
    );
    for (const r of flag.raisedBy) {
      paragraph(
        flow,
        [sp(`${r.name}: `, S.smallBold), sp(r.note || "(no note)", r.note ? S.small : S.smallMuted)],
        S.small,
        { indent: 14, after: 2 },
      );
    }
  }
  const signalTable = (title: string, rows: typeof f.strongSignals): void => {
    sub(flow, title);
    if (rows.length === 0) {
      paragraph(flow, "None noted.", S.muted);
      return;
    }
    table(
      flow,
      [{ header: "Signal" }, { header: "Count", width: 44, align: "right" }, { header: "Noted by", width: 230 }],
      rows.map((r) => [r.label, String(r.count), r.names]),
    );
  };
  signalTable("Strong signals", f.strongSignals);
  signalTable("Weak signals", f.weakSignals);
}
