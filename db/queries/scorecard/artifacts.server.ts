// Scorecard artifacts: images the panelist attached (already checked and stripped of metadata by
// app/domain/scorecard/artifact-image.ts). They are scorecard content: the author reads and
// changes their own while drafting; anyone else reads them only once the scorecard is submitted,
// and only with the loop feedback access the route checks (the draft rule is in these WHERE clauses).
import crypto from "node:crypto";

import { and, asc, count, eq, inArray, or, sql } from "drizzle-orm";

import { ARTIFACTS_PER_SCORECARD, type CleanImage } from "../../../app/domain/scorecard/artifact-image";
import type { ArtifactMediaType } from "../../../app/domain/vocabulary";
import type { Db, Tx } from "../../client.server";
import { newId } from "../../ids.server";
import { interviews, scorecardArtifacts, scorecards } from "../../schema";

import { writeAudit } from "../audit.server";

export interface ArtifactMeta {
  id: string;
  scorecardId: string;
  mediaType: ArtifactMediaType;
  caption: string;
  dimensionKey: string | null;
  width: number;
  height: number;
  byteSize: number;
  sha256: string;
  createdAt: number;
}

const meta = {
  id: scorecardArtifacts.id,
  scorecardId: scorecardArtifacts.scorecardId,
  mediaType: scorecardArtifacts.mediaType,
  caption: scorecardArtifacts.caption,
  dimensionKey: scorecardArtifacts.dimensionKey,
  width: scorecardArtifacts.width,
  height: scorecardArtifacts.height,
  byteSize: scorecardArtifacts.byteSize,
  sha256: scorecardArtifacts.sha256,
  createdAt: scorecardArtifacts.createdAt,
};

/** The panelist's own scorecard's artifacts (scoped by the owner in the WHERE clause). */
export function ownArtifacts(db: Db, opts: { scorecardId: string; panelistId: string }): ArtifactMeta[] {
  return db
    .select(meta)
    .from(scorecardArtifacts)
    .innerJoin(scorecards, eq(scorecards.id, scorecardArtifacts.scorecardId))
    .where(and(eq(scorecardArtifacts.scorecardId, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .orderBy(asc(scorecardArtifacts.createdAt), asc(scorecardArtifacts.id))
    .all();
}

/** The panelist's own scorecard (owner in the WHERE clause), with its loop for the audit entry. */
function ownCard(tx: Tx, opts: { scorecardId: string; panelistId: string }) {
  return tx
    .select({ status: scorecards.status, loopId: interviews.loopId })
    .from(scorecards)
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(scorecards.id, opts.scorecardId), eq(scorecards.panelistId, opts.panelistId)))
    .get();
}

export type AddArtifactResult = { kind: "added"; id: string } | { kind: "locked" } | { kind: "full" };

/** Attaches an image to the panelist's own draft; refuses a submitted or recused scorecard and the N+1th image. */
export function addArtifact(
  db: Db,
  opts: { scorecardId: string; panelistId: string },
  input: { image: CleanImage; caption: string; dimensionKey: string | null },
  now = Date.now(),
): AddArtifactResult {
  return db.transaction((tx) => {
    const card = ownCard(tx, opts);
    if (!card || card.status !== "draft") return { kind: "locked" };
    const held =
      tx
        .select({ n: count() })
        .from(scorecardArtifacts)
        .where(eq(scorecardArtifacts.scorecardId, opts.scorecardId))
        .get()?.n ?? 0;
    if (held >= ARTIFACTS_PER_SCORECARD) return { kind: "full" };
    const id = newId();
    const bytes = Buffer.from(input.image.bytes);
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    tx.insert(scorecardArtifacts)
      .values({
        id,
        scorecardId: opts.scorecardId,
        mediaType: input.image.mediaType,
        caption: input.caption,
        dimensionKey: input.dimensionKey,
        width: input.image.width,
        height: input.image.height,
        byteSize: bytes.length,
        sha256,
        data: bytes,
        createdAt: now,
      })
      .run();
    // which picture, not what it says: the caption is draft content, private to its author
    writeAudit(
      tx,
      {
        actorId: opts.panelistId,
        action: "scorecard.artifact_add",
        entityType: "scorecard",
        entityId: opts.scorecardId,
        loopId: card.loopId,
        after: { artifactId: id, sha256, byteSize: bytes.length, mediaType: input.image.mediaType },
      },
      now,
    );
    return { kind: "added", id };
  });
}

export type RemoveArtifactResult = "removed" | "locked" | "missing";

/** Deletes an image from the panelist's own draft. */
export function removeArtifact(
  db: Db,
  opts: { scorecardId: string; panelistId: string; artifactId: string },
  now = Date.now(),
): RemoveArtifactResult {
  return db.transaction((tx) => {
    const card = ownCard(tx, opts);
    if (!card) return "missing";
    const found = tx
      .select({ id: scorecardArtifacts.id, sha256: scorecardArtifacts.sha256, byteSize: scorecardArtifacts.byteSize })
      .from(scorecardArtifacts)
      .where(and(eq(scorecardArtifacts.id, opts.artifactId), eq(scorecardArtifacts.scorecardId, opts.scorecardId)))
      .get();
    if (!found) return "missing";
    if (card.status !== "draft") return "locked";
    tx.delete(scorecardArtifacts).where(eq(scorecardArtifacts.id, opts.artifactId)).run();
    writeAudit(
      tx,
      {
        actorId: opts.panelistId,
        action: "scorecard.artifact_remove",
        entityType: "scorecard",
        entityId: opts.scorecardId,
        loopId: card.loopId,
        before: { artifactId: found.id, sha256: found.sha256, byteSize: found.byteSize },
      },
      now,
    );
    return "removed";
  });
}

export interface ArtifactFile {
  mediaType: ArtifactMediaType;
  sha256: string;
  data: Buffer;
  loopId: string;
  /** whether the viewer is the scorecard's author (else the scorecard is submitted) */
  own: boolean;
}

/**
 * One artifact's bytes for a viewer: the author's own at any time, anyone else's only when the
 * scorecard is submitted (a draft's or a recusal's image is "not found"). Loop feedback access is
 * checked by the route on the returned loop.
 */
export function artifactFile(db: Db, artifactId: string, viewerId: string): ArtifactFile | null {
  const row = db
    .select({
      mediaType: scorecardArtifacts.mediaType,
      sha256: scorecardArtifacts.sha256,
      data: scorecardArtifacts.data,
      loopId: interviews.loopId,
      panelistId: scorecards.panelistId,
    })
    .from(scorecardArtifacts)
    .innerJoin(scorecards, eq(scorecards.id, scorecardArtifacts.scorecardId))
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(
      and(
        eq(scorecardArtifacts.id, artifactId),
        or(eq(scorecards.panelistId, viewerId), eq(scorecards.status, "submitted")),
      ),
    )
    .get();
  if (!row) return null;
  return {
    mediaType: row.mediaType,
    sha256: row.sha256,
    data: row.data,
    loopId: row.loopId,
    own: row.panelistId === viewerId,
  };
}

function buildSubmittedArtifactsQuery(db: Db) {
  return db
    .select(meta)
    .from(scorecardArtifacts)
    .innerJoin(scorecards, eq(scorecards.id, scorecardArtifacts.scorecardId))
    .innerJoin(interviews, eq(interviews.id, scorecards.interviewId))
    .where(and(eq(interviews.loopId, sql.placeholder("loopId")), eq(scorecards.status, "submitted")))
    .orderBy(asc(scorecardArtifacts.scorecardId), asc(scorecardArtifacts.createdAt), asc(scorecardArtifacts.id))
    .prepare();
}

// read by every review view and packet download: prepared once per connection (building and
// preparing it per call was ~0.6 ms of a review page by CPU profile)
const submittedArtifactsQueries = new WeakMap<object, ReturnType<typeof buildSubmittedArtifactsQuery>>();

/** The artifacts of a loop's submitted scorecards (review page, packet), oldest first per scorecard. */
export function submittedArtifactsOfLoop(db: Db, loopId: string): ArtifactMeta[] {
  let q = submittedArtifactsQueries.get(db.$client);
  if (!q) submittedArtifactsQueries.set(db.$client, (q = buildSubmittedArtifactsQuery(db)));
  return q.all({ loopId });
}

/** The bytes of the given artifacts (the packet embeds them), only of submitted scorecards. */
export function submittedArtifactBytes(db: Db, ids: string[]): Map<string, Uint8Array> {
  if (ids.length === 0) return new Map();
  const rows = db
    .select({ id: scorecardArtifacts.id, data: scorecardArtifacts.data })
    .from(scorecardArtifacts)
    .innerJoin(scorecards, eq(scorecards.id, scorecardArtifacts.scorecardId))
    .where(and(inArray(scorecardArtifacts.id, ids), eq(scorecards.status, "submitted")))
    .all();
  return new Map(rows.map((r) => [r.id, new Uint8Array(r.data)]));
}
