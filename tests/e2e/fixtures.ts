import type { Page } from "@playwright/test";
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
