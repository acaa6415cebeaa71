import { expect, test } from "@playwright/test";

import { DEMO, login, logout } from "./fixtures";

const navByRole: { email: string; role: string; links: string[]; absent: string[] }[] = [
  {
    email: DEMO.admin,
    role: "admin",
    links: ["Dashboard", "Loops", "Candidates", "Rubrics", "People", "My interviews"],
    absent: [],
  },
  {
    email: DEMO.recruiter,
    role: "recruiter",
    links: ["Dashboard", "Loops", "Candidates", "Rubrics", "People"],
    absent: ["My interviews"],
  },
  {
    email: DEMO.hm1,
    role: "member",
    links: ["My interviews", "Loops"],
    absent: ["Candidates", "Rubrics", "People", "Dashboard"],
  },
  { email: DEMO.mateo, role: "member", links: ["My interviews", "Loops"], absent: ["Candidates", "People"] },
];

for (const who of navByRole) {
  test(`${who.role} ${who.email} logs in, sees the right navigation, logs out`, async ({ page }) => {
    await login(page, who.email);
    await expect(page.getByTestId("current-role")).toHaveText(who.role);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of who.links) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of who.absent) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    await logout(page);
    // the session is revoked: a protected page sends us back to the login form
    await page.goto("/loops");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Floops/);
  });
}

test("a wrong password gives a clear, generic error and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.recruiter);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match an active account");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.recruiter);
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("an empty form shows field errors without a round trip to a 500", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});
