// Artifacts: a panelist attaches a photo of the candidate's whiteboard to their scorecard (with a
// caption), a wrong file is refused with a reason, they submit; the hiring manager sees the picture
// on the review page and the PDF packet embeds it with its caption.
//
// Makes its own loop (candidate "Ines Okafor") so no demo loop or other journey depends on it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { exifSegment, jpegWith } from "../images";

import { createScheduledV2Loop, DEMO, login, logout } from "./fixtures";

const CANDIDATE = "Ines Okafor";
const DRILL = "Incident scenario drill";
const CAPTION = "Whiteboard: triage flow from alert to rollback, drawn by the candidate";
const EVIDENCE = "Cut the error rate by app version first and rolled back the feature, not the model.";

function createLoop(page: Page): Promise<string> {
  return createScheduledV2Loop(page, {
    candidate: CANDIDATE,
    email: "ines.okafor@example.com",
    firstInterview: "2027-03-08T09:00",
  });
}

test("a panelist attaches a whiteboard photo with a caption and submits; the hiring manager sees it on the review page and in the packet", async ({
  page,
}) => {
  const loopId = await createLoop(page);

  await login(page, DEMO.mateo);
  await page.goto("/interviews");
  await page.locator("li", { hasText: CANDIDATE }).filter({ hasText: DRILL }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);

  const panel = page.locator("#artifacts");
  await expect(panel.getByRole("heading", { name: "What the candidate drew" })).toBeVisible();
  // a file that is not an image is refused by its content, whatever its name says
  await panel.getByLabel("Picture (PNG or JPEG)").setInputFiles({
    name: "board.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<svg onload=alert(1)>"),
  });
  await panel.getByLabel(/^Caption/).fill(CAPTION);
  await panel.getByRole("button", { name: "Attach picture" }).click();
  await expect(panel.getByRole("alert")).toContainText("not a PNG or JPEG");
  await expect(panel.getByLabel(/^Caption/)).toHaveValue(CAPTION);

  // a phone photo with its location in EXIF
  await panel.getByLabel("Picture (PNG or JPEG)").setInputFiles({
    name: "IMG_2041.jpg",
    mimeType: "image/jpeg",
    buffer: jpegWith([exifSegment(1, "GPS-52.2297N")]),
  });
  await panel.getByLabel("Supports (optional)").selectOption({ label: "Observability and reliability" });
  await panel.getByRole("button", { name: "Attach picture" }).click();
  const figure = panel.getByRole("img", { name: CAPTION });
  await expect(figure).toBeVisible();
  await expect.poll(() => figure.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(panel.getByRole("button", { name: /^Remove/ })).toHaveCount(1);

  const rate = async (key: string, score: "2" | "3" | "4") => {
    const dim = page.locator(`fieldset.dim[data-dimension="${key}"]`);
    await dim.locator(`label.seg-${score}`).click();
    await dim.locator("textarea").fill(EVIDENCE);
  };
  await rate("observability_reliability", "3");
  await rate("mlops_lifecycle", "3");
  await rate("communication", "3");
  await page.getByRole("radio", { name: "Lead", exact: true }).check();
  await page.getByRole("radio", { name: "Hire", exact: true }).check();
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  await page.getByRole("button", { name: "Submit anyway" }).click();
  await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
  await page.reload();
  // locked with the scorecard
  await expect(page.locator("#artifacts").getByRole("img", { name: CAPTION })).toBeVisible();
  await expect(page.locator("#artifacts").getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await logout(page);

  await login(page, DEMO.hm2);
  await page.goto(`/loops/${loopId}`);
  const thumbnail = page.getByRole("img", { name: CAPTION });
  await thumbnail.scrollIntoViewIfNeeded();
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const pdf = await page.request.get(`/loops/${loopId}/packet.pdf`);
  expect(pdf.status()).toBe(200);
  const file = test.info().outputPath("packet.pdf");
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  expect(text).toContain("What the candidate drew");
  expect(text).toContain(`Figure 1. ${CAPTION}`);
  const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).trim().split("\n").slice(2);
  expect(images.length).toBe(1);
  expect(fs.readFileSync(file).includes(Buffer.from("GPS-52"))).toBe(false);
});
