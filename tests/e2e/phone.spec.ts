// Phone and density on the live scorecard: on a 390x844 screen a whole dimension (its rating control and
// its evidence box) is visible between the sticky header and the submit bar without scrolling, the
// description and anchors open on demand, and at laptop width a dimension card stays compact.
// Read-only: it opens a draft of the demo data and changes nothing (it only opens a disclosure).
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";
import { overlappingParts, sidewaysOverflow } from "./page-checks";

/** Mateo's draft in the in-progress loop (Architecture case study, already part-rated in the demo data). */
async function openDraft(page: Page): Promise<void> {
  await login(page, DEMO.mateo);
  await page.goto("/interviews");
  const row = page.locator("li", { hasText: "Rafael Domínguez" }).filter({ hasText: "Architecture case study" });
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
  await expect(page.locator("fieldset.dim").first()).toBeVisible();
}

test("on a 390x844 phone the first dimension's rating control and evidence box fit on one screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDraft(page);
  expect(await sidewaysOverflow(page)).toEqual([]);
  // the header's parts sit side by side, none drawn over another (the demo draft's save status carries a date)
  await expect(page.getByTestId("save-status")).toContainText("Saved");
  expect(
    await overlappingParts(page, "header.sc-header", [
      ".sc-title h1",
      '[data-testid="scorecard-status"]',
      ".timer",
      ".save-status",
      '[data-testid="progress"]',
    ]),
  ).toEqual([]);

  const first = page.locator("fieldset.dim").first();
  // scroll to the start of the dimension list, as a thumb would, then measure what is left uncovered
  await first.evaluate((el) => el.scrollIntoView({ block: "start" }));
  const box = await page.evaluate(() => {
    const rect = (sel: string, root: ParentNode = document) => {
      const el = root.querySelector(sel);
      if (!el) throw new Error(`missing ${sel}`);
      return el.getBoundingClientRect();
    };
    const dim = document.querySelector("fieldset.dim");
    if (!dim) throw new Error("no dimension");
    return {
      headerBottom: rect("header.sc-header").bottom,
      submitTop: rect(".submit-bar").top,
      scale: rect(".scale", dim),
      evidence: rect("textarea", dim),
      viewport: window.innerHeight,
    };
  });
  expect(box.scale.top).toBeGreaterThanOrEqual(box.headerBottom);
  expect(box.evidence.bottom).toBeLessThanOrEqual(box.submitTop);
  expect(box.submitTop).toBeLessThanOrEqual(box.viewport);
  // the sticky chrome leaves most of the screen to the form
  expect(box.headerBottom + (box.viewport - box.submitTop)).toBeLessThan(box.viewport * 0.4);

  // the anchors are on demand and open without leaving the page
  const guide = first.getByTestId("dimension-guide");
  await expect(guide.locator(".anchors")).toBeHidden();
  await guide.locator("summary").click();
  await expect(guide.locator(".anchor-meets")).toBeVisible();
});

test("at laptop width a dimension card is compact and the chosen rating is a solid fill", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDraft(page);
  const heights = await page
    .locator("fieldset.dim")
    .evaluateAll((dims) => dims.map((d) => Math.round(d.getBoundingClientRect().height)));
  expect(heights.length).toBeGreaterThanOrEqual(5);
  for (const h of heights) expect(h).toBeLessThan(200);
  // the demo draft has a rating; its segment is filled with the rating's colour, white text on it
  const chosen = page.locator("fieldset.dim .seg:has(input:checked)").first();
  const colours = await chosen.evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, text: s.color };
  });
  expect(colours.text).toBe("rgb(255, 255, 255)");
  expect(colours.background).not.toBe("rgb(255, 255, 255)");
});

test("on a phone the interviews list keeps each assignment's parts apart", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, DEMO.mateo);
  await page.goto("/interviews");
  await expect(page.locator("a.assignment").first()).toBeVisible();
  expect(await sidewaysOverflow(page)).toEqual([]);
  // the badges and the link used to squeeze the candidate and the time into a column a word wide, drawn over each other
  expect(await overlappingParts(page, "a.assignment", [".who", ".what", ".when", ".state"])).toEqual([]);
});

test("the debrief agenda's badges never run into their numbered titles, laptop and phone", async ({ page }) => {
  await login(page, DEMO.recruiter);
  await page.goto("/loops");
  await page.getByRole("link", { name: "Rafael Domínguez" }).first().click();
  await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+$/);
  // drafts are outstanding in this loop: "Missing scorecard", one of the widest badges, is on the agenda
  await expect(page.getByTestId("debrief-agenda").getByText("Missing scorecard").first()).toBeVisible();
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    expect(await overlappingParts(page, "li.agenda-item", ["span.badge", ".agenda-title"])).toEqual([]);
  }
});

test("on a phone an interview's start time sits beside its minutes, whole, and the role beside Add", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, DEMO.recruiter);
  await page.goto("/loops");
  // a scheduled loop: its interviews can still be changed and take panelists
  await page.getByRole("link", { name: "Set up the loop of Siobhán O'Connor" }).click();
  await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+\/setup$/);
  const card = page.getByTestId("interview").first();
  await expect(card).toBeVisible();
  expect(await sidewaysOverflow(page)).toEqual([]);
  const box = async (name: string | RegExp, role: "textbox" | "spinbutton" | "combobox" | "button") =>
    (await card.getByRole(role, { name, exact: true }).first().boundingBox())!;
  const starts = await card.getByLabel(/^Starts/).boundingBox();
  const minutes = await box("Minutes", "spinbutton");
  // one row: the two fields share a top edge and do not overlap
  expect(starts).not.toBeNull();
  expect(Math.abs(starts!.y - minutes.y)).toBeLessThan(4);
  expect(starts!.x + starts!.width).toBeLessThanOrEqual(minutes.x);
  // wide enough for "12/07/2026, 09:00 AM" and its calendar button (narrower clipped the AM)
  expect(starts!.width).toBeGreaterThanOrEqual(220);
  const role = await box("As", "combobox");
  const add = await box("Add", "button");
  expect(Math.abs(role.y + role.height - (add.y + add.height))).toBeLessThan(4);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("on a phone the save status keeps its server-rendered time (with ' UTC') inside its box", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openDraft(page);
    const status = page.getByTestId("save-status");
    await expect(status).toContainText("UTC");
    const outer = (await status.boundingBox())!;
    const time = (await status.locator("time").boundingBox())!;
    // "Wed 2 Dec, 10:30 UTC" on one line started 10 px left of its box
    expect(time.x).toBeGreaterThanOrEqual(outer.x);
    expect(time.x + time.width).toBeLessThanOrEqual(outer.x + outer.width);
  });
});
