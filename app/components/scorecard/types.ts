import type { LoopStatus, PanelRole, ScorecardStatus } from "../../domain/vocabulary";
import type {
  ContextCard,
  ExercisePhase,
  FocusPoint,
  RubricDimension,
  RubricProbe,
  RubricRedFlag,
  RubricSignal,
  ScriptedReveal,
} from "../../domain/rubric/model";
import type { ScorecardContext, TimerState } from "../../domain/scorecard/rules";
import type { ScorecardValues } from "../../domain/scorecard/schema";
import type { LoopFeedbackAccess } from "../../domain/review/access";
import type { StoredAcknowledgement } from "../../domain/scorecard/evidence-gate";
import type { ShownFinding } from "../../domain/scorecard/evidence-lint";

/** What the scorecard page's loader sends: the panelist's own scorecard and the rubric, nothing else. */
export interface ScorecardPageData {
  scorecard: {
    id: string;
    status: ScorecardStatus;
    version: number;
    updatedAt: number;
    submittedAt: number | null;
    amendCount: number;
    lastAmendReason: string | null;
    conflictNote: string | null;
    conflictDeclaredAt: number | null;
  };
  header: {
    candidateName: string;
    candidateTitle: string;
    exerciseTitle: string;
    scheduledAt: number | null;
    durationMinutes: number;
    loopId: string;
    loopStatus: LoopStatus;
    panelRole: PanelRole;
  };
  exercise: {
    key: string;
    title: string;
    prompt: string;
    focusPoints: FocusPoint[];
    probeQuestions: string[];
    dimensionKeys: string[];
    /** format 2 (rubric v2); absent for format 1 */
    probes?: RubricProbe[];
    phases?: ExercisePhase[];
    reveals?: ScriptedReveal[];
    context?: ContextCard;
  };
  dimensions: RubricDimension[];
  /** format 2: per dimension key, the probe its calibration answers respond to */
  calibrationPrompts: Record<string, { exerciseTitle: string; question: string }>;
  redFlags: RubricRedFlag[];
  signals: RubricSignal[];
  ctx: ScorecardContext;
  values: ScorecardValues;
  timer: TimerState;
  serverNow: number;
  /** the independence rule's verdict for this loop, and how many of the user's own scorecards are still drafts */
  feedback: { access: LoopFeedbackAccess; ownDrafts: number };
  amendMode: boolean;
  /** evidence-lint findings this panelist kept as job-related, with the reason */
  acknowledgements: StoredAcknowledgement[];
  /** the evidence lint's findings in `values` (draft or amending; else empty), shown until the engine loads */
  lintFindings: ShownFinding[];
}

export interface ServerCopyData {
  version: number;
  status: string;
  updatedAt: number;
  values: ScorecardValues;
}

/** What the page action answers to a plain form post (no JavaScript). */
export interface ScorecardActionData {
  intent: string;
  errors?: Record<string, string[]>;
  /** the posted values, to re-render the form exactly as typed */
  values?: unknown;
  /** the evidence lint's findings in those values */
  lintFindings?: ShownFinding[];
  conflict?: ServerCopyData;
  /** a submit to confirm first (its interview is still days away) */
  confirm?: string;
  /** the version to post next (after a conflict: the server's) */
  version?: number;
  amendReason?: string;
  conflictKind?: string;
  conflictNoteText?: string;
  noteBody?: string;
}
