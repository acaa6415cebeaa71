/**
 * A scorecard field's path in words, for the conflict table, the merge notice and the error
 * summary. Apart from merge.ts so that only the parts of the page that show it load it. Pure.
 */
import type { DiffLabels } from "./rules";

/** A field path in words, as the conflict table names it ("Evidence · Communication"). */
export function scorecardFieldLabel(path: string, labels: DiffLabels): string {
  const [section, key = "", part] = path.split(".");
  const name = (map: Record<string, string>) => map[key] ?? key;
  switch (section) {
    case "ratings":
      return `${part === "score" ? "Rating" : "Evidence"} · ${name(labels.dimensions)}`;
    case "redFlags":
      return `${part === "note" ? "Flag note" : "Red flag"} · ${name(labels.redFlags)}`;
    case "signals":
      return `Signal · ${name(labels.signals)}`;
    case "focus":
      return `Covered · ${name(labels.focus)}`;
    case "probes":
      return `Probe asked · ${name(labels.probes ?? {})}`;
    case "levelSignal":
      return "Level signal";
    case "recommendation":
      return "Overall recommendation";
    case "overrideJustification":
      return "Override justification";
    case "notes":
      return "Quick notes";
    default:
      return "Summary";
  }
}
