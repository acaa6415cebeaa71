// Rubric v2 in the room: a loop made from the template uses v2; its interviewer sees the phases in
// the timer, ticks core probes, gets a scripted reveal at its minute, rates with the anchor of each
// scale point, gives a level signal and submits; the review page and the PDF packet show the probes
// asked (and by whom) and the decision rule's outcome.
//
// Makes its own loop (candidate "Hana Kowalczyk") so the demo loops, which stay on v1, are untouched.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { createScheduledV2Loop, DEMO, login, logout } from "./fixtures";

const CANDIDATE = "Hana Kowalczyk";
const DRILL = "Incident scenario drill";
const EVIDENCE = "Asked for the segment cut by app version and fixed the feature at the source, not by retraining.";

function createV2Loop(page: Page): Promise<string> {
  return createScheduledV2Loop(page, {
    candidate: CANDIDATE,
    email: "hana.kowalczyk@example.com",
    firstInterview: "2027-02-08T09:00",
    // the newest published version is the default (journeys that ran before may have published v3, v4
    // from v1); this journey is about the shipped v2
    onNewLoopForm: async (form) => {
      const versionSelect = form.getByLabel("Rubric version", { exact: true });
      const labels = await versionSelect.locator("option").allTextContents();
      const numberOf = (label: string) => Number(/ v(\d+)$/.exec(label)?.[1] ?? 0);
      const newest = labels.reduce((x, y) => (numberOf(y) > numberOf(x) ? y : x));
      expect(numberOf(newest)).toBeGreaterThanOrEqual(2);
      await expect(versionSelect.locator("option:checked")).toHaveText(newest);
    },
    // v2 adds a behavioural session on influence and leadership; every dimension is covered
    beforeScheduling: async (setup) => {
      await expect(setup.getByTestId("interview").nth(2)).toContainText(DRILL);
      await expect(setup.getByTestId("coverage-ok")).toBeVisible();
    },
  });
}

test("an interviewer on a v2 loop follows the phases, ticks probes, gets a reveal on time, rates with per-point anchors and submits; review and packet show probes asked and the decision rule", async ({
  page,
}) => {
  const loopId = await createV2Loop(page);

  // the clock is faked so the test can jump to the drill's first reveal (minute 5)
  await page.clock.install();
  await login(page, DEMO.mateo);
  await page.goto("/interviews");
  await page.locator("li", { hasText: CANDIDATE }).filter({ hasText: DRILL }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(DRILL);

  // phases in the timer, context card, script waiting for the timer
  const timeline = page.getByTestId("phase-timeline");
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole("listitem")).toHaveCount(4);
  await expect(page.getByTestId("current-phase")).toContainText("Brief and context card");
  await expect(page.getByTestId("context-card")).toContainText("2 million sessions a day");
  const script = page.getByTestId("reveal-script");
  await expect(script).toContainText("once you start the timer");
  await expect(script.locator("[data-reveal]")).toHaveCount(0);

  await page.getByRole("button", { name: "Start timer" }).click();
  await expect(script).toContainText("Nothing to reveal yet.");
  await expect(page.getByTestId("next-reveal")).toHaveText("Next reveal at 5′.");

  // core probes first; look-fors on demand; ticks counted
  const probes = page.getByTestId("probe-checklist");
  await expect(probes.locator("li.probe").first()).toHaveClass(/core/);
  const firstLookFor = probes.locator("li.probe").first().locator("details.look-for");
  await expect(firstLookFor.locator("p")).toBeHidden();
  await firstLookFor.locator("summary").click();
  await expect(firstLookFor.locator("p")).toBeVisible();
  await page.getByLabel("Before we show you anything: what do you look at first, and in what order?").check();
  await page.getByLabel("Answer the VP's message. What do you do right now, and what do you tell them?").check();
  await expect(page.getByTestId("probe-count")).toHaveText("2 of 4 core asked");

  // minute 5: the first reveal appears, for the interviewer
  await page.clock.fastForward("05:05");
  await expect(script.locator('[data-reveal="service_health"]')).toContainText("Reveal now:");
  await expect(script.locator('[data-reveal="service_health"]')).toContainText("Service dashboard");
  await expect(script.locator('[data-reveal="vp_asks"]')).toHaveCount(0);
  await expect(page.getByTestId("next-reveal")).toHaveText("Next reveal at 10′.");
  // the brief ran over its 3 minutes: a gentle cue, and the interviewer moves on
  await expect(page.getByTestId("phase-cue")).toContainText("2 min over — next: Detect, triage and mitigate");
  await page.getByRole("button", { name: /^Next phase/ }).click();
  await expect(page.getByTestId("current-phase")).toContainText("Detect, triage and mitigate");
  await expect(page.getByTestId("phase-cue")).toHaveCount(0);

  // per-point anchors: the anchor of the point under the pointer shows, the others stay closed
  const observability = page.locator('fieldset.dim[data-dimension="observability_reliability"]');
  const anchors = observability.getByTestId("point-anchors");
  await expect(anchors.locator('[data-point="2"]')).toBeHidden();
  await observability.locator("label.seg-2").hover();
  await expect(anchors.locator('[data-point="2"]')).toBeVisible();
  await expect(anchors.locator('[data-point="4"]')).toBeHidden();
  await page.mouse.move(0, 0);
  await expect(anchors.locator('[data-point="2"]')).toBeHidden();
  await observability.locator(".all-anchors input").check();
  await expect(anchors.locator("[data-point]")).toHaveCount(4);
  for (const n of [1, 2, 3, 4]) await expect(anchors.locator(`[data-point="${n}"]`)).toBeVisible();
  // the calibration answers one click away
  const calibration = observability.getByTestId("calibration");
  await calibration.locator("summary").click();
  await expect(calibration.locator("dd")).toHaveCount(3);

  // rate (MLOps, a must-have, below the bar), level signal, recommendation, submit
  const rate = async (key: string, score: "2" | "3" | "4") => {
    const dim = page.locator(`fieldset.dim[data-dimension="${key}"]`);
    await dim.locator(`label.seg-${score}`).click();
    await expect(dim.locator(`input[type="radio"][value="${score}"]`)).toBeChecked();
    await dim.locator("textarea").fill(EVIDENCE);
  };
  await rate("observability_reliability", "3");
  await rate("mlops_lifecycle", "2");
  await rate("communication", "3");
  await page.getByRole("radio", { name: "Lead", exact: true }).check();
  await page.getByRole("radio", { name: "Hire", exact: true }).check();
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  // the interview is scheduled in 2027: submitting this early asks first, and the interviewer confirms
  await page.getByRole("button", { name: "Submit anyway" }).click();
  await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
  await logout(page);

  // the hiring manager's review: decision rule outcome and probes asked by whom
  await login(page, DEMO.hm2);
  await page.goto(`/loops/${loopId}`);
  await expect(page.getByTestId("decision-rule-verdict")).toContainText(
    "Must-have dimension below the bar: MLOps and lifecycle (mean 2.00)",
  );
  const asked = page.getByTestId("probes-asked").filter({ hasText: "Core probes asked: 2 of 4" });
  await expect(asked).toHaveCount(1);
  await asked.locator("summary").click();
  await expect(asked.locator('[data-probe="drill_first_look"]')).toContainText("asked by Mateo García");
  await expect(asked.locator('[data-probe="drill_confirm_fix"]')).toContainText("not asked");

  // the packet says the same
  const pdf = await page.request.get(`/loops/${loopId}/packet.pdf`);
  expect(pdf.status()).toBe(200);
  const file = test.info().outputPath("packet.pdf");
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  expect(text).toContain("Decision rule");
  expect(text).toContain("Must-have dimension below the bar: MLOps and lifecycle");
  expect(text).toContain("2 of 4 core probes asked");
  expect(text).toContain("Mateo García");
});
