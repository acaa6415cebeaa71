/**
 * The audit trail in words: every typed audit action (AUDIT_ACTIONS in ../vocabulary.ts) as a
 * sentence a hiring committee reads without a glossary ("Aisha Bello amended Leadership 3 → 4:
 * reason …"), for the packet and the web audit table. Pure.
 *
 * `auditChangeOf` reduces an entry's stored before/after JSON to what a sentence needs and nothing
 * more: the verdict, the recommendation, rating changes as numbers and the names of other changed
 * fields, never a panelist's free text (evidence and notes stay where their own visibility rules
 * apply). A decision's override is the decider's own statement, shown wherever its rationale is.
 */
import {
  AUDIT_ACTIONS,
  DECISION_LABELS,
  LOOP_STATUS_LABELS,
  RECOMMENDATION_LABELS,
  type AuditAction,
  type Decision,
  type LoopStatus,
  type Recommendation,
} from "../vocabulary";

/** What changed, as far as a sentence needs it. */
export interface AuditChange {
  /** loop.decide: the verdict recorded; loop.reopen: the verdict withdrawn */
  decision?: Decision;
  /** loop.decide against the rubric's signals: the decider's own override and the grounds it answered, in words */
  override?: { grounds: string[]; text: string };
  /** scorecard.submit */
  recommendation?: Recommendation;
  /** loop.status */
  status?: { from: LoopStatus; to: LoopStatus };
  /** scorecard.amend: ratings changed, by dimension key ("" = no rating, "na" = not assessed) */
  scores?: { dimensionKey: string; from: string; to: string }[];
  /** scorecard.amend: other changed fields, as kinds and keys (no content) */
  fields?: {
    kind: "evidence" | "recommendation" | "summary" | "red_flag" | "signal" | "focus" | "other";
    key: string;
  }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function pick<T extends string>(v: unknown, allowed: Record<T, string>): T | undefined {
  return typeof v === "string" && Object.hasOwn(allowed, v) ? (v as T) : undefined;
}

function scoreText(v: unknown): string {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return "";
  const t = v.trim().toLowerCase();
  if (t === "na" || t === "not assessed" || t === "n/a") return "na";
  return /^[1-4]$/.test(t) ? t : "";
}

/**
 * The parts of an audit entry's before/after JSON a sentence uses.
 *
 * @example auditChangeOf("scorecard.amend", { "ratings.leadership.score": "3" }, { "ratings.leadership.score": "4" })
 * // { scores: [{ dimensionKey: "leadership", from: "3", to: "4" }] }
 */
export function auditChangeOf(action: string, before: unknown, after: unknown): AuditChange | null {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  switch (action) {
    case "loop.decide": {
      const decision = pick(a.decision, DECISION_LABELS);
      if (!decision) return null;
      const o = isRecord(a.override) ? a.override : null;
      const grounds = Array.isArray(o?.grounds)
        ? o.grounds.flatMap((g: unknown) => (isRecord(g) && typeof g.text === "string" ? [g.text] : []))
        : [];
      return o && typeof o.text === "string" && grounds.length
        ? { decision, override: { grounds, text: o.text } }
        : { decision };
    }
    case "loop.reopen": {
      const decision = pick(b.decision, DECISION_LABELS);
      return decision ? { decision } : null;
    }
    case "loop.status": {
      const from = pick(b.status, LOOP_STATUS_LABELS);
      const to = pick(a.status, LOOP_STATUS_LABELS);
      return from && to ? { status: { from, to } } : null;
    }
    case "scorecard.submit": {
      const recommendation = pick(a.recommendation, RECOMMENDATION_LABELS);
      return recommendation ? { recommendation } : null;
    }
    case "scorecard.amend":
      return amendChange(b, a);
    default:
      return null;
  }
}

function amendChange(b: Record<string, unknown>, a: Record<string, unknown>): AuditChange | null {
  const scores: NonNullable<AuditChange["scores"]> = [];
  const fields: NonNullable<AuditChange["fields"]> = [];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== "version").sort();
  for (const k of keys) {
    const rating = /^ratings\.([^.]+)\.(score|evidence)$/.exec(k);
    if (rating?.[1] && rating[2] === "score") {
      scores.push({ dimensionKey: rating[1], from: scoreText(b[k]), to: scoreText(a[k]) });
    } else if (rating?.[1]) {
      fields.push({ kind: "evidence", key: rating[1] });
    } else if (k === "recommendation") {
      fields.push({ kind: "recommendation", key: "" });
    } else if (k === "summary" || k === "overrideJustification") {
      fields.push({ kind: "summary", key: k });
    } else if (k.startsWith("redFlags.")) {
      fields.push({ kind: "red_flag", key: k.split(".")[1] ?? "" });
    } else if (k.startsWith("signals.")) {
      fields.push({ kind: "signal", key: k.slice("signals.".length) });
    } else if (k.startsWith("focus.")) {
      fields.push({ kind: "focus", key: k.slice("focus.".length) });
    } else if (!k.includes(".") && (typeof a[k] === "number" || typeof b[k] === "number")) {
      // an older entry shape: { dimension_key: score }
      scores.push({ dimensionKey: k, from: scoreText(b[k]), to: scoreText(a[k]) });
    } else {
      fields.push({ kind: "other", key: k });
    }
  }
  if (scores.length === 0 && fields.length === 0) return null;
  const out: AuditChange = {};
  if (scores.length) out.scores = scores;
  if (fields.length) out.fields = fields;
  return out;
}

export interface AuditSentenceInput {
  actorName: string;
  action: string;
  reason: string | null;
  change?: AuditChange | null;
}

/** Names the sentence uses for keys: dimensions, red flags and signals of the loop's rubric. */
export interface AuditNames {
  dimension(key: string): string;
  redFlag?(key: string): string;
  signal?(key: string): string;
}

/** What each action did, after the actor's name; `{x}` parts are filled from the change. */
const ACTION_PHRASES: Record<AuditAction, string> = {
  "candidate.create": "added the candidate",
  "candidate.update": "updated the candidate's details",
  "candidate.archive": "archived the candidate",
  "candidate.unarchive": "restored the candidate from the archive",
  "candidate.import": "imported candidates",
  "candidate.erase": "erased the candidate's personal data",
  "loop.create": "created the loop",
  "loop.settings": "changed the loop's settings",
  "loop.weights": "changed the dimension weights",
  "loop.status": "changed the loop's status",
  "loop.decide": "recorded the decision",
  "loop.reopen": "reopened the decision",
  "search.create": "opened a search",
  "search.close": "closed the search",
  "search.reopen": "reopened the search",
  "interview.add": "added an interview",
  "interview.update": "changed an interview",
  "interview.remove": "removed an interview",
  "interview.move": "reordered the interviews",
  "panelist.add": "added a panelist",
  "panelist.remove": "removed a panelist",
  "scorecard.save": "saved a draft",
  "scorecard.submit": "submitted the scorecard",
  "scorecard.amend": "amended the scorecard",
  "scorecard.note": "added a quick note",
  "scorecard.timer.start": "started the interview timer",
  "scorecard.timer.pause": "paused the interview timer",
  "scorecard.timer.reset": "reset the interview timer",
  "scorecard.recuse": "recused from the interview",
  "scorecard.evidence_acknowledge": "kept flagged evidence as job-related",
  "scorecard.artifact_add": "attached a picture",
  "scorecard.artifact_remove": "removed a picture",
  "debrief.start": "started the debrief",
  "debrief.resume": "resumed the debrief",
  "debrief.join": "joined the debrief",
  "debrief.reveal": "revealed an item's ratings in the debrief",
  "debrief.note": "noted a debrief conclusion",
  "debrief.conclude": "concluded the debrief",
  "rubric.clone": "started a rubric draft",
  "rubric.edit": "edited a rubric draft",
  "rubric.publish": "published a rubric version",
  "rubric.discard": "discarded a rubric draft",
  "user.invite": "invited a user",
  "user.role": "changed a user's role",
  "user.deactivate": "deactivated a user",
  "user.reactivate": "reactivated a user",
  "user.password_link": "issued a set-password link",
  "user.password_set": "set their password",
  "user.password_reset": "reset a password",
  "user.login_throttle_clear": "cleared a login wait",
  "settings.update": "changed the organisation settings",
  "settings.retention": "changed the retention period",
  "settings.notify": "changed the reminder and notification settings",
  "outbox.retry": "retried an outgoing message",
  "webhook.create": "added a webhook",
  "webhook.pause": "paused a webhook",
  "webhook.resume": "resumed a webhook",
  "webhook.delete": "deleted a webhook",
};

function isAuditAction(a: string): a is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(a);
}

const scoreWord = (s: string): string => (s === "na" ? "not assessed" : s === "" ? "unrated" : s);

function amendedWhat(change: AuditChange | null | undefined, names: AuditNames): string {
  const parts: string[] = [];
  for (const s of change?.scores ?? []) {
    parts.push(`${names.dimension(s.dimensionKey)} ${scoreWord(s.from)} → ${scoreWord(s.to)}`);
  }
  const evidence = (change?.fields ?? []).filter((f) => f.kind === "evidence").map((f) => names.dimension(f.key));
  if (evidence.length) parts.push(`the evidence for ${joinAnd(evidence)}`);
  for (const f of change?.fields ?? []) {
    if (f.kind === "recommendation") parts.push("the recommendation");
    else if (f.kind === "summary")
      parts.push(f.key === "overrideJustification" ? "the override justification" : "the summary");
    else if (f.kind === "red_flag") parts.push(`the red flag ${names.redFlag?.(f.key) ?? f.key}`);
    else if (f.kind === "signal") parts.push(`the signal ${names.signal?.(f.key) ?? f.key}`);
  }
  const unique = [...new Set(parts)];
  return unique.length ? joinAnd(unique) : "the scorecard";
}

function joinAnd(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? "";
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1] ?? ""}`;
}

/**
 * One audit entry as a sentence, with its reason.
 *
 * @example auditSentence({ actorName: "Aisha Bello", action: "scorecard.amend", reason: "Misread my notes",
 *   change: { scores: [{ dimensionKey: "leadership", from: "3", to: "4" }] } }, { dimension: () => "Leadership" })
 * // "Aisha Bello amended Leadership 3 → 4: reason: Misread my notes"
 * @example auditSentence({ actorName: "Łukasz Wiśniewski", action: "loop.decide", reason: "Strong evidence…",
 *   change: { decision: "hire" } }, names)
 * // "Łukasz Wiśniewski recorded the decision: Hire. Rationale: Strong evidence…"
 * // with a recorded override: "… recorded the decision: Hire, overriding open dealbreaker “X” raised by Ana.
 * // Override: <its text>. Rationale: Strong evidence…"
 */
export function auditSentence(entry: AuditSentenceInput, names: AuditNames): string {
  const who = entry.actorName.trim() || "System";
  const reason = (entry.reason ?? "").trim();
  const c = entry.change;
  if (!isAuditAction(entry.action)) {
    // an action this version does not know (older data): say what was stored
    return `${who}: ${entry.action}${reason ? `: reason: ${reason}` : ""}`;
  }
  const withReason = (s: string, label = "reason"): string => (reason ? `${s}: ${label}: ${reason}` : s);
  switch (entry.action) {
    case "loop.decide": {
      const verdict = c?.decision ? `: ${DECISION_LABELS[c.decision]}` : "";
      const rationale = reason ? `. Rationale: ${reason}` : "";
      if (c?.override) {
        const text = c.override.text.trim();
        return (
          `${who} recorded the decision${verdict}, overriding ${c.override.grounds.join("; ")}. ` +
          `Override: ${/[.!?…]$/.test(text) ? text : `${text}.`}${reason ? ` Rationale: ${reason}` : ""}`
        );
      }
      return `${who} recorded the decision${verdict}${rationale}`;
    }
    case "loop.reopen":
      return withReason(
        `${who} reopened the decision${c?.decision ? ` (${DECISION_LABELS[c.decision]} withdrawn)` : ""}`,
      );
    case "loop.status":
      return withReason(
        c?.status
          ? `${who} moved the loop from ${LOOP_STATUS_LABELS[c.status.from]} to ${LOOP_STATUS_LABELS[c.status.to]}`
          : `${who} changed the loop's status`,
      );
    case "scorecard.submit":
      return withReason(
        `${who} submitted the scorecard${c?.recommendation ? `: ${RECOMMENDATION_LABELS[c.recommendation]}` : ""}`,
      );
    case "scorecard.amend":
      return withReason(`${who} amended ${amendedWhat(c, names)}`);
    default:
      return withReason(`${who} ${ACTION_PHRASES[entry.action]}`);
  }
}
