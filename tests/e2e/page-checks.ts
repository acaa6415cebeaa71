// Checks shared by the page sweeps (accessibility.spec.ts, zz-states-a11y.spec.ts): axe at two widths and
// the phone rule. Not a spec file, so importing it registers no tests.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const WIDTHS = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

export type Finding = { page: string; width: string; rule: string; impact: string; targets: string[] };

/**
 * The phone rule: the page never scrolls sideways, and nothing is wider than the screen except inside a
 * named, focusable region that is meant to scroll (a wide table in components/ui/primitives.tsx).
 * Returns what sticks out, empty when the page fits.
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const out: string[] = [];
    if (root.scrollWidth > width) out.push(`page scrolls sideways: ${root.scrollWidth} px in ${width} px`);
    const sticksOut = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 0.5;
    };
    const scrollRegion = (el: Element) =>
      el.matches("[role=region][aria-label][tabindex='0']") &&
      ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    for (const el of document.body.querySelectorAll("*")) {
      if (!sticksOut(el) || el.closest(".sr-only")) continue;
      // inside a scroll region, or text cut short on purpose (a title ending in "…"); content that a box
      // merely hides (overflow: hidden on a wide table) still counts, it cannot be reached
      const truncated = (up: Element) => getComputedStyle(up).textOverflow === "ellipsis";
      let inRegion = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (scrollRegion(up) || truncated(up)) {
          inRegion = true;
          break;
        }
      }
      // report the outermost element that sticks out, not each of its children
      if (inRegion || (el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement))) continue;
      const cls =
        typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      out.push(`${el.tagName.toLowerCase()}${cls} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
    }
    return out.slice(0, 5);
  });
}

/** axe (WCAG 2.2 AA tags) at laptop and phone width, plus the phone rule at 390 px; serious and critical only. */
export async function seriousViolations(page: Page, label: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    if (size.name === "phone") {
      const overflow = await sidewaysOverflow(page);
      if (overflow.length)
        findings.push({
          page: label,
          width: size.name,
          rule: "no-sideways-scroll",
          impact: "serious",
          targets: overflow,
        });
    }
    const result = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    for (const v of result.violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      findings.push({
        page: label,
        width: size.name,
        rule: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      });
    }
  }
  await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
  return findings;
}

/**
 * Within each element matching `container`, the pairs of its parts (first match of each selector) whose boxes
 * overlap by more than a pixel each way: text drawn over other text. Parts that are absent are skipped.
 */
export async function overlappingParts(page: Page, container: string, parts: string[]): Promise<string[]> {
  return page.evaluate(
    ({ container, parts }) => {
      const hits: string[] = [];
      document.querySelectorAll(container).forEach((root, n) => {
        const boxes = parts
          .map((sel) => ({ sel, el: root.querySelector(sel) }))
          .filter((p): p is { sel: string; el: Element } => p.el !== null)
          .map(({ sel, el }) => ({ sel, r: el.getBoundingClientRect() }));
        for (const [i, a] of boxes.entries())
          for (const b of boxes.slice(i + 1)) {
            const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (across > 1 && down > 1) hits.push(`${container} #${n + 1}: ${a.sel} × ${b.sel}`);
          }
      });
      return hits;
    },
    { container, parts },
  );
}
