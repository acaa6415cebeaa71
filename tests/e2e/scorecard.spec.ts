// The live scorecard in the room: timer, coverage, quick notes, keyboard rating, reload, offline,
// a second tab merged field by field, a stale one asked, submit with inline errors, and
// independence between two interviewers.
//
// Uses the in-progress loop of the demo data (Rafael Domínguez): the "Incident scenario drill"
// interview today, where Mateo and Jonas are both on the panel and neither has started. Nothing
// else in the demo data depends on those two scorecards.
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

const EXERCISE = "Incident scenario drill";
const CANDIDATE = "Rafael Domínguez";
const EVIDENCE = "Named the drift alert, checked the feature pipeline, then rolled back within ten minutes.";

async function openScorecard(page: Page): Promise<string> {
  await page.goto("/interviews");
  const row = page.locator("li", { hasText: CANDIDATE }).filter({ hasText: EXERCISE });
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(EXERCISE);
  return page.url();
}

function dimension(page: Page, key: string): Locator {
  return page.locator(`fieldset.dim[data-dimension="${key}"]`);
}

/** Rates with the keyboard: focus the dimension's scale, press the digit, Tab to the evidence. */
async function rateWithKeyboard(
  page: Page,
  key: string,
  digit: "1" | "2" | "3" | "4",
  evidence: string,
): Promise<void> {
  const dim = dimension(page, key);
  await dim.locator('input[type="radio"]').first().focus();
  await page.keyboard.press(digit);
  await expect(dim.locator(`input[type="radio"][value="${digit}"]`)).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(dim.locator("textarea")).toBeFocused();
  await page.keyboard.type(evidence);
}

async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toContainText(/^Saved \d/);
}

async function loopIdOf(page: Page): Promise<string> {
  const id = await page.locator("header.sc-header").getAttribute("data-loop-id");
  expect(id).toBeTruthy();
  return id!;
}

// One journey in steps that run in order (serial): each step has its own time budget, so a loaded
// machine slows the journey down without failing it, and a failure names the step that broke.
test.describe("live scorecard", () => {
  test.describe.configure({ mode: "serial" });

  let mateo: BrowserContext;
  let jonas: BrowserContext;
  let page: Page;
  let jp: Page;
  let url: string;
  let jonasUrl: string;
  let loopId: string;
  const summary = () => page.getByLabel("Summary for the hiring manager");

  test.beforeAll(async ({ browser }) => {
    mateo = await browser.newContext();
    jonas = await browser.newContext();
    page = await mateo.newPage();
    jp = await jonas.newPage();
  });

  test.afterAll(async () => {
    await mateo.close();
    await jonas.close();
  });

  test("before anyone submits, the other interviewer sees nothing of the panel", async () => {
    await login(jp, DEMO.jonas);
    jonasUrl = await openScorecard(jp);
    loopId = await loopIdOf(jp);
    const refused = await jp.goto(`/loops/${loopId}`);
    expect([403, 404]).toContain(refused?.status());
  });

  test("an interviewer runs the timer, ticks focus points, takes notes and rates with the keyboard; a reload keeps it all", async () => {
    await login(page, DEMO.mateo);
    url = await openScorecard(page);
    await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");

    // timer
    await page.getByRole("button", { name: "Start timer" }).click();
    await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect(page.getByTestId("timer-elapsed")).not.toHaveText("0:00");

    // focus points
    await page.getByLabel("Detection and observability signals").check();
    await page.getByLabel("Mitigation and rollback choice").check();
    await expect(page.getByTestId("focus-count")).toHaveText("2 of 6");

    // quick notes: Enter adds a note stamped with the minute
    const note = page.getByPlaceholder("Type a note, Enter to add");
    await note.fill("Asked for the drift dashboard before anything else");
    await note.press("Enter");
    await note.fill("Rolled back first, investigated second");
    await note.press("Enter");
    await expect(note).toHaveValue("");
    await expect(page.getByTestId("note-list").locator("li")).toHaveCount(2);
    await expect(page.getByTestId("note-list")).toContainText("0′");

    // keyboard rating
    await rateWithKeyboard(page, "observability_reliability", "4", EVIDENCE);
    await rateWithKeyboard(page, "mlops_lifecycle", "3", EVIDENCE);
    await expectSaved(page);

    // reload: everything is still there (server-side), the timer keeps running
    await page.reload();
    await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect(page.getByTestId("focus-count")).toHaveText("2 of 6");
    await expect(page.getByLabel("Detection and observability signals")).toBeChecked();
    await expect(page.getByTestId("note-list").locator("li")).toHaveCount(2);
    await expect(dimension(page, "observability_reliability").locator('input[value="4"]')).toBeChecked();
    await expect(dimension(page, "mlops_lifecycle").locator('input[value="3"]')).toBeChecked();
    await expect(dimension(page, "mlops_lifecycle").locator("textarea")).toHaveValue(EVIDENCE);
    await expect(page.getByTestId("progress")).toContainText("2/4 rated");
  });

  test("offline, the edits stay on this device; back online they are saved", async () => {
    await mateo.setOffline(true);
    await summary().fill("Calm under pressure; wrote a clear status update for the business.");
    await expect(page.getByTestId("save-status")).toHaveText("Offline — kept on this device");
    await mateo.setOffline(false);
    await expectSaved(page);
    await page.reload();
    await expect(summary()).toHaveValue("Calm under pressure; wrote a clear status update for the business.");
  });

  test("a second tab merges changes made elsewhere field by field, and asks only about a field both changed", async () => {
    // tab B changes one evidence field while tab A changed the summary: both survive, nobody is asked
    const other = await mateo.newPage();
    await other.goto(url);
    await expect(other.getByTestId("save-status")).toBeVisible();
    await summary().fill("Calm under pressure; edited in the first tab.");
    await expectSaved(page);
    const otherEvidence = "Wrote the incident timeline in the second tab.";
    await dimension(other, "communication").locator("textarea").fill(otherEvidence);
    await expect(other.getByTestId("merged-notice")).toBeVisible();
    await expectSaved(other);
    await expect(other.getByTestId("conflict-panel")).toHaveCount(0);
    await expect(other.getByLabel("Summary for the hiring manager")).toHaveValue(
      "Calm under pressure; edited in the first tab.",
    );
    await other.close();
    await page.reload();
    await expect(summary()).toHaveValue("Calm under pressure; edited in the first tab.");
    await expect(dimension(page, "communication").locator("textarea")).toHaveValue(otherEvidence);

    // a stale tab that changes the same field gets asked, side by side, never a silent overwrite
    const stale = await mateo.newPage();
    await stale.goto(url);
    await expect(stale.getByTestId("save-status")).toBeVisible();
    await summary().fill("Calm under pressure; edited again in the first tab.");
    await expectSaved(page);
    await stale.getByLabel("Summary for the hiring manager").fill("Written in the stale tab.");
    const panel = stale.getByTestId("conflict-panel");
    await expect(panel).toBeVisible();
    await expect(stale.getByTestId("save-status")).toHaveText("Conflict");
    await expect(panel).toContainText("Written in the stale tab.");
    await expect(panel).toContainText("Calm under pressure; edited again in the first tab.");
    await stale.getByRole("button", { name: "Take the server's copy" }).click();
    await expect(panel).toBeHidden();
    await expect(stale.getByLabel("Summary for the hiring manager")).toHaveValue(
      "Calm under pressure; edited again in the first tab.",
    );
    await stale.close();
  });

  test("a submit with missing fields shows inline errors and loses nothing; completed, it submits and locks", async () => {
    await page.reload();
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    await expect(page.getByTestId("form-message")).toContainText("to fix before submitting");
    await expect(dimension(page, "communication")).toContainText("Rate this dimension 1–4, or mark it Not assessed.");
    await expect(page.locator("#f-recommendation-error")).toHaveText("Choose an overall recommendation.");
    await expect(summary()).toHaveValue("Calm under pressure; edited again in the first tab.");
    await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");

    // fix and submit
    await rateWithKeyboard(page, "communication", "3", EVIDENCE);
    await rateWithKeyboard(page, "leadership_enablement", "3", EVIDENCE);
    await page.getByRole("radio", { name: "Hire", exact: true }).check();
    await expect(page.getByTestId("progress")).toHaveText("4/4 rated · ready to submit");
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
    await expect(page.getByTestId("amend-link")).toBeVisible();
    await expect(summary()).toBeDisabled();
    await expect(page.getByLabel("Detection and observability signals")).toBeDisabled();
  });

  test("the other interviewer sees the panel's feedback only after submitting his own", async () => {
    const stillRefused = await jp.goto(`/loops/${loopId}`);
    expect([403, 404]).toContain(stillRefused?.status());
    await jp.goto(jonasUrl);
    for (const key of ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"]) {
      await rateWithKeyboard(jp, key, "3", "Solid, structured answers with concrete timings and owners.");
    }
    await jp.getByRole("radio", { name: "No hire", exact: true }).check();
    await jp.getByRole("button", { name: "Submit scorecard" }).click();
    await expect(jp.getByTestId("scorecard-status")).toHaveText("Submitted");
    const allowed = await jp.goto(`/loops/${loopId}`);
    expect(allowed?.status()).toBe(200);
    await expect(jp.locator("main")).toContainText("Mateo García");
  });
});
