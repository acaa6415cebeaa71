/**
 * A hiring world for the crash test and the load benchmark, written into a database FILE for a
 * spawned server: rubric v1, hiring managers, loops (one architecture-case-study interview each),
 * panelists with draft scorecards on several loops, and already-submitted scorecards (with
 * ratings and evidence) so review pages and packets have real feedback to aggregate.
 *
 * Sessions can be created directly (token -> sha256 row, as the login would), so a benchmark
 * does not spend its time in scrypt; the crash test logs its panelists in over HTTP instead.
 */
import { migrateDatabase, openDatabase } from "../../db/client.server";
import { writeAudit } from "../../db/queries/audit.server";
import { createSession } from "../../db/queries/people/users.server";
import { insertPublishedRubric, rubricVersionIds } from "../../db/queries/rubric/rubrics.server";
import { candidates, interviews, loops, ratings, scorecards, users } from "../../db/schema";
import { LEAD_ML_ARCHITECT_V1 } from "../../app/domain/rubric/lead-ml-architect-v1";
import { hashPassword } from "../../app/server/password.server";
import { newId, randomToken } from "../../db/ids.server";

import { ASSESSED_KEYS, EVIDENCE, EXERCISE } from "./load-payloads";

export { ASSESSED_KEYS, EXERCISE, savePayload, submitPayload } from "./load-payloads";

export interface LoadWorldSpec {
  panelists: number;
  managers: number;
  loops: number;
  /** draft scorecards per panelist (each on a different loop); <= loops */
  cardsPerPanelist: number;
  /** submitted scorecards per loop, by extra members */
  submittedPerLoop: number;
  /** hash a password for every panelist (for HTTP login); otherwise passwordHash is null */
  password?: string;
  /** create a session for every panelist and manager */
  sessions?: boolean;
}

export interface Actor {
  id: string;
  email: string;
  name: string;
  /** session cookie value when spec.sessions */
  token: string | null;
  /** CSRF double-submit cookie value to pair with the token */
  csrf: string;
}

export interface LoadWorld {
  panelists: (Actor & { cards: { id: string; loopId: string; version: number }[] })[];
  managers: (Actor & { loops: string[] })[];
  loops: string[];
}

export async function buildLoadWorld(dbPath: string, spec: LoadWorldSpec): Promise<LoadWorld> {
  if (spec.cardsPerPanelist > spec.loops) throw new Error("cardsPerPanelist must be <= loops");
  const db = openDatabase(dbPath);
  const passwordHash = spec.password ? await hashPassword(spec.password) : null;
  const now = Date.now();
  const world: LoadWorld = { panelists: [], managers: [], loops: [] };
  try {
    migrateDatabase(db);
    db.transaction((tx) => {
      const person = (
        label: string,
        role: "admin" | "recruiter" | "member",
        i: number,
        withPassword: boolean,
      ): Actor => {
        const id = newId();
        const email = `${label}${i}@load.test`;
        const name = `${label[0]!.toUpperCase()}${label.slice(1)} ${i}`;
        tx.insert(users)
          .values({ id, email, name, role, passwordHash: withPassword ? passwordHash : null, active: true })
          .run();
        let token: string | null = null;
        if (spec.sessions) token = createSession(tx, { userId: id, now, expiresAt: now + 7 * 86_400_000 });
        return { id, email, name, token, csrf: randomToken(24) };
      };
      const recruiter = person("recruiter", "recruiter", 0, false);
      const { versionId } = insertPublishedRubric(tx, {
        content: LEAD_ML_ARCHITECT_V1,
        createdBy: recruiter.id,
      });
      const rv = rubricVersionIds(tx, versionId);
      const exerciseId = rv.exercises.get(EXERCISE)!;

      for (let m = 0; m < spec.managers; m++)
        world.managers.push({ ...person("manager", "member", m, false), loops: [] });
      const interviewOf: string[] = [];
      for (let l = 0; l < spec.loops; l++) {
        const candidateId = newId();
        tx.insert(candidates)
          .values({
            id: candidateId,
            name: `Load Candidate ${l}`,
            email: `candidate${l}@load.test`,
            createdBy: recruiter.id,
          })
          .run();
        const loopId = newId();
        const manager = world.managers[l % spec.managers]!;
        tx.insert(loops)
          .values({
            id: loopId,
            candidateId,
            rubricVersionId: versionId,
            hiringManagerId: manager.id,
            recruiterId: recruiter.id,
            status: "in_progress",
          })
          .run();
        writeAudit(tx, {
          actorId: recruiter.id,
          action: "loop.create",
          entityType: "loop",
          entityId: loopId,
          loopId,
          after: { status: "in_progress" },
        });
        const interviewId = newId();
        tx.insert(interviews)
          .values({
            id: interviewId,
            loopId,
            exerciseId,
            position: 0,
            scheduledAt: now - 3_600_000,
            durationMinutes: 90,
          })
          .run();
        manager.loops.push(loopId);
        world.loops.push(loopId);
        interviewOf.push(interviewId);
        for (let s = 0; s < spec.submittedPerLoop; s++) {
          const past = person("past", "member", l * 100 + s, false);
          const cardId = newId();
          tx.insert(scorecards)
            .values({
              id: cardId,
              interviewId,
              panelistId: past.id,
              status: "submitted",
              version: 5,
              recommendation: s % 2 ? "hire" : "strong_hire",
              summary: "Solid end-to-end design.",
              submittedAt: now - 1_800_000,
            })
            .run();
          ASSESSED_KEYS.forEach((k, i) => {
            tx.insert(ratings)
              .values({
                scorecardId: cardId,
                dimensionId: rv.dimensions.get(k)!,
                score: ((i + s) % 4) + 1,
                evidence: EVIDENCE,
              })
              .run();
          });
        }
      }
      for (let p = 0; p < spec.panelists; p++) {
        const actor = person("panelist", "member", p, true);
        const cards: { id: string; loopId: string; version: number }[] = [];
        for (let k = 0; k < spec.cardsPerPanelist; k++) {
          const l = (p + k) % spec.loops;
          const id = newId();
          tx.insert(scorecards)
            .values({ id, interviewId: interviewOf[l]!, panelistId: actor.id, status: "draft", version: 0 })
            .run();
          cards.push({ id, loopId: world.loops[l]!, version: 0 });
        }
        world.panelists.push({ ...actor, cards });
      }
    });
  } finally {
    db.$client.close();
  }
  return world;
}
