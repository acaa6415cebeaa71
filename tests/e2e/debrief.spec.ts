import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";
import { sidewaysOverflow } from "./page-checks";

// The fully scored demo loop in debrief (Łukasz, hm1, is its hiring manager and rated Cloud/platform
// himself). Red flags were raised by Chen and Sofia; Cloud/platform was rated by Łukasz, Mateo (twice)
// and Sofia. Mateo and Noémie join: nobody who raised a flag is in the room, and on Cloud/platform
// Mateo is asked before Łukasz, who facilitates and so speaks last.
const CANDIDATE = "Ingrid Sørensen";

function currentStep(page: Page) {
  return page.getByRole("navigation", { name: "Debrief items" }).locator('[aria-current="step"] .step-title');
}

test("a hiring manager runs the debrief item by item to a decision; panelists follow on their own screens", async ({
  page,
  browser,
}) => {
  test.slow();
  await login(page, DEMO.hm1);
  await page.goto("/loops");
  await page.getByRole("link", { name: CANDIDATE, exact: true }).click();
  await page.getByRole("link", { name: "Debrief meeting" }).click();
  await expect(page.getByTestId("debrief-phase")).toHaveText("Not started");
  const debriefUrl = new URL(page.url()).pathname;
  expect(debriefUrl).toMatch(/^\/loops\/[A-Za-z0-9_-]+\/debrief$/);
  const loopUrl = debriefUrl.replace(/\/debrief$/, "");

  // two panelists wait on their own devices; the page follows the facilitator by itself
  const panelists = await Promise.all(
    [DEMO.mateo, DEMO.noemie].map(async (email) => {
      const context = await browser.newContext();
      const p = await context.newPage();
      await login(p, email);
      await p.goto(debriefUrl);
      await expect(p.getByTestId("debrief-phase")).toHaveText("Not started");
      await expect(p.getByRole("button", { name: "Start the debrief" })).toHaveCount(0);
      return p;
    }),
  );
  const [mateo, noemie] = panelists as [Page, Page];

  await page.getByRole("button", { name: "Start the debrief" }).click();
  await expect(page.getByTestId("debrief-phase")).toHaveText("In session");
  for (const p of panelists) {
    await p.getByRole("button", { name: "Join the debrief" }).click();
    await expect(p.getByTestId("current-item")).toBeVisible();
  }
  await expect(page.getByTestId("attendees")).toContainText("Mateo García");
  await expect(page.getByTestId("attendees")).toContainText("Noémie Dubois");

  // item 1: the red flags, hidden until the facilitator reveals them, then on every screen at once
  const item = page.getByTestId("current-item");
  const total = Number(/Item 1 of (\d+)/.exec((await item.locator(".eyebrow").textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThan(2);
  await expect(currentStep(page)).toHaveText("Red flags");
  await expect(page.getByTestId("ask-first")).toContainText("Nobody who raised these flags has joined");
  for (const p of [page, ...panelists]) {
    await expect(p.getByTestId("ratings-hidden")).toBeVisible();
    await expect(p.getByTestId("revealed-ratings")).toHaveCount(0);
    await expect(p.getByTestId("current-item")).not.toContainText("post-mortems she read");
  }
  await expect(noemie.getByRole("button", { name: /Reveal/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Reveal the red flags" }).click();
  for (const p of [page, ...panelists]) {
    await expect(p.getByTestId("revealed-ratings")).toContainText("post-mortems she read");
  }
  await item.getByLabel("What did the panel conclude?").fill("Flag stands until a reference check on incident work.");
  await item.getByRole("button", { name: "Save and next →" }).click();

  // item 2: Cloud/platform, the disagreement; ask the junior panelist first, the facilitator last
  await expect(item.locator(".eyebrow")).toContainText(`Item 2 of ${total}`);
  await expect(currentStep(page)).toHaveText("Cloud/platform engineering");
  await expect(page.getByTestId("ask-first")).toContainText("Ask first: Mateo García then Łukasz Wiśniewski");
  await expect(mateo.getByTestId("ask-first")).toContainText("Ask first: Mateo García");
  await expect(mateo.getByTestId("ratings-hidden")).toBeVisible();
  await page.getByRole("button", { name: "Reveal all ratings" }).click();
  for (const p of [page, ...panelists]) {
    const revealed = p.getByTestId("revealed-ratings");
    await expect(revealed.getByRole("list", { name: "All ratings, revealed together" }).locator("li")).toHaveCount(4);
    await expect(revealed).toContainText("Disagreement: ratings 1–4");
  }
  // shared to a screen: large type, the same item as it was, and it stays large through the next action
  const size = () => item.locator("h2").evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  const normalSize = await size();
  await page.getByRole("link", { name: "Large type" }).click();
  await expect(page).toHaveURL(/\/debrief\?large=1$/);
  await expect(page.getByTestId("debrief")).toHaveClass(/debrief-large/);
  await expect(item.getByTestId("revealed-ratings")).toContainText("Disagreement: ratings 1–4");
  expect(await size()).toBeGreaterThan(normalSize * 1.2);
  expect(await sidewaysOverflow(page)).toEqual([]);
  await item
    .getByLabel("What did the panel conclude?")
    .fill("Cloud/platform settles at below bar: no cost model in either exercise.");
  await item.getByRole("button", { name: "Save and next →" }).click();
  await expect(item.locator(".eyebrow")).toContainText(`Item 3 of ${total}`);
  await expect(page).toHaveURL(/\/debrief\?large=1$/);
  await expect(page.getByTestId("debrief")).toHaveClass(/debrief-large/);
  await page.getByRole("link", { name: "Normal type" }).click();
  await expect(page).toHaveURL(/\/debrief$/);

  // the remaining items, in the order the steps list shows: revealed, then noted
  const titles = await page.getByRole("navigation", { name: "Debrief items" }).locator(".step-title").allTextContents();
  for (let n = 3; n <= total; n++) {
    await expect(item.locator(".eyebrow")).toContainText(`Item ${n} of ${total}`);
    await expect(currentStep(page)).toHaveText(titles[n - 1] ?? "");
    await expect(noemie.getByTestId("current-item").locator("h2")).toHaveText(titles[n - 1] ?? "");
    await page.getByRole("button", { name: "Reveal all ratings" }).click();
    await expect(item.getByTestId("revealed-ratings")).toBeVisible();
    await item.getByLabel("What did the panel conclude?").fill(`Noted on ${titles[n - 1]}.`);
    await item.getByRole("button", { name: "Save and next →" }).click();
  }

  // the decision: the conclusions, a rationale that starts from them, and the decision form
  await expect(currentStep(page)).toHaveText("Decision");
  const conclusions = page.getByTestId("debrief-conclusions");
  await expect(conclusions).toContainText("Flag stands until a reference check on incident work.");
  await expect(conclusions).toContainText("Cloud/platform settles at below bar");
  await expect(page.getByTestId("unrevealed")).toHaveCount(0);
  await expect(noemie.getByTestId("debrief-conclusions")).toContainText("Cloud/platform settles at below bar");
  await expect(noemie.getByRole("form", { name: "Record the hiring decision" })).toHaveCount(0);
  const decision = page.getByRole("form", { name: "Record the hiring decision" });
  const rationale = decision.getByLabel("Rationale");
  await expect(rationale).toHaveValue(/Red flags: Flag stands until a reference check on incident work\./);
  await decision.getByRole("radio", { name: /^Hold/ }).check();
  await rationale.fill(
    `${await rationale.inputValue()}\nHold until the reference check on incident handling comes back.`,
  );
  await decision.getByRole("button", { name: "Record decision" }).click();

  // recorded: the review page shows the decision; the debrief is concluded on every screen
  await expect(page).toHaveURL(new RegExp(`${loopUrl}\\?saved=decision`));
  await expect(page.getByTestId("loop-status")).toHaveText("Decided");
  await expect(page.locator("main")).toContainText("Hold until the reference check on incident handling comes back.");
  await expect(noemie.getByTestId("debrief-phase")).toHaveText("Concluded");
  await expect(mateo.getByTestId("debrief-phase")).toHaveText("Concluded");

  // the record: attendance and conclusions, on the debrief page and in the packet's data
  await page.goto(debriefUrl);
  await expect(page.getByTestId("debrief-phase")).toHaveText("Concluded");
  await expect(page.locator("main")).toContainText("Mateo García (panelist), Noémie Dubois (panelist)");
  const packet = (await (await page.request.get(`${loopUrl}/packet.json`)).json()) as {
    loop: { debrief: { attendees: { name: string }[]; items: { title: string; conclusion: string }[] } | null };
  };
  expect(packet.loop.debrief?.attendees.map((a) => a.name).sort()).toEqual(
    ["Mateo García", "Noémie Dubois", "Łukasz Wiśniewski"].sort(),
  );
  expect(packet.loop.debrief?.items[0]).toMatchObject({
    title: "Red flags",
    conclusion: "Flag stands until a reference check on incident work.",
  });

  // reopened (the demo loop goes back to debrief, as the other specs expect it): the debrief can resume
  await page.goto(loopUrl);
  await page.locator("summary", { hasText: "Reopen this decision" }).click();
  await page.getByLabel("Reason for reopening").fill("The reference check came back; the panel meets again.");
  await page.getByRole("button", { name: "Reopen decision" }).click();
  await expect(page.getByTestId("loop-status")).toHaveText("Debrief");
  await page.goto(debriefUrl);
  await expect(page.getByRole("button", { name: "Resume the debrief" })).toBeVisible();
  await expect(page.getByTestId("debrief-conclusions")).toContainText("Cloud/platform settles at below bar");

  for (const p of panelists) await p.context().close();
});
