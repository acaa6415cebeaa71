// The evidence lint on the live scorecard: a panelist types a remark on a protected characteristic,
// sees the finding under the field, is stopped at submit, keeps one finding as job-related with a
// reason, revises the other, and submits.
//
// Uses Chen's scorecard for Siobhán O'Connor's "Architecture case study" in the demo data (not
// started; no other spec depends on it). The interview is days ahead, so submitting asks first.
import { expect, test } from "@playwright/test";

import { DEMO, login, rateEveryDimension } from "./fixtures";

const CANDIDATE = "Siobhán O'Connor";
const EXERCISE = "Architecture case study";
const CLEAN = "Sized the feature store from the transaction volume and named the p99 budget per hop.";
const GERMAN = "German is her first language, and she ran the whole design review in German with the Munich team.";
const YOUNG = "Young and hungry, drew the serving path with a rule-engine fallback.";
const REASON = "The Munich platform team works in German; fluent business German is a listed requirement.";

test("a panelist is stopped by a protected finding, keeps one with a reason, revises the other and submits", async ({
  page,
}) => {
  await login(page, DEMO.chen);
  await page.goto("/interviews");
  await page.locator("li", { hasText: CANDIDATE }).filter({ hasText: EXERCISE }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");
  const keys = await rateEveryDimension(page, (_, i) => (i === 0 ? GERMAN : i === 1 ? YOUNG : CLEAN));
  expect(keys.length).toBeGreaterThan(2);
  const second = keys[1]!;

  // the findings appear under their fields while typing, one line each, the words marked
  const findings = page.getByTestId("lint-finding");
  await expect(findings.filter({ hasText: "first language" })).toContainText("Blocks submit");
  await expect(findings.filter({ hasText: "Young" })).toContainText("Blocks submit");
  await expect(findings.filter({ hasText: "first language" }).locator("mark")).toHaveText("first language");

  // stopped at submit: the server names the field, nothing is submitted
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  await expect(page.getByTestId("form-message")).toBeVisible();
  await expect(page.locator(`fieldset.dim[data-dimension="${second}"]`)).toContainText(/Young/);
  await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");

  // keep the first-language finding as job-related: too short a reason is refused, then kept
  const german = findings.filter({ hasText: "first language" });
  await german.getByText("It is job-related: keep it…").click();
  await german.getByRole("textbox").fill("travel");
  await german.getByRole("button", { name: "Keep it with this reason" }).click();
  await expect(german.getByRole("alert")).toContainText("at least 20 characters");
  await german.getByRole("textbox").fill(REASON);
  await german.getByRole("button", { name: "Keep it with this reason" }).click();
  await expect(findings.filter({ hasText: "first language" })).toContainText("Kept as job-related");

  // revise the other: the finding goes away
  await page.locator(`fieldset.dim[data-dimension="${second}"] textarea`).fill(CLEAN.replace("Sized", "Estimated"));
  await expect(findings.filter({ hasText: "Young" })).toHaveCount(0);

  await page.getByRole("button", { name: "Submit scorecard" }).click();
  await page.getByRole("button", { name: "Submit anyway" }).click();
  await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
});

// Without JavaScript: the refused page shows the finding and a reason field that travels with the
// next submit. Uses Mateo's scorecard for the same interview (not started; no other spec uses it).
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the refused submit shows the finding; a reason posted with the next submit lets it through", async ({
    page,
  }) => {
    await login(page, DEMO.mateo);
    await page.goto("/interviews");
    await page.locator("li", { hasText: CANDIDATE }).filter({ hasText: EXERCISE }).getByRole("link").first().click();
    await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");
    const keys = await rateEveryDimension(page, (_, i) => (i === 0 ? GERMAN : CLEAN));

    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    expect((await refused).status()).toBe(400);
    const finding = page.getByTestId("lint-finding").filter({ hasText: "first language" });
    await expect(finding).toContainText("Blocks submit");
    await expect(page.locator(`fieldset.dim[data-dimension="${keys[0]}"] textarea`)).toHaveValue(GERMAN);

    await finding.getByText("It is job-related: keep it…").click();
    await finding.getByRole("textbox").fill(REASON);
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    await page.getByRole("button", { name: "Submit anyway" }).click();
    await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
  });
});
