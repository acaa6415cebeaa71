/**
 * Executive summary: composite and coverage cards, the decision rule's outcome (format 2), the
 * recommendation split, dealbreakers, strongest and weakest dimensions.
 */
import type { Highlight, PacketModel } from "../../domain/packet/model";
import type { Recommendation } from "../../domain/vocabulary";

import { type Flow, S, THEME, drawFlowingLines, fillRect, paragraph, scoreChip, st, withColor } from "../layout.server";
import { layoutSpans, linesHeight } from "../text/break.server";
import { drawLines } from "../text/emit.server";
import { sp, sub } from "./blocks.server";

function recommendationScore(r: Recommendation): 1 | 2 | 3 | 4 {
  return r === "strong_no_hire" ? 1 : r === "no_hire" ? 2 : r === "hire" ? 3 : 4;
}

export function drawSummary(flow: Flow, model: PacketModel): void {
  const s = model.summary;
  const { doc } = flow;
  // stat cards
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
  const laid = cards.map((c) => ({
    label: layoutSpans([sp(c.label, withColor(S.tinyBold, THEME.color.muted))], cw - 16, { leading: 1.3, maxLines: 1 }),
    value: layoutSpans([sp(c.value, st("bold", c.valueSize, THEME.color.text))], cw - 16, {
      leading: 1.15,
      maxLines: 2,
    }),
    note: layoutSpans([sp(c.note, S.tiny)], cw - 16, { leading: 1.3, maxLines: 3 }),
  }));
  const ch = Math.max(...laid.map((l) => linesHeight(l.label) + linesHeight(l.value) + linesHeight(l.note))) + 18;
  flow.ensureSpace(ch);
  laid.forEach((l, i) => {
    const x = flow.left + i * (cw + gapX);
    fillRect(doc, x, flow.y, cw, ch, THEME.color.panel);
    let y = flow.y + 7;
    drawLines(doc, l.label, x + 8, y);
    y += linesHeight(l.label) + 1;
    drawLines(doc, l.value, x + 8, y);
    y += linesHeight(l.value) + 2;
    drawLines(doc, l.note, x + 8, y);
  });
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

  // recommendations
  sub(flow, "Recommendations");
  const labelW = 90;
  const barMax = flow.width - labelW - 60;
  const total = Math.max(1, s.recommendationTotal);
  for (const r of s.recommendations) {
    const h = 16;
    flow.ensureSpace(h);
    const y = flow.y;
    drawLines(doc, layoutSpans([sp(r.label, S.small)], labelW, { leading: 1.3 }), flow.left, y + 2);
    const w = (barMax * r.count) / total;
    fillRect(doc, flow.left + labelW, y + 3, barMax, 10, THEME.color.hairline);
    if (r.count > 0)
      fillRect(doc, flow.left + labelW, y + 3, Math.max(2, w), 10, THEME.color.scale[recommendationScore(r.key)]);
    drawLines(
      doc,
      layoutSpans([sp(String(r.count), S.smallBold)], 50, { leading: 1.3 }),
      flow.left + labelW + barMax + 8,
      y + 2,
    );
    flow.y += h;
  }

  // dealbreakers
  sub(flow, "Dealbreakers");
  if (s.dealbreakers.length === 0) paragraph(flow, "None raised.", S.muted);
  for (const d of s.dealbreakers) {
    paragraph(flow, [sp(d.label, S.alert), sp(` — raised by ${d.raisedBy}`, S.body)], S.body, { after: 2 });
  }

  sub(flow, "Strongest dimensions");
  for (const h of s.strongest) highlight(flow, h);
  sub(flow, "Weakest dimensions");
  for (const h of s.weakest) highlight(flow, h);
}

function highlight(flow: Flow, h: Highlight): void {
  const indent = 34;
  const head = layoutSpans([sp(h.dimensionName, S.bodyBold)], flow.width - indent, { leading: 1.35 });
  const quote = h.quote
    ? layoutSpans([sp(`“${h.quote}”`, S.bodyItalic)], flow.width - indent, { leading: THEME.leading })
    : [];
  const by = h.quoteBy ? layoutSpans([sp(`— ${h.quoteBy}`, S.smallMuted)], flow.width - indent, { leading: 1.35 }) : [];
  flow.ensureSpace(linesHeight(head) + linesHeight(quote) + linesHeight(by) + 6);
  scoreChip(flow.doc, flow.left, flow.y + 1, h.mean, h.meanLabel, 26, 13);
  drawLines(flow.doc, head, flow.left + indent, flow.y);
  flow.y += linesHeight(head);
  drawFlowingLines(flow, quote, flow.left + indent, flow.width - indent);
  drawFlowingLines(flow, by, flow.left + indent, flow.width - indent);
  flow.gap(6);
}
