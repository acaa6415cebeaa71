// The states a link sweep cannot reach, because someone has to act first: the conflict panel of a stale
// second tab, a submitted scorecard and its amend form (with its refusal), the debrief in session, the
// decision recorded (review page and the debrief after it) and a scorecard in the decided loop. Each has
// no serious or critical axe violation at 1366 and 390 px and does not scroll sideways at 390 px.
//
// Named to run last (specs run alphabetically on one database): it records a decision on the demo loop in
// debrief (Ingrid Sørensen) and edits Aisha's draft in the scheduled loop (Siobhán O'Connor), which no
// other spec reads (evidence-lint.spec submits Chen's and Mateo's there).
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";
import { seriousViolations } from "./page-checks";

async function expectClean(page: Page, state: string): Promise<void> {
  expect(await seriousViolations(page, state)).toEqual([]);
}

test.describe("states reached by acting", () => {
  test.describe.configure({ mode: "serial" });

  test("the conflict panel of a stale second tab", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, DEMO.aisha);
    await page.goto("/interviews");
    await page.locator("li", { hasText: "Siobhán O'Connor" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
    const stale = await context.newPage();
    await stale.goto(page.url());
    await expect(stale.getByTestId("save-status")).toBeVisible();
    await page.getByLabel("Summary for the hiring manager").fill("Written in the first tab.");
    await expect(page.getByTestId("save-status")).toContainText(/^Saved \d/);
    await stale.getByLabel("Summary for the hiring manager").fill("Written in the stale tab.");
    await expect(stale.getByTestId("conflict-panel")).toBeVisible();
    await expectClean(stale, "scorecard (conflict panel)");
    await context.close();
  });

  test("a submitted scorecard, its amend form and a refused amendment", async ({ page }) => {
    await login(page, DEMO.mateo);
    await page.goto("/interviews");
    await page.locator("li", { hasText: "Ingrid Sørensen" }).getByRole("link").first().click();
    await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
    await expectClean(page, "scorecard (submitted)");
    await page.getByTestId("amend-link").click();
    await expect(page.getByTestId("amend-notice")).toBeVisible();
    await expectClean(page, "scorecard (amend form)");
    // no reason given: refused inline, nothing written
    await page.getByRole("button", { name: "Submit amendment" }).click();
    await expect(page.locator("#amend-reason")).toHaveAttribute("aria-invalid", "true");
    await expectClean(page, "scorecard (amendment refused)");
  });

  test("the debrief in session, the decision, the debrief after it and a scorecard in the decided loop", async ({
    page,
    browser,
  }) => {
    test.slow();
    await login(page, DEMO.hm1);
    await page.goto("/loops");
    await page.getByRole("link", { name: "Ingrid Sørensen", exact: true }).click();
    await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+$/);
    const loopUrl = new URL(page.url()).pathname;
    // review.spec decides this loop when it runs first: reopen it (back to debrief) to reach the meeting
    await expect(page.getByRole("link", { name: "Download PDF packet" })).toBeVisible();
    const reopen = page.locator("summary", { hasText: "Reopen this decision" });
    if ((await reopen.count()) > 0) {
      await reopen.click();
      await page
        .getByLabel("Reason for reopening")
        .fill("Reopened to walk the debrief screens for the accessibility sweep.");
      await page.getByRole("button", { name: "Reopen decision" }).click();
    }
    await page.getByRole("link", { name: "Debrief meeting" }).click();
    // started by the debrief journey when it ran before this spec, not started when this spec runs alone
    await page.getByRole("button", { name: /^(Start|Resume) the debrief$/ }).click();
    await expect(page.getByTestId("debrief-phase")).toHaveText("In session");
    await expect(page.getByTestId("current-item")).toBeVisible();
    await expectClean(page, "debrief (in session)");
    const reveal = page.getByRole("button", { name: /^Reveal/ });
    if (await reveal.count()) {
      await reveal.first().click();
      await expect(page.getByTestId("revealed-ratings")).toBeVisible();
      await expectClean(page, "debrief (ratings revealed)");
    }

    // the decision from the review page, refused first (no rationale), then recorded
    await page.goto(loopUrl);
    const decision = page.getByRole("form", { name: "Record the hiring decision" });
    await decision.getByRole("radio", { name: /^Hold/ }).check();
    await decision.getByLabel("Rationale").fill("");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(decision.getByLabel("Rationale")).toHaveAttribute("aria-invalid", "true");
    await expectClean(page, "review page (decision refused)");
    await decision
      .getByLabel("Rationale")
      .fill("Hold: the panel wants a reference check on incident handling before an offer; see the debrief notes.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByTestId("loop-status")).toHaveText("Decided");
    await expectClean(page, "review page (decided)");
    await page.goto(`${loopUrl}/debrief`);
    // decided from the review page while the meeting ran: the debrief reads as stopped (as concluded when the
    // decision is recorded from the meeting itself); either way it is the record of a decided loop
    await expect(page.getByTestId("debrief-phase")).toHaveText(/^(Concluded|Stopped)$/);
    await expectClean(page, "debrief (after the decision)");

    // a panelist's submitted scorecard once the loop is decided
    const context = await browser.newContext();
    const panelist = await context.newPage();
    await login(panelist, DEMO.mateo);
    await panelist.goto("/interviews");
    await panelist.locator("li", { hasText: "Ingrid Sørensen" }).getByRole("link").first().click();
    await expect(panelist.getByTestId("scorecard-status")).toBeVisible();
    await expectClean(panelist, "scorecard (in a decided loop)");
    await context.close();
  });
});
