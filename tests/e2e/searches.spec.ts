import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO, login, logout } from "./fixtures";

// Its own search and candidate (no other spec uses them); the comparison reads the demo's ML Platform
// search, whose hiring manager is Łukasz: Ingrid Sørensen (his loop) and Dmitri Volkov (Priya's loop).
const SEARCH = "Lead ML Architect — Edge inference (searches spec)";
const CANDIDATE = "Saoirse Ní Bhriain";
const DEMO_SEARCH = "Lead ML Architect — ML Platform";

test("a recruiter opens a search and creates a loop in it; the hiring manager compares the search's candidates", async ({
  page,
}) => {
  await login(page, DEMO.recruiter);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Searches", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Searches", level: 1 })).toBeVisible();
  await expect(page.getByTestId("search-table").getByRole("row", { name: new RegExp(DEMO_SEARCH) })).toContainText(
    "Łukasz Wiśniewski",
  );

  // an empty form is refused beside the field; then the search opens
  await page.getByRole("button", { name: "Open search" }).click();
  await expect(page.locator("#f-title-error")).toBeVisible();
  await page.getByLabel("Title").fill(SEARCH);
  await page.getByLabel("Rubric", { exact: true }).selectOption({ label: "Lead ML Architect" });
  await page.getByLabel("Hiring manager").selectOption({ label: "Łukasz Wiśniewski" });
  await page.getByLabel("Headcount").fill("1");
  await page.getByRole("button", { name: "Open search" }).click();
  await expect(page).toHaveURL(/\/searches\/[A-Za-z0-9_-]+\?saved=created/);
  await expect(page.getByRole("heading", { name: SEARCH, level: 1 })).toBeVisible();
  await expect(page.getByTestId("search-facts")).toContainText("Open");
  await expect(page.getByText("No loop in this search yet.")).toBeVisible();
  const searchUrl = page.url().replace(/\?.*$/, "");

  // a candidate of its own, and a loop in the search (the search and its hiring manager come preselected)
  await page.goto("/candidates/new");
  await page.getByLabel("Name").fill(CANDIDATE);
  await page.getByLabel("Email").fill("saoirse.nibhriain@example.com");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page).not.toHaveURL(/\/candidates\/new$/);
  await page.goto(searchUrl);
  await page.getByRole("link", { name: "New loop in this search" }).click();
  await expect(page.getByRole("heading", { name: "New loop" })).toBeVisible();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(searchUrl.split("/").at(-1)!);
  const candidateValue = await page.locator("#f-candidateId option", { hasText: CANDIDATE }).getAttribute("value");
  await page.getByLabel("Candidate").selectOption(candidateValue!);
  await page.getByRole("button", { name: "Create loop" }).click();
  await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+\/setup\?saved=created/);

  await page.goto(searchUrl);
  const row = page.getByTestId("search-loops").getByRole("row", { name: new RegExp(CANDIDATE) });
  await expect(row).toContainText("Planning");
  await expect(page.getByText("1 candidate · 0 decided")).toBeVisible();

  // closed, the search takes no new loops
  await page.getByRole("button", { name: "Close search" }).click();
  await expect(page.getByText("Search closed")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen search" })).toBeVisible();
  await page.goto("/loops/new");
  await expect(page.locator("#f-searchId option", { hasText: SEARCH })).toHaveCount(0);
  await logout(page);

  // the search's hiring manager compares its candidates, his own loop's and Priya's, on one rubric version
  await login(page, DEMO.hm1);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare", exact: true }).click();
  await pickSearch(page, DEMO_SEARCH);
  await expect(page.getByTestId("compare-version")).toContainText("Lead ML Architect v1");
  const rows = page.getByTestId("compare-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Ingrid Sørensen" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Dmitri Volkov" })).toHaveCount(1);
  await logout(page);

  // Priya manages Dmitri's loop only: the same search shows her that one candidate
  await login(page, DEMO.hm2);
  await page.goto("/compare");
  await pickSearch(page, DEMO_SEARCH);
  await expect(page.getByTestId("compare-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("compare-table")).toContainText("Dmitri Volkov");
  await expect(page.getByTestId("compare-table")).not.toContainText("Ingrid Sørensen");
});

/** Picks a search on /compare by its title (options also carry a candidate count) and waits for it. */
async function pickSearch(page: Page, title: string): Promise<void> {
  const picker = page.getByLabel("Search", { exact: true });
  const value = await picker.locator("option", { hasText: title }).getAttribute("value");
  await picker.selectOption(value!);
  await expect(page).toHaveURL(new RegExp(`search=${value!}`));
  await expect(picker.locator("option:checked")).toContainText(title);
}
