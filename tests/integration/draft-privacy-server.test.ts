// A draft's content on the wire, against the REAL built server on the demo data: the review page's
// HTML (whose inline script carries the loader data), its single-fetch `.data` response and
// packet.json, asked by everyone who may open the loop, never carry a planted draft's text; its
// author's own page does (so the scan can fail).
import { spawnSync } from "node:child_process";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { ServerHandle } from "./server-process";
import { Browser, ROOT, startServer, tempDbPath } from "./server-process";

const PASSWORD = "archpanel-demo";
const MARK = {
  summary: "WIREDRAFT-Jk4 summary still forming",
  override: "WIREDRAFT-Jk4 override not yet argued",
  note: "WIREDRAFT-Jk4 quick note at minute nine",
} as const;

let server: ServerHandle;
let dbPath = "";
let target: { loopId: string; draftId: string; authorEmail: string; others: string[] };

beforeAll(async () => {
  dbPath = tempDbPath("draft-privacy");
  const seed = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, DEMO_PASSWORD: PASSWORD },
    encoding: "utf8",
  });
  expect(seed.status, seed.stderr).toBe(0);
  const db = new Database(dbPath);
  try {
    // a draft on a loop that already has submitted feedback, so the page has real content to show
    const draft = db
      .prepare(
        `select s.id as draftId, i.loop_id as loopId, u.email as authorEmail from scorecards s
           join interviews i on i.id = s.interview_id join users u on u.id = s.panelist_id
          where s.status = 'draft' and exists (select 1 from scorecards s2 join interviews i2 on i2.id = s2.interview_id
                                                where i2.loop_id = i.loop_id and s2.status = 'submitted')
          order by s.id limit 1`,
      )
      .get() as { draftId: string; loopId: string; authorEmail: string } | undefined;
    if (!draft) throw new Error("the demo data has no draft next to submitted feedback");
    db.prepare(`update scorecards set summary = ?, override_justification = ? where id = ?`).run(
      MARK.summary,
      MARK.override,
      draft.draftId,
    );
    db.prepare(
      `insert into quick_notes (id, scorecard_id, elapsed_minute, body, created_at) values (?, ?, 9, ?, ?)`,
    ).run(`wire-note-${draft.draftId}`, draft.draftId, MARK.note, Date.now());
    // everyone who may open the loop at all: staff, its hiring manager, the panelists who submitted
    const others = (
      db
        .prepare(
          `select email from users where active = 1 and role in ('admin', 'recruiter')
           union select hm.email from loops l join users hm on hm.id = l.hiring_manager_id where l.id = ?
           union select u.email from scorecards s join interviews i on i.id = s.interview_id
                   join users u on u.id = s.panelist_id where i.loop_id = ? and s.status = 'submitted'`,
        )
        .all(draft.loopId, draft.loopId) as { email: string }[]
    )
      .map((r) => r.email)
      .filter((e) => e !== draft.authorEmail);
    target = { ...draft, others };
  } finally {
    db.close();
  }
  server = await startServer({ dbPath, env: { DEMO_PASSWORD: PASSWORD } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

async function loggedIn(email: string): Promise<Browser> {
  const b = new Browser(server.url);
  const r = await b.login(email, PASSWORD);
  expect(r.status, r.body).toBe(302);
  return b;
}

describe("a draft on the wire", () => {
  test("its author's own page carries it (the scan below can fail)", async () => {
    const author = await loggedIn(target.authorEmail);
    const html = await author.get(`/scorecards/${target.draftId}`);
    expect(html.status).toBe(200);
    expect(html.body).toContain(MARK.summary);
    const data = await author.get(`/scorecards/${target.draftId}.data`);
    expect(data.body).toContain(MARK.note);
  });

  test("the review page's HTML, its .data and packet.json carry none of it, for anyone else", async () => {
    expect(target.others.length).toBeGreaterThan(2);
    const problems: string[] = [];
    let opened = 0;
    for (const email of target.others) {
      const b = await loggedIn(email);
      for (const path of [
        `/loops/${target.loopId}`,
        `/loops/${target.loopId}.data`,
        `/loops/${target.loopId}/packet.json`,
        `/loops/${target.loopId}/ratings.csv`,
        `/scorecards/${target.draftId}`,
        `/scorecards/${target.draftId}.data`,
      ]) {
        const r = await b.get(path);
        if (r.status === 200 && path === `/loops/${target.loopId}`) opened++;
        for (const m of Object.values(MARK))
          if (r.body.includes(m)) problems.push(`${path} as ${email} (${r.status}) contains ${JSON.stringify(m)}`);
      }
    }
    expect(problems).toEqual([]);
    // the page did open for some of them: the scan ran over real feedback
    expect(opened).toBeGreaterThan(0);
  });
});
