import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

test("a recruiter creates a loop from the template, assigns panelists, fixes a coverage gap and schedules it", async ({
  page,
}) => {
  await login(page, DEMO.recruiter);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // a new candidate (every demo candidate already has a loop)
  await page.goto("/candidates/new");
  await page.getByLabel("Name").fill("Tomás Ferreira");
  await page.getByLabel("Email").fill("tomas.ferreira@example.com");
  await page.getByLabel("Current title").fill("Staff ML Engineer, Lumen");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page).not.toHaveURL(/\/candidates\/new$/);

  // the loop, from the default template
  await page.goto("/loops");
  await page.getByRole("link", { name: "New loop" }).click();
  await expect(page.getByRole("heading", { name: "New loop" })).toBeVisible();
  // submitting empty shows inline errors without losing the page
  await page.getByRole("button", { name: "Create loop" }).click();
  await expect(page.locator("#f-candidateId-error")).toBeVisible();
  const candidateValue = await page
    .locator("#f-candidateId option", { hasText: "Tomás Ferreira" })
    .getAttribute("value");
  await page.getByLabel("Candidate").selectOption(candidateValue!);
  await page.getByLabel("Hiring manager").selectOption({ label: "Priya Raman" });
  // the template's four v1 interviews (a v2 loop, with five, is walked in scorecard-v2.spec.ts)
  await page.getByLabel("Rubric version", { exact: true }).selectOption({ label: "Lead ML Architect v1" });
  await expect(page.getByLabel("Lead ML Architect — full loop")).toBeChecked();
  await page.getByLabel("First interview").fill("2027-01-11T09:00");
  await page.getByRole("button", { name: "Create loop" }).click();

  await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+\/setup\?saved=created/);
  await expect(page.getByRole("heading", { name: /Set up the loop of Tomás Ferreira/ })).toBeVisible();
  await expect(page.getByTestId("loop-status").first()).toHaveText("Planning");
  const interviews = page.getByTestId("interview");
  await expect(interviews).toHaveCount(4);

  // nobody is on the panel yet: scheduling is blocked, and the page says why
  const schedule = page.getByRole("button", { name: "Mark as scheduled" });
  await expect(schedule).toBeDisabled();
  await expect(page.getByTestId("schedule-blockers")).toContainText("Nobody on the panel assesses");

  async function addPanelist(index: number, name: string) {
    const card = interviews.nth(index);
    await card.getByLabel("Add panelist").selectOption({ label: name });
    await card.getByRole("button", { name: "Add", exact: true }).click();
    await expect(interviews.nth(index).getByTestId("panelist").filter({ hasText: name })).toBeVisible();
  }

  // a change typed but not saved yet survives saving another form
  await interviews.nth(3).getByLabel("Minutes").fill("50");

  // one panelist on the first interview only: a coverage gap remains
  await addPanelist(0, "Mateo García");
  await expect(interviews.nth(3).getByLabel("Minutes")).toHaveValue("50");
  await expect(page.getByTestId("coverage-warnings")).toContainText("Nobody assesses “MLOps and lifecycle”");
  await expect(page.getByTestId("coverage-matrix").locator('tr[data-dimension="mlops_lifecycle"]')).toContainText(
    "no panelist",
  );
  await expect(schedule).toBeDisabled();

  // fix it: a panel on every interview, two people on the first
  await addPanelist(1, "Sofia Nakamura");
  await addPanelist(2, "Jonas Bergström");
  await addPanelist(3, "Aisha Bello");
  await addPanelist(0, "Noémie Dubois");
  await expect(page.getByTestId("coverage-ok")).toBeVisible();
  await expect(page.getByText("Nobody assesses")).toHaveCount(0);
  await expect(page.getByTestId("schedule-blockers")).toHaveCount(0);
  await expect(page.getByTestId("coverage-matrix").locator('tr[data-dimension="mlops_lifecycle"]')).toContainText(
    "Sofia Nakamura",
  );

  // weights that do not add up are refused inline, nothing typed lost (the section opens on demand)
  await page.getByTestId("weights-section").locator("summary").click();
  await page.getByLabel("Custom").check();
  await page.getByLabel("ML system architecture").fill("50");
  await page.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByTestId("weights-error")).toContainText("must add up to 100%");
  await expect(page.getByLabel("ML system architecture")).toHaveValue("50");
  await page.getByLabel("Equal weights").check();
  await page.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByRole("status")).toContainText("Weights saved.");

  // removing an interview that has a panel asks first; dismissing keeps it
  page.once("dialog", (dialog) => void dialog.dismiss());
  await page.getByRole("button", { name: "Remove the Tooling evaluation discussion interview" }).click();
  await expect(interviews).toHaveCount(4);

  // reorder: the second interview moves up
  await page.getByRole("button", { name: "Move MLOps pipeline design up" }).click();
  await expect(interviews.nth(0).getByRole("heading", { level: 3 })).toHaveText("1. MLOps pipeline design");
  await expect(page.getByTestId("out-of-order")).toBeVisible();
  await page.getByRole("button", { name: "Move MLOps pipeline design down" }).click();
  await expect(interviews.nth(0).getByRole("heading", { level: 3 })).toHaveText("1. Architecture case study");
  await expect(page.getByTestId("out-of-order")).toHaveCount(0);

  // schedule it
  await page.getByRole("button", { name: "Mark as scheduled" }).click();
  await expect(page.getByRole("status")).toContainText("Status changed.");
  await expect(page.getByTestId("loop-status").first()).toHaveText("Scheduled");

  // the calendar has the four interviews with their panels
  const href = await page.getByRole("link", { name: "Download calendar (.ics)" }).getAttribute("href");
  const ics = await page.request.get(href!);
  expect(ics.status()).toBe(200);
  const text = await ics.text();
  expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(4);
  expect(text.replace(/\r\n /g, "")).toContain("mailto:sofia@archpanel.demo");

  // and the loop list shows it
  await page.goto("/loops?status=scheduled");
  await expect(page.getByTestId("loop-table")).toContainText("Tomás Ferreira");
});

test("the demo planning loop shows its coverage warning, and members cannot open setup", async ({ page }) => {
  await login(page, DEMO.recruiter);
  await page.goto("/loops?status=planning");
  await page.getByRole("link", { name: "Set up the loop of Keiko Tanaka" }).click();
  await expect(page.getByTestId("coverage-warnings")).toContainText(
    "Tooling evaluation discussion interview has no panelist",
  );
  const setupUrl = page.url();
  await page.getByRole("button", { name: "Log out" }).click();

  await login(page, DEMO.hm1);
  const res = await page.goto(setupUrl);
  expect(res?.status()).toBe(403);
  await page.goto("/loops");
  await expect(page.getByRole("link", { name: "New loop" })).toHaveCount(0);
});

test("moving a loop to debrief with scorecards outstanding asks first; not confirming changes nothing", async ({
  page,
}) => {
  await login(page, DEMO.recruiter);
  await page.goto("/loops?status=in_progress");
  await page.getByRole("link", { name: "Set up the loop of Rafael Domínguez" }).click();
  await page.getByRole("button", { name: "Move to debrief" }).click();
  const ask = page.getByTestId("status-confirm");
  await expect(ask).toContainText(/\d of \d+ scorecards are not submitted yet/);
  await expect(ask.getByRole("button", { name: "Move to debrief anyway" })).toBeVisible();
  // the question is all that happened: the loop is still in progress
  await page.reload();
  await expect(page.getByTestId("status-confirm")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 }).getByTestId("loop-status")).toHaveText("In progress");
  await expect(page.getByRole("button", { name: "Move to debrief" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the setup forms work as plain HTML and keep what was typed on errors", async ({ page }) => {
    await login(page, DEMO.recruiter);
    await page.goto("/candidates/new");
    await page.getByLabel("Name").fill("Ana Lima");
    await page.getByRole("button", { name: "Add candidate" }).click();

    await page.goto("/loops/new");
    await page.getByLabel("First interview").fill("2027-02-01T10:00");
    await page.getByRole("button", { name: "Create loop" }).click();
    await expect(page.locator("#f-candidateId-error")).toHaveText("Choose a candidate");
    await expect(page.getByLabel("First interview")).toHaveValue("2027-02-01T10:00");
    const value = await page.locator("#f-candidateId option", { hasText: "Ana Lima" }).getAttribute("value");
    await page.getByLabel("Candidate").selectOption(value!);
    await page.getByLabel("Hiring manager").selectOption({ label: "Łukasz Wiśniewski" });
    await page.getByRole("button", { name: "Create loop" }).click();
    await expect(page).toHaveURL(/\/setup\?saved=created/);

    const card = page.getByTestId("interview").nth(2);
    await card.getByLabel("Add panelist").selectOption({ label: "Chen Wei (陈伟)" });
    await card.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Panelist added.");
    await expect(page.getByTestId("interview").nth(2).getByTestId("panelist")).toContainText("Chen Wei");

    await page.getByTestId("weights-section").locator("summary").click();
    await page.getByLabel("Custom").check();
    await page.getByLabel("Communication").fill("40");
    await page.getByRole("button", { name: "Save weights" }).click();
    await expect(page.getByTestId("weights-error")).toContainText("must add up to 100%");
    await expect(page.getByLabel("Communication")).toHaveValue("40");
    await expect(page.getByLabel("Custom")).toBeChecked();

    const second = page.getByTestId("interview").nth(1);
    await second.getByLabel("Minutes").fill("2");
    await second.getByRole("button", { name: "Save interview" }).click();
    await expect(page.getByTestId("interview").nth(1).getByText("At least 5 minutes")).toBeVisible();
    await expect(page.getByTestId("interview").nth(1).getByLabel("Minutes")).toHaveValue("2");

    // scheduling stays refused while dimensions are unassessed
    await expect(page.getByRole("button", { name: "Mark as scheduled" })).toBeDisabled();
  });
});

test("the dashboard lists overdue scorecards with a reminder to copy, and the threshold is a setting", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await login(page, DEMO.recruiter);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("loop-counts")).toContainText("Planning");
  await expect(page.getByTestId("week-interviews")).toBeVisible();

  const mateo = page.getByTestId("overdue-panelist").filter({ hasText: "Mateo García" });
  await expect(mateo).toContainText("Rafael Domínguez — Architecture case study");
  await mateo.getByRole("button", { name: "Copy reminder" }).click();
  await expect(mateo.getByRole("button", { name: "Copied ✓" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Hi Mateo,/);
  expect(copied).toContain("Rafael Domínguez");
  expect(copied).toContain("Zoë Lefèvre");

  // a longer threshold: nothing is overdue any more
  await page.getByLabel("Overdue after (hours)").fill("720");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  await expect(page.getByTestId("overdue")).toContainText("No scorecard is overdue.");
  // back to the default for the other tests
  await page.getByLabel("Overdue after (hours)").fill("24");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("overdue-panelist").filter({ hasText: "Mateo García" })).toBeVisible();
});
