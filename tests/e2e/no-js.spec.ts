// Forms work without JavaScript (progressive enhancement): plain POSTs, errors re-rendered with the
// user's text intact. Runs with JavaScript disabled in the browser.
import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("without JavaScript, an invited member sets a password through the one-time link", async ({
  page,
  browser,
  baseURL,
}) => {
  await login(page, DEMO.admin);
  await page.goto("/people");
  await page.getByLabel("Name").fill("Åsa Ekström");
  await page.getByLabel("Email").fill("asa.ekstrom@example.com");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const link = ((await page.getByTestId("password-link").locator("code").textContent()) ?? "").trim();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]+$/);

  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const invited = await context.newPage();
  await invited.goto(link);
  await invited.getByLabel("New password").fill("short");
  await invited.getByLabel("Repeat the password").fill("short");
  await invited.getByRole("button", { name: "Set password and log in" }).click();
  await expect(invited.getByText("Use at least 10 characters")).toBeVisible();

  await invited.getByLabel("New password").fill("a sturdy passphrase");
  await invited.getByLabel("Repeat the password").fill("a sturdy passphrase");
  await invited.getByRole("button", { name: "Set password and log in" }).click();
  await expect(invited.getByTestId("current-user")).toHaveText("Åsa Ekström");
  await context.close();
});

test("without JavaScript, a too-short decision rationale comes back with the text and the choice kept", async ({
  page,
}) => {
  await login(page, DEMO.hm1);
  await page.goto("/loops");
  await page.getByRole("link", { name: "Ingrid Sørensen" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ingrid Sørensen");

  await page.getByLabel(/^Hold/).check();
  await page.getByLabel("Rationale").fill("Wait — Zoë 👩‍💻");
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Record decision" }).click();
  expect((await response).status()).toBe(400);

  await expect(page.getByText(/Write at least 20 characters/)).toBeVisible();
  await expect(page.getByLabel("Rationale")).toHaveValue("Wait — Zoë 👩‍💻");
  await expect(page.getByLabel(/^Hold/)).toBeChecked();
  await expect(page.getByTestId("loop-status")).toHaveText("Debrief");
});

test("without JavaScript, a refused submit lists what to fix at the top, each linking to its field", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, DEMO.mateo);
  await page.goto("/interviews");
  // Mateo's half-rated draft on Rafael's architecture case study (two of five dimensions rated)
  const row = page.locator("li", { hasText: "Rafael Domínguez" }).filter({ hasText: "Architecture case study" });
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
  await page.getByLabel("Summary for the hiring manager").fill("Kept as typed — Zoë 👩‍💻");

  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  expect((await response).status()).toBe(400);

  // the summary is at the top of the page, in view without scrolling
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeInViewport();
  await expect(summary).toContainText("to fix");
  const toRecommendation = summary.getByRole("link", { name: "Overall recommendation" });
  await expect(toRecommendation).toBeVisible();
  await expect(summary.getByRole("link", { name: /^Rating · / }).first()).toBeVisible();
  await expect(page.getByTestId("form-message")).toContainText("see the list at the top");

  // a link brings its field into view; nothing typed was lost, nothing was submitted
  await toRecommendation.click();
  await expect(page).toHaveURL(/#f-recommendation$/);
  await expect(page.locator("#f-recommendation")).toBeInViewport();
  await expect(page.getByLabel("Summary for the hiring manager")).toHaveValue("Kept as typed — Zoë 👩‍💻");
  await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");
});
