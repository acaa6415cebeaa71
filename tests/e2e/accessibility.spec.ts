// WCAG 2.2 AA sweep: every page a demo account can reach by its links, at laptop and phone widths, has no
// serious or critical axe-core violation and, at 390 px, does not scroll sideways (the phone rule); so do the
// error states of forms. Read-only: it follows links and submits only forms that are refused (the other
// journeys share this database).
import { expect, test, type Page } from "@playwright/test";

import { createScheduledV2Loop, DEMO, login } from "./fixtures";
import { seriousViolations, type Finding } from "./page-checks";

// Downloads, and links that act (log out) or lead to a destructive confirmation page, are not pages to sweep.
const SKIP = /logout|\.(pdf|json|csv|ics)$|\/erase$/;

const shapeOf = (path: string) => path.replace(/\/[A-Za-z0-9_-]{16,}/g, "/:id");
// Pages whose content depends on who looks (an interviewer's and a hiring manager's loop page differ).
const ROLE_VIEWS = new Set(["/", "/interviews", "/dashboard", "/loops", "/loops/:id", "/scorecards/:id", "/compare"]);
// Shapes already swept by an earlier account; shared pages are swept once, which keeps the sweep short.
const sweptShapes = new Set<string>();

/** Follows in-app links breadth-first and sweeps each page shape (same route, other id) once. */
async function sweep(page: Page, start: string): Promise<{ visited: string[]; findings: Finding[] }> {
  const queue = [start];
  const queued = new Set<string>([shapeOf(start)]);
  const visited: string[] = [];
  const findings: Finding[] = [];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    const response = await page.goto(path);
    if (!response || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    await expect(page.locator("main#main")).toBeVisible();
    const shape = shapeOf(path);
    sweptShapes.add(shape);
    visited.push(path);
    findings.push(...(await seriousViolations(page, path)));
    const hrefs = await page.$$eval("a[href^='/']", (links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const next = href.split("#")[0]?.split("?")[0] ?? "";
      const nextShape = shapeOf(next);
      if (!next || SKIP.test(next) || queued.has(nextShape)) continue;
      if (sweptShapes.has(nextShape) && !ROLE_VIEWS.has(nextShape)) continue;
      queued.add(nextShape);
      queue.push(next);
    }
  }
  return { visited, findings };
}

// The order matters: the interviewer and the hiring manager come first so their views of shared routes (the
// loop page, the scorecard) are the ones swept; admin and recruiter then add the configuration pages.
const ACCOUNTS = [
  { role: "interviewer", email: DEMO.mateo, minPages: 3 },
  { role: "hiring manager", email: DEMO.hm1, minPages: 3 },
  { role: "recruiter", email: DEMO.recruiter, minPages: 5 },
  { role: "admin", email: DEMO.admin, minPages: 3 },
] as const;

for (const account of ACCOUNTS) {
  test(`every page the ${account.role} reaches has no serious axe violation, laptop and phone`, async ({ page }) => {
    test.setTimeout(600_000);
    await login(page, account.email);
    const { visited, findings } = await sweep(page, "/");
    expect(visited.length, `pages swept: ${visited.join(", ")}`).toBeGreaterThanOrEqual(account.minPages);
    expect(findings).toEqual([]);
  });
}

test("form error states have no serious axe violation", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  const findings = await seriousViolations(page, "/login (refused)");

  await login(page, DEMO.recruiter);
  await page.goto("/candidates/new");
  await page.locator("form button[type=submit]").last().click();
  await expect(page.locator("[aria-invalid='true']").first()).toBeVisible();
  findings.push(...(await seriousViolations(page, "/candidates/new (errors)")));
  expect(findings).toEqual([]);
});

test("keyboard only: log in and reach the interviews list, with focus always visible", async ({ page }) => {
  await page.goto("/login");
  const focusRing = async () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "none";
      const s = getComputedStyle(el);
      return s.outlineStyle !== "none" && s.outlineWidth !== "0px"
        ? "outline"
        : s.boxShadow !== "none"
          ? "shadow"
          : "none";
    });
  // the email field has the focus on arrival; Shift+Tab reaches the skip link first in the page
  await expect(page.locator(":focus")).toHaveAttribute("name", "email");
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator(":focus")).toHaveText("Skip to content");
  expect(await focusRing()).not.toBe("none");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("name", "email");
  expect(await focusRing()).not.toBe("none");
  await page.keyboard.type(DEMO.mateo);
  await page.keyboard.press("Tab");
  await page.keyboard.type("archpanel-demo");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toBeVisible();
  const link = page.getByRole("link", { name: /interviews/i }).first();
  await link.focus();
  expect(await focusRing()).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/interviews/);
});

/** Tabs forward until the focused element's text matches, checking that every stop shows where the focus is. */
async function tabUntil(page: Page, target: RegExp, maxStops = 150, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  // Tab presses start once the page is interactive (a navigation can replace the document under a key press)
  await page.waitForFunction(() => (window as { __archpanelHydrated?: boolean }).__archpanelHydrated === true);
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press(key);
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body)
        return { text: "", ring: "none", what: `the page itself (focus lost) on ${location.pathname}` };
      const s = getComputedStyle(el);
      const ring =
        s.outlineStyle !== "none" && s.outlineWidth !== "0px" ? "outline" : s.boxShadow !== "none" ? "shadow" : "none";
      // a form field is named by its name attribute here; links and buttons by their text
      const text = (el.getAttribute("aria-label") ?? el.getAttribute("name") ?? el.textContent ?? "")
        .trim()
        .slice(0, 80);
      return { text, ring, what: el.outerHTML.slice(0, 160) };
    });
    expect(stop.ring, `focus is visible on ${stop.what}`).not.toBe("none");
    if (target.test(stop.text)) return;
  }
  throw new Error(`No focus stop matching ${String(target)} within ${maxStops} Tab presses`);
}

/** Follows the focused link with Enter and waits for the new page to take the focus to its main region. */
async function followLink(page: Page, url: RegExp): Promise<void> {
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(url);
  // the link is gone with the old page: focus moves to the new page's main region, not back to the top
  await expect(page.locator("#main")).toBeFocused();
}

async function keyboardLogin(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await expect(page.locator(":focus")).toHaveAttribute("name", "email");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type("archpanel-demo");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toBeVisible();
  // the start page takes the focus to its main region; the navigation is above it
  await expect(page.locator("#main")).toBeFocused();
}

test("keyboard only, hiring manager: from the navigation to a loop's review and its decision form, focus always visible", async ({
  page,
}) => {
  test.slow();
  await keyboardLogin(page, DEMO.hm1);
  await tabUntil(page, /^Loops$/, 20, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/loops$/);
  // the nav link keeps the focus; Tab only once the list has replaced the old page's content
  await expect(page.getByRole("heading", { level: 1, name: "Loops" })).toBeVisible();
  await tabUntil(page, /Ingrid Sørensen/);
  await followLink(page, /\/loops\/[A-Za-z0-9_-]+$/);
  // every stop of the review page up to the decision's outcome choice (read-only: nothing is submitted)
  await tabUntil(page, /^decision$/, 400);
});

test("keyboard only, recruiter: from the navigation to a loop's setup, focus always visible", async ({ page }) => {
  test.slow();
  await keyboardLogin(page, DEMO.recruiter);
  await tabUntil(page, /^Loops$/, 20, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/loops$/);
  // the nav link keeps the focus; Tab only once the list has replaced the old page's content
  await expect(page.getByRole("heading", { level: 1, name: "Loops" })).toBeVisible();
  await tabUntil(page, /^Set up/);
  await followLink(page, /\/setup$/);
  await tabUntil(page, /Add (a )?panelist|Add panelist|^Add$/, 400);
});

test("keyboard only, interviewer: from the interviews list into a scorecard, rate with a key, write evidence; it is saved, focus always visible", async ({
  page,
}) => {
  test.slow();
  // a loop of its own, so the demo drafts other journeys read stay as they are
  await createScheduledV2Loop(page, {
    candidate: "Leilani Kahale",
    email: "leilani.kahale@example.com",
    firstInterview: "2027-04-12T09:00",
  });
  await keyboardLogin(page, DEMO.mateo);
  await tabUntil(page, /^Leilani Kahale — .*: open scorecard$/);
  await followLink(page, /\/scorecards\/[A-Za-z0-9_-]+$/);

  // into the first dimension: Tab reaches its rating group, the key 3 rates it
  await tabUntil(page, /^ratings\..+\.score$/);
  const dimension = page.locator("fieldset.dim").first();
  await expect(dimension.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("3");
  await expect(dimension.locator('input[type="radio"][value="3"]')).toBeChecked();
  await expect(dimension.locator('input[type="radio"][value="3"]')).toBeFocused();

  // on to the same dimension's evidence box, typed into; the autosave stores both
  await tabUntil(page, /^ratings\..+\.evidence$/);
  await expect(dimension.locator("textarea")).toBeFocused();
  const evidence = "Kept the feature store out of the request path and said what a stale read would cost.";
  await page.keyboard.type(evidence);
  // the server has it once its own copy of the page shows it (the autosave is debounced)
  const url = page.url();
  await expect.poll(async () => (await page.request.get(url)).text()).toContain(evidence);
  await expect(page.getByTestId("save-status")).toContainText(/^Saved \d/);

  await page.reload();
  await expect(dimension.locator('input[type="radio"][value="3"]')).toBeChecked();
  await expect(dimension.locator("textarea")).toHaveValue(evidence);
});
