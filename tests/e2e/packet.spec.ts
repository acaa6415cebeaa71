import { execFileSync } from "node:child_process";
import fs from "node:fs";

import { expect, test } from "@playwright/test";

import { DEMO, login } from "./fixtures";

// The demo loop that is fully scored and in debrief; Łukasz (hm1) is its hiring manager.
const CANDIDATE = "Ingrid Sørensen";

test("the hiring manager downloads the PDF packet from the review page", async ({ page }) => {
  await login(page, DEMO.hm1);
  // The comparison table lists the hiring manager's loops in debrief, each linking to its review page.
  await page.goto("/compare");
  await page.getByRole("link", { name: CANDIDATE, exact: true }).first().click();
  await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CANDIDATE);

  const downloadLink = page.getByRole("link", { name: "Download PDF packet" });
  await expect(downloadLink).toHaveAttribute("href", /\/packet\.pdf$/);
  const [download] = await Promise.all([page.waitForEvent("download"), downloadLink.click()]);
  expect(download.suggestedFilename()).toBe("Ingrid Sørensen-packet.pdf");
  expect(await download.failure()).toBeNull();
  const file = test.info().outputPath("packet.pdf");
  await download.saveAs(file);

  const pdf = fs.readFileSync(file);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(text).toContain(CANDIDATE);
  expect(text).toContain("Executive summary");
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0)).toBeGreaterThan(5);
  // the review page is still there: a download does not navigate away
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CANDIDATE);
});
