/**
 * The floor for bench:autosave: the smallest server that does the same job as ArchPanel's
 * autosave endpoint — node:http, better-sqlite3 prepared statements, no framework.
 *
 * Per request: cookie session lookup, CSRF double-submit check, JSON parse, the SAME zod schema
 * (scorecardSaveSchemaFor, bound to the rubric), then in one IMMEDIATE transaction the versioned
 * UPDATE … WHERE id AND panelist AND status = 'draft' AND version = ?, the child rows (ratings,
 * red flags, signals, focus ticks, quick notes) and the audit entry. Same database pragmas as the
 * app (openDatabase: WAL, synchronous = FULL). 409 with the stored version on a stale version.
 *
 * Same batching as the app (group commit, app/server/scorecard.server.ts): saves that arrive in the
 * same turn of the event loop share ONE immediate transaction (one fsync), each in its own
 * savepoint, and are answered only after that commit. Without this the floor would pay one fsync
 * per request and the comparison would flatter the app.
 *
 *   FLOOR_DB=<file> FLOOR_PORT=<port> npx tsx scripts/lib/autosave-floor.ts
 */
import crypto from "node:crypto";
import http from "node:http";

import { openDatabase } from "../../db/client.server";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import { normalizeValues, scorecardContext } from "../../app/domain/scorecard/rules";
import { scorecardSaveSchemaFor } from "../../app/domain/scorecard/schema";

const file = process.env.FLOOR_DB;
const port = Number(process.env.FLOOR_PORT ?? 0);
const exerciseKey = process.env.FLOOR_EXERCISE ?? "incident_scenario_drill";
if (!file) throw new Error("FLOOR_DB is required");

const sqlite = openDatabase(file).$client;
const ctx = scorecardContext(LEAD_ML_ARCHITECT_V1, exerciseKey);
if (!ctx) throw new Error(`unknown exercise ${exerciseKey}`);
const schema = scorecardSaveSchemaFor(ctx);

// rubric key -> row id (one published version in the bench database)
const versionId = (
  sqlite.prepare("SELECT id FROM rubric_versions WHERE status = 'published' LIMIT 1").get() as { id: string }
).id;
const idMap = (table: string) =>
  new Map(
    (
      sqlite.prepare(`SELECT key, id FROM ${table} WHERE version_id = ?`).all(versionId) as {
        key: string;
        id: string;
      }[]
    ).map((r) => [r.key, r.id]),
  );
const dimensionIds = idMap("rubric_dimensions");
const redFlagIds = idMap("rubric_red_flags");
const signalIds = idMap("rubric_signals");

const q = {
  session: sqlite.prepare("SELECT user_id AS userId FROM sessions WHERE id = ? AND expires_at > ?"),
  card: sqlite.prepare(
    "SELECT s.id, s.status, s.version, i.loop_id AS loopId FROM scorecards s JOIN interviews i ON i.id = s.interview_id WHERE s.id = ? AND s.panelist_id = ?",
  ),
  update: sqlite.prepare(
    "UPDATE scorecards SET recommendation = ?, summary = ?, override_justification = ?, version = version + 1, updated_at = ? WHERE id = ? AND panelist_id = ? AND status = 'draft' AND version = ?",
  ),
  current: sqlite.prepare("SELECT version, status FROM scorecards WHERE id = ?"),
  delRatings: sqlite.prepare("DELETE FROM ratings WHERE scorecard_id = ?"),
  insRating: sqlite.prepare(
    "INSERT INTO ratings (scorecard_id, dimension_id, score, not_assessed, evidence) VALUES (?, ?, ?, ?, ?)",
  ),
  delFlags: sqlite.prepare("DELETE FROM red_flag_marks WHERE scorecard_id = ?"),
  insFlag: sqlite.prepare("INSERT INTO red_flag_marks (scorecard_id, red_flag_id, note) VALUES (?, ?, ?)"),
  delSignals: sqlite.prepare("DELETE FROM signal_marks WHERE scorecard_id = ?"),
  insSignal: sqlite.prepare("INSERT INTO signal_marks (scorecard_id, signal_id) VALUES (?, ?)"),
  delFocus: sqlite.prepare("DELETE FROM focus_ticks WHERE scorecard_id = ?"),
  insFocus: sqlite.prepare("INSERT INTO focus_ticks (scorecard_id, focus_key) VALUES (?, ?)"),
  notes: sqlite.prepare(
    "SELECT id, body, elapsed_minute AS minute, created_at AS at FROM quick_notes WHERE scorecard_id = ?",
  ),
  delNote: sqlite.prepare("DELETE FROM quick_notes WHERE id = ?"),
  insNote: sqlite.prepare(
    "INSERT OR IGNORE INTO quick_notes (id, scorecard_id, elapsed_minute, body, created_at) VALUES (?, ?, ?, ?, ?)",
  ),
  audit: sqlite.prepare(
    "INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, loop_id, before, after) VALUES (?, ?, 'scorecard.save', 'scorecard', ?, ?, ?, ?)",
  ),
};

type Values = ReturnType<typeof normalizeValues>;

const writeOne = sqlite.transaction(
  (card: { id: string; loopId: string }, userId: string, v: Values, clientVersion: number, now: number) => {
    const res = q.update.run(
      v.recommendation === "" ? null : v.recommendation,
      v.summary,
      v.overrideJustification,
      now,
      card.id,
      userId,
      clientVersion,
    );
    if (res.changes === 0) return null;
    q.delRatings.run(card.id);
    for (const [k, r] of Object.entries(v.ratings)) {
      const dim = dimensionIds.get(k);
      if (dim)
        q.insRating.run(
          card.id,
          dim,
          r.score === "" || r.score === "na" ? null : Number(r.score),
          r.score === "na" ? 1 : 0,
          r.evidence,
        );
    }
    q.delFlags.run(card.id);
    for (const [k, f] of Object.entries(v.redFlags)) {
      const id = redFlagIds.get(k);
      if (id) q.insFlag.run(card.id, id, f.note);
    }
    q.delSignals.run(card.id);
    for (const k of Object.keys(v.signals)) {
      const id = signalIds.get(k);
      if (id) q.insSignal.run(card.id, id);
    }
    q.delFocus.run(card.id);
    for (const k of Object.keys(v.focus)) q.insFocus.run(card.id, k);
    if (v.notes) {
      const existing = q.notes.all(card.id) as { id: string; body: string; minute: number; at: number }[];
      const wanted = new Map(v.notes.map((n) => [`${card.id}:${n.id}`, n]));
      for (const e of existing) {
        const w = wanted.get(e.id);
        if (!w || w.body !== e.body || w.minute !== e.minute || w.at !== e.at) q.delNote.run(e.id);
        else wanted.delete(e.id);
      }
      for (const [id, n] of wanted) q.insNote.run(id, card.id, n.minute, n.body, n.at);
    }
    const version = clientVersion + 1;
    q.audit.run(
      now,
      userId,
      card.id,
      card.loopId,
      JSON.stringify({ version: clientVersion }),
      JSON.stringify({ version }),
    );
    return version;
  },
);

interface Pending {
  card: { id: string; loopId: string };
  userId: string;
  values: Values;
  clientVersion: number;
  answer: (version: number | null | Error) => void;
}

let queue: Pending[] = [];

// nested calls of writeOne inside this transaction run in savepoints, as the app's do
const writeBatch = sqlite.transaction((batch: Pending[], now: number) =>
  batch.map((p) => {
    try {
      return writeOne(p.card, p.userId, p.values, p.clientVersion, now);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }),
);

function flush(): void {
  const batch = queue;
  queue = [];
  let results: (number | null | Error)[];
  try {
    results = writeBatch.immediate(batch, Date.now());
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    for (const p of batch) p.answer(e);
    return;
  }
  batch.forEach((p, i) => p.answer(results[i] ?? new Error("save failed")));
}

function queueWrite(p: Omit<Pending, "answer">, answer: Pending["answer"]): void {
  if (queue.length === 0) setImmediate(flush);
  queue.push({ ...p, answer });
}

function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  res.end(text);
}

const PATH = /^\/scorecards\/([A-Za-z0-9_-]{8,64})\/save$/;
const MAX_BODY = 1_048_576;

const server = http.createServer((req, res) => {
  const m = req.method === "POST" && req.url ? PATH.exec(req.url) : null;
  if (!m) return send(res, 404, { ok: false });
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size <= MAX_BODY) chunks.push(c);
  });
  req.on("end", () => {
    if (size > MAX_BODY) return send(res, 413, { ok: false });
    const jar = cookies(req.headers.cookie);
    const token = jar.archpanel_session;
    const now = Date.now();
    const session = token
      ? (q.session.get(crypto.createHash("sha256").update(token).digest("hex"), now) as { userId: string } | undefined)
      : undefined;
    if (!session) return send(res, 401, { ok: false });
    const csrf = jar.archpanel_csrf ?? "";
    const given = String(req.headers["x-csrf-token"] ?? "");
    if (!csrf || given.length !== csrf.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(csrf)))
      return send(res, 403, { ok: false });
    const card = q.card.get(m[1], session.userId) as
      { id: string; status: string; version: number; loopId: string } | undefined;
    if (!card) return send(res, 404, { ok: false });
    let data: unknown;
    try {
      data = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { ok: false });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) return send(res, 400, { ok: false, errors: parsed.error.issues.map((i) => i.path.join(".")) });
    const { version: clientVersion, ...values } = parsed.data;
    queueWrite({ card, userId: session.userId, values: normalizeValues(values), clientVersion }, (version) => {
      if (version instanceof Error) return send(res, 500, { ok: false });
      if (version === null) return send(res, 409, { ok: false, conflict: q.current.get(card.id) });
      send(res, 200, { ok: true, version, savedAt: now, status: "draft" });
    });
  });
});
server.keepAliveTimeout = 5_000;
server.listen(port, "127.0.0.1", () => {
  const a = server.address();
  process.stdout.write(`floor listening ${typeof a === "object" && a ? a.port : port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
