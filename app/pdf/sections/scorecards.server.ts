/// <reference types="pdfkit" />
/**
 * Scorecards: one page (or more) per submitted scorecard, then one line for each draft or
 * recused scorecard (its state and last save: its content is its author's alone).
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Flow, S, THEME, bookmark, paragraph, withColor } from "../layout.server";
import { heading, panel, ratingBlock, sp, sub } from "./blocks.server";

export function drawScorecards(flow: Flow, model: PacketModel, outline: PDFKit.PDFOutline): void {
  const cards = model.scorecards;
  cards.forEach((c, i) => {
    if (i > 0) flow.newPage();
    bookmark(flow, `${c.panelistName} — ${c.exerciseTitle}`, outline);
    heading(flow, c.panelistName, S.h2, 1, 80);
    paragraph(flow, [sp(c.exerciseTitle, S.small), sp(`  ·  ${c.statusLabel}`, S.smallMuted)], S.small, {
      after: 6,
    });
    if (c.amended) {
      panel(
        flow,
        [
          {
            spans: [
              sp(`${c.amended.label}. `, withColor(S.smallBold, THEME.color.mark)),
              sp(`Reason: ${c.amended.reason}`, S.small),
            ],
          },
        ],
        {
          bar: THEME.color.mark,
          pad: 5,
        },
      );
      flow.gap(6);
    }
    paragraph(flow, [sp("Recommendation: ", S.smallMuted), sp(c.recommendationLabel, S.bodyBold)], S.body, {
      after: 4,
    });
    if (c.summary) {
      heading(flow, "Summary", S.h3, 2, 30);
      paragraph(flow, c.summary, S.body, { after: 4 });
    }
    if (c.overrideJustification) {
      panel(flow, [{ spans: [sp("Override justification: ", S.smallBold), sp(c.overrideJustification, S.small)] }], {
        bar: THEME.color.alert,
        pad: 5,
      });
      flow.gap(4);
    }
    if (c.ratings.length > 0) {
      flow.gap(6);
      heading(flow, "Ratings", S.h3, 0, 40);
    }
    for (const r of c.ratings) {
      ratingBlock(
        flow,
        r.score,
        r.score === null ? (r.scoreLabel === "Not assessed" ? "N/A" : "–") : String(r.score),
        [sp(r.dimensionName, S.bodyBold), sp(`  ${r.scoreLabel}`, S.smallMuted)],
        r.evidence,
        false,
      );
    }
    if (c.redFlags.length > 0) {
      sub(flow, "Red flags");
      for (const f of c.redFlags) {
        paragraph(
          flow,
          [
            sp(f.label, S.smallBold),
            sp(
              `  ${f.severityLabel}`,
              f.severity === "dealbreaker" ? withColor(S.smallBold, THEME.color.alert) : S.smallMuted,
            ),
            sp(f.note ? `\n${f.note}` : "", S.small),
          ],
          S.small,
          { after: 3, indent: 0 },
        );
      }
    }
    if (c.signals.length > 0) {
      sub(flow, "Signals");
      paragraph(
        flow,
        c.signals.flatMap((s, k) => [
          sp(k > 0 ? "  ·  " : "", S.smallMuted),
          sp(s.label, S.small),
          sp(` (${s.kindLabel.toLowerCase()})`, S.smallMuted),
        ]),
        S.small,
      );
    }
  });
  if (model.uncountedScorecards.length > 0) {
    if (cards.length > 0) flow.gap(14);
    bookmark(flow, model.uncountedTitle, outline);
    heading(flow, model.uncountedTitle, S.h3, 2, 30);
    for (const u of model.uncountedScorecards) {
      paragraph(
        flow,
        [
          sp(u.panelistName, S.smallBold),
          sp(`  ·  ${u.exerciseTitle}  ·  `, S.small),
          sp(u.stateLine, withColor(S.small, THEME.color.mark)),
        ],
        S.small,
        { after: 3 },
      );
    }
  }
}
