/// <reference types="pdfkit" />
/**
 * Scorecards: each submitted scorecard from a new page (its panelist and exercise in the running
 * head of every page it fills); drafts and recusals one line each, first: their state and last
 * save only, since their content is their author's alone.
 */
import type { ArtifactFigureModel } from "../../domain/packet/artifacts";
import type { PacketModel, ScorecardModel } from "../../domain/packet/model";

import { type Flow, S, THEME, paragraph, withColor } from "../layout.server";
import { figure, heading, listItem, panel, ratingBlock, sp, sub } from "./blocks.server";

export function drawScorecards(flow: Flow, model: PacketModel, outline: PDFKit.PDFOutline, sectionTitle: string): void {
  const counted = model.scorecards;
  const uncounted = model.uncountedScorecards;
  if (counted.length === 0) {
    paragraph(flow, "No scorecard has been submitted yet, so there is nothing to show here.", S.muted, { after: 6 });
  }
  if (uncounted.length > 0) {
    sub(flow, `${model.uncountedTitle} (${uncounted.length})`);
    flow.tags.group("L", {}, () => {
      for (const u of uncounted) {
        listItem(
          flow,
          [
            sp(u.panelistName, S.smallBold),
            sp(` — ${u.exerciseTitle}: `, S.small),
            sp(u.stateLine, withColor(S.smallBold, THEME.color.mark)),
          ],
          S.small,
          { after: 2 },
        );
      }
    });
  }
  counted.forEach((c, i) => {
    // each scorecard from a new page; the first one follows the list of those not counted
    if (i > 0) flow.newPage();
    else if (uncounted.length > 0) flow.newPage();
    flow.tags.group("Sect", {}, () => drawCard(flow, c, outline, sectionTitle));
  });
}

function drawCard(flow: Flow, c: ScorecardModel, outline: PDFKit.PDFOutline, sectionTitle: string): void {
  heading(flow, c.panelistName, 2, {
    after: 1,
    bookmarkUnder: outline,
    bearing: { section: sectionTitle, detail: `${c.panelistName} · ${c.exerciseTitle}` },
  });
  paragraph(flow, [sp(c.exerciseTitle, S.small), sp(`  ·  ${c.statusLabel}`, S.smallMuted)], S.small, { after: 6 });
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
      { bar: THEME.color.mark, pad: 5 },
    );
    flow.gap(6);
  }
  paragraph(flow, [sp("Recommendation: ", S.smallMuted), sp(c.recommendationLabel, S.bodyBold)], S.body, {
    after: 4,
  });
  if (c.summary) {
    heading(flow, "Summary", 3, { after: 2 });
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
    heading(flow, "Ratings", 3, { after: 0 });
    flow.tags.group("L", {}, () => {
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
    });
  }
  if (c.redFlags.length > 0) {
    sub(flow, "Red flags", 3);
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
        { after: 3 },
      );
    }
  }
  if (c.signals.length > 0) {
    sub(flow, "Signals", 3);
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
  if (c.artifacts.length > 0) {
    sub(flow, "What the candidate drew", 3);
    for (const a of c.artifacts) drawArtifact(flow, a);
  }
}

/** A picture scaled to fit the text width and at most about half a page, centred, its caption under it. */
function drawArtifact(flow: Flow, a: ArtifactFigureModel): void {
  const scale = Math.min(1, flow.width / a.width, (flow.pageHeight * 0.55) / a.height);
  const w = a.width * scale;
  const h = a.height * scale;
  const caption = `${a.label}. ${a.caption}${a.supports ? ` (${a.supports})` : ""}`;
  figure(flow, { alt: `${a.label}: ${a.caption}`, height: h, caption }, (x, y, width) => {
    flow.doc.image(Buffer.from(a.bytes), x + (width - w) / 2, y, { width: w, height: h });
  });
  flow.gap(8);
}
