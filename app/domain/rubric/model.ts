/**
 * The rubric model: the shape of a rubric version's content (dimensions with anchors, exercises,
 * red flags, signals). The enums it uses live in ../vocabulary.ts. Pure data and types; no IO.
 */

import type { RedFlagSeverity, SignalKind } from "../vocabulary";

export interface DimensionAnchors {
  /** What a rating below the bar looks like. */
  belowBar: string;
  /** What "meets the bar" looks like. */
  meetsBar: string;
  /** What "exceeds the bar" looks like. */
  exceeds: string;
}

export interface RubricDimension {
  /** Stable slug, unique within a rubric version (e.g. "ml_system_architecture"). */
  key: string;
  name: string;
  /** One or two sentences: what this dimension is about. */
  description: string;
  anchors: DimensionAnchors;
  /** Default weight in percent for the composite score; a version's weights sum to 100. */
  weight: number;
}

export interface FocusPoint {
  /** Stable slug, unique within the exercise. */
  key: string;
  label: string;
}

export interface RubricExercise {
  key: string;
  title: string;
  durationMinutes: number;
  prompt: string;
  /** What to evaluate: ticked by the interviewer as the candidate covers them. */
  focusPoints: FocusPoint[];
  /** 4–8 probe questions. */
  probeQuestions: string[];
  /** Keys of the dimensions this exercise assesses. */
  dimensionKeys: string[];
}

export interface RubricRedFlag {
  key: string;
  label: string;
  /** What it looks like in the room (optional detail). */
  description: string;
  severity: RedFlagSeverity;
}

export interface RubricSignal {
  key: string;
  label: string;
  kind: SignalKind;
}

/** The full content of one rubric version, as stored and as shown. */
export interface RubricContent {
  /** Rubric family name, e.g. "Lead ML Architect". */
  name: string;
  roleTitle: string;
  summary: string;
  dimensions: RubricDimension[];
  exercises: RubricExercise[];
  redFlags: RubricRedFlag[];
  signals: RubricSignal[];
}
