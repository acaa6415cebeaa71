/**
 * Decision and interviewer calibration.
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Flow, S, THEME, paragraph, st, table } from "../layout.server";
import { keyValues, sp, sub } from "./blocks.server";

export function drawDecision(flow: Flow, model: PacketModel): void {
  const d = model.decision;
  paragraph(flow, d.headline, st("bold", 22, d.decided ? THEME.color.text : THEME.color.muted), {
    after: 6,
    leading: 1.2,
  });
  keyValues(flow, d.lines, 110);

  sub(flow, "Rationale");
  paragraph(flow, d.rationale, d.decided ? S.body : S.muted, { after: 4 });

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
