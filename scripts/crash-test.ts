/**
 * `npm run test:crash` — nothing acknowledged is ever lost.
 *
 * Starts the BUILT server (scripts/server.ts + build/index.js; built first if missing) on a file
 * database, logs several panelists in over HTTP, and has them autosave (POST /scorecards/:id/save,
 * versioned) and submit concurrently, each save carrying a unique marker in its text. At a random
 * moment the server is killed with SIGKILL (no shutdown code runs), the database is checked, and
 * the server is restarted; several rounds. Checks, after every kill:
 *  - every save/submit the server acknowledged (200 + version) is durable: its audit entry (same
 *    transaction) is there, the scorecard's version is at least the acknowledged one, and when it
 *    is the latest, the stored text carries that save's marker; acknowledged submissions are submitted;
 *  - PRAGMA integrity_check = ok and no foreign key violations;
 *  - the audit log agrees with the data: per scorecard, one save/submit entry per version step,
 *    the last one at the stored version.
 * Then a graceful round: SIGTERM in the middle of the traffic; the server must exit 0 after
 * answering what it was handling, with every acknowledged save stored (same checks).
 * At the end: UPDATE and DELETE on audit_log are refused by the database (append-only triggers).
 *
 * Options: --rounds N (5), --panelists N (6), --seed N. Exit code 1 on any failure.
 */
import Database from "better-sqlite3";

import { Browser, ensureBuilt, freePort, startServer, tempDbPath } from "./lib/server-process";
import type { ServerHandle } from "./lib/server-process";

import { buildLoadWorld, savePayload, submitPayload } from "./lib/load-world";
import type { LoadWorld } from "./lib/load-world";
import { seededRandom } from "./lib/random";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const ROUNDS = arg("rounds", 5);
const PANELISTS = arg("panelists", 6);
const SEED = arg("seed", Date.now() % 1_000_000);
const PASSWORD = "crash-test-password-1234";
const started = Date.now();

// Reproducible kill moments and choices for a given --seed.
const rand = seededRandom(SEED);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ack {
  card: string;
  version: number;
  marker: string;
  kind: "save" | "submit";
}

interface CardState {
  id: string;
  version: number;
  status: string;
  initialVersion: number;
}

const acks: Ack[] = [];
const failures: string[] = [];
let lostInFlight = 0;
let conflictsAfterCrash = 0;
let markerSeq = 0;

function fail(msg: string): void {
  failures.push(msg);
}

async function panelistLoop(browser: Browser, cards: CardState[], round: number, isOver: () => boolean): Promise<void> {
  // about half the panelists submit one scorecard per round, after a random number of saves
  let submitAfter = rand() < 0.5 ? 2 + Math.floor(rand() * 12) : -1;
  while (!isOver()) {
    const drafts = cards.filter((c) => c.status === "draft");
    if (drafts.length === 0) return;
    const card = drafts[Math.floor(rand() * drafts.length)]!;
    const submit = submitAfter-- === 0;
    const marker = `CRASH-${round}-${++markerSeq}-${Math.floor(rand() * 1e9).toString(36)}`;
    const body = submit ? submitPayload(card.version, marker) : savePayload(card.version, marker);
    let res;
    try {
      res = await browser.postJson(`/scorecards/${card.id}/save`, body);
    } catch {
      // the server died with this request in flight: it may or may not have committed
      lostInFlight++;
      return;
    }
    if (res.status === 200) {
      const j = JSON.parse(res.body) as { version: number; status: string };
      if (j.version !== card.version + 1) fail(`${card.id}: acknowledged version ${j.version} after ${card.version}`);
      card.version = j.version;
      card.status = j.status;
      acks.push({ card: card.id, version: j.version, marker, kind: submit ? "submit" : "save" });
    } else if (res.status === 409) {
      // only after a crash: a save whose answer was lost did commit; take the server's copy
      const j = JSON.parse(res.body) as {
        conflict?: { version: number; status: string };
        locked?: { version: number; status: string };
      };
      const server = j.conflict ?? j.locked;
      if (!server) fail(`${card.id}: 409 without the server's copy`);
      else {
        card.version = server.version;
        card.status = server.status;
        conflictsAfterCrash++;
      }
    } else {
      fail(`${card.id}: unexpected ${res.status} ${res.body.slice(0, 200)}`);
      return;
    }
    await sleep(rand() * 15);
  }
}

function verify(dbPath: string, cards: CardState[], label: string): { integrity: string; auditRows: number } {
  const db = new Database(dbPath);
  try {
    const integrity = (db.prepare("pragma integrity_check").pluck().all() as string[]).join("; ");
    if (integrity !== "ok") fail(`${label}: integrity_check = ${integrity}`);
    const fk = db.prepare("pragma foreign_key_check").all();
    if (fk.length > 0) fail(`${label}: ${fk.length} foreign key violations`);

    const cardRow = db.prepare("select version, status, summary from scorecards where id = ?");
    const evidenceRow = db.prepare("select evidence from ratings where scorecard_id = ? and evidence like ?");
    const auditFor = db.prepare(
      "select action, json_extract(after, '$.version') as v from audit_log where entity_type = 'scorecard' and entity_id = ? and action in ('scorecard.save', 'scorecard.submit') order by id",
    );
    const latest = new Map<string, Ack>();
    for (const a of acks) latest.set(a.card, a);
    // every acknowledged write has its audit entry, committed in the same transaction
    const byCard = new Map<string, { action: string; v: number }[]>();
    for (const c of cards) byCard.set(c.id, auditFor.all(c.id) as { action: string; v: number }[]);
    for (const a of acks) {
      const entries = byCard.get(a.card) ?? [];
      if (!entries.some((e) => e.v === a.version && e.action === `scorecard.${a.kind}`))
        fail(`${label}: acknowledged ${a.kind} v${a.version} of ${a.card} has no audit entry`);
    }
    for (const c of cards) {
      const row = cardRow.get(c.id) as { version: number; status: string; summary: string } | undefined;
      if (!row) {
        fail(`${label}: scorecard ${c.id} is gone`);
        continue;
      }
      const last = latest.get(c.id);
      if (last) {
        if (row.version < last.version)
          fail(`${label}: ${c.id} at v${row.version}, but v${last.version} was acknowledged`);
        if (row.version === last.version) {
          if (!row.summary.includes(last.marker))
            fail(`${label}: ${c.id} v${row.version} lacks the acknowledged marker ${last.marker}`);
          if (!evidenceRow.get(c.id, `%${last.marker}%`))
            fail(`${label}: ${c.id} evidence lacks the acknowledged marker ${last.marker}`);
        }
        if (last.kind === "submit" && row.status !== "submitted")
          fail(`${label}: ${c.id} acknowledged as submitted but is ${row.status}`);
      }
      // the audit log agrees with the data: one entry per version step, ending at the stored version
      const versions = (byCard.get(c.id) ?? []).map((e) => e.v);
      const expected = Array.from({ length: row.version - c.initialVersion }, (_, i) => c.initialVersion + i + 1);
      if (JSON.stringify(versions) !== JSON.stringify(expected)) {
        fail(
          `${label}: ${c.id} audit versions ${JSON.stringify(versions.slice(-5))}… do not match stored v${row.version}`,
        );
      }
    }
    const auditRows = db.prepare("select count(*) from audit_log").pluck().get() as number;
    return { integrity, auditRows };
  } finally {
    db.close();
  }
}

function appendOnlyCheck(dbPath: string): boolean {
  const db = new Database(dbPath);
  try {
    const before = db.prepare("select count(*) from audit_log").pluck().get() as number;
    const first = db.prepare("select * from audit_log order by id limit 1").get() as Record<string, unknown>;
    const attempts: [string, () => unknown][] = [
      ["UPDATE action", () => db.prepare("update audit_log set action = 'tampered' where id = ?").run(first.id)],
      ["UPDATE actor", () => db.prepare("update audit_log set actor_id = null where id = ?").run(first.id)],
      ["DELETE one", () => db.prepare("delete from audit_log where id = ?").run(first.id)],
      ["DELETE all", () => db.prepare("delete from audit_log").run()],
    ];
    let ok = true;
    for (const [name, run] of attempts) {
      try {
        run();
        fail(`audit_log ${name} was allowed`);
        ok = false;
      } catch (e) {
        if (!String(e).includes("append-only")) {
          fail(`audit_log ${name}: unexpected error ${String(e)}`);
          ok = false;
        }
      }
    }
    const after = db.prepare("select count(*) from audit_log").pluck().get() as number;
    const firstAfter = db.prepare("select * from audit_log order by id limit 1").get();
    if (after !== before || JSON.stringify(firstAfter) !== JSON.stringify(first)) {
      fail("audit_log changed after refused UPDATE/DELETE");
      ok = false;
    }
    return ok;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  await ensureBuilt();
  const dbPath = tempDbPath("crash");
  const world: LoadWorld = await buildLoadWorld(dbPath, {
    panelists: PANELISTS,
    managers: 2,
    loops: 6,
    cardsPerPanelist: 5,
    submittedPerLoop: 1,
    password: PASSWORD,
  });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const cards: CardState[][] = world.panelists.map((p) =>
    p.cards.map((c) => ({ id: c.id, version: c.version, status: "draft", initialVersion: c.version })),
  );
  const allCards = cards.flat();
  const browsers = world.panelists.map(() => new Browser(base));

  let server: ServerHandle | null = null;
  const perRound: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    server = await startServer({ dbPath, port });
    if (round === 1) {
      for (const [i, p] of world.panelists.entries()) {
        const r = await browsers[i]!.login(p.email, PASSWORD);
        if (r.status !== 302) throw new Error(`login of ${p.email} failed: ${r.status}`);
      }
    }
    const ackBefore = acks.length;
    const lostBefore = lostInFlight;
    let over = false;
    const clients = browsers.map((b, i) => panelistLoop(b, cards[i]!, round, () => over));
    const killAfter = 400 + Math.floor(rand() * 2_000);
    await sleep(killAfter);
    await server.kill(); // SIGKILL: no shutdown handler runs
    over = true;
    await Promise.all(clients);
    const v = verify(dbPath, allCards, `round ${round}`);
    perRound.push(
      `round ${round}: killed after ${killAfter} ms, ${acks.length - ackBefore} acked, ${lostInFlight - lostBefore} in flight, integrity ${v.integrity}, ${v.auditRows} audit rows`,
    );
    process.stdout.write(`${perRound.at(-1)}\n`);
    if (failures.length > 0) break;
  }
  // graceful round: SIGTERM in the middle of the traffic. The server stops accepting, answers the
  // requests it is handling, exits 0, and everything it acknowledged is stored.
  let graceful = "";
  if (failures.length === 0) {
    server = await startServer({ dbPath, port });
    const r = await browsers[0]!.get("/interviews");
    if (r.status !== 200)
      fail(`after the SIGKILL rounds /interviews answered ${r.status} (sessions must survive restarts)`);
    let over = false;
    const clients = browsers.map((b, i) => panelistLoop(b, cards[i]!, ROUNDS + 1, () => over));
    await sleep(500 + Math.floor(rand() * 1_000));
    server.proc.kill("SIGTERM");
    const code = await server.exited;
    over = true;
    await Promise.all(clients);
    if (code !== 0) fail(`SIGTERM: the server exited with ${code}, not 0`);
    const logs = server.stdout
      .filter((l) => l.includes('"msg"'))
      .map((l) => JSON.parse(l) as { msg?: string; inFlight?: number });
    const shutting = logs.find((l) => l.msg === "shutting down");
    if (!logs.some((l) => l.msg === "stopped")) fail("SIGTERM: no 'stopped' log line");
    verify(dbPath, allCards, "after SIGTERM");
    graceful = `; SIGTERM mid-traffic: ${shutting?.inFlight ?? "?"} request(s) in flight at the signal, exit ${code}, nothing acknowledged lost`;
    process.stdout.write(`graceful round: ${graceful.slice(2)}\n`);
  }
  const appendOnly = appendOnlyCheck(dbPath);

  const saves = acks.filter((a) => a.kind === "save").length;
  const submits = acks.length - saves;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    for (const f of failures.slice(0, 30)) process.stderr.write(`FAIL ${f}\n`);
    process.stdout.write(`crash-test: FAILED (${failures.length} problems) seed=${SEED} db=${dbPath} — ${secs} s\n`);
    process.exit(1);
  }
  process.stdout.write(
    `crash-test: ok — ${ROUNDS} SIGKILL rounds, ${PANELISTS} panelists, ${saves} saves + ${submits} submits acknowledged, 0 missing; ` +
      `${lostInFlight} requests without an answer (cut off by a kill or refused during shutdown; ${conflictsAfterCrash} had committed and were resynced by 409); integrity ok; audit log consistent; ` +
      `append-only ${appendOnly ? "enforced" : "NOT enforced"}${graceful} — seed=${SEED}, ${secs} s\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`crash-test: error ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
