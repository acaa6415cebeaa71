import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";
import { seriousViolations } from "./page-checks";

// Read-only on the demo: Dmitri Volkov's loop is decided (Priya). Tomás Rivera, a trainee, shadowed
// Jonas on the architecture case study: ML system architecture 3, where the panel (Jonas 4, Sofia 3)
// has median 3.5. decision-override.spec runs earlier and re-decides this loop, so nothing here
// depends on which decision stands, only that one does.
const CANDIDATE = "Dmitri Volkov";

interface PacketJson {
  aggregate: {
    dimensions: { key: string; count: number; mean: number | null }[];
    recommendations: { total: number };
    scorecards: { panelistName: string }[];
  };
}

test("a shadow's ratings change nothing the hiring manager sees; after the decision the shadow compares with the panel", async ({
  page,
  browser,
}) => {
  test.slow();
  // the trainee: their scorecard says it is not counted; no feedback, but their comparison after the decision
  await login(page, DEMO.tomas);
  await page.goto("/interviews");
  await page.locator("li", { hasText: CANDIDATE }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
  await expect(page.getByText("not counted", { exact: false }).first()).toBeVisible();
  const loopId = await page.locator("[data-loop-id]").first().getAttribute("data-loop-id");
  expect(loopId).toBeTruthy();
  const loopUrl = `/loops/${loopId}`;
  expect((await page.request.get(loopUrl)).status()).toBe(403);
  expect((await page.request.get(`${loopUrl}/packet.json`)).status()).toBe(403);
  await page.getByRole("link", { name: "Compare with the panel" }).click();
  await expect(page).toHaveURL(/\/compare$/);
  const archRow = page.getByRole("row", { name: /ML system architecture/ });
  await expect(archRow).toContainText("3.50");
  await expect(archRow).toContainText("−0.50");
  // held to the rules of every page: axe-clean at 1366 and 390 px, no sideways scroll on a phone
  expect(await seriousViolations(page, "shadow comparison")).toEqual([]);

  // the hiring manager: the panel's four scorecards, no trace of the trainee
  const context = await browser.newContext();
  const hm = await context.newPage();
  await login(hm, DEMO.hm2);
  await hm.goto(loopUrl);
  await expect(hm.locator("main")).toContainText("Jonas Bergström");
  await expect(hm.locator("main")).not.toContainText("Tomás Rivera");
  const packet = (await (await hm.request.get(`${loopUrl}/packet.json`)).json()) as PacketJson;
  const arch = packet.aggregate.dimensions.find((d) => d.key === "ml_system_architecture");
  // Jonas 4 and Sofia 3: with the trainee's 3 it would be three ratings with a mean of 3.33
  expect(arch).toMatchObject({ count: 2, mean: 3.5 });
  expect(packet.aggregate.recommendations.total).toBe(4);
  expect(packet.aggregate.scorecards.map((s) => s.panelistName)).not.toContain("Tomás Rivera");
  const csv = await (await hm.request.get(`${loopUrl}/ratings.csv`)).text();
  expect(csv).toContain("Jonas");
  expect(csv).not.toContain("Tomás");
  await context.close();

  // the recruiter: the trainee's record, with the threshold stated
  const recruiterContext = await browser.newContext();
  const recruiter = await recruiterContext.newPage();
  await login(recruiter, DEMO.recruiter);
  await recruiter.goto("/people");
  await recruiter.locator("tr", { hasText: "Tomás Rivera" }).getByRole("link", { name: "Shadowing record" }).click();
  await expect(recruiter.getByRole("heading", { level: 1 })).toContainText("Tomás Rivera");
  await expect(recruiter.getByTestId("readiness")).toContainText("Not yet (1 of 3 loops so far");
  expect(await seriousViolations(recruiter, "shadowing record")).toEqual([]);
  await recruiterContext.close();
});
