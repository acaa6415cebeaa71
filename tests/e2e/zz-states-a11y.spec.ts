// The states a link sweep cannot reach, because someone has to act first: the conflict panel of a stale
// second tab, a submitted scorecard and its amend form (with its refusal), the debrief in session, the
// decision recorded (review page and the debrief after it) and a scorecard in the decided loop; a refused
// submit, the evidence lint's findings with the "keep it" form open, a scorecard with a picture attached,
// the questions that ask first (submit days ahead, move to debrief with scorecards outstanding, deactivate
// the only panelist), the rubric draft's refused publish, the CSV preview with problems and the decision
// form's refused override. Each has no serious or critical axe violation at 1366 and 390 px and does not
// scroll sideways at 390 px; each test first checks that the state is really on screen.
//
// Named to run last (specs run alphabetically on one database): it records a decision on the demo loop in
// debrief (Ingrid Sørensen), reopens Dmitri Volkov's decided loop and decides it again as
// decision-override.spec leaves it (No hire, with an override), and edits Aisha's draft in the scheduled
// loop (Siobhán O'Connor), which no other spec reads (evidence-lint.spec submits Chen's and Mateo's
// there). The scorecards and the lifecycle are walked on a loop of its own (candidate Wanjiru Kamau); the
// rubric draft is discarded after its refusal; the other states are questions not answered or refusals.
import type { Page } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { exifSegment, jpegWith } from "../images";

import {
  askToDeactivateOnlyPanelist,
  cloneRubricIntoDraft,
  createScheduledV2Loop,
  DEMO,
  login,
  rateEveryDimension,
  waitForHydration,
} from "./fixtures";
import { seriousViolations } from "./page-checks";

async function expectClean(page: Page, state: string): Promise<void> {
  expect(await seriousViolations(page, state)).toEqual([]);
}

test.describe("states reached by acting", () => {
  test.describe.configure({ mode: "serial" });

  test("the conflict panel of a stale second tab", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, DEMO.aisha);
    await page.goto("/interviews");
    await page.locator("li", { hasText: "Siobhán O'Connor" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
    const stale = await context.newPage();
    await stale.goto(page.url());
    await expect(stale.getByTestId("save-status")).toBeVisible();
    await page.getByLabel("Summary for the hiring manager").fill("Written in the first tab.");
    await expect(page.getByTestId("save-status")).toContainText(/^Saved \d/);
    await stale.getByLabel("Summary for the hiring manager").fill("Written in the stale tab.");
    await expect(stale.getByTestId("conflict-panel")).toBeVisible();
    await expectClean(stale, "scorecard (conflict panel)");
    await context.close();
  });

  test("a submitted scorecard, its amend form and a refused amendment", async ({ page }) => {
    await login(page, DEMO.mateo);
    await page.goto("/interviews");
    await page.locator("li", { hasText: "Ingrid Sørensen" }).getByRole("link").first().click();
    await expect(page.getByTestId("scorecard-status")).toHaveText("Submitted");
    await expectClean(page, "scorecard (submitted)");
    await page.getByTestId("amend-link").click();
    await expect(page.getByTestId("amend-notice")).toBeVisible();
    await expectClean(page, "scorecard (amend form)");
    // no reason given: refused inline, nothing written
    await page.getByRole("button", { name: "Submit amendment" }).click();
    await expect(page.locator("#amend-reason")).toHaveAttribute("aria-invalid", "true");
    await expectClean(page, "scorecard (amendment refused)");
  });

  test("the debrief in session, the decision, the debrief after it and a scorecard in the decided loop", async ({
    page,
    browser,
  }) => {
    test.slow();
    await login(page, DEMO.hm1);
    await page.goto("/loops");
    await page.getByRole("link", { name: "Ingrid Sørensen", exact: true }).click();
    await expect(page).toHaveURL(/\/loops\/[A-Za-z0-9_-]+$/);
    const loopUrl = new URL(page.url()).pathname;
    // review.spec decides this loop when it runs first: reopen it (back to debrief) to reach the meeting
    await expect(page.getByRole("link", { name: "Download PDF packet" })).toBeVisible();
    const reopen = page.locator("summary", { hasText: "Reopen this decision" });
    if ((await reopen.count()) > 0) {
      await reopen.click();
      await page
        .getByLabel("Reason for reopening")
        .fill("Reopened to walk the debrief screens for the accessibility sweep.");
      await page.getByRole("button", { name: "Reopen decision" }).click();
    }
    await page.getByRole("link", { name: "Debrief meeting" }).click();
    // started by the debrief journey when it ran before this spec, not started when this spec runs alone
    await page.getByRole("button", { name: /^(Start|Resume) the debrief$/ }).click();
    await expect(page.getByTestId("debrief-phase")).toHaveText("In session");
    await expect(page.getByTestId("current-item")).toBeVisible();
    await expectClean(page, "debrief (in session)");
    const reveal = page.getByRole("button", { name: /^Reveal/ });
    if (await reveal.count()) {
      await reveal.first().click();
      await expect(page.getByTestId("revealed-ratings")).toBeVisible();
      await expectClean(page, "debrief (ratings revealed)");
    }

    // the decision from the review page, refused first (no rationale), then recorded
    await page.goto(loopUrl);
    const decision = page.getByRole("form", { name: "Record the hiring decision" });
    await decision.getByRole("radio", { name: /^Hold/ }).check();
    await decision.getByLabel("Rationale").fill("");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(decision.getByLabel("Rationale")).toHaveAttribute("aria-invalid", "true");
    await expectClean(page, "review page (decision refused)");
    await decision
      .getByLabel("Rationale")
      .fill("Hold: the panel wants a reference check on incident handling before an offer; see the debrief notes.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByTestId("loop-status")).toHaveText("Decided");
    await expectClean(page, "review page (decided)");
    await page.goto(`${loopUrl}/debrief`);
    // decided from the review page while the meeting ran: the debrief reads as stopped (as concluded when the
    // decision is recorded from the meeting itself); either way it is the record of a decided loop
    await expect(page.getByTestId("debrief-phase")).toHaveText(/^(Concluded|Stopped)$/);
    await expectClean(page, "debrief (after the decision)");

    // a panelist's submitted scorecard once the loop is decided
    const context = await browser.newContext();
    const panelist = await context.newPage();
    await login(panelist, DEMO.mateo);
    await panelist.goto("/interviews");
    await panelist.locator("li", { hasText: "Ingrid Sørensen" }).getByRole("link").first().click();
    await expect(panelist.getByTestId("scorecard-status")).toBeVisible();
    await expectClean(panelist, "scorecard (in a decided loop)");
    await context.close();
  });
});

test.describe("states on a loop of its own", () => {
  test.describe.configure({ mode: "serial" });
  const CANDIDATE = "Wanjiru Kamau";
  const CLEAN = "Sized the feature store from the transaction volume and named the p99 budget per hop.";
  let loopId = "";

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await browser.newPage();
    loopId = await createScheduledV2Loop(page, {
      candidate: CANDIDATE,
      email: "wanjiru.kamau@example.com",
      firstInterview: "2027-04-12T09:00",
    });
    await page.close();
  });

  /** Logs in as a panelist of the loop and opens their draft scorecard on it. */
  async function openDraft(page: Page, email: string): Promise<void> {
    await login(page, email);
    await page.goto("/interviews");
    await page.locator("li", { hasText: CANDIDATE }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/scorecards\/[A-Za-z0-9_-]+$/);
    await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");
    await waitForHydration(page);
  }

  test("a refused submit, then the submit that asks first (the interview is days ahead)", async ({ page }) => {
    await openDraft(page, DEMO.mateo);
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    await expect(page.getByTestId("form-message")).toContainText("to fix before submitting");
    await expect(page.locator("#f-recommendation-error")).toHaveText("Choose an overall recommendation.");
    await expect(page.locator("[aria-invalid='true']").first()).toBeVisible();
    await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");
    await expectClean(page, "scorecard (submit refused)");

    await rateEveryDimension(page, () => CLEAN);
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    const ask = page.getByTestId("submit-confirm");
    await expect(ask.getByRole("button", { name: "Submit anyway" })).toBeVisible();
    await expectClean(page, "scorecard (submit asks first)");
    // not confirmed: still a draft
    await expect(page.getByTestId("scorecard-status")).toHaveText("Draft");
  });

  test("the evidence lint's findings, the keep-it form open and its refused reason", async ({ page }) => {
    await openDraft(page, DEMO.sofia);
    await rateEveryDimension(page, (_, i) =>
      i === 0
        ? "German is her first language, and she ran the whole design review in German with the Munich team."
        : i === 1
          ? "Young and hungry, drew the serving path with a rule-engine fallback."
          : CLEAN,
    );
    const findings = page.getByTestId("lint-finding");
    const german = findings.filter({ hasText: "first language" });
    await expect(german).toContainText("Blocks submit");
    await expect(findings.filter({ hasText: "Young" })).toContainText("Blocks submit");
    await german.getByText("It is job-related: keep it…").click();
    await expect(german.getByRole("textbox")).toBeVisible();
    await expectClean(page, "scorecard (evidence lint, keep-it form open)");
    await german.getByRole("textbox").fill("travel");
    await german.getByRole("button", { name: "Keep it with this reason" }).click();
    await expect(german.getByRole("alert")).toContainText("at least 20 characters");
    await expectClean(page, "scorecard (evidence lint, reason refused)");
  });

  test("a scorecard with a picture attached", async ({ page }) => {
    await openDraft(page, DEMO.aisha);
    const panel = page.locator("#artifacts");
    const caption = "Whiteboard: the feature store and the two serving paths, drawn by the candidate";
    await panel.getByLabel("Picture (PNG or JPEG)").setInputFiles({
      name: "IMG_2042.jpg",
      mimeType: "image/jpeg",
      buffer: jpegWith([exifSegment(1, "GPS-52.2297N")]),
    });
    await panel.getByLabel(/^Caption/).fill(caption);
    await panel.getByRole("button", { name: "Attach picture" }).click();
    const figure = panel.getByRole("img", { name: caption });
    await expect(figure).toBeVisible();
    await expect.poll(() => figure.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(panel.getByRole("button", { name: /^Remove/ })).toHaveCount(1);
    await expectClean(page, "scorecard (a picture attached)");
  });

  test("loop setup: moving to debrief with scorecards outstanding asks first", async ({ page }) => {
    await login(page, DEMO.recruiter);
    await page.goto(`/loops/${loopId}/setup`);
    await page.getByRole("button", { name: "Start interviews" }).click();
    await expect(page.getByTestId("loop-status").first()).toHaveText("In progress");
    await page.getByRole("button", { name: "Move to debrief" }).click();
    const ask = page.getByTestId("status-confirm");
    await expect(ask).toContainText(/\d of \d+ scorecards are not submitted yet/);
    await expect(ask.getByRole("button", { name: "Move to debrief anyway" })).toBeVisible();
    await expectClean(page, "loop setup (move to debrief asks first)");
  });
});

test("deactivating the only panelist of an upcoming interview asks first", async ({ page }) => {
  // Chen is the only panelist of Keiko Tanaka's incident drill, a week ahead (left unanswered)
  const { ask } = await askToDeactivateOnlyPanelist(page);
  await expect(ask).toContainText(/is the only panelist of/);
  await expect(ask.getByRole("button", { name: "Deactivate anyway" })).toBeVisible();
  await expectClean(page, "/people (deactivate asks first)");
});

test("the rubric draft editor and its refused publish", async ({ page }) => {
  // the editor is thousands of fields: one axe run takes 25 s on a busy machine
  test.slow();
  await cloneRubricIntoDraft(page, 2);
  const dimension = page.getByRole("group", { name: "ML system architecture", exact: true });
  await dimension.getByLabel("2 · Below bar", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("publish-problems")).toContainText("Scale point 2 has no anchor");
  await expect(dimension.getByText("Scale point 2 has no anchor")).toBeVisible();
  await expectClean(page, "rubric editor (publish refused)");
  // leaves no draft behind
  await page.locator("summary", { hasText: "Discard this draft" }).click();
  await page.getByRole("button", { name: /^Discard draft v\d+$/ }).click();
  await expect(page).toHaveURL(/\/rubrics\?notice=discarded$/);
});

test("the CSV import preview with problems", async ({ page }) => {
  await login(page, DEMO.recruiter);
  await page.goto("/candidates/import");
  const long = "Principal Machine Learning Platform Engineer, Very Long Company Name Holdings International";
  await page
    .getByLabel("CSV text")
    .fill(
      [
        "name,email,current title,source,links,notes",
        `Ana Ok,ana.ok@example.com,"${long}",Referral,https://example.com/ana,"${long}"`,
        `Ben Bad,not-an-email,"${long}",Referral,https://example.com/ben,"${long}"`,
        `,nameless@example.com,"${long}",Referral,,`,
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("2 of 3 rows have problems");
  await expect(page.getByTestId("import-problems")).toContainText("Ben Bad");
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await expectClean(page, "/candidates/import (preview with problems)");
});

test("the decision form with the override field shown and refused", async ({ page }) => {
  await login(page, DEMO.hm2);
  await page.goto("/loops");
  await page.getByRole("link", { name: "Dmitri Volkov (Дмитрий Волков)", exact: true }).click();
  // decided in the demo data and by decision-override.spec: reopen it to reach the form
  await page.locator("summary", { hasText: "Reopen this decision" }).click();
  await page.getByLabel("Reason for reopening").fill("Reopened to walk the override form for the accessibility sweep.");
  await page.getByRole("button", { name: "Reopen decision" }).click();
  await expect(page.getByTestId("loop-status")).toHaveText("Debrief");
  await waitForHydration(page);
  const form = page.getByRole("form", { name: "Record the hiring decision" });
  await form.getByRole("radio", { name: /^No hire/ }).check();
  await expect(form.getByTestId("override-field")).toBeVisible();
  await form.getByLabel("Rationale").fill("No hire: the role needs a governance owner from day one.");
  await form.getByLabel("Override", { exact: true }).fill("Decided against the panel, see notes.");
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.locator("#override-error")).toContainText("at least 80 characters");
  await expect(form.getByLabel("Override", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectClean(page, "review page (override refused)");
  // decided again, as decision-override.spec leaves it
  await form
    .getByLabel("Override", { exact: true })
    .fill(
      "All four panelists recommended hire, but none of them probed model risk tiering; the reference call " +
        "confirmed the candidate has never owned a regulator-facing review.",
    );
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("loop-status")).toHaveText("Decided");
});
