/**
 * Executive summary: composite and coverage cards, the decision rule's outcome (format 2), the decision and its rationale, the
 * recommendation split, dealbreakers, strongest and weakest dimensions.
 */
import type { Highlight, PacketModel } from "../../domain/packet/model";
import type { Recommendation } from "../../domain/vocabulary";

import { type Flow, S, THEME, drawFlowingLines, fillRect, paragraph, scoreChip, st, withColor } from "../layout.server";
import { layoutSpans, linesHeight, measureText } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import type { TextStyle } from "../text/style.server";
import { figure, listItem, overridePanel, sp, sub } from "./blocks.server";

function recommendationScore(r: Recommendation): 1 | 2 | 3 | 4 {
  return r === "strong_no_hire" ? 1 : r === "no_hire" ? 2 : r === "hire" ? 3 : 4;
}

/** The largest size (down to `min`) at which every word of `text` fits `width`: words are never cut. */
function fitSize(text: string, style: TextStyle, width: number, min: number): number {
  let longest = 0;
  for (const w of text.split(/\s+/)) longest = Math.max(longest, measureText(w, style));
  if (longest <= width) return style.size;
  return Math.max(min, Math.floor(((style.size * width) / longest) * 4) / 4);
}

export function drawSummary(flow: Flow, model: PacketModel): void {
  const s = model.summary;
  const { doc, tags } = flow;
  // stat cards: a list, each card's label, value and note in reading order
  const cards: { label: string; value: string; note: string; valueSize: number }[] = [
    ...s.composite.map((c) => ({ label: c.label, value: c.value, note: c.note, valueSize: THEME.size.stat })),
    { label: "Panel", value: s.consensusLabel, note: `${s.recommendationTotal} recommendations`, valueSize: 12 },
    {
      label: "Coverage",
      value: s.coverageLabel.split(" scorecards")[0] ?? "",
      note: s.coverageLabel,
      valueSize: THEME.size.stat,
    },
  ];
  const gapX = 8;
  const cw = (flow.width - gapX * (cards.length - 1)) / cards.length;
  const laid = cards.map((c) => {
    const base = st("bold", c.valueSize, THEME.color.text);
    const size = fitSize(c.value, base, cw - 16, 8);
    return {
      label: layoutSpans([sp(c.label, withColor(S.tinyBold, THEME.color.muted))], cw - 16, { leading: 1.3 }),
      value: layoutSpans([sp(c.value, { ...base, size })], cw - 16, { leading: 1.15 }),
      note: layoutSpans([sp(c.note, S.tiny)], cw - 16, { leading: 1.3 }),
    };
  });
  const ch = Math.max(...laid.map((l) => linesHeight(l.label) + linesHeight(l.value) + linesHeight(l.note))) + 18;
  flow.ensureSpace(ch);
  tags.group("L", {}, () =>
    laid.forEach((l, i) => {
      const x = flow.left + i * (cw + gapX);
      fillRect(doc, x, flow.y, cw, ch, THEME.color.panel);
      let y = flow.y + 7;
      tags.group("LI", {}, () =>
        tags.group("LBody", {}, () => {
          tags.leafOf("P", {}, () => drawLines(doc, l.label, x + 8, y));
          y += linesHeight(l.label) + 1;
          tags.leafOf("P", {}, () => drawLines(doc, l.value, x + 8, y));
          y += linesHeight(l.value) + 2;
          tags.leafOf("P", {}, () => drawLines(doc, l.note, x + 8, y));
        }),
      );
    }),
  );
  flow.y += ch;

  if (s.decisionRule) {
    sub(flow, "Decision rule");
    paragraph(flow, s.decisionRule.statement, S.smallMuted, { after: 3 });
    paragraph(
      flow,
      [sp("Outcome: ", S.bodyBold), sp(s.decisionRule.outcome, s.decisionRule.alert ? S.alert : S.body)],
      S.body,
      {
        after: 2,
      },
    );
  }
  // the decision, with its rationale
  sub(flow, "Decision");
  const d = s.decision;
  paragraph(flow, d.headline, st("bold", 14, d.decided ? THEME.color.text : THEME.color.muted), {
    after: 2,
    leading: 1.25,
  });
  paragraph(flow, d.byLine, S.smallMuted, { after: 4 });
  if (d.override) overridePanel(flow, d.override);
  paragraph(flow, d.rationale, d.decided ? S.body : S.muted, { after: 2 });

  // recommendations
  sub(flow, "Recommendations");
  if (s.recommendationTotal === 0) {
    paragraph(flow, "No recommendations yet: no scorecard has been submitted.", S.muted);
  } else {
    const labelW = 90;
    const barMax = flow.width - labelW - 60;
    const total = Math.max(1, s.recommendationTotal);
    const rowH = 16;
    const alt =
      `Bar chart of the panel's recommendations, ${s.recommendationTotal} in all: ` +
      `${s.recommendations.map((r) => `${r.label} ${r.count}`).join(", ")}.`;
    figure(flow, { alt, height: rowH * s.recommendations.length }, (x0, y0) => {
      s.recommendations.forEach((r, i) => {
        const y = y0 + i * rowH;
        drawLines(doc, layoutSpans([sp(r.label, S.small)], labelW, { leading: 1.3 }), x0, y + 2);
        const w = (barMax * r.count) / total;
        fillRect(doc, x0 + labelW, y + 3, barMax, 10, THEME.color.hairline);
        if (r.count > 0)
          fillRect(doc, x0 + labelW, y + 3, Math.max(2, w), 10, THEME.color.scale[recommendationScore(r.key)]);
        drawLines(
          doc,
          layoutSpans([sp(String(r.count), S.smallBold)], 50, { leading: 1.3 }),
          x0 + labelW + barMax + 8,
          y + 2,
        );
      });
    });
  }

  // dealbreakers
  sub(flow, "Dealbreakers");
  if (s.dealbreakers.length === 0) paragraph(flow, "None raised.", S.muted);
  else
    tags.group("L", {}, () => {
      for (const db of s.dealbreakers) {
        listItem(flow, [sp(db.label, S.alert), sp(` — raised by ${db.raisedBy}`, S.body)], S.body, { after: 2 });
      }
    });

  // nothing rated yet: one heading and one line, not two empty lists
  if (s.strongest.length === 0) {
    sub(flow, "Strongest and weakest dimensions");
    paragraph(flow, s.noHighlights, S.muted);
    return;
  }
  sub(flow, "Strongest dimensions");
  if (s.rankingNote) paragraph(flow, s.rankingNote, S.smallMuted, { after: 4 });
  highlights(flow, s.strongest, s.noHighlights);
  sub(flow, "Weakest dimensions");
  highlights(flow, s.weakest, "No other dimension has ratings yet.");
}

function highlights(flow: Flow, items: readonly Highlight[], empty: string): void {
  if (items.length === 0) {
    paragraph(flow, empty, S.muted);
    return;
  }
  flow.tags.group("L", {}, () => {
    for (const h of items) highlight(flow, h);
  });
}

function highlight(flow: Flow, h: Highlight): void {
  const indent = 34;
  const { tags, doc } = flow;
  const head = layoutSpans(
    [sp(h.dimensionName, S.bodyBold), sp(` · mean ${h.meanLabel} ${h.basis}`, S.smallMuted)],
    flow.width - indent,
    {
      leading: 1.35,
    },
  );
  const quote = h.quote
    ? layoutSpans([sp(`“${h.quote}”`, S.bodyItalic)], flow.width - indent, { leading: THEME.leading })
    : [];
  const by = h.quoteBy ? layoutSpans([sp(`— ${h.quoteBy}`, S.smallMuted)], flow.width - indent, { leading: 1.35 }) : [];
  flow.ensureSpace(linesHeight(head) + linesHeight(quote) + linesHeight(by) + 6);
  tags.group("LI", {}, () => {
    // the mean is the item's label: its chip's number is read, its background is decoration
    tags.leafOf("Lbl", {}, () => scoreChip(doc, flow.left, flow.y + 1, h.mean, h.meanLabel, 26, 13));
    tags.group("LBody", {}, () => {
      tags.leafOf("P", {}, () => drawLines(doc, head, flow.left + indent, flow.y));
      flow.y += linesHeight(head);
      if (quote.length)
        tags.leafOf("BlockQuote", {}, () => drawFlowingLines(flow, quote, flow.left + indent, flow.width - indent));
      if (by.length) tags.leafOf("P", {}, () => drawFlowingLines(flow, by, flow.left + indent, flow.width - indent));
    });
  });
  flow.gap(6);
}
