// Loop setup routes: /loops, /loops/new, /loops/:id/setup, /loops/:id.ics, /dashboard.
// Who may do what (recruiters and admins configure; interviewers and hiring managers are refused),
// every change audited, scheduling and weight rules enforced on the server, the calendar file.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { createCandidate } from "../../db/queries/candidate/candidates.server";
import { getLoopSetup } from "../../db/queries/loop/setup.server";
import { auditLog, loops, scorecards } from "../../db/schema";
import { candidateSchema } from "../../app/domain/candidate/schema";
import { action as dashboardActionFn, loader as dashboardLoaderFn } from "../../app/routes/dashboard";
import { loader as icsLoaderFn } from "../../app/routes/loops.$id[.]ics";
import { action as setupActionFn, loader as setupLoaderFn } from "../../app/routes/loops.$id.setup";
import { loader as listLoaderFn } from "../../app/routes/loops._index";
import { action as newActionFn, loader as newLoaderFn } from "../../app/routes/loops.new";

import { call, createTestUser, freshDatabase, get, postForm, seedRubricV1, type TestUser } from "./harness";
import { handler } from "./review-fixtures";

const listLoader = handler(listLoaderFn);
const newLoader = handler(newLoaderFn);
const newAction = handler(newActionFn);
const setupLoader = handler(setupLoaderFn);
const setupAction = handler(setupActionFn);
const icsLoader = handler(icsLoaderFn);
const dashLoader = handler(dashboardLoaderFn);
const dashAction = handler(dashboardActionFn);

let recruiter: TestUser;
let admin: TestUser;
let hm: TestUser;
let interviewer: TestUser;
let interviewer2: TestUser;
let outsider: TestUser;
let versionId: string;
let candidateId: string;
let loopId: string;

function audits(action: string, loop = loopId) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.loopId, loop)))
    .all();
}

function setup() {
  const s = getLoopSetup(getDb(), loopId);
  if (!s) throw new Error("loop vanished");
  return s;
}

function location(r: { response: Response | null }): string {
  return r.response?.headers.get("Location") ?? "";
}

/** Minimal RFC 5545 reader: unfold lines, group properties by event. */
function parseIcs(text: string) {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const events: { props: Record<string, string[]> }[] = [];
  let current: { props: Record<string, string[]> } | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = { props: {} };
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else if (current) {
      const name = line.split(/[;:]/, 1)[0]!;
      (current.props[name] ??= []).push(line);
    }
  }
  return { lines, events };
}

beforeAll(() => {
  freshDatabase();
  ({ versionId } = seedRubricV1());
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  admin = createTestUser("admin", "Ada Admin");
  hm = createTestUser("member", "Hana Manager");
  interviewer = createTestUser("member", "Ivan Interviewer");
  interviewer2 = createTestUser("member", "Jo Interviewer");
  outsider = createTestUser("member", "Otto Outsider");
  const input = candidateSchema.parse({
    name: "Grace Candidate",
    email: "grace@example.test",
    currentTitle: "ML Lead",
    source: "Referral",
    links: "",
    notes: "",
  });
  const c = createCandidate(getDb(), recruiter.id, input);
  if (!c.ok) throw new Error(c.message);
  candidateId = c.value;
});

describe("creating a loop", () => {
  it("refuses interviewers and hiring managers (403), on the page and the post", async () => {
    for (const u of [interviewer, hm]) {
      expect((await call(newLoader, get("/loops/new", u))).status).toBe(403);
      const r = await call(
        newAction,
        postForm("/loops/new", u, {
          candidateId,
          rubricVersionId: versionId,
          hiringManagerId: hm.id,
          template: "full",
          startAt: "",
        }),
      );
      expect(r.status).toBe(403);
    }
    expect(getDb().select().from(loops).all()).toHaveLength(0);
  });

  it("re-renders the typed values with field errors on bad input (400, not 500)", async () => {
    const r = await call(
      newAction,
      postForm("/loops/new", recruiter, {
        candidateId,
        rubricVersionId: versionId,
        hiringManagerId: "",
        template: "full",
        startAt: "next tuesday",
      }),
    );
    expect(r.status).toBe(400);
    const d = r.data as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(d.errors.hiringManagerId).toBeDefined();
    expect(d.errors.startAt?.[0]).toMatch(/date and time/);
    expect(d.values.startAt).toBe("next tuesday");
  });

  it("lets a recruiter create a loop from the full template and sends them to its setup page", async () => {
    const page = await call(newLoader, get(`/loops/new?candidate=${candidateId}`, recruiter));
    expect(page.status).toBe(200);
    expect((page.data as { defaults: { candidateId: string } }).defaults.candidateId).toBe(candidateId);

    const r = await call(
      newAction,
      postForm("/loops/new", recruiter, {
        candidateId,
        rubricVersionId: versionId,
        hiringManagerId: hm.id,
        template: "full",
        startAt: "2026-05-12T09:00",
      }),
    );
    expect(r.status).toBe(302);
    const m = /^\/loops\/([A-Za-z0-9_-]+)\/setup\?saved=created$/.exec(location(r));
    expect(m).not.toBeNull();
    loopId = m![1]!;
    const s = setup();
    expect(s.loop.status).toBe("planning");
    expect(s.interviews.map((iv) => iv.exerciseKey)).toEqual([
      "architecture_case_study",
      "mlops_pipeline_design",
      "incident_scenario_drill",
      "tooling_evaluation",
    ]);
    expect(s.interviews[0]!.scheduledAt).toBe(Date.UTC(2026, 4, 12, 9, 0));
    const created = audits("loop.create");
    expect(created).toHaveLength(1);
    expect(created[0]!.actorId).toBe(recruiter.id);
  });
});

describe("the setup page", () => {
  it("refuses interviewers and hiring managers (403) on the page and on every action", async () => {
    // make `interviewer` an actual panelist of the loop first
    const iv = setup().interviews[0]!;
    const ok = await call(
      setupAction,
      postForm(`/loops/${loopId}/setup`, recruiter, {
        intent: "panelist.add",
        target: iv.id,
        interviewId: iv.id,
        panelistId: interviewer.id,
      }),
      { id: loopId },
    );
    expect(ok.status).toBe(302);

    const before = getDb().select().from(auditLog).all().length;
    const posts: Record<string, string>[] = [
      { intent: "settings", rubricVersionId: versionId, hiringManagerId: interviewer.id },
      { intent: "interview.add", exerciseKey: "tooling_evaluation", scheduledAt: "", durationMinutes: "45" },
      {
        intent: "interview.update",
        interviewId: iv.id,
        exerciseKey: iv.exerciseKey,
        scheduledAt: "",
        durationMinutes: "30",
      },
      { intent: "interview.remove", interviewId: iv.id },
      { intent: "interview.move", interviewId: iv.id, direction: "down" },
      { intent: "panelist.add", interviewId: iv.id, panelistId: outsider.id },
      { intent: "panelist.remove", scorecardId: setup().interviews[0]!.panelists[0]!.scorecardId },
      { intent: "weights", mode: "equal" },
      { intent: "status", to: "withdrawn", reason: "" },
    ];
    for (const u of [interviewer, hm]) {
      expect((await call(setupLoader, get(`/loops/${loopId}/setup`, u), { id: loopId })).status).toBe(403);
      for (const fields of posts) {
        const r = await call(setupAction, postForm(`/loops/${loopId}/setup`, u, fields), { id: loopId });
        expect(r.status, `${u.name} ${fields.intent}`).toBe(403);
      }
    }
    expect(getDb().select().from(auditLog).all().length).toBe(before);
    expect(setup().loop.status).toBe("planning");
    expect(setup().interviews).toHaveLength(4);
  });

  it("sends anonymous visitors to the login page and 404s an unknown loop", async () => {
    const anon = await call(setupLoader, get(`/loops/${loopId}/setup`, null), { id: loopId });
    expect(anon.status).toBe(302);
    expect(location(anon)).toMatch(/^\/login\?redirectTo=/);
    expect((await call(setupLoader, get("/loops/nope/setup", recruiter), { id: "nope" })).status).toBe(404);
  });

  it("shows a recruiter the matrix, warnings and the moves the status allows", async () => {
    const r = await call(setupLoader, get(`/loops/${loopId}/setup`, admin), { id: loopId });
    expect(r.status).toBe(200);
    const d = r.data as {
      coverage: { warnings: { kind: string }[]; uncoveredDimensions: string[] };
      transitions: { to: string; blockers: string[] }[];
    };
    // only the first interview has a panelist: its dimensions are thin, the rest uncovered
    expect(d.coverage.uncoveredDimensions.length).toBeGreaterThan(0);
    expect(d.coverage.warnings.some((w) => w.kind === "interview_without_panelist")).toBe(true);
    expect(d.transitions.map((t) => t.to).sort()).toEqual(["scheduled", "withdrawn"]);
    expect(d.transitions.find((t) => t.to === "scheduled")!.blockers.join(" ")).toMatch(/Nobody on the panel assesses/);
  });

  it("refuses to schedule while a dimension is unassessed, with the reason, and writes nothing", async () => {
    const before = audits("loop.status").length;
    const r = await call(
      setupAction,
      postForm(`/loops/${loopId}/setup`, recruiter, { intent: "status", to: "scheduled", reason: "" }),
      { id: loopId },
    );
    expect(r.status).toBe(409);
    const d = r.data as { intent: string; errors: Record<string, string[]> };
    expect(d.intent).toBe("status");
    expect(d.errors._form?.[0]).toMatch(/Nobody on the panel assesses “/);
    expect(setup().loop.status).toBe("planning");
    expect(audits("loop.status")).toHaveLength(before);
  });

  it("refuses weights that do not add up to 100 with a field error and keeps what was typed", async () => {
    const dims = setup().content.dimensions.map((d) => d.key);
    const fields: Record<string, string> = { intent: "weights", mode: "custom" };
    dims.forEach((k, i) => (fields[`weights.${k}`] = i === 0 ? "40" : "5"));
    const r = await call(setupAction, postForm(`/loops/${loopId}/setup`, recruiter, fields), { id: loopId });
    expect(r.status).toBe(400);
    const d = r.data as {
      intent: string;
      errors: Record<string, string[]>;
      values: { weights: Record<string, string> };
    };
    expect(d.intent).toBe("weights");
    expect(d.errors.weights?.[0]).toMatch(/add up to 100%/);
    expect(d.values.weights[dims[0]!]).toBe("40");
    expect(audits("loop.weights")).toHaveLength(0);

    const bad = await call(
      setupAction,
      postForm(`/loops/${loopId}/setup`, recruiter, { ...fields, [`weights.${dims[1]}`]: "lots" }),
      { id: loopId },
    );
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string[]> }).errors[`weights.${dims[1]}`]).toBeDefined();
  });

  it("saves custom weights that add up to 100 (audited)", async () => {
    const dims = setup().content.dimensions.map((d) => d.key);
    const share = 100 / dims.length;
    const fields: Record<string, string> = { intent: "weights", mode: "custom" };
    for (const k of dims) fields[`weights.${k}`] = String(share);
    const r = await call(setupAction, postForm(`/loops/${loopId}/setup`, recruiter, fields), { id: loopId });
    expect(r.status).toBe(302);
    expect(audits("loop.weights")).toHaveLength(1);
  });

  it("re-renders an interview's typed values on a bad time and never 500s", async () => {
    const iv = setup().interviews[1]!;
    const r = await call(
      setupAction,
      postForm(`/loops/${loopId}/setup`, recruiter, {
        intent: "interview.update",
        target: iv.id,
        interviewId: iv.id,
        exerciseKey: iv.exerciseKey,
        scheduledAt: "2026-02-30T10:00",
        durationMinutes: "3",
      }),
      { id: loopId },
    );
    expect(r.status).toBe(400);
    const d = r.data as { target: string; errors: Record<string, string[]>; values: Record<string, string> };
    expect(d.target).toBe(iv.id);
    expect(d.errors.scheduledAt).toBeDefined();
    expect(d.errors.durationMinutes?.[0]).toMatch(/5 minutes/);
    expect(d.values.scheduledAt).toBe("2026-02-30T10:00");
    const garbage = await call(setupAction, postForm(`/loops/${loopId}/setup`, recruiter, { intent: "explode" }), {
      id: loopId,
    });
    expect(garbage.status).toBe(400);
  });

  it("audits every change a recruiter makes, then schedules once every dimension is assessed", async () => {
    const post = (fields: Record<string, string>) =>
      call(setupAction, postForm(`/loops/${loopId}/setup`, recruiter, fields), { id: loopId });
    const ivs = setup().interviews;
    // a panel of two on every interview
    for (const iv of ivs) {
      for (const p of [interviewer, interviewer2]) {
        if (iv.panelists.some((x) => x.userId === p.id)) continue;
        expect(
          (await post({ intent: "panelist.add", target: iv.id, interviewId: iv.id, panelistId: p.id })).status,
        ).toBe(302);
      }
    }
    expect(audits("panelist.add").length).toBe(8);
    // a fourth panelist is refused with a message next to that form
    await post({ intent: "panelist.add", target: ivs[0]!.id, interviewId: ivs[0]!.id, panelistId: hm.id });
    const full = await post({
      intent: "panelist.add",
      target: ivs[0]!.id,
      interviewId: ivs[0]!.id,
      panelistId: outsider.id,
    });
    expect(full.status).toBe(409);
    expect((full.data as { target: string }).target).toBe(ivs[0]!.id);
    const hmCard = setup().interviews[0]!.panelists.find((p) => p.userId === hm.id)!;
    expect(
      (await post({ intent: "panelist.remove", target: ivs[0]!.id, scorecardId: hmCard.scorecardId })).status,
    ).toBe(302);
    expect(audits("panelist.remove")).toHaveLength(1);

    expect(
      (
        await post({
          intent: "interview.update",
          target: ivs[1]!.id,
          interviewId: ivs[1]!.id,
          exerciseKey: ivs[1]!.exerciseKey,
          scheduledAt: "2026-05-12T13:00",
          durationMinutes: "75",
        })
      ).status,
    ).toBe(302);
    expect(audits("interview.update")).toHaveLength(1);
    expect(setup().interviews[1]!.durationMinutes).toBe(75);

    expect(
      (
        await post({
          intent: "interview.add",
          exerciseKey: "architecture_case_study",
          scheduledAt: "2026-05-13T09:00",
          durationMinutes: "60",
        })
      ).status,
    ).toBe(302);
    expect(audits("interview.add")).toHaveLength(1);
    const added = setup().interviews.at(-1)!;
    expect(
      (await post({ intent: "interview.move", target: added.id, interviewId: added.id, direction: "up" })).status,
    ).toBe(302);
    expect(audits("interview.move")).toHaveLength(1);
    expect(setup().interviews.at(-2)!.id).toBe(added.id);
    expect((await post({ intent: "interview.remove", target: added.id, interviewId: added.id })).status).toBe(302);
    expect(audits("interview.remove")).toHaveLength(1);
    expect(setup().interviews).toHaveLength(4);

    expect((await post({ intent: "settings", rubricVersionId: versionId, hiringManagerId: admin.id })).status).toBe(
      302,
    );
    expect(audits("loop.settings")).toHaveLength(1);
    expect(setup().loop.hiringManager.id).toBe(admin.id);
    await post({ intent: "settings", rubricVersionId: versionId, hiringManagerId: hm.id });

    const sched = await post({ intent: "status", to: "scheduled", reason: "Panel confirmed" });
    expect(sched.status).toBe(302);
    expect(setup().loop.status).toBe("scheduled");
    const st = audits("loop.status");
    expect(st).toHaveLength(1);
    expect(st[0]!.reason).toBe("Panel confirmed");
    expect(st[0]!.actorId).toBe(recruiter.id);

    // an invalid move is refused: scheduled cannot jump to debrief
    expect((await post({ intent: "status", to: "debrief", reason: "" })).status).toBe(409);
    expect(setup().loop.status).toBe("scheduled");
  });

  it("shows the recruiter that a panelist recused, not their note (it is theirs alone)", async () => {
    const iv = setup().interviews[2]!;
    const sc = iv.panelists.find((p) => p.userId === interviewer2.id)!;
    getDb()
      .update(scorecards)
      .set({ status: "recused", conflictNote: "Former colleague of the candidate" })
      .where(eq(scorecards.id, sc.scorecardId))
      .run();
    const r = await call(setupLoader, get(`/loops/${loopId}/setup`, recruiter), { id: loopId });
    const d = r.data as { conflicts: { name: string; interviewId: string }[] };
    expect(d.conflicts).toEqual([expect.objectContaining({ name: "Jo Interviewer", interviewId: iv.id })]);
    expect(JSON.stringify(r.data)).not.toContain("Former colleague of the candidate");
  });
});

describe("the calendar file", () => {
  it("has one event per interview with the panel as attendees, for staff, the hiring manager and panelists", async () => {
    for (const u of [recruiter, admin, hm, interviewer]) {
      const r = await call(icsLoader, get(`/loops/${loopId}.ics`, u), { id: loopId });
      expect(r.status, u.name).toBe(200);
      expect(r.response!.headers.get("Content-Type")).toMatch(/^text\/calendar/);
      expect(r.response!.headers.get("Content-Disposition")).toMatch(
        /attachment; filename="loop-grace-candidate\.ics"/,
      );
      const { events, lines } = parseIcs(await r.response!.text());
      expect(lines[0]).toBe("BEGIN:VCALENDAR");
      const s = setup();
      expect(events).toHaveLength(s.interviews.length);
      s.interviews.forEach((iv, i) => {
        const ev = events[i]!.props;
        expect(ev.UID).toEqual([`UID:${iv.id}@archpanel`]);
        expect(ev.SUMMARY![0]).toContain(iv.exerciseTitle);
        const attendees = (ev.ATTENDEE ?? []).map((a) => a.slice(a.lastIndexOf("mailto:") + 7));
        const expected = iv.panelists.filter((p) => p.status !== "recused").map((p) => p.email);
        expect(attendees.sort()).toEqual(expected.sort());
      });
      // the recused panelist is not invited
      expect(events[2]!.props.ATTENDEE!.join()).not.toContain(interviewer2.email);
    }
  });

  it("is 404 for an unknown loop and for an unrelated member, 401 when not logged in", async () => {
    expect((await call(icsLoader, get("/loops/unknown.ics", recruiter), { id: "unknown" })).status).toBe(404);
    expect((await call(icsLoader, get(`/loops/${loopId}.ics`, outsider), { id: loopId })).status).toBe(404);
    expect((await call(icsLoader, get(`/loops/${loopId}.ics`, null), { id: loopId })).status).toBe(401);
  });
});

describe("the loop list", () => {
  it("shows staff every loop and members only their own", async () => {
    const staff = await call(listLoader, get("/loops", recruiter));
    expect((staff.data as { staff: boolean; loops: unknown[] }).loops).toHaveLength(1);
    const asHm = await call(listLoader, get("/loops", hm));
    expect((asHm.data as { staff: boolean; loops: { id: string }[] }).loops.map((l) => l.id)).toEqual([loopId]);
    expect((asHm.data as { staff: boolean }).staff).toBe(false);
    const other = await call(listLoader, get("/loops", outsider));
    expect((other.data as { loops: unknown[] }).loops).toHaveLength(0);
    const filtered = await call(listLoader, get("/loops?status=decided", recruiter));
    expect((filtered.data as { loops: unknown[] }).loops).toHaveLength(0);
  });
});

describe("the dashboard", () => {
  it("refuses interviewers and hiring managers (403) and lets recruiters change the overdue threshold (audited)", async () => {
    for (const u of [interviewer, hm]) {
      expect((await call(dashLoader, get("/dashboard", u))).status).toBe(403);
      expect((await call(dashAction, postForm("/dashboard", u, { overdueHours: "12", timeZone: "UTC" }))).status).toBe(
        403,
      );
    }
    const page = await call(dashLoader, get("/dashboard", recruiter));
    expect(page.status).toBe(200);
    const dash = page.data as {
      settings: { overdueHours: number };
      counts: Record<string, number>;
      overdue: { panelist: { name: string }; reminder: string; items: { candidateName: string }[] }[];
    };
    expect(dash.settings.overdueHours).toBe(24);
    expect(dash.counts.scheduled).toBe(1);
    // the loop is scheduled and its interviews (May 2026) are long over: every open scorecard is overdue
    const ivan = dash.overdue.find((g) => g.panelist.name === "Ivan Interviewer")!;
    expect(ivan.items).toHaveLength(4);
    expect(ivan.reminder).toMatch(/^Hi Ivan,/);
    expect(ivan.reminder).toContain("Grace Candidate");
    expect(ivan.reminder).toContain("Rita Recruiter");
    // the recused panelist is not chased for the interview they stepped back from
    expect(dash.overdue.find((g) => g.panelist.name === "Jo Interviewer")!.items).toHaveLength(3);

    const bad = await call(
      dashAction,
      postForm("/dashboard", recruiter, { overdueHours: "0", timeZone: "Mars/Olympus" }),
    );
    expect(bad.status).toBe(400);
    const d = bad.data as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(d.errors.overdueHours).toBeDefined();
    expect(d.errors.timeZone).toBeDefined();
    expect(d.values.timeZone).toBe("Mars/Olympus");

    const ok = await call(
      dashAction,
      postForm("/dashboard", recruiter, { overdueHours: "12", timeZone: "Europe/Berlin" }),
    );
    expect(ok.status).toBe(302);
    const after = await call(dashLoader, get("/dashboard", admin));
    expect((after.data as { settings: { overdueHours: number; timeZone: string } }).settings).toEqual({
      overdueHours: 12,
      timeZone: "Europe/Berlin",
    });
    expect(getDb().select().from(auditLog).where(eq(auditLog.action, "settings.update")).all()).toHaveLength(1);
  });
});

describe("withdrawing and reopening", () => {
  it("freezes the setup of a withdrawn loop until it is reopened in planning", async () => {
    const post = (fields: Record<string, string>) =>
      call(setupAction, postForm(`/loops/${loopId}/setup`, recruiter, fields), { id: loopId });
    expect((await post({ intent: "status", to: "withdrawn", reason: "Candidate accepted another offer" })).status).toBe(
      302,
    );
    expect(setup().loop.status).toBe("withdrawn");
    const iv = setup().interviews[0]!;
    const frozen = await post({
      intent: "interview.update",
      target: iv.id,
      interviewId: iv.id,
      exerciseKey: iv.exerciseKey,
      scheduledAt: "",
      durationMinutes: "30",
    });
    expect(frozen.status).toBe(409);
    expect((frozen.data as { errors: Record<string, string[]> }).errors._form?.[0]).toMatch(/withdrawn/);
    const page = await call(setupLoader, get(`/loops/${loopId}/setup`, recruiter), { id: loopId });
    expect((page.data as { configurable: boolean; transitions: { to: string }[] }).configurable).toBe(false);
    expect((page.data as { transitions: { to: string }[] }).transitions.map((t) => t.to)).toEqual(["planning"]);
    expect((await post({ intent: "status", to: "planning", reason: "" })).status).toBe(302);
    expect(setup().loop.status).toBe("planning");
    expect(audits("loop.status").map((a) => (a.after as { status: string }).status)).toEqual([
      "scheduled",
      "withdrawn",
      "planning",
    ]);
  });
});
