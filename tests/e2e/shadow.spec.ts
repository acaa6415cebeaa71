import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

// Read-only on the demo: Dmitri Volkov's loop is decided (Priya, hm2, hired). Tomás Rivera, a trainee,
// shadowed Jonas on the architecture case study and submitted ratings far from nobody's: ML system
// architecture 3 where the panel (Jonas 4, Sofia 3) has median 3.5, Observability 2 against 3 and 4.
const CANDIDATE = "Dmitri Volkov";

interface PacketJson {
  aggregate: {
    dimensions: { key: string; count: number; mean: number | null }[];
    composite: { raw: number | null };
    recommendations: { total: number };
    scorecards: { panelistName: string }[];
  };
}

test("a shadow's ratings change nothing the hiring manager sees; after the decision the shadow compares with the panel", async ({
  page,
  browser,
}) => {
  test.slow();
  // the hiring manager: the panel's four scorecards, no trace of the trainee
  await login(page, DEMO.hm2);
  await page.goto("/loops");
  await page.getByRole("link", { name: CANDIDATE, exact: true }).click();
  await expect(page.locator("main")).toContainText("Jonas Bergström");
  await expect(page.locator("main")).not.toContainText("Tomás Rivera");
  const loopUrl = new URL(page.url()).pathname;
  const packet = (await (await page.request.get(`${loopUrl}/packet.json`)).json()) as PacketJson;
  const arch = packet.aggregate.dimensions.find((d) => d.key === "ml_system_architecture");
  // Jonas 4 and Sofia 3: the trainee's 3 would make it three ratings with a mean of 3.33
  expect(arch).toMatchObject({ count: 2, mean: 3.5 });
  expect(packet.aggregate.recommendations.total).toBe(4);
  expect(packet.aggregate.scorecards.map((s) => s.panelistName)).not.toContain("Tomás Rivera");
  const csv = await (await page.request.get(`${loopUrl}/ratings.csv`)).text();
  expect(csv).not.toContain("Tomás");

  // the trainee: no feedback, but their own comparison once the loop is decided
  const context = await browser.newContext();
  const trainee = await context.newPage();
  await login(trainee, DEMO.tomas);
  expect((await trainee.request.get(loopUrl)).status()).toBe(403);
  await trainee.goto("/interviews");
  await trainee.getByRole("link", { name: new RegExp(`^${CANDIDATE} — Architecture case study`) }).click();
  await expect(trainee.getByText("Shadow · not counted")).toBeVisible();
  await trainee.getByRole("link", { name: "Compare with the panel" }).click();
  const table = trainee.getByTestId("shadow-comparison");
  const archRow = table.getByRole("row", { name: /ML system architecture/ });
  await expect(archRow).toContainText("3.50");
  await expect(archRow).toContainText("−0.50");
  await expect(trainee.getByTestId("shadow-recommendation")).toContainText("they agree");
  await context.close();

  // the recruiter: the trainee's record, with the threshold stated
  const recruiterContext = await browser.newContext();
  const recruiter = await recruiterContext.newPage();
  await login(recruiter, DEMO.recruiter);
  await recruiter.goto("/people");
  await recruiter.getByRole("link", { name: "Shadowing record" }).first().click();
  await expect(recruiter.getByRole("heading", { level: 1 })).toContainText("Tomás Rivera");
  await expect(recruiter.getByTestId("readiness")).toContainText("Not yet (1 of 3 loops so far");
  await expect(recruiter.getByTestId("tracking-summary")).toContainText("100%");
  await recruiterContext.close();
});
