/**
 * Decision and interviewer calibration.
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Flow, S, THEME, paragraph, st, table } from "../layout.server";
import { keyValues, overridePanel, sp, sub } from "./blocks.server";

export function drawDecision(flow: Flow, model: PacketModel): void {
  const d = model.decision;
  paragraph(flow, d.headline, st("bold", 22, d.decided ? THEME.color.text : THEME.color.muted), {
    after: 6,
    leading: 1.2,
  });
  keyValues(flow, d.lines, 110);
  if (d.override) {
    flow.gap(6);
    overridePanel(flow, d.override);
  }

  sub(flow, "Rationale");
  paragraph(flow, d.rationale, d.decided ? S.body : S.muted, { after: 4 });
  if (d.debrief) drawDebrief(flow, d.debrief);

  sub(flow, "Interviewer calibration");
  paragraph(flow, d.calibrationNote, S.smallMuted, { after: 6 });
  if (d.calibration.length === 0) {
    paragraph(flow, d.noCalibration, S.muted);
    return;
  }
  table(
    flow,
    [
      { header: "Interviewer" },
      { header: "Comparable ratings", width: 80, align: "right" },
      { header: "Raw offset", width: 70, align: "right" },
      { header: "Offset (shrunk)", width: 80, align: "right" },
      { header: "Tendency", width: 80 },
    ],
    d.calibration.map((c) => [[sp(c.panelistName, S.smallBold)], c.sampleSize, c.rawOffset, c.offset, c.tendency]),
    { zebra: true },
  );
}

/** The debrief meeting: who ran and attended it, and what the panel concluded on each item. */
function drawDebrief(flow: Flow, debrief: NonNullable<PacketModel["decision"]["debrief"]>): void {
  sub(flow, "Debrief");
  keyValues(flow, debrief.lines, 110);
  flow.gap(6);
  if (debrief.notes.length === 0) return;
  table(
    flow,
    [
      { header: "Item", width: 150 },
      { header: "What the panel concluded" },
      { header: "Time", width: 44, align: "right" },
    ],
    debrief.notes.map((n) => [[sp(n.title, S.smallBold)], n.conclusion, n.time]),
    { zebra: true },
  );
}
