import { execFileSync } from "node:child_process";
import fs from "node:fs";

import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

// The decided demo loop of Priya (hm2): four scorecards, all Hire or Strong hire. No other spec uses it.
// Reopened and decided No hire, the decision goes against a unanimous hire panel, so it needs a
// written override; the spec leaves it decided (No hire, with the override).
const CANDIDATE = "Dmitri Volkov (Дмитрий Волков)";
const GROUND = "the panel's majority: 4 of 4 recommendations are Hire or Strong hire";
const RATIONALE = "No hire: the role needs a governance owner from day one and that depth was not shown.";
const OVERRIDE =
  "All four panelists recommended hire, but none of them probed model risk tiering; the reference call confirmed " +
  "the candidate has never owned a regulator-facing review, which this role does weekly.";

function waitForHydration(page: Page) {
  return page.waitForFunction(() => (window as { __archpanelHydrated?: boolean }).__archpanelHydrated === true);
}

async function reopen(page: Page, reason: string) {
  await page.locator("summary", { hasText: "Reopen this decision" }).click();
  await page.getByLabel("Reason for reopening").fill(reason);
  await page.getByRole("button", { name: "Reopen decision" }).click();
  await expect(page.getByTestId("loop-status")).toHaveText("Debrief");
}

test("a hiring manager's decision against the panel needs a written override, which the review page and the packet show", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  await login(page, DEMO.hm2);
  await page.goto("/loops");
  await page.getByRole("link", { name: CANDIDATE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Dmitri Volkov");
  const loopPath = new URL(page.url()).pathname;
  await reopen(page, "Reference call raised a question about governance ownership.");

  // without JavaScript: the server refuses the post and re-renders the form with the field, the text intact
  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const plain = await noJs.newPage();
  await login(plain, DEMO.hm2);
  await plain.goto(loopPath);
  await plain.getByLabel(/^No hire/).check();
  await plain.getByLabel("Rationale").fill(RATIONALE);
  const response = plain.waitForResponse((r) => r.request().method() === "POST");
  await plain.getByRole("button", { name: "Record decision" }).click();
  expect((await response).status()).toBe(400);
  await expect(plain.locator("#override-error")).toContainText(`This decision goes against ${GROUND}`);
  await expect(plain.getByLabel("Rationale")).toHaveValue(RATIONALE);
  await expect(plain.getByLabel(/^No hire/)).toBeChecked();
  await expect(plain.getByTestId("override-field")).toContainText(`Against ${GROUND}`);
  await plain.getByLabel("Override", { exact: true }).fill("Decided against the panel, see notes.");
  await plain.getByRole("button", { name: "Record decision" }).click();
  await expect(plain.locator("#override-error")).toContainText("Write at least 80 characters (37 so far)");
  await expect(plain.getByLabel("Override", { exact: true })).toHaveValue("Decided against the panel, see notes.");
  await expect(plain.getByTestId("loop-status")).toHaveText("Debrief");
  await noJs.close();

  // with JavaScript: the field appears as soon as the choice needs it, and only then
  await page.reload();
  await waitForHydration(page);
  const form = page.getByRole("form", { name: "Record the hiring decision" });
  await form.getByRole("radio", { name: /^Hold/ }).check();
  await expect(form.getByTestId("override-field")).toHaveCount(0);
  await form.getByRole("radio", { name: /^No hire/ }).check();
  await expect(form.getByTestId("override-field")).toContainText(`Against ${GROUND}`);
  await form.getByLabel("Rationale").fill(RATIONALE);
  await form.getByLabel("Override", { exact: true }).fill("x".repeat(90));
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.locator("#override-error")).toContainText("in sentences");
  await expect(page.getByTestId("loop-status")).toHaveText("Debrief");
  await form.getByLabel("Override", { exact: true }).fill(OVERRIDE);
  await form.getByRole("button", { name: "Record decision" }).click();

  // the review page shows it beside the decision
  await expect(page.getByTestId("loop-status")).toHaveText("Decided");
  const record = page.getByTestId("decision-override");
  await expect(record).toContainText(`Override of: ${GROUND}`);
  await expect(record).toContainText(OVERRIDE);

  // packet.json carries it, and the PDF prints it on the executive summary and on the decision page
  const json = (await (await page.request.get(`${loopPath}/packet.json`)).json()) as {
    loop: { decision: { decision: string; override: { text: string; grounds: { text: string }[] } } };
  };
  expect(json.loop.decision.decision).toBe("no_hire");
  expect(json.loop.decision.override.text).toBe(OVERRIDE);
  expect(json.loop.decision.override.grounds.map((g) => g.text)).toEqual([GROUND]);

  const pdf = await page.request.get(`${loopPath}/packet.pdf`);
  expect(pdf.status()).toBe(200);
  const file = test.info().outputPath("packet.pdf");
  fs.writeFileSync(file, await pdf.body());
  const pages = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
    .split("\f")
    .map((p) => p.replace(/\s+/g, " "));
  const withOverride = pages.filter((p) => p.includes(`Override of: ${GROUND}`));
  expect(withOverride.some((p) => p.includes("Executive summary"))).toBe(true);
  expect(withOverride.some((p) => p.includes("Decision and calibration"))).toBe(true);
  for (const p of withOverride) expect(p).toContain("No hire (override)");
  expect(pages.join(" ")).toContain(OVERRIDE.replace(/\s+/g, " ").slice(0, 60));
});
