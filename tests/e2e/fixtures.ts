import type { Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";

export const DEMO_PASSWORD = "archpanel-demo";

export const DEMO = {
  admin: "admin@archpanel.demo",
  recruiter: "recruiter@archpanel.demo",
  hm1: "lukasz@archpanel.demo",
  hm2: "priya@archpanel.demo",
  mateo: "mateo@archpanel.demo",
  sofia: "sofia@archpanel.demo",
  jonas: "jonas@archpanel.demo",
  aisha: "aisha@archpanel.demo",
  chen: "chen@archpanel.demo",
  noemie: "noemie@archpanel.demo",
  tomas: "tomas@archpanel.demo",
} as const;

/** Logs in through the real form and waits for the app shell. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The panel a journey's own v2 loop gets: one panelist per interview of the full template, in order. */
export const FULL_V2_PANEL = ["Noémie Dubois", "Sofia Nakamura", "Mateo García", "Aisha Bello", "Jonas Bergström"];

/**
 * As the recruiter: adds a candidate, creates a full loop on rubric v2 for them (Priya Raman hiring),
 * puts one panelist on each interview and marks it scheduled; logs out and returns the loop's id.
 * Journeys that change a loop make their own this way, so no demo loop or other journey depends on it.
 * `onNewLoopForm` and `beforeScheduling` let a journey check the pages on the way.
 */
export async function createScheduledV2Loop(
  page: Page,
  opts: {
    candidate: string;
    email: string;
    firstInterview: string;
    onNewLoopForm?: (page: Page) => Promise<void>;
    beforeScheduling?: (page: Page) => Promise<void>;
  },
): Promise<string> {
  await login(page, DEMO.recruiter);
  await page.goto("/candidates/new");
  await page.getByLabel("Name").fill(opts.candidate);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page).not.toHaveURL(/\/candidates\/new$/);

  await page.goto("/loops/new");
  const candidateValue = await page.locator("#f-candidateId option", { hasText: opts.candidate }).getAttribute("value");
  await page.getByLabel("Candidate").selectOption(candidateValue!);
  await page.getByLabel("Hiring manager").selectOption({ label: "Priya Raman" });
  await opts.onNewLoopForm?.(page);
  await page.getByLabel("Rubric version", { exact: true }).selectOption({ label: "Lead ML Architect v2" });
  await page.getByLabel("First interview").fill(opts.firstInterview);
  await page.getByRole("button", { name: "Create loop" }).click();
  await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+\/setup\?saved=created/);
  const loopId = /\/loops\/([A-Za-z0-9_-]+)\/setup/.exec(page.url())![1]!;

  const interviews = page.getByTestId("interview");
  await expect(interviews).toHaveCount(FULL_V2_PANEL.length);
  for (const [i, name] of FULL_V2_PANEL.entries()) {
    await interviews.nth(i).getByLabel("Add panelist").selectOption({ label: name });
    await interviews.nth(i).getByRole("button", { name: "Add", exact: true }).click();
    await expect(interviews.nth(i).getByTestId("panelist").filter({ hasText: name })).toBeVisible();
  }
  await opts.beforeScheduling?.(page);
  await page.getByRole("button", { name: "Mark as scheduled" }).click();
  await expect(page.getByTestId("loop-status").first()).toHaveText("Scheduled");
  await logout(page);
  return loopId;
}

/** Resolves once the page is interactive (the root sets the flag after every effect has run). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as { __archpanelHydrated?: boolean }).__archpanelHydrated === true);
}

/**
 * On an open draft scorecard: rates every assessed dimension 3 with the evidence `evidenceOf` gives for
 * its key (and its place), picks the level (v2) and a Hire recommendation. Returns the dimension keys.
 */
export async function rateEveryDimension(
  page: Page,
  evidenceOf: (key: string, index: number) => string,
): Promise<string[]> {
  // the page streams: read the dimensions once the whole form (its submit bar comes last) is there
  await expect(page.getByRole("button", { name: "Submit scorecard" })).toBeVisible();
  const dims = page.locator("section.ratings fieldset.dim:not(details fieldset.dim)");
  const keys = await dims.evaluateAll((els) => els.map((e) => e.getAttribute("data-dimension") ?? ""));
  for (const [i, key] of keys.entries()) {
    const dim = page.locator(`fieldset.dim[data-dimension="${key}"]`);
    await dim.locator("label.seg-3").click();
    await expect(dim.locator('input[type="radio"][value="3"]')).toBeChecked();
    await dim.locator("textarea").fill(evidenceOf(key, i));
  }
  const level = page.getByRole("radio", { name: "Lead", exact: true });
  if ((await level.count()) > 0) await level.check();
  await page.getByRole("radio", { name: "Hire", exact: true }).check();
  return keys;
}

/**
 * As admin on /people, asks to deactivate Chen Wei, the only panelist of Keiko Tanaka's incident drill (demo data),
 * accepting the browser's confirm; returns his row and the question the page asks back (left unanswered: nothing
 * changes).
 */
export async function askToDeactivateOnlyPanelist(page: Page): Promise<{ row: Locator; ask: Locator }> {
  await login(page, DEMO.admin);
  await page.goto("/people");
  const row = page.getByTestId("people-table").locator("tr[data-email='chen@archpanel.demo']");
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Deactivate" }).click();
  return { row, ask: row.getByTestId("deactivate-confirm") };
}

/** As recruiter, clones a published rubric version into a new draft and waits for its editor. */
export async function cloneRubricIntoDraft(page: Page, version: number): Promise<void> {
  await login(page, DEMO.recruiter);
  await page.goto("/rubrics");
  await page
    .getByTestId("rubric-versions")
    .locator(`tr[data-version='${version}']`)
    .getByRole("button", { name: "Clone into draft" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Draft");
}
