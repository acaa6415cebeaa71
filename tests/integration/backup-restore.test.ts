// Backups: `npm run backup` while another process writes (an online, consistent snapshot), then
// `npm run restore` into a fresh file: the same data, integrity ok, a refusal to overwrite without
// --force, a refusal of damaged backups, and a restored server that serves the same packet
// pages (only the generation time differs).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";

import { Browser, ROOT, startServer, tempDbPath } from "./server-process";

function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every row of every table (sessions included), in a stable order: the database's content. */
function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .all() as { name: string }[]
    ).map((r) => r.name);
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      const cols = (db.prepare(`pragma table_info("${t}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      out[t] = db.prepare(`select * from "${t}" order by ${cols.join(", ")}`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
const insCand = db.prepare("insert into candidates (id, name, email) values (?, ?, ?)");
const insAudit = db.prepare("insert into audit_log (at, actor_id, action, entity_type, entity_id) values (?, null, 'candidate.create', 'candidate', ?)");
const pair = db.transaction((i) => {
  insCand.run("w" + String(i).padStart(6, "0"), "Writer " + i, "w" + i + "@example.test");
  insAudit.run(Date.now(), "w" + String(i).padStart(6, "0"));
});
let i = 0;
const until = Date.now() + Number(process.argv[2]);
while (Date.now() < until) { pair(i++); }
process.stdout.write(String(i));
`;

let seeded = "";

beforeAll(() => {
  seeded = tempDbPath("backup-src");
  const r = runScript("scripts/seed-demo.ts", [], { DATABASE_PATH: seeded });
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe("backup and restore", () => {
  test("a backup taken during concurrent writes is one consistent state, and restores to the same data", async () => {
    const work = path.dirname(seeded);
    const writer = spawn(process.execPath, ["-e", WRITER, seeded, "4000"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let written = "";
    writer.stdout.on("data", (c: Buffer) => (written += c.toString()));
    const writerDone = new Promise<number | null>((resolve) => writer.on("exit", (code) => resolve(code)));
    // wait until the writer is well under way
    for (let n = 0; n < 200; n++) {
      await new Promise((r) => setTimeout(r, 50));
      const db = new Database(seeded, { readonly: true });
      const count = (db.prepare("select count(*) as n from candidates where id like 'w%'").get() as { n: number }).n;
      db.close();
      if (count >= 20) break;
    }
    const backupFile = path.join(work, "during-writes.backup.db");
    const b = runScript("scripts/backup.ts", ["--db", seeded, "--out", backupFile]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/integrity ok/);
    expect(await writerDone).toBe(0);
    const totalWritten = Number(written);

    // the backup is a single self-contained file that passes integrity_check
    expect(fs.existsSync(`${backupFile}-wal`)).toBe(false);
    expect(integrity(backupFile)).toBe("ok");
    // ...and one committed state: every writer transaction is either wholly in or wholly out,
    // and the ones in are exactly the first k (no gaps)
    const snap = dump(backupFile);
    // writer ids are "w" + 6 digits; random ids of the demo data may start with "w" too
    const writerId = /^w\d{6}$/;
    const cands = (snap.candidates as { id: string }[])
      .filter((c) => writerId.test(c.id))
      .map((c) => c.id)
      .sort();
    const audits = (snap.audit_log as { entity_id: string; action: string }[])
      .filter((a) => writerId.test(a.entity_id))
      .map((a) => a.entity_id)
      .sort();
    expect(cands.length).toBeGreaterThanOrEqual(20);
    expect(cands.length).toBeLessThanOrEqual(totalWritten);
    expect(audits).toEqual(cands);
    expect(cands).toEqual(Array.from({ length: cands.length }, (_, i) => `w${String(i).padStart(6, "0")}`));
    // the demo data is all there
    expect((snap.scorecards ?? []).length).toBeGreaterThan(10);

    // restore into a fresh file: identical content
    const restored = path.join(work, "restored", "archpanel.db");
    const r = runScript("scripts/restore.ts", ["--from", backupFile, "--db", restored]);
    expect(r.code, r.stderr).toBe(0);
    expect(integrity(restored)).toBe("ok");
    expect(dump(restored)).toEqual(snap);
    // audit triggers came along: the log is still append-only in the restored database
    const db = new Database(restored);
    expect(() => db.prepare("delete from audit_log").run()).toThrow(/append-only/);
    expect(() => db.prepare("update audit_log set action = 'x'").run()).toThrow(/append-only/);
    db.close();
  }, 120_000);

  test("restore refuses to overwrite an existing database without --force; with --force it keeps the old one", () => {
    const work = path.dirname(seeded);
    const backupFile = path.join(work, "plain.backup.db");
    expect(runScript("scripts/backup.ts", ["--db", seeded, "--out", backupFile]).code).toBe(0);
    // the backup script also refuses to overwrite
    expect(runScript("scripts/backup.ts", ["--db", seeded, "--out", backupFile]).code).not.toBe(0);

    const target = tempDbPath("restore-target");
    const other = new Database(target);
    other.pragma("journal_mode = WAL");
    other.exec("create table marker (x text); insert into marker values ('the database we must not lose')");
    other.close();
    const before = fs.readFileSync(target);
    const refused = runScript("scripts/restore.ts", ["--from", backupFile, "--db", target]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--force/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);

    // a stale -wal beside the target must not be replayed onto the restored file
    fs.writeFileSync(`${target}-wal`, Buffer.alloc(4096, 7));
    const forced = runScript("scripts/restore.ts", ["--from", backupFile, "--db", target, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(integrity(target)).toBe("ok");
    expect(dump(target)).toEqual(dump(backupFile));
    const kept = fs.readdirSync(path.dirname(target)).find((f) => f.includes(".replaced-"));
    expect(kept).toBeDefined();
    const keptDb = new Database(path.join(path.dirname(target), kept!), { readonly: true });
    expect(keptDb.prepare("select x from marker").get()).toEqual({ x: "the database we must not lose" });
    keptDb.close();
  }, 60_000);

  test("a damaged backup, or a file that is not an ArchPanel database, is refused before anything is touched", () => {
    const work = path.dirname(seeded);
    const good = path.join(work, "for-damage.backup.db");
    expect(runScript("scripts/backup.ts", ["--db", seeded, "--out", good]).code).toBe(0);
    const damaged = path.join(work, "damaged.backup.db");
    const bytes = fs.readFileSync(good);
    // scribble over a few pages in the middle of the file (not the header)
    for (let i = 8192; i < Math.min(bytes.length, 8192 * 4); i += 7) bytes[i] = (bytes[i]! + 91) % 256;
    fs.writeFileSync(damaged, bytes);
    const target = path.join(work, "never-created", "archpanel.db");
    const r1 = runScript("scripts/restore.ts", ["--from", damaged, "--db", target]);
    expect(r1.code).not.toBe(0);
    expect(fs.existsSync(target)).toBe(false);

    const foreign = path.join(work, "foreign.db");
    const f = new Database(foreign);
    f.exec("create table t (x)");
    f.close();
    const r2 = runScript("scripts/restore.ts", ["--from", foreign, "--db", target]);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/not an ArchPanel database/);
    expect(fs.existsSync(target)).toBe(false);
  }, 60_000);
});

/** The packet's text, page by page, without the one line that says when the file was generated. */
function pagesWithoutGenerated(pdf: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-restore-pdf-")), "packet.pdf");
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })
    .split("\f")
    .map((p) => p.replace(/^Generated\n+\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC$/m, "Generated"));
}

const PACKET_ROUTE = path.join(ROOT, "app", "routes", "loops.$id.packet[.]pdf.tsx");

describe("a restored server serves the same packet", () => {
  test("the packet PDF's pages are identical from the original and the restored database", async () => {
    expect(fs.existsSync(PACKET_ROUTE), "the packet PDF route exists").toBe(true);
    const work = path.dirname(seeded);
    const original = tempDbPath("packet-orig");
    fs.copyFileSync(seeded, original);
    for (const ext of ["-wal", "-shm"]) if (fs.existsSync(seeded + ext)) fs.copyFileSync(seeded + ext, original + ext);
    const srv1 = await startServer({ dbPath: original });
    let pdf1: Buffer;
    let loopId = "";
    try {
      const db = new Database(original, { readonly: true });
      loopId = (
        db
          .prepare(
            "select l.id from loops l join candidates c on c.id = l.candidate_id where c.name = 'Ingrid Sørensen'",
          )
          .get() as { id: string }
      ).id;
      db.close();
      const b = new Browser(srv1.url);
      expect((await b.login("admin@archpanel.demo", "archpanel-demo")).status).toBe(302);
      // back up while the server runs
      const backupFile = path.join(work, "packet.backup.db");
      expect(runScript("scripts/backup.ts", ["--db", original, "--out", backupFile]).code).toBe(0);
      const res = await fetch(`${srv1.url}/loops/${loopId}/packet.pdf`, { headers: { Cookie: b.cookieHeader() } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/pdf");
      pdf1 = Buffer.from(await res.arrayBuffer());
      const restored = path.join(work, "packet-restored", "archpanel.db");
      expect(runScript("scripts/restore.ts", ["--from", backupFile, "--db", restored]).code).toBe(0);
      await srv1.stop();
      const srv2 = await startServer({ dbPath: restored });
      try {
        const b2 = new Browser(srv2.url);
        expect((await b2.login("admin@archpanel.demo", "archpanel-demo")).status).toBe(302);
        const res2 = await fetch(`${srv2.url}/loops/${loopId}/packet.pdf`, { headers: { Cookie: b2.cookieHeader() } });
        expect(res2.status).toBe(200);
        const pdf2 = Buffer.from(await res2.arrayBuffer());
        expect(pdf1.subarray(0, 5).toString()).toBe("%PDF-");
        // the same pages; only "Generated" (the time of each request) differs
        expect(pagesWithoutGenerated(pdf2)).toEqual(pagesWithoutGenerated(pdf1));
      } finally {
        await srv2.stop();
      }
    } finally {
      await srv1.stop();
    }
  }, 120_000);
});
