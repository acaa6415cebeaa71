/**
 * The cover: candidate, role, what state the packet is in (no or few scorecards, the draft warning
 * of an incomplete loop), key facts, confidentiality and the fingerprint.
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Flow, S, THEME, bookmark, mm, paragraph, st, withColor, withSize } from "../layout.server";
import { heading, keyValues, panel, sp } from "./blocks.server";

export function drawCover(flow: Flow, model: PacketModel, fingerprint: string): void {
  const c = model.cover;
  flow.setBearing(model.sectionTitles.cover);
  bookmark(flow, model.sectionTitles.cover);
  flow.y = flow.top + mm(14);
  paragraph(flow, c.eyebrow.toUpperCase(), withColor(S.smallBold, THEME.color.accent), { after: 6 });
  heading(flow, c.candidateName, 1, { style: S.title, after: 2, rule: false });
  if (c.candidateLine) paragraph(flow, c.candidateLine, withSize(S.muted, 11), { after: 4 });
  paragraph(flow, c.roleTitle, withColor(st("regular", 14, THEME.color.accent), THEME.color.accent), { after: 18 });

  if (c.statusNote) {
    paragraph(flow, c.statusNote, st("bold", 12, THEME.color.text), { after: 12, leading: 1.3 });
  }
  if (c.draft) {
    panel(
      flow,
      [
        { spans: [sp(c.draft.title, st("bold", 20, THEME.color.alert))], after: 6 },
        ...c.draft.lines.map((l) => ({ spans: [sp(l, withColor(S.body, THEME.color.text))], after: 3 })),
      ],
      { bg: THEME.color.alertBg, border: THEME.color.alert, pad: 12 },
    );
    flow.gap(18);
  }

  keyValues(flow, c.facts, 120, withSize(S.body, 10));
  flow.gap(22);
  panel(flow, [{ spans: [sp(c.confidentiality, withColor(S.small, THEME.color.text))] }], {
    bg: THEME.color.panel,
    bar: THEME.color.alert,
    pad: 10,
  });
  flow.gap(14);
  paragraph(
    flow,
    "Fingerprint: SHA-256 of the data this packet was rendered from (also in the footer of every page). " +
      "The same data always gives the same fingerprint and the same pages; only the generation time differs " +
      "between two downloads.",
    S.tiny,
    { after: 2 },
  );
  paragraph(flow, fingerprint, withColor(S.small, THEME.color.text));
}
