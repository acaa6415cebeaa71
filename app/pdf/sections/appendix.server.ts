/**
 * Appendix: the rubric version, the audit trail, the evidence kept after a lint finding and the fingerprint.
 */
import type { PacketModel } from "../../domain/packet/model";

import { type Flow, S, THEME, paragraph, table, withColor } from "../layout.server";
import { heading, sp, sub } from "./blocks.server";

export function drawAppendix(flow: Flow, model: PacketModel, fingerprint: string): void {
  const a = model.appendix;
  heading(flow, a.rubricTitle, 2);
  paragraph(flow, a.rubricSummary, S.small, { after: 6 });

  sub(flow, "Dimensions and anchors", 3);
  table(
    flow,
    [{ header: "Dimension", width: 96 }, { header: "Below bar" }, { header: "Meets bar" }, { header: "Exceeds" }],
    a.dimensions.map((d) => [
      [sp(d.name, S.tinyBold), sp(`\nweight ${d.weightLabel}`, S.tiny)],
      ...d.anchors.map((x) => [sp(x.value, withColor(S.tiny, THEME.color.text))]),
    ]),
    { style: S.tiny },
  );

  sub(flow, "Exercises", 3);
  table(
    flow,
    [{ header: "Exercise", width: 110 }, { header: "Dimensions assessed", width: 150 }, { header: "Focus points" }],
    a.exercises.map((e) => [[sp(e.title, S.tinyBold), sp(`\n${e.meta}`, S.tiny)], e.dimensions, e.focusPoints]),
    { style: withColor(S.tiny, THEME.color.text) },
  );

  sub(flow, "Red flags", 3);
  table(
    flow,
    [{ header: "Flag", width: 150 }, { header: "Severity", width: 60 }, { header: "What it looks like" }],
    a.redFlags.map((f) => [
      [sp(f.label, S.tinyBold)],
      [sp(f.severityLabel, f.severity === "dealbreaker" ? withColor(S.tinyBold, THEME.color.alert) : S.tiny)],
      f.description,
    ]),
    { style: withColor(S.tiny, THEME.color.text) },
  );

  sub(flow, "Signals", 3);
  table(
    flow,
    [{ header: "Signal" }, { header: "Kind", width: 60 }],
    a.signals.map((s) => [s.label, s.kindLabel]),
    { style: withColor(S.tiny, THEME.color.text) },
  );

  if (a.artifacts.length > 0) {
    sub(flow, "Attached pictures", 3);
    table(
      flow,
      [{ header: "Figure", width: 50 }, { header: "Attached by", width: 150 }, { header: "Caption" }],
      a.artifacts.map((x) => [
        x.label,
        [sp(x.panelistName, S.tinyBold), sp(`\n${x.exerciseTitle}`, S.tiny)],
        x.supports ? `${x.caption} (${x.supports})` : x.caption,
      ]),
      { style: withColor(S.tiny, THEME.color.text) },
    );
  }

  sub(flow, "Audit summary", 3);
  paragraph(flow, a.auditSummary, S.small, { after: 6 });
  if (a.audit.length > 0) {
    table(
      flow,
      [{ header: "When", width: 86 }, { header: "What happened" }, { header: "Concerning", width: 150 }],
      a.audit.map((e) => [e.at, e.sentence, e.entity]),
      { style: withColor(S.tiny, THEME.color.text), zebra: true },
    );
  }

  sub(flow, "Evidence kept after a protected-characteristic finding", 3);
  paragraph(flow, a.overriddenFindingsNote, S.small, { after: 6 });
  if (a.overriddenFindings.length > 0) {
    table(
      flow,
      [
        { header: "Panelist", width: 96 },
        { header: "Field", width: 86 },
        { header: "Sentence" },
        { header: "Category", width: 70 },
        { header: "Reason given" },
      ],
      a.overriddenFindings.map((o) => [
        [sp(o.panelistName, S.tinyBold), sp(`\n${o.exerciseTitle}`, S.tiny)],
        o.field,
        o.sentence,
        o.category,
        o.reason,
      ]),
      { style: withColor(S.tiny, THEME.color.text), zebra: true },
    );
  }

  sub(flow, "Fingerprint", 3);
  paragraph(
    flow,
    "SHA-256 of the canonical JSON of the aggregate, loop facts, rubric version and attached pictures (by their own SHA-256) this packet was rendered from. " +
      "The same data always gives the same fingerprint and the same pages: two downloads differ only in their " +
      "generation time (on the cover and in the file's dates and identifier). A different fingerprint means different data.",
    S.smallMuted,
    { after: 3 },
  );
  paragraph(flow, fingerprint, S.smallBold);
}
