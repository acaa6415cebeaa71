import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { RubricVersionStatus } from "../../../app/domain/vocabulary";
import {
  RUBRIC_FORMAT_2,
  sameRubricContent,
  withDerivedFields,
  type RubricContent,
} from "../../../app/domain/rubric/model";
import { SHIPPED_RUBRIC_VERSIONS } from "../../../app/domain/rubric/shipped";
import { validateRubricContent, type RubricProblem } from "../../../app/domain/rubric/validate";
import { newId } from "../../ids.server";
import type { Db, DbOrTx } from "../../client.server";
import {
  loops,
  rubricDimensions,
  rubricExerciseDimensions,
  rubricExercises,
  rubricRedFlags,
  rubrics,
  rubricSignals,
  rubricVersions,
  users,
} from "../../schema";

import { writeAudit } from "../audit.server";
import { abort, runRefusable, type Outcome } from "../result.server";

/**
 * Writes a rubric version's content (dimensions, exercises, flags, signals) as a draft, then
 * publishes it when asked. Synchronous: call inside db.transaction.
 */
export function insertRubricVersion(
  db: DbOrTx,
  opts: {
    rubricId: string;
    version: number;
    content: RubricContent;
    status: RubricVersionStatus;
    createdBy: string | null;
    basedOnVersionId?: string | null;
    now?: number;
    id?: string;
  },
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
    db.update(rubricVersions)
      .set({ status: "published", publishedAt: now })
      .where(eq(rubricVersions.id, versionId))
      .run();
  }
  return versionId;
}

/** A new rubric family whose version 1 is `content`, published: how the demo seed, benchmarks and tests begin. */
export function insertPublishedRubric(
  db: DbOrTx,
  opts: { content: RubricContent; createdBy: string | null; now?: number },
): { rubricId: string; versionId: string } {
  const rubricId = newId();
  db.insert(rubrics)
    .values({ id: rubricId, name: opts.content.name, roleTitle: opts.content.roleTitle, createdAt: opts.now })
    .run();
  const versionId = insertRubricVersion(db, {
    rubricId,
    version: 1,
    content: opts.content,
    status: "published",
    createdBy: opts.createdBy,
    now: opts.now,
  });
  return { rubricId, versionId };
}

/**
 * Replaces a draft version's content. Published versions refuse at the database (triggers).
 * Format-2 content is stored with its format-1 fields derived, so every reader sees them current.
 */
export function writeRubricContent(db: DbOrTx, versionId: string, given: RubricContent): void {
  const content = withDerivedFields(given);
  db.delete(rubricExercises).where(eq(rubricExercises.versionId, versionId)).run();
  db.delete(rubricDimensions).where(eq(rubricDimensions.versionId, versionId)).run();
  db.delete(rubricRedFlags).where(eq(rubricRedFlags.versionId, versionId)).run();
  db.delete(rubricSignals).where(eq(rubricSignals.versionId, versionId)).run();
  db.update(rubricVersions)
    .set({
      summary: content.summary,
      format: content.format ?? null,
      decisionRule: content.decisionRule ?? null,
      interviewerGuidance: content.interviewerGuidance ?? null,
    })
    .where(eq(rubricVersions.id, versionId))
    .run();
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
        scale: d.scale ?? null,
        calibration: d.calibration ?? null,
        levels: d.levels ?? null,
      })
      .run();
  });
  content.exercises.forEach((e, position) => {
    const id = newId();
    db.insert(rubricExercises)
      .values({
        id,
        versionId,
        key: e.key,
        position,
        title: e.title,
        durationMinutes: e.durationMinutes,
        prompt: e.prompt,
        focusPoints: e.focusPoints,
        probeQuestions: e.probeQuestions,
        probes: e.probes ?? null,
        phases: e.phases ?? null,
        reveals: e.reveals ?? null,
        context: e.context ?? null,
      })
      .run();
    for (const key of e.dimensionKeys) {
      const dimensionId = dimensionIds.get(key);
      if (dimensionId) db.insert(rubricExerciseDimensions).values({ exerciseId: id, dimensionId }).run();
    }
  });
  content.redFlags.forEach((f, position) => {
    db.insert(rubricRedFlags)
      .values({
        id: newId(),
        versionId,
        key: f.key,
        position,
        label: f.label,
        description: f.description,
        severity: f.severity,
      })
      .run();
  });
  content.signals.forEach((s, position) => {
    db.insert(rubricSignals)
      .values({ id: newId(), versionId, key: s.key, position, label: s.label, kind: s.kind })
      .run();
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
    dimensions: pairs(
      db
        .select({ id: rubricDimensions.id, key: rubricDimensions.key })
        .from(rubricDimensions)
        .where(eq(rubricDimensions.versionId, versionId))
        .all(),
    ),
    exercises: pairs(
      db
        .select({ id: rubricExercises.id, key: rubricExercises.key })
        .from(rubricExercises)
        .where(eq(rubricExercises.versionId, versionId))
        .all(),
    ),
    redFlags: pairs(
      db
        .select({ id: rubricRedFlags.id, key: rubricRedFlags.key })
        .from(rubricRedFlags)
        .where(eq(rubricRedFlags.versionId, versionId))
        .all(),
    ),
    signals: pairs(
      db
        .select({ id: rubricSignals.id, key: rubricSignals.key })
        .from(rubricSignals)
        .where(eq(rubricSignals.versionId, versionId))
        .all(),
    ),
  };
}

/** Reads a version back as RubricContent (the shape every domain module uses). */
export function loadRubricContent(db: DbOrTx, versionId: string): RubricContent | null {
  const version = db
    .select({
      id: rubricVersions.id,
      summary: rubricVersions.summary,
      format: rubricVersions.format,
      decisionRule: rubricVersions.decisionRule,
      interviewerGuidance: rubricVersions.interviewerGuidance,
      name: rubrics.name,
      roleTitle: rubrics.roleTitle,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!version) return null;
  const dims = db
    .select()
    .from(rubricDimensions)
    .where(eq(rubricDimensions.versionId, versionId))
    .orderBy(asc(rubricDimensions.position))
    .all();
  const exercises = db
    .select()
    .from(rubricExercises)
    .where(eq(rubricExercises.versionId, versionId))
    .orderBy(asc(rubricExercises.position))
    .all();
  const links = exercises.length
    ? db
        .select({ exerciseId: rubricExerciseDimensions.exerciseId, dimensionId: rubricExerciseDimensions.dimensionId })
        .from(rubricExerciseDimensions)
        .where(
          inArray(
            rubricExerciseDimensions.exerciseId,
            exercises.map((e) => e.id),
          ),
        )
        .all()
    : [];
  const dimKeyById = new Map(dims.map((d) => [d.id, { key: d.key, position: d.position }]));
  const flags = db
    .select()
    .from(rubricRedFlags)
    .where(eq(rubricRedFlags.versionId, versionId))
    .orderBy(asc(rubricRedFlags.position))
    .all();
  const signals = db
    .select()
    .from(rubricSignals)
    .where(eq(rubricSignals.versionId, versionId))
    .orderBy(asc(rubricSignals.position))
    .all();
  // Format-2 fields appear only when stored, so format-1 content reads back exactly as it was written.
  const content: RubricContent = {
    ...(version.format === RUBRIC_FORMAT_2 ? { format: RUBRIC_FORMAT_2 } : {}),
    name: version.name,
    roleTitle: version.roleTitle,
    summary: version.summary,
    dimensions: dims.map((d) => ({
      key: d.key,
      name: d.name,
      description: d.description,
      anchors: { belowBar: d.anchorBelow, meetsBar: d.anchorMeets, exceeds: d.anchorExceeds },
      weight: d.weight,
      ...present({ scale: d.scale, calibration: d.calibration, levels: d.levels }),
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
      ...present({ probes: e.probes, phases: e.phases, reveals: e.reveals, context: e.context }),
    })),
    redFlags: flags.map((f) => ({ key: f.key, label: f.label, description: f.description, severity: f.severity })),
    signals: signals.map((s) => ({ key: s.key, label: s.label, kind: s.kind })),
    ...present({ decisionRule: version.decisionRule, interviewerGuidance: version.interviewerGuidance }),
  };
  return content;
}

/** The fields of `fields` that are stored (not null), for optional format-2 fields. */
function present<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: NonNullable<T[K]> } {
  const out: { [K in keyof T]?: NonNullable<T[K]> } = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) out[k as keyof T] = v as never;
  return out;
}

// ---------------------------------------------------------------- versions: view, clone, edit, publish

export interface RubricVersionInfo {
  id: string;
  rubricId: string;
  rubricName: string;
  version: number;
  status: RubricVersionStatus;
  createdAt: number;
  publishedAt: number | null;
  basedOnVersionId: string | null;
  basedOnVersion: number | null;
  createdByName: string | null;
  loopCount: number;
}

/** Every version with its provenance and how many loops use it (newest first per rubric). */
export function listRubricVersionInfos(db: Db): RubricVersionInfo[] {
  const based = alias(rubricVersions, "based");
  const rows = db
    .select({
      id: rubricVersions.id,
      rubricId: rubricVersions.rubricId,
      rubricName: rubrics.name,
      version: rubricVersions.version,
      status: rubricVersions.status,
      createdAt: rubricVersions.createdAt,
      publishedAt: rubricVersions.publishedAt,
      basedOnVersionId: rubricVersions.basedOnVersionId,
      basedOnVersion: based.version,
      createdByName: users.name,
    })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .leftJoin(based, eq(based.id, rubricVersions.basedOnVersionId))
    .leftJoin(users, eq(users.id, rubricVersions.createdBy))
    .orderBy(asc(rubrics.name), desc(rubricVersions.version))
    .all();
  const counts = db
    .select({ versionId: loops.rubricVersionId, n: sql<number>`count(*)` })
    .from(loops)
    .groupBy(loops.rubricVersionId)
    .all();
  const countBy = new Map(counts.map((c) => [c.versionId, Number(c.n)]));
  return rows.map((r) => ({ ...r, loopCount: countBy.get(r.id) ?? 0 }));
}

export function getRubricVersionInfo(db: Db, versionId: string): RubricVersionInfo | null {
  return listRubricVersionInfos(db).find((v) => v.id === versionId) ?? null;
}

/** Copies a version's content into a new draft with the rubric's next version number. */
export function cloneRubricVersion(
  db: Db,
  actorId: string,
  sourceVersionId: string,
  now = Date.now(),
): Outcome<{ id: string; version: number }> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const source = tx
        .select({ id: rubricVersions.id, rubricId: rubricVersions.rubricId, version: rubricVersions.version })
        .from(rubricVersions)
        .where(eq(rubricVersions.id, sourceVersionId))
        .get();
      if (!source) abort(404, "This rubric version does not exist.");
      const content = loadRubricContent(tx, source.id)!;
      const max = tx
        .select({ v: sql<number>`max(${rubricVersions.version})` })
        .from(rubricVersions)
        .where(eq(rubricVersions.rubricId, source.rubricId))
        .get();
      const version = Number(max?.v ?? 0) + 1;
      const id = insertRubricVersion(tx, {
        rubricId: source.rubricId,
        version,
        content,
        status: "draft",
        createdBy: actorId,
        basedOnVersionId: source.id,
        now,
      });
      writeAudit(
        tx,
        {
          actorId,
          action: "rubric.clone",
          entityType: "rubric_version",
          entityId: id,
          after: { version, basedOn: source.version },
        },
        now,
      );
      return { id, version };
    }),
  );
}

function loadDraft(tx: DbOrTx, versionId: string) {
  const v = tx
    .select({ id: rubricVersions.id, version: rubricVersions.version, status: rubricVersions.status })
    .from(rubricVersions)
    .where(eq(rubricVersions.id, versionId))
    .get();
  if (!v) abort(404, "This rubric version does not exist.");
  if (v.status !== "draft")
    abort(
      409,
      `Version ${v.version} is published and can no longer be changed. Clone it into a new draft to change it.`,
    );
  return v;
}

/** Replaces a draft's content (audit keeps the content before and after). */
export function saveRubricDraft(
  db: Db,
  actorId: string,
  versionId: string,
  content: RubricContent,
  now = Date.now(),
): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      loadDraft(tx, versionId);
      const before = loadRubricContent(tx, versionId);
      writeRubricContent(tx, versionId, content);
      writeAudit(
        tx,
        { actorId, action: "rubric.edit", entityType: "rubric_version", entityId: versionId, before, after: content },
        now,
      );
      return null;
    }),
  );
}

/**
 * Publishes a draft after `validateRubricContent` finds nothing; returns the problems otherwise.
 * From then on the database triggers refuse any change to it.
 */
export function publishRubricVersion(
  db: Db,
  actorId: string,
  versionId: string,
  now = Date.now(),
): Outcome<{ problems: RubricProblem[] }> {
  return runRefusable(() => db.transaction((tx) => ({ problems: publishDraft(tx, actorId, versionId, now) })));
}

/** The publish step inside a transaction: validate, then mark published and audit. */
function publishDraft(tx: DbOrTx, actorId: string | null, versionId: string, now: number): RubricProblem[] {
  const v = loadDraft(tx, versionId);
  const content = loadRubricContent(tx, versionId)!;
  const problems = validateRubricContent(content);
  if (problems.length > 0) return problems;
  tx.update(rubricVersions)
    .set({ status: "published", publishedAt: now })
    .where(and(eq(rubricVersions.id, versionId), eq(rubricVersions.status, "draft")))
    .run();
  writeAudit(
    tx,
    {
      actorId,
      action: "rubric.publish",
      entityType: "rubric_version",
      entityId: versionId,
      after: { version: v.version },
    },
    now,
  );
  return [];
}

/**
 * Publishes rubric content that ships with ArchPanel (e.g. rubric v2) as the next version of the
 * rubric family of the same name, the way a recruiter would: written as a draft, then published
 * through the same validation. Idempotent: nothing happens when a version of the family already
 * holds this content, or when the family does not exist yet (the demo seed creates it first).
 * A refused publish writes nothing and returns the problems.
 */
export function publishShippedVersion(
  db: Db,
  content: RubricContent,
  now = Date.now(),
): Outcome<{ id: string; version: number } | { problems: RubricProblem[] } | null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const family = tx.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.name, content.name)).get();
      if (!family) return null;
      const versions = tx
        .select({ id: rubricVersions.id, version: rubricVersions.version })
        .from(rubricVersions)
        .where(eq(rubricVersions.rubricId, family.id))
        .all();
      const wanted = withDerivedFields(content);
      if (versions.some((v) => sameRubricContent(loadRubricContent(tx, v.id), wanted))) return null;
      const problems = validateRubricContent(wanted);
      if (problems.length > 0) return { problems };
      const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
      const id = insertRubricVersion(tx, {
        rubricId: family.id,
        version,
        content,
        status: "draft",
        createdBy: null,
        now,
      });
      // the stored content is checked again, as any publish checks it
      const stored = publishDraft(tx, null, id, now);
      if (stored.length > 0) abort(409, `Stored rubric content fails the publish rules: ${stored[0]!.message}`);
      return { id, version };
    }),
  );
}

/**
 * Publishes every shipped rubric version (SHIPPED_RUBRIC_VERSIONS) that its family lacks; returns
 * one line per version published. Throws when shipped content fails the publish rules (a bug to fix
 * before release, never a state to run in).
 */
export function publishShippedRubrics(db: Db, now = Date.now()): string[] {
  const done: string[] = [];
  for (const content of SHIPPED_RUBRIC_VERSIONS) {
    const result = publishShippedVersion(db, content, now);
    if (!result.ok) throw new Error(result.message);
    if (result.value && "problems" in result.value) {
      const first = result.value.problems[0];
      throw new Error(`Shipped rubric "${content.name}" fails the publish rules: ${first?.path}: ${first?.message}`);
    }
    if (result.value) done.push(`Published ${content.name} v${result.value.version}`);
  }
  return done;
}

/** Deletes a draft version (published ones are refused by the triggers as well). */
export function discardRubricDraft(db: Db, actorId: string, versionId: string, now = Date.now()): Outcome<null> {
  return runRefusable(() =>
    db.transaction((tx) => {
      const v = loadDraft(tx, versionId);
      const used = tx.select({ id: loops.id }).from(loops).where(eq(loops.rubricVersionId, versionId)).get();
      if (used) abort(409, "A loop uses this version.");
      const content = loadRubricContent(tx, versionId);
      tx.delete(rubricVersions).where(eq(rubricVersions.id, versionId)).run();
      writeAudit(
        tx,
        {
          actorId,
          action: "rubric.discard",
          entityType: "rubric_version",
          entityId: versionId,
          before: { version: v.version, content },
        },
        now,
      );
      return null;
    }),
  );
}
