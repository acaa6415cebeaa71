// THE ACCESS MATRIX: every route module in app/routes x every kind of actor -> the status they get.
//
// It reads app/routes itself and FAILS when a route file has no row, when a module exports a
// `loader` without a loader probe, or an `action` without an action probe. So a new route cannot
// ship without someone writing down who may use it.
//
// Adding a row (a few lines in ROWS below):
//   { file: "loops.$id.thing.tsx", probes: [
//       { label: "GET /loops/:id/thing", kind: "loader", url: (w) => `/loops/${w.loopA}/thing`,
//         params: (w) => ({ id: w.loopA }), expect: feedback(200, "login") },
//       { label: "POST save", kind: "action", mutates: true, url: ..., params: ...,
//         body: (w) => ({ field: "a valid value" }), expect: staffOnly(302) } ] }
// - `url` is what a browser requests; `params` are the Remix route params for it.
// - `body` (form fields, or `json: true` for a JSON body) must be a VALID payload: every request
//   carries a valid CSRF token, so a refusal proves authorization, not CSRF or validation.
// - `expect` maps each actor to a status, or "login" (302 to /login: anonymous on pages). Use the
//   helpers (everyone, loggedIn, staffOnly, adminOnly, feedback, ownerOnly) or spell out all nine.
// - `mutates: true` runs every actor on its own copy of the world, and checks that a refused request
//   (401/403/404/405/login) changed nothing in the database. Non-mutating probes are checked too.
// - `prepare` may put the world into the state the action needs (e.g. loop in debrief).
//
// Actors (tests/integration/security-world.ts): anonymous; outsider (a member not on the loop);
// pending (panelist on loop A, draft not submitted); submitted (panelist on loop A, submitted);
// hmA (hiring manager of loop A); hmB (hiring manager of loop B); recruiter; admin; deactivated
// (an admin whose session existed before deactivation: must be treated as anonymous).
//
// House rules the rows encode (follow them for new routes):
// - anonymous: pages -> 302 /login?redirectTo=...; resource routes (.json .csv .pdf .ics, JSON
//   fetches) -> 401. A deactivated user's session is dead: same as anonymous.
// - staff pages (candidates, dashboard, rubrics, people, searches, loops.new, loops.$id.setup): recruiter
//   and admin; members get 403. Retention and erasure: admin only.
// - loop feedback (review page, packet.json/.pdf, ratings.csv): 404 for unrelated people (ids do not
//   leak), 403 for a panelist who has not submitted yet (independence), 200 for the loop's hiring
//   manager, submitted panelists, recruiters, admins. Decisions: the loop's hiring manager and admins.
// - scorecards: only the assigned panelist; everybody else (admins too) gets 404.
// - .ics: staff, the loop's hiring manager and its panelists (schedules are not feedback).
// - the debrief meeting: seen like loop feedback; started by the hiring manager, recruiters and
//   admins; joined by them and submitted panelists; commanded only by its facilitator.
// - healthz, login, set-password: public.
// - trainees (shadow, reverse shadow): never the loop's feedback, submitted or not (403); their own
//   comparison (/scorecards/:id/compare) only once submitted and the loop decided; the shadowing
//   record (/people/:id/shadowing) is staff only. The trainee is the outsider, seated by `prepare`
//   (`traineeProbe`: as a trainee still drafting, and as one who submitted).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { closeDb, getDb } from "../../db/client.server";
import { newId } from "../../db/ids.server";
import { candidates, loops, scorecards } from "../../db/schema";
import { eq } from "drizzle-orm";

import type { TestUser } from "./harness";
import { call, CSRF, freshDatabase, get, postForm, postJson } from "./harness";
import type { ActorName, World } from "./security-world";
import { ACTORS, buildWorld, databaseChecksum, MARK, RECUSAL_NOTE } from "./security-world";
import {
  prepareLoginWait,
  preparePasswordLink,
  prepared,
  prepareRubricDraft,
  prepareRunningDebrief,
  prepareUnstartedInterview,
  rubricEditorBody,
} from "./route-payloads";
import {
  OUTBOX_IDS,
  prepareFailedMessage,
  prepareWebhook,
  VALID_NOTIFY_SETTINGS,
  VALID_WEBHOOK,
} from "./outbox-payloads";
import { ARTIFACT_IDS, prepareArtifacts } from "./artifact-payloads";

const ROUTES_DIR = path.resolve(import.meta.dirname, "..", "..", "app", "routes");

type Outcome = number | "login";
type PerActor = Record<ActorName, Outcome>;
/** "same-for-everyone": a public route whose answer must not depend on who asks (and is < 500). */
type Expectation = PerActor | "same-for-everyone";

interface Probe {
  label: string;
  kind: "loader" | "action";
  url: (w: World) => string;
  params: (w: World) => Record<string, string>;
  /** form fields (or a JSON object when json: true) of a VALID request */
  body?: (w: World) => Record<string, string | string[]> | Record<string, unknown>;
  json?: boolean;
  expect: Expectation;
  mutates?: boolean;
  prepare?: (w: World) => void;
  /** extra assertions on an allowed answer's data */
  check?: (actor: ActorName, data: unknown, w: World) => void;
  /** `prepare` seats the outsider on loop A (as a trainee): candidate A's identity is theirs to see, feedback still not */
  seatsOutsider?: true;
}

interface Row {
  file: string;
  /** written from the intended rules before the route existed: runs only once the file is there */
  planned?: boolean;
  probes: Probe[];
}

// ------------------------------------------------------------------ expectation helpers

function everyone(o: Outcome): PerActor {
  return Object.fromEntries(ACTORS.map((a) => [a, o])) as PerActor;
}
/** any logged-in user gets `ok`; anonymous/deactivated get `anon` */
function loggedIn(ok: Outcome, anon: Outcome = "login"): PerActor {
  return { ...everyone(ok), anonymous: anon, deactivated: anon };
}
function staffOnly(ok: Outcome, anon: Outcome = "login"): PerActor {
  return {
    anonymous: anon,
    outsider: 403,
    pending: 403,
    recused: 403,
    submitted: 403,
    hmA: 403,
    hmB: 403,
    recruiter: ok,
    admin: ok,
    deactivated: anon,
  };
}
function adminOnly(ok: Outcome, anon: Outcome = "login"): PerActor {
  return { ...staffOnly(ok, anon), recruiter: 403 };
}
/** loop A's panel feedback (app/domain/review/access.ts loopFeedbackAccess) */
function feedback(ok: Outcome, anon: Outcome): PerActor {
  return {
    anonymous: anon,
    outsider: 404,
    pending: 403,
    recused: 403,
    submitted: ok,
    hmA: ok,
    hmB: 404,
    recruiter: ok,
    admin: ok,
    deactivated: anon,
  };
}
/** a scorecard: only its panelist */
function ownerOnly(owner: ActorName, ok: Outcome, anon: Outcome): PerActor {
  return { ...everyone(404), anonymous: anon, deactivated: anon, [owner]: ok };
}

const VALID_CANDIDATE = {
  name: "Noor Matrix",
  email: "noor.matrix@example.org",
  currentTitle: "Staff ML Engineer",
  source: "Referral",
  links: "https://example.org/noor",
  notes: "",
};
const IMPORT_CSV =
  "name,email,current title,source\nIris Import,iris.import@example.org,Principal ML Engineer,Conference\nOwen Import,owen.import@example.org,ML Platform Lead,Inbound\n";
const NEW_PASSWORD = "a long matrix passphrase 42";
const UNKNOWN_TOKEN = `${newId()}${newId()}`;
const RATIONALE = "Consistent strong signals across architecture and MLOps exercises.";
/** the world's Hire goes against a raised dealbreaker, so the decision carries a written override */
const OVERRIDE =
  "The dealbreaker rests on one hypothetical answer; the reference call confirmed two incidents the candidate led.";

/** A trainee scorecard for the outsider, written by `seatOutsiderAsTrainee` (a fixed id, so probes can name it). */
const TRAINEE_CARD = newId();

/**
 * The outsider shadows loop A's first interview and submitted (`submitted: false`: their scorecard is
 * still a draft); `decided` also decides loop A.
 */
function seatOutsiderAsTrainee(w: World, opts: { decided: boolean; submitted?: boolean }): void {
  const submitted = opts.submitted ?? true;
  getDb()
    .insert(scorecards)
    .values({
      id: TRAINEE_CARD,
      interviewId: w.interviewA1,
      panelistId: w.users.outsider.id,
      panelRole: "shadow",
      status: submitted ? "submitted" : "draft",
      version: 3,
      recommendation: submitted ? "hire" : null,
      submittedAt: submitted ? Date.now() : null,
    })
    .run();
  if (opts.decided)
    getDb()
      .update(loops)
      .set({ status: "decided", decision: "hire", decidedAt: Date.now(), decidedBy: w.users.hmA.id })
      .where(eq(loops.id, w.loopA))
      .run();
}

function toDebrief(w: World): void {
  getDb().update(loops).set({ status: "debrief" }).where(eq(loops.id, w.loopA)).run();
}

/**
 * `base` (a probe of loop A's feedback) asked with the outsider seated on loop A as a trainee: they
 * get 403, like a full panelist who has not submitted, whether their own scorecard is submitted or
 * still a draft; everybody else gets what `base` expects.
 */
function traineeProbe(base: Probe, state: { submitted: boolean; decided: boolean }): Probe {
  const who = state.submitted ? "a submitted trainee" : "a trainee still drafting";
  return {
    ...base,
    label: `${base.label} as ${who} (loop ${state.decided ? "decided" : "in progress"})`,
    mutates: true,
    prepare: (w) => seatOutsiderAsTrainee(w, state),
    seatsOutsider: true,
    expect: { ...(base.expect as PerActor), outsider: 403 },
  };
}

const REVIEW_PAGE: Probe = {
  label: "GET /loops/:id",
  kind: "loader",
  url: (w) => `/loops/${w.loopA}`,
  params: (w) => ({ id: w.loopA }),
  expect: feedback(200, "login"),
};
const PACKET_JSON: Probe = {
  label: "GET /loops/:id/packet.json",
  kind: "loader",
  url: (w) => `/loops/${w.loopA}/packet.json`,
  params: (w) => ({ id: w.loopA }),
  expect: feedback(200, 401),
};
const PACKET_PDF: Probe = {
  label: "GET /loops/:id/packet.pdf",
  kind: "loader",
  url: (w) => `/loops/${w.loopA}/packet.pdf`,
  params: (w) => ({ id: w.loopA }),
  expect: feedback(200, 401),
};
const RATINGS_CSV: Probe = {
  label: "GET /loops/:id/ratings.csv",
  kind: "loader",
  url: (w) => `/loops/${w.loopA}/ratings.csv`,
  params: (w) => ({ id: w.loopA }),
  expect: feedback(200, 401),
};
const DRAFTING = { submitted: false, decided: false };

// ------------------------------------------------------------------ THE TABLE

const ROWS: Row[] = [
  {
    file: "$.tsx",
    probes: [
      {
        label: "GET /no/such/page",
        kind: "loader",
        url: () => "/no/such/page",
        params: () => ({ "*": "no/such/page" }),
        expect: loggedIn(404),
      },
    ],
  },
  {
    file: "_index.tsx",
    // members go to /interviews, staff to /dashboard (a 302 that is not /login)
    probes: [{ label: "GET /", kind: "loader", url: () => "/", params: () => ({}), expect: loggedIn(302) }],
  },
  {
    file: "healthz.tsx",
    probes: [
      { label: "GET /healthz", kind: "loader", url: () => "/healthz", params: () => ({}), expect: everyone(200) },
    ],
  },
  {
    file: "login.tsx",
    probes: [
      // logged-in users are sent home; the deactivated user's session is dead, so they see the form
      {
        label: "GET /login",
        kind: "loader",
        url: () => "/login",
        params: () => ({}),
        expect: { ...everyone(302), anonymous: 200, deactivated: 200 },
      },
      // public: the same generic 401 for an unknown account, whoever asks
      {
        label: "POST /login (unknown account)",
        kind: "action",
        mutates: true,
        url: () => "/login",
        params: () => ({}),
        body: () => ({ email: "nobody@example.org", password: "not-a-real-password" }),
        expect: everyone(401),
      },
    ],
  },
  {
    file: "logout.tsx",
    probes: [
      { label: "GET /logout", kind: "loader", url: () => "/logout", params: () => ({}), expect: everyone(302) },
      // public: ends the session if there is one, then /login
      {
        label: "POST /logout",
        kind: "action",
        mutates: true,
        url: () => "/logout",
        params: () => ({}),
        body: () => ({}),
        expect: everyone("login"),
      },
    ],
  },
  {
    file: "interviews._index.tsx",
    probes: [
      {
        label: "GET /interviews",
        kind: "loader",
        url: () => "/interviews",
        params: () => ({}),
        expect: loggedIn(200),
        // only one's own assignments
        check: (actor, data, w) => {
          const ids = (data as { rows: { scorecardId: string }[] }).rows.map((r) => r.scorecardId).sort();
          const own: Partial<Record<ActorName, string[]>> = {
            pending: [w.pendingCard],
            recused: [w.recusedCard],
            submitted: [w.submittedCard],
          };
          expect(ids, actor).toEqual(own[actor] ?? []);
        },
      },
    ],
  },
  {
    file: "compare.tsx",
    probes: [
      {
        label: "GET /compare",
        kind: "loader",
        url: () => "/compare",
        params: () => ({}),
        expect: loggedIn(200),
        // loop B (debrief, in hmB's search) is listed for staff and its hiring manager; never for unrelated members
        check: (actor, data, w) => {
          const text = JSON.stringify(data);
          const seesB = ["hmB", "recruiter", "admin"].includes(actor);
          expect(text.includes(w.loopB) || text.includes("Bruno Other"), `${actor} sees loop B`).toBe(seesB);
        },
      },
    ],
  },
  {
    file: "searches._index.tsx",
    probes: [
      {
        label: "GET /searches",
        kind: "loader",
        url: () => "/searches",
        params: () => ({}),
        expect: staffOnly(200),
      },
      {
        label: "POST /searches (open a search)",
        kind: "action",
        mutates: true,
        url: () => "/searches",
        params: () => ({}),
        body: (w) => ({ title: "Lead ML Architect — Matrix", rubricId: w.rubricId, hiringManagerId: w.users.hmA.id }),
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "searches.$id.tsx",
    probes: [
      {
        label: "GET /searches/:id",
        kind: "loader",
        url: (w) => `/searches/${w.searchA}`,
        params: (w) => ({ id: w.searchA }),
        expect: staffOnly(200),
      },
      {
        label: "POST /searches/:id (close)",
        kind: "action",
        mutates: true,
        url: (w) => `/searches/${w.searchA}`,
        params: (w) => ({ id: w.searchA }),
        body: () => ({ intent: "close" }),
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "candidates._index.tsx",
    probes: [
      {
        label: "GET /candidates",
        kind: "loader",
        url: () => "/candidates",
        params: () => ({}),
        expect: staffOnly(200),
      },
    ],
  },
  {
    file: "candidates.new.tsx",
    probes: [
      {
        label: "GET /candidates/new",
        kind: "loader",
        url: () => "/candidates/new",
        params: () => ({}),
        expect: staffOnly(200),
      },
      {
        label: "POST /candidates/new",
        kind: "action",
        mutates: true,
        url: () => "/candidates/new",
        params: () => ({}),
        body: () => VALID_CANDIDATE,
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "candidates.$id.erase.tsx",
    probes: [
      {
        label: "GET /candidates/:id/erase",
        kind: "loader",
        url: (w) => `/candidates/${w.candidateA}/erase`,
        params: (w) => ({ id: w.candidateA }),
        expect: adminOnly(200),
      },
      {
        label: "POST /candidates/:id/erase",
        kind: "action",
        mutates: true,
        url: (w) => `/candidates/${w.candidateA}/erase`,
        params: (w) => ({ id: w.candidateA }),
        body: () => ({ confirmName: MARK.name }),
        expect: adminOnly(302),
      },
    ],
  },
  {
    file: "retention.tsx",
    probes: [
      { label: "GET /retention", kind: "loader", url: () => "/retention", params: () => ({}), expect: adminOnly(200) },
      {
        label: "POST /retention",
        kind: "action",
        mutates: true,
        url: () => "/retention",
        params: () => ({}),
        body: () => ({ retentionDays: "400" }),
        expect: adminOnly(302),
      },
    ],
  },
  {
    file: "loops.$id._index.tsx",
    probes: [
      REVIEW_PAGE,
      // the outsider sits on loop A as a shadow: no feedback, submitted or not, decided or not
      traineeProbe(REVIEW_PAGE, DRAFTING),
      traineeProbe(REVIEW_PAGE, { submitted: true, decided: true }),
      {
        label: "POST /loops/:id decide (loop in debrief)",
        kind: "action",
        mutates: true,
        prepare: toDebrief,
        url: (w) => `/loops/${w.loopA}`,
        params: (w) => ({ id: w.loopA }),
        body: () => ({ intent: "decide", decision: "hire", rationale: RATIONALE, override: OVERRIDE }),
        // feedback access first (404/403), then only the loop's hiring manager or an admin
        expect: { ...feedback(302, "login"), submitted: 403, recruiter: 403 },
      },
      {
        label: "POST /loops/:id reopen (loop decided)",
        kind: "action",
        mutates: true,
        prepare: (w) =>
          void getDb()
            .update(loops)
            .set({ status: "decided", decision: "hire", decidedAt: Date.now() - 3_600_000 })
            .where(eq(loops.id, w.loopA))
            .run(),
        url: (w) => `/loops/${w.loopA}`,
        params: (w) => ({ id: w.loopA }),
        body: () => ({ intent: "reopen", reason: "New reference check came back: the panel should look again." }),
        expect: { ...feedback(302, "login"), submitted: 403, recruiter: 403 },
      },
    ],
  },
  {
    file: "loops.$id.debrief.tsx",
    // the debrief meeting: seen like the loop's feedback; started by those who may run it (the loop's
    // hiring manager, recruiters, admins); joined by them and by submitted panelists; commanded only
    // by its facilitator (here loop A's hiring manager); decided by the hiring manager or an admin
    probes: [
      {
        label: "GET /loops/:id/debrief",
        kind: "loader",
        url: (w) => `/loops/${w.loopA}/debrief`,
        params: (w) => ({ id: w.loopA }),
        expect: feedback(200, "login"),
      },
      {
        label: "GET /loops/:id/debrief (running)",
        kind: "loader",
        mutates: true,
        prepare: prepareRunningDebrief,
        url: (w) => `/loops/${w.loopA}/debrief?large=1`,
        params: (w) => ({ id: w.loopA }),
        expect: feedback(200, "login"),
      },
      {
        label: "POST /loops/:id/debrief start (loop in debrief)",
        kind: "action",
        mutates: true,
        prepare: toDebrief,
        url: (w) => `/loops/${w.loopA}/debrief`,
        params: (w) => ({ id: w.loopA }),
        body: () => ({ intent: "start" }),
        expect: { ...feedback(302, "login"), submitted: 403 },
      },
      {
        label: "POST /loops/:id/debrief join (running)",
        kind: "action",
        mutates: true,
        prepare: prepareRunningDebrief,
        url: (w) => `/loops/${w.loopA}/debrief`,
        params: (w) => ({ id: w.loopA }),
        body: () => ({ intent: "join" }),
        expect: feedback(302, "login"),
      },
      ...(
        [
          ["reveal", { intent: "reveal", at: "0" }],
          ["note", { intent: "note", at: "0", conclusion: "Matrix: the flag needs a reference check.", then: "next" }],
          ["move", { intent: "move", at: "0", to: "next" }],
        ] as const
      ).map(([name, body]): Probe => ({
        label: `POST /loops/:id/debrief ${name} (running)`,
        kind: "action",
        mutates: true,
        prepare: prepareRunningDebrief,
        url: (w) => `/loops/${w.loopA}/debrief`,
        params: (w) => ({ id: w.loopA }),
        body: () => body,
        expect: { ...feedback(403, "login"), hmA: 302 },
      })),
      {
        label: "POST /loops/:id/debrief decide (running)",
        kind: "action",
        mutates: true,
        prepare: prepareRunningDebrief,
        url: (w) => `/loops/${w.loopA}/debrief`,
        params: (w) => ({ id: w.loopA }),
        body: () => ({ intent: "decide", decision: "hire", rationale: RATIONALE, override: OVERRIDE }),
        expect: { ...feedback(302, "login"), submitted: 403, recruiter: 403 },
      },
    ],
  },
  {
    file: "loops.$id.packet[.]json.tsx",
    probes: [
      PACKET_JSON,
      traineeProbe(PACKET_JSON, DRAFTING),
      traineeProbe(PACKET_JSON, { submitted: true, decided: false }),
    ],
  },
  {
    file: "loops.$id.ratings[.]csv.tsx",
    probes: [
      RATINGS_CSV,
      traineeProbe(RATINGS_CSV, DRAFTING),
      traineeProbe(RATINGS_CSV, { submitted: true, decided: false }),
    ],
  },
  {
    file: "scorecards.$id._index.tsx",
    probes: [
      {
        label: "GET /scorecards/:draft",
        kind: "loader",
        url: (w) => `/scorecards/${w.pendingCard}`,
        params: (w) => ({ id: w.pendingCard }),
        expect: ownerOnly("pending", 200, "login"),
      },
      {
        label: "GET /scorecards/:submitted",
        kind: "loader",
        url: (w) => `/scorecards/${w.submittedCard}`,
        params: (w) => ({ id: w.submittedCard }),
        expect: ownerOnly("submitted", 200, "login"),
      },
      {
        label: "POST /scorecards/:draft save (no-JS form)",
        kind: "action",
        mutates: true,
        url: (w) => `/scorecards/${w.pendingCard}?index`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({
          intent: "save",
          version: "2",
          summary: "matrix summary",
          "ratings.ml_system_architecture.score": "3",
          "ratings.ml_system_architecture.evidence": "matrix evidence",
        }),
        expect: ownerOnly("pending", 302, "login"),
      },
      {
        label: "POST /scorecards/:draft addNote",
        kind: "action",
        mutates: true,
        url: (w) => `/scorecards/${w.pendingCard}?index`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({ intent: "addNote", body: "matrix quick note" }),
        expect: ownerOnly("pending", 302, "login"),
      },
      {
        label: "POST /scorecards/:draft acknowledge (no-JS form)",
        kind: "action",
        mutates: true,
        url: (w) => `/scorecards/${w.pendingCard}?index`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({
          intent: "acknowledge",
          key: "age:young",
          fieldPath: "ratings.ml_system_architecture.evidence",
          sentence: "A young candidate who sized the feature store well.",
          reason: "Matrix: the candidate's career stage was part of the brief.",
        }),
        expect: ownerOnly("pending", 302, "login"),
      },
      {
        label: "POST /scorecards/:draft timer start",
        kind: "action",
        mutates: true,
        url: (w) => `/scorecards/${w.pendingCard}?index`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({ intent: "timer", op: "start" }),
        expect: ownerOnly("pending", 302, "login"),
      },
      {
        label: "POST /scorecards/:draft declareConflict",
        kind: "action",
        mutates: true,
        url: (w) => `/scorecards/${w.pendingCard}?index`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({ intent: "declareConflict", kind: "other", note: "matrix: we worked together last year" }),
        expect: ownerOnly("pending", 302, "login"),
      },
      {
        label: "GET /scorecards/:recused",
        kind: "loader",
        url: (w) => `/scorecards/${w.recusedCard}`,
        params: (w) => ({ id: w.recusedCard }),
        expect: ownerOnly("recused", 200, "login"),
      },
      {
        // a recusal is final: even its author gets a refusal, and nothing is written
        label: "POST /scorecards/:recused withdrawConflict",
        kind: "action",
        mutates: true,
        url: (w) => `/scorecards/${w.recusedCard}?index`,
        params: (w) => ({ id: w.recusedCard }),
        body: () => ({ intent: "withdrawConflict" }),
        expect: ownerOnly("recused", 409, "login"),
      },
    ],
  },
  {
    file: "scorecards.$id.artifacts.tsx",
    probes: [
      {
        label: "GET /scorecards/:draft/artifacts (back to the scorecard)",
        kind: "loader",
        url: (w) => `/scorecards/${w.pendingCard}/artifacts`,
        params: (w) => ({ id: w.pendingCard }),
        expect: ownerOnly("pending", 302, "login"),
      },
      {
        label: "POST /scorecards/:draft/artifacts remove (no-JS form)",
        kind: "action",
        mutates: true,
        prepare: prepareArtifacts,
        url: (w) => `/scorecards/${w.pendingCard}/artifacts`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({ intent: "remove", artifactId: ARTIFACT_IDS.draft }),
        expect: ownerOnly("pending", 303, "login"),
      },
      {
        label: "POST /scorecards/:submitted/artifacts remove (locked once submitted)",
        kind: "action",
        mutates: true,
        prepare: prepareArtifacts,
        url: (w) => `/scorecards/${w.submittedCard}/artifacts`,
        params: (w) => ({ id: w.submittedCard }),
        body: () => ({ intent: "remove", artifactId: ARTIFACT_IDS.submitted }),
        expect: ownerOnly("submitted", 409, "login"),
      },
    ],
  },
  {
    // a picture is scorecard content: its author's alone while a draft, loop feedback once submitted
    file: "artifacts.$id.tsx",
    probes: [
      {
        label: "GET /artifacts/:draft's picture",
        kind: "loader",
        mutates: true,
        prepare: prepareArtifacts,
        url: () => `/artifacts/${ARTIFACT_IDS.draft}`,
        params: () => ({ id: ARTIFACT_IDS.draft }),
        expect: ownerOnly("pending", 200, 401),
      },
      {
        label: "GET /artifacts/:submitted scorecard's picture",
        kind: "loader",
        mutates: true,
        prepare: prepareArtifacts,
        url: () => `/artifacts/${ARTIFACT_IDS.submitted}`,
        params: () => ({ id: ARTIFACT_IDS.submitted }),
        expect: feedback(200, 401),
      },
    ],
  },
  {
    file: "scorecards.$id.compare.tsx",
    probes: [
      {
        label: "GET /scorecards/:trainee-card/compare (submitted, loop decided)",
        kind: "loader",
        mutates: true,
        prepare: (w) => seatOutsiderAsTrainee(w, { decided: true }),
        seatsOutsider: true,
        url: () => `/scorecards/${TRAINEE_CARD}/compare`,
        params: () => ({ id: TRAINEE_CARD }),
        expect: ownerOnly("outsider", 200, "login"),
      },
      {
        label: "GET /scorecards/:trainee-card/compare (submitted, loop not decided)",
        kind: "loader",
        mutates: true,
        prepare: (w) => seatOutsiderAsTrainee(w, { decided: false }),
        seatsOutsider: true,
        url: () => `/scorecards/${TRAINEE_CARD}/compare`,
        params: () => ({ id: TRAINEE_CARD }),
        expect: ownerOnly("outsider", 403, "login"),
      },
      {
        // decided, but the trainee never submitted: nothing to compare yet
        label: "GET /scorecards/:trainee-card/compare (still a draft, loop decided)",
        kind: "loader",
        mutates: true,
        prepare: (w) => seatOutsiderAsTrainee(w, { submitted: false, decided: true }),
        seatsOutsider: true,
        url: () => `/scorecards/${TRAINEE_CARD}/compare`,
        params: () => ({ id: TRAINEE_CARD }),
        expect: ownerOnly("outsider", 403, "login"),
      },
      {
        // a full panelist's scorecard has no comparison page
        label: "GET /scorecards/:submitted/compare",
        kind: "loader",
        url: (w) => `/scorecards/${w.submittedCard}/compare`,
        params: (w) => ({ id: w.submittedCard }),
        expect: ownerOnly("submitted", 404, "login"),
      },
    ],
  },
  {
    file: "scorecards.$id.save.tsx",
    probes: [
      // GET is not a thing here: 405 for everyone, no data
      {
        label: "GET /scorecards/:id/save",
        kind: "loader",
        url: (w) => `/scorecards/${w.pendingCard}/save`,
        params: (w) => ({ id: w.pendingCard }),
        expect: everyone(405),
      },
      {
        label: "POST /scorecards/:draft/save (JSON autosave)",
        kind: "action",
        mutates: true,
        json: true,
        url: (w) => `/scorecards/${w.pendingCard}/save`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({
          intent: "save",
          version: 2,
          summary: "autosaved",
          ratings: { ml_system_architecture: { score: "4", evidence: "autosave evidence" } },
        }),
        expect: ownerOnly("pending", 200, 401),
      },
      {
        label: "POST /scorecards/:draft/save acknowledge (evidence lint)",
        kind: "action",
        mutates: true,
        json: true,
        url: (w) => `/scorecards/${w.pendingCard}/save`,
        params: (w) => ({ id: w.pendingCard }),
        body: () => ({
          intent: "acknowledge",
          key: "age:young",
          fieldPath: "ratings.ml_system_architecture.evidence",
          sentence: "A young candidate who sized the feature store well.",
          reason: "Matrix: the candidate's career stage was part of the brief.",
        }),
        expect: ownerOnly("pending", 200, 401),
      },
      {
        label: "POST /scorecards/:submitted/save (locked once submitted)",
        kind: "action",
        mutates: true,
        json: true,
        url: (w) => `/scorecards/${w.submittedCard}/save`,
        params: (w) => ({ id: w.submittedCard }),
        body: () => ({ intent: "save", version: 7, summary: "too late" }),
        expect: ownerOnly("submitted", 409, 401),
      },
    ],
  },

  // ---------------------------------------------------------------- loops (list, new, setup, calendar, PDF)
  {
    file: "loops._index.tsx",
    probes: [
      {
        label: "GET /loops",
        kind: "loader",
        url: () => "/loops",
        params: () => ({}),
        expect: loggedIn(200),
        // members see only the loops whose feedback they may read; a panelist still drafting sees none
        check: (actor, data, w) => {
          const ids = (data as { loops: { id: string }[] }).loops.map((l) => l.id).sort();
          const want: Partial<Record<ActorName, string[]>> = {
            submitted: [w.loopA],
            hmA: [w.loopA],
            hmB: [w.loopB],
            recruiter: [w.loopA, w.loopB].sort(),
            admin: [w.loopA, w.loopB].sort(),
          };
          expect(ids, actor).toEqual(want[actor] ?? []);
        },
      },
    ],
  },
  {
    file: "loops.new.tsx",
    probes: [
      { label: "GET /loops/new", kind: "loader", url: () => "/loops/new", params: () => ({}), expect: staffOnly(200) },
      {
        label: "POST /loops/new (full template)",
        kind: "action",
        mutates: true,
        url: () => "/loops/new",
        params: () => ({}),
        body: (w) => ({
          candidateId: w.candidateB,
          rubricVersionId: w.versionId,
          hiringManagerId: w.users.hmA.id,
          template: "full",
          startAt: "2026-06-01T09:00",
        }),
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "loops.$id.setup.tsx",
    probes: [
      {
        label: "GET /loops/:id/setup",
        kind: "loader",
        url: (w) => `/loops/${w.loopA}/setup`,
        params: (w) => ({ id: w.loopA }),
        expect: staffOnly(200),
      },
      ...(
        [
          [
            "settings",
            (w: World) => ({ intent: "settings", rubricVersionId: w.versionId, hiringManagerId: w.users.hmB.id }),
          ],
          [
            "interview.add",
            () => ({
              intent: "interview.add",
              exerciseKey: "tooling_evaluation",
              scheduledAt: "2026-06-02T09:00",
              durationMinutes: "45",
            }),
          ],
          [
            "interview.update",
            (w: World) => ({
              intent: "interview.update",
              target: w.interviewA2,
              interviewId: w.interviewA2,
              exerciseKey: "mlops_pipeline_design",
              scheduledAt: "2026-06-03T14:00",
              durationMinutes: "50",
            }),
          ],
          [
            "interview.move",
            (w: World) => ({
              intent: "interview.move",
              target: w.interviewA2,
              interviewId: w.interviewA2,
              direction: "up",
            }),
          ],
          [
            "panelist.add",
            (w: World) => ({
              intent: "panelist.add",
              target: w.interviewA2,
              interviewId: w.interviewA2,
              panelistId: w.users.outsider.id,
            }),
          ],
          ["weights (equal)", () => ({ intent: "weights", mode: "equal" })],
          ["status (withdraw)", () => ({ intent: "status", to: "withdrawn", reason: "matrix" })],
        ] as const
      ).map(([name, body]): Probe => ({
        label: `POST /loops/:id/setup ${name}`,
        kind: "action",
        mutates: true,
        url: (w) => `/loops/${w.loopA}/setup`,
        params: (w) => ({ id: w.loopA }),
        body,
        expect: staffOnly(302),
      })),
      // removals are valid only for what nobody started: an extra interview with an untouched panel
      ...(
        [
          [
            "interview.remove",
            () => ({
              intent: "interview.remove",
              target: prepared.extraInterview,
              interviewId: prepared.extraInterview,
            }),
          ],
          [
            "panelist.remove",
            () => ({ intent: "panelist.remove", target: prepared.extraInterview, scorecardId: prepared.extraCard }),
          ],
        ] as const
      ).map(([name, body]): Probe => ({
        label: `POST /loops/:id/setup ${name}`,
        kind: "action",
        mutates: true,
        prepare: prepareUnstartedInterview,
        url: (w) => `/loops/${w.loopA}/setup`,
        params: (w) => ({ id: w.loopA }),
        body,
        expect: staffOnly(302),
      })),
    ],
  },
  {
    file: "loops.$id[.]ics.tsx",
    probes: [
      {
        label: "GET /loops/:id.ics",
        kind: "loader",
        url: (w) => `/loops/${w.loopA}.ics`,
        params: (w) => ({ id: w.loopA }),
        // staff, the loop's hiring manager and every panelist (submitted, drafting or recused): the schedule is not feedback
        expect: { ...feedback(200, 401), pending: 200, recused: 200 },
      },
    ],
  },
  {
    file: "loops.$id.packet[.]pdf.tsx",
    probes: [
      PACKET_PDF,
      traineeProbe(PACKET_PDF, DRAFTING),
      traineeProbe(PACKET_PDF, { submitted: true, decided: true }),
    ],
  },

  // ---------------------------------------------------------------- staff configuration
  {
    file: "dashboard.tsx",
    probes: [
      { label: "GET /dashboard", kind: "loader", url: () => "/dashboard", params: () => ({}), expect: staffOnly(200) },
      {
        label: "POST /dashboard settings",
        kind: "action",
        mutates: true,
        url: () => "/dashboard",
        params: () => ({}),
        body: () => ({ overdueHours: "12", timeZone: "Europe/Berlin" }),
        expect: staffOnly(302),
      },
      {
        label: "POST /dashboard e-mail settings",
        kind: "action",
        mutates: true,
        url: () => "/dashboard",
        params: () => ({}),
        body: () => VALID_NOTIFY_SETTINGS,
        expect: staffOnly(302),
      },
    ],
  },

  // ---------------------------------------------------------------- outgoing messages (admins)
  {
    file: "outbox.tsx",
    probes: [
      { label: "GET /outbox", kind: "loader", url: () => "/outbox", params: () => ({}), expect: adminOnly(200) },
      {
        label: "POST /outbox retry now",
        kind: "action",
        mutates: true,
        url: () => "/outbox",
        params: () => ({}),
        prepare: () => prepareFailedMessage(),
        body: () => ({ intent: "retry", id: OUTBOX_IDS.failedMessage }),
        expect: adminOnly(302),
      },
    ],
  },
  {
    file: "mailbox.tsx",
    probes: [
      { label: "GET /mailbox", kind: "loader", url: () => "/mailbox", params: () => ({}), expect: adminOnly(200) },
    ],
  },
  {
    file: "webhooks.tsx",
    probes: [
      { label: "GET /webhooks", kind: "loader", url: () => "/webhooks", params: () => ({}), expect: adminOnly(200) },
      {
        label: "POST /webhooks create",
        kind: "action",
        mutates: true,
        url: () => "/webhooks",
        params: () => ({}),
        body: () => VALID_WEBHOOK,
        expect: adminOnly(200),
      },
      {
        label: "POST /webhooks pause",
        kind: "action",
        mutates: true,
        url: () => "/webhooks",
        params: () => ({}),
        prepare: () => prepareWebhook(),
        body: () => ({ intent: "pause", id: OUTBOX_IDS.webhook }),
        expect: adminOnly(302),
      },
    ],
  },
  {
    file: "candidates.$id._index.tsx",
    probes: [
      {
        label: "GET /candidates/:id",
        kind: "loader",
        url: (w) => `/candidates/${w.candidateA}`,
        params: (w) => ({ id: w.candidateA }),
        expect: staffOnly(200),
      },
      {
        label: "POST /candidates/:id save",
        kind: "action",
        mutates: true,
        url: (w) => `/candidates/${w.candidateA}?index`,
        params: (w) => ({ id: w.candidateA }),
        body: () => ({ intent: "save", ...VALID_CANDIDATE }),
        expect: staffOnly(302),
      },
      {
        label: "POST /candidates/:id archive (loop decided)",
        kind: "action",
        mutates: true,
        prepare: (w) =>
          void getDb().update(loops).set({ status: "decided", decision: "no_hire" }).where(eq(loops.id, w.loopB)).run(),
        url: (w) => `/candidates/${w.candidateB}?index`,
        params: (w) => ({ id: w.candidateB }),
        body: () => ({ intent: "archive" }),
        expect: staffOnly(302),
      },
      {
        label: "POST /candidates/:id unarchive",
        kind: "action",
        mutates: true,
        prepare: (w) =>
          void getDb()
            .update(candidates)
            .set({ archivedAt: Date.now() - 86_400_000 })
            .where(eq(candidates.id, w.candidateB))
            .run(),
        url: (w) => `/candidates/${w.candidateB}?index`,
        params: (w) => ({ id: w.candidateB }),
        body: () => ({ intent: "unarchive" }),
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "candidates.import.tsx",
    probes: [
      {
        label: "GET /candidates/import",
        kind: "loader",
        url: () => "/candidates/import",
        params: () => ({}),
        expect: staffOnly(200),
      },
      // preview writes nothing, but it reads the candidates' emails: staff only
      {
        label: "POST /candidates/import preview",
        kind: "action",
        mutates: true,
        url: () => "/candidates/import",
        params: () => ({}),
        body: () => ({ intent: "preview", csv: IMPORT_CSV }),
        expect: staffOnly(200),
      },
      {
        label: "POST /candidates/import import",
        kind: "action",
        mutates: true,
        url: () => "/candidates/import",
        params: () => ({}),
        body: () => ({ intent: "import", csv: IMPORT_CSV }),
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "rubrics._index.tsx",
    probes: [
      { label: "GET /rubrics", kind: "loader", url: () => "/rubrics", params: () => ({}), expect: staffOnly(200) },
      {
        label: "POST /rubrics clone",
        kind: "action",
        mutates: true,
        url: () => "/rubrics?index",
        params: () => ({}),
        body: (w) => ({ intent: "clone", versionId: w.versionId }),
        expect: staffOnly(302),
      },
    ],
  },
  {
    file: "rubrics.$id._index.tsx",
    // the id in the URL is a rubric VERSION's id
    probes: [
      {
        label: "GET /rubrics/:published-version",
        kind: "loader",
        url: (w) => `/rubrics/${w.versionId}`,
        params: (w) => ({ id: w.versionId }),
        expect: staffOnly(200),
      },
      {
        label: "GET /rubrics/:draft",
        kind: "loader",
        mutates: true,
        prepare: prepareRubricDraft,
        url: () => `/rubrics/${prepared.draftId}`,
        params: () => ({ id: prepared.draftId }),
        expect: staffOnly(200),
      },
      ...(["save", "publish", "discard"] as const).map((intent): Probe => ({
        label: `POST /rubrics/:draft ${intent}`,
        kind: "action",
        mutates: true,
        prepare: prepareRubricDraft,
        url: () => `/rubrics/${prepared.draftId}?index`,
        params: () => ({ id: prepared.draftId }),
        body: () => rubricEditorBody(intent),
        expect: staffOnly(302),
      })),
      // published versions are immutable: staff get a 409, members still a 403
      {
        label: "POST /rubrics/:published-version save",
        kind: "action",
        mutates: true,
        url: (w) => `/rubrics/${w.versionId}?index`,
        params: (w) => ({ id: w.versionId }),
        body: () => rubricEditorBody("save"),
        expect: staffOnly(409),
      },
    ],
  },
  {
    file: "rubrics.diff.tsx",
    probes: [
      {
        label: "GET /rubrics/diff",
        kind: "loader",
        url: (w) => `/rubrics/diff?a=${w.versionId}&b=${w.versionId}`,
        params: () => ({}),
        expect: staffOnly(200),
      },
    ],
  },
  {
    file: "people.$id.shadowing.tsx",
    probes: [
      {
        label: "GET /people/:id/shadowing",
        kind: "loader",
        url: (w) => `/people/${w.users.outsider.id}/shadowing?n=5`,
        params: (w) => ({ id: w.users.outsider.id }),
        expect: staffOnly(200),
      },
    ],
  },
  {
    file: "people._index.tsx",
    probes: [
      { label: "GET /people", kind: "loader", url: () => "/people", params: () => ({}), expect: staffOnly(200) },
      // success answers 200 with the set-password link to hand over
      {
        label: "POST /people invite",
        kind: "action",
        mutates: true,
        url: () => "/people?index",
        params: () => ({}),
        body: () => ({ intent: "invite", name: "Ivy Invited", email: "ivy.invited@example.org", role: "member" }),
        expect: staffOnly(200),
      },
      {
        label: "POST /people link (new set-password link)",
        kind: "action",
        mutates: true,
        url: () => "/people?index",
        params: () => ({}),
        body: (w) => ({ intent: "link", userId: w.users.outsider.id }),
        expect: staffOnly(200),
      },
      {
        label: "POST /people role (member -> recruiter)",
        kind: "action",
        mutates: true,
        url: () => "/people?index",
        params: () => ({}),
        body: (w) => ({ intent: "role", userId: w.users.outsider.id, role: "recruiter" }),
        expect: staffOnly(302),
      },
      {
        label: "POST /people deactivate (a member)",
        kind: "action",
        mutates: true,
        url: () => "/people?index",
        params: () => ({}),
        body: (w) => ({ intent: "deactivate", userId: w.users.outsider.id }),
        expect: staffOnly(302),
      },
      // the deactivated account is an admin's: only an admin may touch it
      {
        label: "POST /people reactivate (an admin)",
        kind: "action",
        mutates: true,
        url: () => "/people?index",
        params: () => ({}),
        body: (w) => ({ intent: "reactivate", userId: w.users.deactivated.id }),
        expect: adminOnly(302),
      },
      // clearing a login wait hands the guesser fresh tries too: admins only (audited)
      {
        label: "POST /people clear-throttle (a member's login wait)",
        kind: "action",
        mutates: true,
        prepare: prepareLoginWait,
        url: () => "/people?index",
        params: () => ({}),
        body: (w) => ({ intent: "clear-throttle", userId: w.users.outsider.id }),
        expect: adminOnly(302),
      },
    ],
  },
  {
    file: "set-password.$token.tsx",
    // public: the link is the credential (an unknown, used or expired token is a 404 for everyone)
    probes: [
      {
        label: "GET /set-password/:unknown-token",
        kind: "loader",
        url: () => `/set-password/${UNKNOWN_TOKEN}`,
        params: () => ({ token: UNKNOWN_TOKEN }),
        expect: everyone(404),
      },
      {
        label: "GET /set-password/:valid-token",
        kind: "loader",
        mutates: true,
        prepare: preparePasswordLink,
        url: () => `/set-password/${prepared.linkToken}`,
        params: () => ({ token: prepared.linkToken }),
        expect: everyone(200),
      },
      {
        label: "POST /set-password/:unknown-token",
        kind: "action",
        mutates: true,
        url: () => `/set-password/${UNKNOWN_TOKEN}`,
        params: () => ({ token: UNKNOWN_TOKEN }),
        body: () => ({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
        expect: everyone(404),
      },
      {
        // sets the outsider's password and logs in as them (a 302 home, not to /login), whoever holds the link
        label: "POST /set-password/:valid-token",
        kind: "action",
        mutates: true,
        prepare: preparePasswordLink,
        url: () => `/set-password/${prepared.linkToken}`,
        params: () => ({ token: prepared.linkToken }),
        body: () => ({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
        expect: everyone(302),
      },
    ],
  },
];

// ------------------------------------------------------------------ machinery

/** Route modules: files (and flat-route folders with a route.* file) in app/routes. */
function routeFiles(): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.isFile() && /\.(tsx?|jsx?)$/.test(entry.name)) out.push(entry.name);
    if (entry.isDirectory()) {
      const inner = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((f) => /^route\.(tsx?|jsx?)$/.test(f));
      if (inner) out.push(`${entry.name}/${inner}`);
    }
  }
  return out.sort();
}

type Handler = Parameters<typeof call>[0];
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

async function loadModule(file: string): Promise<RouteModule> {
  return (await import(path.join(ROUTES_DIR, file))) as RouteModule;
}

let world: World;
let snapshot = "";
let shared = "";

function tempCopy(label: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `archpanel-matrix-${label}-`)), "test.db");
  fs.copyFileSync(snapshot, file);
  return file;
}

function switchDatabase(file: string): void {
  closeDb();
  process.env.DATABASE_PATH = file;
}

beforeAll(() => {
  freshDatabase();
  world = buildWorld();
  closeDb(); // checkpoints the WAL into the main file
  snapshot = process.env.DATABASE_PATH!;
  shared = tempCopy("shared");
  switchDatabase(shared);
});

afterAll(() => closeDb());

function userOf(actor: ActorName): TestUser | null {
  return world.users[actor];
}

function requestFor(probe: Probe, actor: ActorName, overrideUrl?: string): Request {
  const user = userOf(actor);
  const url = overrideUrl ?? probe.url(world);
  if (probe.kind === "loader") {
    // requireUser answers 401 instead of a login redirect for .json/.csv/.pdf/.ics URLs
    return get(url, user);
  }
  const body = probe.body ? probe.body(world) : {};
  return probe.json ? postJson(url, user, body) : postForm(url, user, body as Record<string, string | string[]>);
}

const REFUSED = new Set<Outcome>([401, 403, 404, 405, "login"]);

function outcomeOf(r: { status: number; response: Response | null }): Outcome {
  const location = r.response?.headers.get("Location") ?? "";
  if ((r.status === 302 || r.status === 303) && location.startsWith("/login")) return "login";
  return r.status;
}

async function runProbe(
  mod: RouteModule,
  probe: Probe,
  actor: ActorName,
  opts: { url?: string; params?: Record<string, string> } = {},
) {
  const fn = probe.kind === "loader" ? mod.loader : mod.action;
  if (!fn) throw new Error(`the module has no ${probe.kind}`);
  if (probe.mutates) switchDatabase(tempCopy("m"));
  probe.prepare?.(world);
  const before = databaseChecksum();
  const r = await call(fn, requestFor(probe, actor, opts.url), opts.params ?? probe.params(world));
  const outcome = outcomeOf(r);
  const unchanged = databaseChecksum() === before;
  if (probe.mutates) {
    closeDb();
    switchDatabase(shared);
  }
  return { outcome, data: r.data, unchanged, status: r.status };
}

// ------------------------------------------------------------------ the tests

describe("every route module has a row", () => {
  test("each file in app/routes has a row, with a loader probe for a loader and an action probe for an action", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const file of files) {
      const row = ROWS.find((r) => r.file === file);
      if (!row) {
        problems.push(`${file}: no row in the access matrix (tests/integration/access-matrix.test.ts)`);
        continue;
      }
      const mod = await loadModule(file);
      if (mod.loader && !row.probes.some((p) => p.kind === "loader"))
        problems.push(`${file}: exports a loader but its row has no loader probe`);
      if (mod.action && !row.probes.some((p) => p.kind === "action"))
        problems.push(`${file}: exports an action but its row has no action probe`);
      for (const p of row.probes) {
        if (p.kind === "action" && !p.mutates)
          problems.push(`${file}: action probe "${p.label}" must be marked mutates`);
        if (p.prepare && !p.mutates)
          problems.push(
            `${file}: probe "${p.label}" has prepare, so it must be marked mutates (own copy of the world)`,
          );
      }
    }
    for (const row of ROWS) {
      if (!row.planned && !files.includes(row.file))
        problems.push(`${row.file}: row for a route file that does not exist`);
    }
    expect(problems).toEqual([]);
  });
});

const active = (): Row[] => {
  const files = new Set(routeFiles());
  return ROWS.filter((r) => files.has(r.file));
};

describe("who gets what", () => {
  // planned rows get their tests once their route file exists
  for (const row of active()) {
    for (const probe of row.probes) {
      test(`${row.file} · ${probe.label}`, async () => {
        const mod = await loadModule(row.file);
        const got = {} as Record<ActorName, Outcome>;
        const changedOnRefusal: string[] = [];
        for (const actor of ACTORS) {
          const r = await runProbe(mod, probe, actor);
          got[actor] = r.outcome;
          if (REFUSED.has(r.outcome) && !r.unchanged) changedOnRefusal.push(actor);
          if (!REFUSED.has(r.outcome) && r.status === 200 && probe.check) probe.check(actor, r.data, world);
        }
        if (probe.expect === "same-for-everyone") {
          const distinct = new Set(Object.values(got));
          expect(distinct.size, JSON.stringify(got)).toBe(1);
          const only = [...distinct][0]!;
          expect(
            only === "login" || only === 401 || only === 403 || (typeof only === "number" && only >= 500),
            JSON.stringify(got),
          ).toBe(false);
        } else {
          expect(got).toEqual(probe.expect);
        }
        expect(changedOnRefusal, "refused requests must not change the database").toEqual([]);
      });
    }
  }
});

describe("what an answer contains", () => {
  // Loop A's submitted feedback (the submitted panelist's evidence, override, flag note, quick
  // note, amendment reason) must reach nobody without feedback access, through any loader: not the
  // panelist still drafting, not an unrelated member, not the other loop's hiring manager. An
  // unrelated member must not see candidate A's identity at all.
  //
  // The pending panelist's draft (its evidence, quick note and note) reaches nobody but them, not
  // even the staff and the hiring manager who see the submitted feedback (issue 12; every loop
  // state in draft-privacy.test.ts).
  const FEEDBACK = [MARK.evidence, MARK.override, MARK.flagNote, MARK.quickNote, MARK.amend];
  const IDENTITY = [MARK.name, MARK.email, MARK.title];
  // The recused panelist sees no feedback either, and their conflict note is theirs alone.
  const DRAFT = [MARK.evidence2, MARK.draftNote, MARK.conflict];
  const blind: Partial<Record<ActorName, string[]>> = {
    ...Object.fromEntries(ACTORS.map((a) => [a, [...DRAFT, RECUSAL_NOTE]])),
    pending: [...FEEDBACK, RECUSAL_NOTE],
    recused: [...FEEDBACK, ...DRAFT],
    hmB: [...FEEDBACK, ...DRAFT, RECUSAL_NOTE],
    outsider: [...FEEDBACK, ...IDENTITY, ...DRAFT, RECUSAL_NOTE],
  };

  async function answerText(r: { data: unknown; response: Response | null }): Promise<string> {
    if (r.response) {
      const type = r.response.headers.get("Content-Type") ?? "";
      return /json|text|calendar|csv/.test(type) ? await r.response.clone().text() : "";
    }
    return JSON.stringify(r.data) ?? "";
  }

  test("no loader leaks loop A's feedback or draft (or, to an unrelated member, candidate A's identity)", async () => {
    const problems: string[] = [];
    for (const row of active()) {
      const mod = await loadModule(row.file);
      for (const probe of row.probes) {
        if (probe.kind !== "loader" || !mod.loader) continue;
        for (const [actor, marks] of Object.entries(blind) as [ActorName, string[]][]) {
          if (probe.mutates) switchDatabase(tempCopy("leak"));
          probe.prepare?.(world);
          const r = await call(mod.loader, requestFor(probe, actor), probe.params(world));
          const text = await answerText(r);
          const seen =
            actor === "outsider" && probe.seatsOutsider
              ? marks.filter((m) => !(IDENTITY as readonly string[]).includes(m))
              : marks;
          for (const m of seen)
            if (text.includes(m))
              problems.push(`${row.file} ${probe.label} as ${actor} (${r.status}): contains ${JSON.stringify(m)}`);
          if (probe.mutates) {
            closeDb();
            switchDatabase(shared);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("the markers are really there for those who may see them (the scan above can fail)", async () => {
    const review = await loadModule("loops.$id._index.tsx");
    const json = await loadModule("loops.$id.packet[.]json.tsx");
    const r1 = await call(review.loader!, get(`/loops/${world.loopA}`, world.users.hmA), { id: world.loopA });
    expect(JSON.stringify(r1.data)).toContain(MARK.evidence);
    const r2 = await call(json.loader!, get(`/loops/${world.loopA}/packet.json`, world.users.submitted), {
      id: world.loopA,
    });
    expect(await r2.response!.clone().text()).toContain(MARK.evidence);
    const cand = await loadModule("candidates.$id._index.tsx");
    const r3 = await call(cand.loader!, get(`/candidates/${world.candidateA}`, world.users.recruiter), {
      id: world.candidateA,
    });
    expect(JSON.stringify(r3.data)).toContain(MARK.email);
  });
});

describe("identifiers in URLs", () => {
  test("ids are 128-bit random, URL-safe and unique (no sequence to walk)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = newId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
    const client = getDb().$client;
    for (const table of [
      "users",
      "candidates",
      "loops",
      "interviews",
      "scorecards",
      "rubrics",
      "rubric_versions",
      "searches",
    ]) {
      const ids = (client.prepare(`select id from "${table}"`).all() as { id: string }[]).map((r) => r.id);
      expect(ids.length, table).toBeGreaterThan(0);
      for (const id of ids) expect(id, `${table}.id`).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
  });

  test("a guessed, altered, malformed or other object's id is 404 even for actors allowed on the real one", async () => {
    const problems: string[] = [];
    for (const row of active()) {
      if (!row.file.includes("$id")) continue;
      const mod = await loadModule(row.file);
      for (const probe of row.probes) {
        if (probe.expect === "same-for-everyone") continue;
        const expectations = probe.expect;
        const allowed = ACTORS.filter((a) => !REFUSED.has(expectations[a]));
        if (allowed.length === 0) continue;
        const realId = probe.params(world).id!;
        const last = realId.at(-1) === "A" ? "B" : "A";
        const guesses = [
          newId(),
          `${realId.slice(0, -1)}${last}`,
          realId.toLowerCase() === realId ? realId.toUpperCase() : realId.toLowerCase(),
          "1",
          "../../etc/passwd",
          "x".repeat(300),
          "",
        ];
        for (const actor of allowed) {
          for (const guess of guesses) {
            if (guess === realId) continue;
            const url = probe.url(world).replace(realId, encodeURIComponent(guess));
            const r = await runProbe(mod, { ...probe, mutates: true }, actor, {
              url,
              params: { ...probe.params(world), id: guess },
            });
            const ok = probe.kind === "loader" && expectations[actor] === 405 ? r.outcome === 405 : r.outcome === 404;
            if (!ok)
              problems.push(
                `${row.file} ${probe.label} as ${actor} with id ${JSON.stringify(guess.slice(0, 30))}: ${r.outcome}`,
              );
            if (!r.unchanged)
              problems.push(
                `${row.file} ${probe.label} as ${actor} with id ${JSON.stringify(guess.slice(0, 30))}: changed the database`,
              );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("ids of other people's objects: another panelist's scorecard and another manager's loop are 404", async () => {
    const card = await loadModule("scorecards.$id.save.tsx");
    const loop = await loadModule("loops.$id._index.tsx");
    // the submitted panelist posts to the pending panelist's draft, hmB opens loop A, hmA opens loop B
    const r1 = await call(
      card.action!,
      postJson(`/scorecards/${world.pendingCard}/save`, world.users.submitted, {
        intent: "save",
        version: 2,
        summary: "not mine",
      }),
      { id: world.pendingCard },
    );
    expect(r1.status).toBe(404);
    const r2 = await call(loop.loader!, get(`/loops/${world.loopA}`, world.users.hmB), { id: world.loopA });
    expect(r2.status).toBe(404);
    const r3 = await call(loop.loader!, get(`/loops/${world.loopB}`, world.users.hmA), { id: world.loopB });
    expect(r3.status).toBe(404);
    // the pending panelist's card is still exactly as it was
    const row = getDb().select().from(scorecards).where(eq(scorecards.id, world.pendingCard)).get();
    expect(row?.summary).toBe(MARK.summary);
    expect(row?.version).toBe(2);
  });

  test("the harness really sends the CSRF token (so refusals above are authorization, not CSRF)", async () => {
    const mod = await loadModule("retention.tsx");
    switchDatabase(tempCopy("csrf"));
    const ok = await call(mod.action!, postForm("/retention", world.users.admin, { retentionDays: "500" }), {});
    expect(ok.status).toBe(302);
    const noToken = await call(
      mod.action!,
      postForm("/retention", world.users.admin, { retentionDays: "500" }, { csrf: null }),
      {},
    );
    expect(noToken.status).toBe(403);
    const wrong = await call(
      mod.action!,
      postForm("/retention", world.users.admin, { retentionDays: "500" }, { csrf: `${CSRF.slice(0, -1)}x` }),
      {},
    );
    expect(wrong.status).toBe(403);
    closeDb();
    switchDatabase(shared);
  });
});
