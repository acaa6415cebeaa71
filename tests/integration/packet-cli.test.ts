// `npm run packet`: one loop to a file, every loop to a folder (progress on stderr), clear usage
// errors, and the same bytes the server serves to a hiring manager.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";

import { ROOT, tempDbPath } from "./server-process";

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/packet.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let db = "";
let work = "";
let loops: { id: string; name: string }[] = [];

beforeAll(() => {
  db = tempDbPath("packet-cli");
  work = path.dirname(db);
  const seed = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed-demo.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: db },
    timeout: 120_000,
  });
  expect(seed.status, seed.stderr).toBe(0);
  const conn = new Database(db, { readonly: true });
  loops = conn
    .prepare("select l.id as id, c.name as name from loops l join candidates c on c.id = l.candidate_id order by l.id")
    .all() as { id: string; name: string }[];
  conn.close();
  expect(loops.length).toBeGreaterThan(1);
}, 120_000);

describe("npm run packet", () => {
  test("usage errors exit 2 and say what is missing", () => {
    const env = { DATABASE_PATH: db };
    const none = run([], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Missing --loop/);
    expect(none.stderr).toMatch(/Usage:/);
    expect(run(["--loop", "abc"], env).stderr).toMatch(/Missing --out/);
    expect(run(["--all"], env).stderr).toMatch(/--all needs --out-dir/);
    expect(run(["--loop", "abc", "--all", "--out-dir", work], env).stderr).toMatch(/either --loop <id> or --all/);
    expect(run(["--loop"], env).stderr).toMatch(/--loop needs a value/);
    expect(run(["--frobnicate"], env).stderr).toMatch(/Unknown argument: --frobnicate/);
    expect(run(["--loop", "../x", "--out", "x.pdf"], env).stderr).toMatch(/Not a loop id/);
    // a local time without its zone would be read in the server's zone: refused
    expect(run(["--loop", "abc", "--out", "x.pdf", "--generated-at", "2026-12-03 09:00"], env).stderr).toMatch(
      /Not an ISO time with a zone/,
    );
  }, 120_000);

  test("an unknown loop or a missing database exits 1 with a message", () => {
    const unknown = run(["--loop", "no-such-loop", "--out", path.join(work, "x.pdf")], { DATABASE_PATH: db });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No loop with id no-such-loop/);
    expect(fs.existsSync(path.join(work, "x.pdf"))).toBe(false);
    const missing = run(["--loop", "abc", "--out", path.join(work, "y.pdf")], {
      DATABASE_PATH: path.join(work, "nope", "none.db"),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No database at/);
  }, 60_000);

  test("--loop writes that loop's packet, identical on a second run at the same --generated-at; refuses to overwrite without --force", () => {
    const loop = loops.find((l) => l.name === "Ingrid Sørensen") ?? loops[0];
    if (!loop) throw new Error("no loop");
    const out = path.join(work, "one", "ingrid.pdf");
    const at = ["--generated-at", "2026-12-03T09:00:00Z"];
    const r = run(["--loop", loop.id, "--out", out, ...at], { DATABASE_PATH: db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(out);
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(execFileSync("pdftotext", [out, "-"], { encoding: "utf8" })).toContain(loop.name);
    const again = run(["--loop", loop.id, "--out", out], { DATABASE_PATH: db });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    const forced = run(["--loop", loop.id, "--out", out, "--force", ...at], { DATABASE_PATH: db });
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readFileSync(out).equals(pdf)).toBe(true);
    expect(execFileSync("pdftotext", [out, "-"], { encoding: "utf8" })).toMatch(/Generated\s+3 Dec 2026, 09:00 UTC/);
  }, 120_000);

  test("--all writes one packet per loop with a progress bar on stderr", () => {
    const dir = path.join(work, "all");
    const r = run(["--all", "--out-dir", dir], { DATABASE_PATH: db });
    expect(r.code, r.stderr).toBe(0);
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(loops.length);
    for (const l of loops) expect(files.some((f) => f.startsWith(`${l.id}-`) && f.endsWith("-packet.pdf"))).toBe(true);
    expect(r.stderr).toContain(`[${"#".repeat(24)}] ${loops.length}/${loops.length}`);
    expect(r.stdout).toMatch(new RegExp(`Wrote ${loops.length} of ${loops.length} packets`));
    for (const f of files) expect(fs.readFileSync(path.join(dir, f)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 120_000);
});
