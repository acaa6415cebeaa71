// Scorecard artifacts (pictures the candidate drew): upload validation, privacy of a draft's
// picture, the review page, the packet (embedded, tagged, conformant, in the fingerprint), backup
// and erasure. In process, on a real SQLite database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../db/client.server";
import { eraseCandidate } from "../../db/queries/candidate/erasure.server";
import { auditLog, candidates, loops, scorecardArtifacts, scorecards } from "../../db/schema";
import { ARTIFACT_MAX_BYTES, ARTIFACTS_PER_SCORECARD } from "../../app/domain/scorecard/artifact-image";
import * as imageRoute from "../../app/routes/artifacts.$id";
import * as reviewRoute from "../../app/routes/loops.$id._index";
import * as packetRoute from "../../app/routes/loops.$id.packet[.]pdf";
import * as uploadRoute from "../../app/routes/scorecards.$id.artifacts";
import { backupDatabase } from "../../scripts/backup";
import { restoreDatabase } from "../../scripts/restore";
import { exifSegment, greyJpeg, jpegWith, png, pngIdat, pngText } from "../images";

import {
  BASE,
  call,
  createTestUser,
  CSRF,
  databaseFileBytes,
  freshDatabase,
  get,
  postForm,
  seedRubricV1,
  type TestUser,
} from "./harness";
import { checkPdf } from "./pdf-conformance";
import { buildLoop, handler } from "./review-fixtures";

const CAPTION = "Whiteboard: feature store with online/offline parity and canary rollout";
/** The compressed pixels (IDAT chunk) of the 40 × 30 exported diagram: bytes found nowhere else in the file. */
const PNG_PIXELS = pngIdat(png(40, 30));

let dbFile: string;
let hm: TestUser;
let recruiter: TestUser;
let admin: TestUser;
let drafting: TestUser;
let submitted: TestUser;
let outsider: TestUser;
let loopId: string;
let draftCard: string;
let submittedCard: string;

function uploadRequest(
  user: TestUser | null,
  scorecardId: string,
  fields: { bytes?: Uint8Array; filename?: string; type?: string; caption?: string; dimensionKey?: string },
  opts: { csrf?: string | null; json?: boolean } = {},
): Request {
  const form = new FormData();
  const csrf = opts.csrf === undefined ? CSRF : opts.csrf;
  if (csrf !== null) form.append("csrf", csrf);
  if (fields.caption !== undefined) form.append("caption", fields.caption);
  if (fields.dimensionKey !== undefined) form.append("dimensionKey", fields.dimensionKey);
  if (fields.bytes)
    form.append(
      "image",
      new File([new Uint8Array(fields.bytes)], fields.filename ?? "board.jpg", { type: fields.type ?? "image/jpeg" }),
    );
  return new Request(`${BASE}/scorecards/${scorecardId}/artifacts`, {
    method: "POST",
    headers: {
      Cookie: user ? user.cookie : `archpanel_csrf=${CSRF}`,
      ...(opts.json ? { Accept: "application/json" } : {}),
    },
    body: form,
  });
}

const upload = (...args: Parameters<typeof uploadRequest>) =>
  call(handler(uploadRoute.action), uploadRequest(...args), { id: args[1] });

const artifactCount = (scorecardId?: string) =>
  getDb()
    .select({ id: scorecardArtifacts.id })
    .from(scorecardArtifacts)
    .where(scorecardId ? eq(scorecardArtifacts.scorecardId, scorecardId) : undefined)
    .all().length;

function storedOf(scorecardId: string) {
  return getDb().select().from(scorecardArtifacts).where(eq(scorecardArtifacts.scorecardId, scorecardId)).all();
}

beforeAll(() => {
  dbFile = freshDatabase();
  const { versionId } = seedRubricV1();
  hm = createTestUser("member", "Hana Manager");
  recruiter = createTestUser("recruiter", "Rita Recruiter");
  admin = createTestUser("admin", "Ada Admin");
  drafting = createTestUser("member", "Dara Drafting");
  submitted = createTestUser("member", "Sami Submitted");
  outsider = createTestUser("member", "Otto Outsider");
  const built = buildLoop({
    versionId,
    hiringManagerId: hm.id,
    recruiterId: recruiter.id,
    status: "debrief",
    interviews: [
      {
        exercise: "architecture_case_study",
        panel: [
          { panelistId: drafting.id, status: "draft" },
          // submitted after its pictures are attached, below
          { panelistId: submitted.id, status: "draft", recommendation: "hire" },
        ],
      },
    ],
  });
  loopId = built.loopId;
  draftCard = built.scorecardIds[0]![0]!;
  submittedCard = built.scorecardIds[0]![1]!;
});

describe("upload validation", () => {
  it("stores a JPEG without its EXIF GPS, the orientation kept, and goes back to the scorecard", async () => {
    const r = await upload(submitted, submittedCard, {
      bytes: jpegWith([exifSegment(6, "GPS-SECRET-52N")]),
      caption: CAPTION,
      dimensionKey: "ml_system_architecture",
    });
    expect(r.status).toBe(303);
    expect(r.headers.get("Location")).toBe(`/scorecards/${submittedCard}#artifacts`);
    const [row] = storedOf(submittedCard);
    expect(row).toMatchObject({ mediaType: "image/jpeg", caption: CAPTION, width: 48, height: 64 });
    expect(row!.data.includes(Buffer.from("GPS-SECRET"))).toBe(false);
  });

  it("answers a script with JSON, and stores a PNG without its text chunks", async () => {
    const r = await upload(
      submitted,
      submittedCard,
      {
        bytes: png(40, 30, [pngText("Author", "PNG-TEXT-SECRET")]),
        filename: "d.png",
        type: "image/png",
        caption: "Exported diagram",
      },
      { json: true },
    );
    expect(r.status).toBe(200);
    const body = (await r.response!.json()) as { ok: boolean; artifacts: { caption: string; src: string }[] };
    expect(body.ok).toBe(true);
    expect(body.artifacts.map((a) => a.caption)).toEqual([CAPTION, "Exported diagram"]);
    expect(storedOf(submittedCard)[1]!.data.includes(Buffer.from("PNG-TEXT-SECRET"))).toBe(false);
  });

  it.each([
    [
      "wrong magic (a GIF named .png)",
      { bytes: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), filename: "x.png", type: "image/png", caption: "c" },
      400,
      "image",
    ],
    ["HTML named .jpg", { bytes: Buffer.from("<script>alert(1)</script>"), caption: "c" }, 400, "image"],
    ["a truncated JPEG", { bytes: greyJpeg().subarray(0, 60), caption: "c" }, 400, "image"],
    ["too large", { bytes: Buffer.concat([greyJpeg(), Buffer.alloc(ARTIFACT_MAX_BYTES)]), caption: "c" }, 413, "image"],
    ["no caption", { bytes: greyJpeg() }, 400, "caption"],
    ["a blank caption", { bytes: greyJpeg(), caption: "   " }, 400, "caption"],
    ["an unknown dimension", { bytes: greyJpeg(), caption: "c", dimensionKey: "astrology" }, 400, "dimensionKey"],
    ["no file", { caption: "c" }, 400, "image"],
  ])("refuses %s with a clear error and writes nothing", async (_name, fields, status, field) => {
    const before = artifactCount();
    const r = await upload(drafting, draftCard, fields, { json: true });
    expect(r.status).toBe(status);
    const body = (await r.response!.json()) as { ok: boolean; errors: Record<string, string[]> };
    expect(body.ok).toBe(false);
    expect(body.errors[field]?.[0]).toBeTruthy();
    expect(artifactCount()).toBe(before);
  });

  it("without JavaScript a refusal is a page with the reason and a way back (4xx, not a 500)", async () => {
    const r = await upload(drafting, draftCard, { bytes: greyJpeg() });
    expect(r.status).toBe(400);
    const html = await r.response!.text();
    expect(html).toContain("The picture was not attached");
    expect(html).toContain("Write a short caption");
    expect(html).toContain(`/scorecards/${draftCard}#artifacts`);
  });

  it("refuses a post without the CSRF token (403) and anyone else's scorecard (404)", async () => {
    const before = artifactCount();
    expect((await upload(drafting, draftCard, { bytes: greyJpeg(), caption: "c" }, { csrf: null })).status).toBe(403);
    for (const user of [outsider, hm, admin, submitted])
      expect((await upload(user, draftCard, { bytes: greyJpeg(), caption: "c" })).status).toBe(404);
    expect((await upload(null, draftCard, { bytes: greyJpeg(), caption: "c" })).status).toBe(302);
    expect(artifactCount()).toBe(before);
  });

  it(`holds at most ${ARTIFACTS_PER_SCORECARD} pictures per scorecard`, async () => {
    const start = artifactCount(draftCard);
    for (let i = start; i < ARTIFACTS_PER_SCORECARD; i++)
      expect((await upload(drafting, draftCard, { bytes: greyJpeg(), caption: `Board ${i}` })).status).toBe(303);
    const r = await upload(drafting, draftCard, { bytes: greyJpeg(), caption: "one too many" }, { json: true });
    expect(r.status).toBe(409);
    expect(artifactCount(draftCard)).toBe(ARTIFACTS_PER_SCORECARD);
  });

  it("removes a picture from a draft; a submitted scorecard's pictures are locked", async () => {
    const [first] = storedOf(draftCard);
    const r = await call(
      handler(uploadRoute.action),
      postForm(`/scorecards/${draftCard}/artifacts`, drafting, { intent: "remove", artifactId: first!.id }),
      { id: draftCard },
    );
    expect(r.status).toBe(303);
    expect(artifactCount(draftCard)).toBe(ARTIFACTS_PER_SCORECARD - 1);
    // someone else cannot remove it
    const [second] = storedOf(draftCard);
    const other = await call(
      handler(uploadRoute.action),
      postForm(`/scorecards/${draftCard}/artifacts`, outsider, { intent: "remove", artifactId: second!.id }),
      { id: draftCard },
    );
    expect(other.status).toBe(404);

    getDb()
      .update(scorecards)
      .set({ status: "submitted", submittedAt: Date.now() })
      .where(eq(scorecards.id, submittedCard))
      .run();
    const locked = storedOf(submittedCard).length;
    const [kept] = storedOf(submittedCard);
    const rm = await call(
      handler(uploadRoute.action),
      postForm(`/scorecards/${submittedCard}/artifacts`, submitted, { intent: "remove", artifactId: kept!.id }),
      { id: submittedCard },
    );
    expect(rm.status).toBe(409);
    expect((await upload(submitted, submittedCard, { bytes: greyJpeg(), caption: "late" })).status).toBe(409);
    expect(storedOf(submittedCard).length).toBe(locked);
  });
});

describe("the audit trail", () => {
  const entries = () =>
    getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, draftCard))
      .all()
      .filter((e) => e.action.startsWith("scorecard.artifact_"));

  it("records each picture added and removed by its content hash, never its caption; a refusal records nothing", async () => {
    const before = entries().length;
    const caption = "Private draft caption: the serving tier sketch";
    const held = storedOf(draftCard).length;
    if (held >= ARTIFACTS_PER_SCORECARD) {
      const [oldest] = storedOf(draftCard);
      await call(
        handler(uploadRoute.action),
        postForm(`/scorecards/${draftCard}/artifacts`, drafting, { intent: "remove", artifactId: oldest!.id }),
        { id: draftCard },
      );
    }
    const mark = entries().length;
    expect((await upload(drafting, draftCard, { bytes: greyJpeg(), caption })).status).toBe(303);
    const added = entries().slice(mark);
    expect(added.map((e) => e.action)).toEqual(["scorecard.artifact_add"]);
    const stored = storedOf(draftCard).find((a) => a.caption === caption)!;
    expect(added[0]).toMatchObject({ actorId: drafting.id, loopId });
    expect(added[0]!.after).toMatchObject({ artifactId: stored.id, sha256: stored.sha256, byteSize: stored.byteSize });
    expect(JSON.stringify(added[0])).not.toContain("Private draft caption");

    const refused = await upload(drafting, draftCard, { bytes: new Uint8Array([1, 2, 3]), caption });
    expect(refused.status).toBe(400);
    expect(entries().length).toBe(mark + 1);

    await call(
      handler(uploadRoute.action),
      postForm(`/scorecards/${draftCard}/artifacts`, drafting, { intent: "remove", artifactId: stored.id }),
      { id: draftCard },
    );
    const removed = entries().slice(mark + 1);
    expect(removed.map((e) => e.action)).toEqual(["scorecard.artifact_remove"]);
    expect(removed[0]!.before).toMatchObject({ artifactId: stored.id, sha256: stored.sha256 });
    expect(entries().length).toBeGreaterThan(before);
  });
});

describe("privacy: a picture is scorecard content", () => {
  const fetchImage = (id: string, user: TestUser | null, headers: Record<string, string> = {}) =>
    call(handler(imageRoute.loader), get(`/artifacts/${id}`, user, headers), { id });

  it("a draft's picture reaches its author only: every other role gets 404, anonymous 401", async () => {
    const [pic] = storedOf(draftCard);
    const own = await fetchImage(pic!.id, drafting);
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("image/jpeg");
    expect(own.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(own.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(Buffer.from(await own.response!.arrayBuffer()).equals(pic!.data)).toBe(true);
    for (const user of [hm, recruiter, admin, submitted, outsider])
      expect((await fetchImage(pic!.id, user)).status, user.name).toBe(404);
    expect((await fetchImage(pic!.id, null)).status).toBe(401);
  });

  it("a submitted scorecard's picture follows the loop feedback rule; revalidation answers 304", async () => {
    const [pic] = storedOf(submittedCard);
    for (const user of [hm, recruiter, admin, submitted]) expect((await fetchImage(pic!.id, user)).status).toBe(200);
    // the drafting panelist has not submitted: independence
    expect((await fetchImage(pic!.id, drafting)).status).toBe(403);
    expect((await fetchImage(pic!.id, outsider)).status).toBe(404);
    const again = await fetchImage(pic!.id, hm, { "If-None-Match": `"${pic!.sha256}"` });
    expect(again.status).toBe(304);
  });

  it("the review page shows the submitted scorecard's thumbnails, never the draft's", async () => {
    const r = await call(handler(reviewRoute.loader), get(`/loops/${loopId}`, hm), { id: loopId });
    const d = r.data as { artifacts: { scorecardId: string; artifacts: { caption: string; src: string }[] }[] };
    expect(d.artifacts.map((g) => g.scorecardId)).toEqual([submittedCard]);
    expect(d.artifacts[0]!.artifacts.map((a) => a.caption)).toEqual([CAPTION, "Exported diagram"]);
    expect(JSON.stringify(d)).not.toContain("Board ");
  });
});

describe("the packet", () => {
  let pdf: Buffer;
  let file: string;
  beforeAll(async () => {
    const r = await call(handler(packetRoute.loader), get(`/loops/${loopId}/packet.pdf`, hm), { id: loopId });
    expect(r.status).toBe(200);
    pdf = Buffer.from(await r.response!.arrayBuffer());
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-artifacts-")), "packet.pdf");
    fs.writeFileSync(file, pdf);
  });

  it("embeds the submitted scorecard's pictures (not the draft's) and lists them in the appendix", () => {
    const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(images.length).toBe(2);
    expect(images.some((l) => /\bjpeg\b/.test(l))).toBe(true);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("What the candidate drew");
    expect(text).toContain("Attached pictures");
    expect(text).toContain("Figure 2. Exported diagram");
    expect(text).not.toContain("Board ");
  });

  it("stays a conformant tagged PDF: each picture a Figure whose /Alt is its caption", async () => {
    const report = await checkPdf(pdf);
    expect(report.findings).toEqual([]);
    const figures: (string | null)[] = [];
    const walk = (n: typeof report.tree): void => {
      if (n.role === "Figure") figures.push(n.alt);
      n.children.forEach(walk);
    };
    walk(report.tree);
    expect(figures).toContain(`Figure 1: ${CAPTION}`);
    expect(figures).toContain("Figure 2: Exported diagram");
  });

  it("changes its fingerprint when a picture is added", async () => {
    const fingerprintOf = (bytes: Buffer) =>
      /[0-9a-f]{64}/.exec(execFileSync("pdftotext", ["-l", "1", "-", "-"], { input: bytes, encoding: "utf8" }))?.[0];
    const before = fingerprintOf(pdf);
    getDb().update(scorecards).set({ status: "draft" }).where(eq(scorecards.id, submittedCard)).run();
    expect(
      (await upload(submitted, submittedCard, { bytes: png(10, 10), type: "image/png", caption: "Third" })).status,
    ).toBe(303);
    getDb().update(scorecards).set({ status: "submitted" }).where(eq(scorecards.id, submittedCard)).run();
    const r = await call(handler(packetRoute.loader), get(`/loops/${loopId}/packet.pdf`, hm), { id: loopId });
    const after = fingerprintOf(Buffer.from(await r.response!.arrayBuffer()));
    expect(before).toBeTruthy();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });
});

describe("backup and erasure", () => {
  it("a backup holds the pictures byte for byte, and so does the database restored from it", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "archpanel-artifacts-bk-"));
    const out = path.join(work, "backup.db");
    await backupDatabase(dbFile, out);
    const restored = path.join(work, "restored", "archpanel.db");
    await restoreDatabase(out, restored);
    const live = getDb()
      .select({ id: scorecardArtifacts.id, data: scorecardArtifacts.data })
      .from(scorecardArtifacts)
      .all();
    expect(live.length).toBeGreaterThanOrEqual(3);
    for (const file of [out, restored]) {
      const copy = new Database(file, { readonly: true });
      const rows = copy.prepare("select id, data from scorecard_artifacts order by id").all() as {
        id: string;
        data: Buffer;
      }[];
      copy.close();
      expect(rows.length, file).toBe(live.length);
      for (const r of rows) expect(r.data.equals(live.find((l) => l.id === r.id)!.data), file).toBe(true);
    }
  });

  it("erasing the candidate deletes every picture and caption of their scorecards, even keeping ratings", () => {
    const loop = getDb().select({ candidateId: loops.candidateId }).from(loops).where(eq(loops.id, loopId)).get()!;
    expect(artifactCount()).toBeGreaterThan(0);
    // the scan below can fail: the exported diagram's pixels are in the file before
    getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(fs.readFileSync(dbFile).includes(PNG_PIXELS)).toBe(true);
    const result = eraseCandidate(getDb(), { candidateId: loop.candidateId, actorId: admin.id, keepRatings: true });
    expect(result).toBeTruthy();
    expect(artifactCount()).toBe(0);
    expect(getDb().select().from(candidates).where(eq(candidates.id, loop.candidateId)).get()?.erasedAt).toBeTruthy();
    const file = databaseFileBytes(dbFile);
    expect(file.includes(Buffer.from(CAPTION))).toBe(false);
    // the pictures' bytes are gone too, not only their rows: not in freed pages, not in the WAL
    expect(file.includes(PNG_PIXELS)).toBe(false);
  });
});
