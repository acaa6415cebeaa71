// Hostile or broken input that used to slip through: form bodies that are not UTF-8 (refused with a
// clear 400, nothing saved), bodies over the limit on pages that take a file or long text (their
// own page and message, in process and through the REAL server), and autosave versions that are
// not versions (the answer says what is wrong).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { action as importAction } from "../../app/routes/candidates.import";
import { action as newCandidateAction } from "../../app/routes/candidates.new";
import { action as autosaveAction } from "../../app/routes/scorecards.$id.save";
import { env } from "../../app/server/env.server";
import { bodyLimitText, readBody } from "../../app/server/form.server";

import type { TestUser } from "./harness";
import { BASE, call, CSRF, freshDatabase } from "./harness";
import type { ServerHandle } from "./server-process";
import { Browser, prepareDatabase, startServer, tempDbPath } from "./server-process";
import type { World } from "./security-world";
import { buildWorld, databaseChecksum } from "./security-world";

type RouteFn = Parameters<typeof call>[0];

let world: World;

beforeAll(() => {
  freshDatabase();
  world = buildWorld();
});

function rawPost(pathname: string, user: TestUser | null, body: Uint8Array | string, type: string): Request {
  return new Request(`${BASE}${pathname}`, {
    method: "POST",
    headers: {
      "Content-Type": type,
      Cookie: user ? user.cookie : `archpanel_csrf=${CSRF}`,
      "x-csrf-token": CSRF,
    },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

const latin1 = (s: string) => Buffer.from(s, "latin1");
const URLENCODED = "application/x-www-form-urlencoded";

function multipart(parts: { name: string; value: Buffer | string; filename?: string }[]): {
  body: Buffer;
  type: string;
} {
  const boundary = "----archpanel-test-boundary";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (p.filename) chunks.push(Buffer.from("Content-Type: application/octet-stream\r\n"));
    chunks.push(Buffer.from("\r\n"), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

describe("form bodies that are not UTF-8", () => {
  const refusals: [string, Uint8Array | string, string][] = [
    ["a raw byte that starts no character", latin1(`csrf=${CSRF}&name=Ren\xe9e`), URLENCODED],
    ["a percent-escape that decodes to no character", `csrf=${CSRF}&name=Ren%E9e`, URLENCODED],
    ["a cut-off two-byte character", `csrf=${CSRF}&name=Ren%C3`, URLENCODED],
    ["an encoded surrogate", `csrf=${CSRF}&name=%ED%A0%80`, URLENCODED],
    ["an overlong encoding of '/'", `csrf=${CSRF}&name=%C0%AF`, URLENCODED],
    ["JSON with a bad byte", latin1('{"summary":"caf\xe9"}'), "application/json"],
  ];

  test.each(refusals)("%s: 400 with a clear message", async (_label, body, type) => {
    const thrown = await readBody(rawPost("/x", null, body, type)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const r = thrown as Response;
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/not valid UTF-8 text, so nothing was saved/);
  });

  test("a multipart text field with bad bytes is refused; a file part may hold any bytes", async () => {
    const bad = multipart([
      { name: "csrf", value: CSRF },
      { name: "csv", value: latin1("name\nRen\xe9e\n") },
    ]);
    await expect(readBody(rawPost("/x", null, bad.body, bad.type))).rejects.toMatchObject({ status: 400 });
    const file = multipart([
      { name: "csrf", value: CSRF },
      { name: "note", value: "Zoë, 王芳, 😀" },
      { name: "file", value: Buffer.from([0xff, 0xfe, 0x00, 0xe9, 0xc3]), filename: "export.bin" },
    ]);
    const { data } = await readBody(rawPost("/x", null, file.body, file.type));
    expect(data.note).toBe("Zoë, 王芳, 😀");
  });

  test("valid text passes untouched, including a literal '%' and a typed U+FFFD", async () => {
    const body = `csrf=${CSRF}&a=Ren%C3%A9e&b=${encodeURIComponent("100% sure �")}&c=50%`;
    const { data } = await readBody(rawPost("/x", null, body, URLENCODED));
    expect(data).toMatchObject({ a: "Renée", b: "100% sure �", c: "50%" });
  });

  test("the CSRF token is still checked first", async () => {
    const noToken = new Request(`${BASE}/x`, {
      method: "POST",
      headers: { "Content-Type": URLENCODED, Cookie: `archpanel_csrf=${CSRF}` },
      body: latin1("name=Ren\xe9e"),
    });
    await expect(readBody(noToken)).rejects.toMatchObject({ status: 403 });
  });

  test("a candidate with a damaged name is refused and nothing is saved", async () => {
    const before = databaseChecksum();
    const body = latin1(`csrf=${CSRF}&name=Ren\xe9e+Laska&email=renee%40example.org`);
    const r = await call(
      newCandidateAction as RouteFn,
      rawPost("/candidates/new", world.users.recruiter, body, URLENCODED),
    );
    expect(r.status).toBe(400);
    expect(await r.response?.text()).toMatch(/UTF-8/);
    expect(databaseChecksum()).toBe(before);
  });
});

describe("bodies over the limit on pages that take a file or long text", () => {
  test("the import page answers 413 with its own message on the file field, and imports nothing", async () => {
    const before = databaseChecksum();
    const big = multipart([
      { name: "csrf", value: CSRF },
      { name: "intent", value: "preview" },
      { name: "file", value: Buffer.alloc(env().maxBodyBytes + 1, 0x61), filename: "huge.csv" },
    ]);
    const r = await call(
      importAction as RouteFn,
      rawPost("/candidates/import", world.users.recruiter, big.body, big.type),
    );
    expect(r.status).toBe(413);
    expect(r.data).toEqual({
      errors: { csv: [expect.stringContaining(`The file is too large (limit ${bodyLimitText()})`) as unknown] },
      csv: "",
      preview: null,
    });
    expect(bodyLimitText()).toBe("1 MB");
    expect(databaseChecksum()).toBe(before);
  });

  test("a long-text form (new candidate) answers 413 with a message for the form", async () => {
    const body = `csrf=${CSRF}&name=Noor&notes=${"a".repeat(env().maxBodyBytes)}`;
    const r = await call(
      newCandidateAction as RouteFn,
      rawPost("/candidates/new", world.users.recruiter, body, URLENCODED),
    );
    expect(r.status).toBe(413);
    expect(r.data).toMatchObject({ errors: { _form: [expect.stringContaining("limit 1 MB") as unknown] } });
  });

  test("authorization still comes first: a member posting a huge import gets 403", async () => {
    const big = `csrf=${CSRF}&csv=${"a".repeat(env().maxBodyBytes)}`;
    const r = await call(importAction as RouteFn, rawPost("/candidates/import", world.users.outsider, big, URLENCODED));
    expect(r.status).toBe(403);
  });
});

describe("autosave versions that are not versions", () => {
  test.each([
    [-1, "The version cannot be negative"],
    [1e308, "The version is too large"],
    ["abc", "The version is not a number"],
    [2.5, "The version must be a whole number"],
  ])("version %j: 400 saying what is wrong, nothing saved", async (version, message) => {
    const before = databaseChecksum();
    const request = new Request(`${BASE}/scorecards/${world.pendingCard}/save`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Cookie: world.users.pending.cookie,
        "x-csrf-token": CSRF,
      },
      body: JSON.stringify({ intent: "save", version, summary: "changed" }),
    });
    const r = await call(autosaveAction as RouteFn, request, { id: world.pendingCard });
    expect(r.status).toBe(400);
    const body = (await r.response!.json()) as { errors: Record<string, string[]> };
    expect(body.errors.version).toEqual([expect.stringContaining(message) as unknown]);
    expect(body.errors.version![0]).not.toMatch(/Missing version/);
    expect(databaseChecksum()).toBe(before);
  });
});

describe("through the real server", () => {
  const PASSWORD = "correct horse battery staple";
  const RECRUITER = {
    email: "rita@input.test",
    name: "Rita Recruiter",
    role: "recruiter" as const,
    password: PASSWORD,
  };
  let server: ServerHandle;
  let recruiter: Browser;

  beforeAll(async () => {
    const dbPath = tempDbPath("input");
    await prepareDatabase(dbPath, [RECRUITER]);
    server = await startServer({ dbPath });
    recruiter = new Browser(server.url);
    expect((await recruiter.login(RECRUITER.email, PASSWORD)).status).toBe(302);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  function candidateCount(): number {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return (db.prepare("select count(*) as n from candidates").get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  test("a file import over the limit gets the import page with 'file is too large (limit 1 MB)', not a bare 413", async () => {
    const big = multipart([
      { name: "csrf", value: recruiter.csrf },
      { name: "intent", value: "preview" },
      { name: "file", value: Buffer.alloc(1_200_000, 0x61), filename: "huge.csv" },
    ]);
    const r = await recruiter.request("/candidates/import", {
      method: "POST",
      body: new Uint8Array(big.body),
      headers: { "Content-Type": big.type, Origin: server.url, Accept: "text/html" },
    });
    expect(r.status).toBe(413);
    expect(r.headers.get("content-type")).toMatch(/text\/html/);
    expect(r.body).toContain("Import candidates from CSV");
    expect(r.body).toContain("The file is too large (limit 1 MB)");
    // and the server goes on serving
    expect((await recruiter.get("/candidates/import")).status).toBe(200);
  }, 60_000);

  test("a long-text form over the limit gets its page back with the message", async () => {
    const r = await recruiter.postForm("/candidates/new", { name: "Noor", notes: "a".repeat(1_100_000) });
    expect(r.status).toBe(413);
    expect(r.body).toContain("New candidate");
    expect(r.body).toContain("too large to save (limit 1 MB)");
  }, 60_000);

  test("a form with bytes that are not UTF-8 is refused with 400 and nothing is saved", async () => {
    const before = candidateCount();
    const r = await recruiter.request("/candidates/new", {
      method: "POST",
      body: new Uint8Array(latin1(`csrf=${recruiter.csrf}&name=Ren\xe9e+Laska&email=renee%40example.org`)),
      headers: { "Content-Type": URLENCODED, Origin: server.url },
    });
    expect(r.status).toBe(400);
    expect(r.body).toContain("not valid UTF-8 text");
    expect(candidateCount()).toBe(before);
    // the same text, well encoded, is saved
    const ok = await recruiter.postForm("/candidates/new", { name: "Renée Laska", email: "renee@example.org" });
    expect(ok.status).toBe(302);
    expect(candidateCount()).toBe(before + 1);
  }, 60_000);
});
