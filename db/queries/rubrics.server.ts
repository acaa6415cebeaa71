import { and, asc, desc, eq, inArray } from "drizzle-orm";

import type { RubricContent, RubricVersionStatus } from "../../app/domain/rubric";
import { newId } from "../../app/server/ids.server";
import type { Db } from "../client.server";
import {
  rubricDimensions,
  rubricExerciseDimensions,
  rubricExercises,
  rubricRedFlags,
  rubrics,
  rubricSignals,
  rubricVersions,
} from "../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;

/**
 * Writes a rubric version's content (dimensions, exercises, flags, signals) as a draft, then
 * publishes it when asked. Synchronous: call inside db.transaction.
 */
export function insertRubricVersion(
  db: DbOrTx,
  opts: { rubricId: string; version: number; content: RubricContent; status: RubricVersionStatus; createdBy: string | null; basedOnVersionId?: string | null; now?: number; id?: string },
): string {
  const now = opts.now ?? Date.now();
  const versionId = opts.id ?? newId();
  db.insert(rubricVersions)
    .values({
      id: versionId,
      rubricId: opts.rubricId,
      version: opts.version,
      status: "draft",
      summary: opts.content.summary,
      basedOnVersionId: opts.basedOnVersionId ?? null,
      createdBy: opts.createdBy,
      createdAt: now,
    })
    .run();
  writeRubricContent(db, versionId, opts.content);
  if (opts.status === "published") {
    db.update(rubricVersions).set({ status: "published", publishedAt: now }).where(eq(rubricVersions.id, versionId)).run();
  }
  return versionId;
}

/** Replaces a draft version's content. Published versions refuse at the database (triggers). */
export function writeRubricContent(db: DbOrTx, versionId: string, content: RubricContent): void {
  db.delete(rubricExercises).where(eq(rubricExercises.versionId, versionId)).run();
  db.delete(rubricDimensions).where(eq(rubricDimensions.versionId, versionId)).run();
  db.delete(rubricRedFlags).where(eq(rubricRedFlags.versionId, versionId)).run();
  db.delete(rubricSignals).where(eq(rubricSignals.versionId, versionId)).run();
  db.update(rubricVersions).set({ summary: content.summary }).where(eq(rubricVersions.id, versionId)).run();
  const dimensionIds = new Map<string, string>();
  content.dimensions.forEach((d, position) => {
    const id = newId();
    dimensionIds.set(d.key, id);
    db.insert(rubricDimensions)
      .values({
        id,
        versionId,
        key: d.key,
        position,
        name: d.name,
        description: d.description,
        anchorBelow: d.anchors.belowBar,
        anchorMeets: d.anchors.meetsBar,
        anchorExceeds: d.anchors.exceeds,
        weight: d.weight,
      })
      .run();
  });
  content.exercises.forEach((e, position) => {
    const id = newId();
    db.insert(rubricExercises)
      .values({ id, versionId, key: e.key, position, title: e.title, durationMinutes: e.durationMinutes, prompt: e.prompt, focusPoints: e.focusPoints, probeQuestions: e.probeQuestions })
      .run();
    for (const key of e.dimensionKeys) {
      const dimensionId = dimensionIds.get(key);
      if (dimensionId) db.insert(rubricExerciseDimensions).values({ exerciseId: id, dimensionId }).run();
    }
  });
  content.redFlags.forEach((f, position) => {
    db.insert(rubricRedFlags).values({ id: newId(), versionId, key: f.key, position, label: f.label, description: f.description, severity: f.severity }).run();
  });
  content.signals.forEach((s, position) => {
    db.insert(rubricSignals).values({ id: newId(), versionId, key: s.key, position, label: s.label, kind: s.kind }).run();
  });
}

export interface RubricVersionIds {
  dimensions: Map<string, string>;
  exercises: Map<string, string>;
  redFlags: Map<string, string>;
  signals: Map<string, string>;
}

/** Row ids by key, for writing ratings/marks that reference a version's content. */
export function rubricVersionIds(db: DbOrTx, versionId: string): RubricVersionIds {
  const pairs = (rows: { id: string; key: string }[]) => new Map(rows.map((r) => [r.key, r.id]));
  return {
    dimensions: pairs(db.select({ id: rubricDimensions.id, key: rubricDimensions.key }).from(rubricDimensions).where(eq(rubricDimensions.versionId, versionId)).all()),
    exercises: pairs(db.select({ id: rubricExercises.id, key: rubricExercises.key }).from(rubricExercises).where(eq(rubricExercises.versionId, versionId)).all()),
    redFlags: pairs(db.select({ id: rubricRedFlags.id, key: rubricRedFlags.key }).from(rubricRedFlags).where(eq(rubricRedFlags.versionId, versionId)).all()),
    signals: pairs(db.select({ id: rubricSignals.id, key: rubricSignals.key }).from(rubricSignals).where(eq(rubricSignals.versionId, versionId)).all()),
  };
}

/** Reads a version back as RubricContent (the shape every domain module uses). */
export function loadRubricContent(db: DbOrTx, versionId: string): RubricContent | null {
  const version = db
    .select({ id: rubricVersions.id, summary: rubricVersions.summary, name: rubrics.name, roleTitle: rubrics.roleTitle })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!version) return null;
  const dims = db.select().from(rubricDimensions).where(eq(rubricDimensions.versionId, versionId)).orderBy(asc(rubricDimensions.position)).all();
  const exercises = db.select().from(rubricExercises).where(eq(rubricExercises.versionId, versionId)).orderBy(asc(rubricExercises.position)).all();
  const links = exercises.length
    ? db
        .select({ exerciseId: rubricExerciseDimensions.exerciseId, dimensionId: rubricExerciseDimensions.dimensionId })
        .from(rubricExerciseDimensions)
        .where(inArray(rubricExerciseDimensions.exerciseId, exercises.map((e) => e.id)))
        .all()
    : [];
  const dimKeyById = new Map(dims.map((d) => [d.id, { key: d.key, position: d.position }]));
  const flags = db.select().from(rubricRedFlags).where(eq(rubricRedFlags.versionId, versionId)).orderBy(asc(rubricRedFlags.position)).all();
  const signals = db.select().from(rubricSignals).where(eq(rubricSignals.versionId, versionId)).orderBy(asc(rubricSignals.position)).all();
  return {
    name: version.name,
    roleTitle: version.roleTitle,
    summary: version.summary,
    dimensions: dims.map((d) => ({
      key: d.key,
      name: d.name,
      description: d.description,
      anchors: { belowBar: d.anchorBelow, meetsBar: d.anchorMeets, exceeds: d.anchorExceeds },
      weight: d.weight,
    })),
    exercises: exercises.map((e) => ({
      key: e.key,
      title: e.title,
      durationMinutes: e.durationMinutes,
      prompt: e.prompt,
      focusPoints: e.focusPoints,
      probeQuestions: e.probeQuestions,
      dimensionKeys: links
        .filter((l) => l.exerciseId === e.id)
        .map((l) => dimKeyById.get(l.dimensionId))
        .filter((x): x is { key: string; position: number } => !!x)
        .sort((a, b) => a.position - b.position)
        .map((x) => x.key),
    })),
    redFlags: flags.map((f) => ({ key: f.key, label: f.label, description: f.description, severity: f.severity })),
    signals: signals.map((s) => ({ key: s.key, label: s.label, kind: s.kind })),
  };
}

export function listRubricVersions(db: Db) {
  return db
    .select({
      id: rubricVersions.id,
      rubricId: rubricVersions.rubricId,
      rubricName: rubrics.name,
      version: rubricVersions.version,
      status: rubricVersions.status,
      createdAt: rubricVersions.createdAt,
      publishedAt: rubricVersions.publishedAt,
      basedOnVersionId: rubricVersions.basedOnVersionId,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .orderBy(asc(rubrics.name), desc(rubricVersions.version))
    .all();
}

export function latestPublishedVersion(db: Db, rubricId?: string) {
  const where = rubricId
    ? and(eq(rubricVersions.status, "published"), eq(rubricVersions.rubricId, rubricId))
    : eq(rubricVersions.status, "published");
  return db.select({ id: rubricVersions.id, version: rubricVersions.version, rubricId: rubricVersions.rubricId }).from(rubricVersions).where(where).orderBy(desc(rubricVersions.publishedAt), desc(rubricVersions.version)).get();
}
