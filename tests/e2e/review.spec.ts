import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

// The fully scored demo loop (every panelist submitted, a disagreement, a dealbreaker red flag).
const CANDIDATE = "Ingrid Sørensen";

test("a hiring manager reviews the fully scored loop, sees the agenda and records a decision", async ({ page }) => {
  await login(page, DEMO.hm1);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Loops", exact: true }).click();
  await expect(page).toHaveURL(/\/loops$/);
  await page.getByRole("link", { name: CANDIDATE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CANDIDATE);

  // the debrief agenda leads with the dealbreaker, then the disagreements
  const agenda = page.getByTestId("debrief-agenda");
  const items = agenda.locator("li");
  await expect(items.first()).toContainText("Dealbreaker");
  await expect(items.first()).toContainText("production incident");
  await expect(agenda.getByText("Disagreement").first()).toBeVisible();
  await expect(agenda).toContainText("Cloud/platform engineering");

  // the decision needs a rationale: an empty one is refused inline, the choice is kept
  const decision = page.getByRole("form", { name: "Record the hiring decision" });
  await decision.getByRole("radio", { name: /^Hire/ }).check();
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(decision.locator("#rationale-error")).toBeVisible();
  await expect(decision.getByRole("radio", { name: /^Hire/ })).toBeChecked();

  const rationale =
    "The panel resolved the incident-handling flag: Sofia's follow-up covered two real rollbacks she led. " +
    "Cloud/platform split settled at meets bar after reviewing the cost model evidence.";
  await decision.getByLabel("Rationale").fill(rationale);
  // a Hire over the open dealbreaker is an override: it needs its own written reason (decision-override.spec.ts)
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(decision.locator("#override-error")).toContainText("This decision goes against open dealbreaker");
  await decision
    .getByLabel("Override", { exact: true })
    .fill(
      "The dealbreaker rested on post-mortems read rather than run; Sofia's follow-up and the references showed two " +
        "rollbacks the candidate led.",
    );
  await decision.getByRole("button", { name: "Record decision" }).click();

  await expect(page.getByText("Decided", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("decision-override")).toContainText("Override of: open dealbreaker");
  await expect(page.locator("main")).toContainText("Sofia's follow-up covered two real rollbacks she led.");

  // the loop list shows the decision too
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Loops", exact: true }).click();
  await expect(page).toHaveURL(/\/loops$/);
  const row = page.getByRole("row", { name: new RegExp(CANDIDATE) });
  await expect(row).toContainText("Decided");
  await expect(row).toContainText("Hire");
});
