// The evidence lint while typing: one line per finding under the field it sits in (why + how to
// rewrite, the matched words marked). A protected finding blocks submit (the server enforces it)
// until it is revised away or kept as job-related with a reason. With JavaScript the reason is
// stored at once (intent "acknowledge"); without it, the reason travels with the next submit.
import { useEffect, useMemo, useState } from "react";

import type { StoredAcknowledgement } from "../../domain/scorecard/evidence-gate";
import { ACKNOWLEDGEMENT_REASON_MIN, acknowledgementProblem } from "../../domain/scorecard/values";
import type { ScorecardFinding, ShownFinding } from "../../domain/scorecard/evidence-lint";
import type { ScorecardValues } from "../../domain/scorecard/schema";
import { loadEvidenceLint } from "../../hooks/evidence-lint-engine";

/** Quiet while the panelist is typing: the findings follow a pause. */
const LINT_DELAY_MS = 400;

type Answer = { kind: "response"; status: number; body: Record<string, unknown> } | { kind: "network" };

export interface EvidenceLint {
  findings: ShownFinding[];
  values: ScorecardValues;
  acks: Record<string, string>;
  /** the form-post index of each protected finding key (`evidenceAcks.<i>.key`) */
  slot: Map<string, number>;
  /** reasons typed in a refused form post (no JavaScript), by key */
  posted: Record<string, string>;
  formId: string;
  acknowledge: ((f: ScorecardFinding, reason: string) => Promise<string | null>) | null;
}

function postedReasons(values: unknown): Record<string, string> {
  const raw = (values as { evidenceAcks?: unknown } | null | undefined)?.evidenceAcks;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? Object.values(raw) : [];
  const out: Record<string, string> = {};
  for (const e of list) {
    const { key, reason } = (e ?? {}) as { key?: unknown; reason?: unknown };
    if (typeof key === "string" && typeof reason === "string") out[key] = reason;
  }
  return out;
}

/**
 * The scorecard's findings, recomputed a moment after typing stops. The first render shows the
 * findings the server computed for the same values (`initial`), so a page without JavaScript shows
 * them too and hydration matches; the engine is loaded after hydration (hooks/evidence-lint-engine.ts).
 */
export function useEvidenceLint(opts: {
  values: ScorecardValues;
  /** the server's findings for `values` as first rendered */
  initial: ShownFinding[];
  stored: readonly StoredAcknowledgement[];
  postedValues: unknown;
  formId: string;
  enabled: boolean;
  /** the JSON endpoint, once hydrated */
  post: ((body: Record<string, unknown>) => Promise<Answer>) | null;
  onAcknowledged: (path: string) => void;
}): EvidenceLint {
  const { values, enabled, post, onAcknowledged } = opts;
  const [linted, setLinted] = useState(() => ({
    values,
    findings: enabled ? opts.initial : [],
  }));
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const t = setTimeout(() => {
      loadEvidenceLint().then(
        (engine) => {
          if (current) setLinted({ values, findings: engine.shownFindings(values) });
        },
        // offline: the findings shown stay until the next edit tries again; the server still checks at submit
        () => undefined,
      );
    }, LINT_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [values, enabled]);
  const [acks, setAcks] = useState<Record<string, string>>(() =>
    Object.fromEntries(opts.stored.map((a) => [a.key, a.reason])),
  );
  const [posted] = useState(() => postedReasons(opts.postedValues));
  const slot = useMemo(() => {
    const m = new Map<string, number>();
    for (const { finding } of linted.findings)
      if (finding.kind === "protected" && !m.has(finding.key)) m.set(finding.key, m.size);
    return m;
  }, [linted.findings]);

  const acknowledge = useMemo(() => {
    if (!post) return null;
    return async (f: ScorecardFinding, reason: string): Promise<string | null> => {
      const problem = acknowledgementProblem(reason);
      if (problem) return problem;
      const engine = await loadEvidenceLint().catch(() => null);
      if (!engine) return "You are offline: the reason was not kept. Try again once you are back online.";
      const res = await post({
        intent: "acknowledge",
        key: f.finding.key,
        fieldPath: f.path,
        sentence: engine.sentenceOf(engine.textAt(linted.values, f.path), f.finding),
        reason,
      });
      if (res.kind === "network")
        return "You are offline: the reason was not kept. Try again once you are back online.";
      if (res.status !== 200) {
        const errors = (res.body.errors ?? {}) as Record<string, string[]>;
        return Object.values(errors)[0]?.[0] ?? "This reason could not be kept. Reload the page and try again.";
      }
      setAcks((a) => ({ ...a, [f.finding.key]: reason.trim() }));
      onAcknowledged(f.path);
      return null;
    };
  }, [post, linted.values, onAcknowledged]);

  return { findings: linted.findings, values: linted.values, acks, slot, posted, formId: opts.formId, acknowledge };
}

const KIND_TAGS = { protected: "Blocks submit", non_job_related: "Advice", vague: "Advice" } as const;

/** The findings in the fields named by `paths` (exact paths, or prefixes ending with "."). */
export function EvidenceLintHints({ lint, paths, label }: { lint: EvidenceLint; paths: string[]; label: string }) {
  const here = lint.findings.filter(({ path }) =>
    paths.some((p) => (p.endsWith(".") ? path.startsWith(p) : path === p)),
  );
  if (here.length === 0) return null;
  const firstOfKey = new Set<ShownFinding>();
  const seen = new Set<string>();
  for (const f of lint.findings) {
    if (!seen.has(f.finding.key)) firstOfKey.add(f);
    seen.add(f.finding.key);
  }
  return (
    <section className="lint-hints" aria-label={`Evidence check: ${label}`} data-testid="lint-hints">
      <ul>
        {here.map((f) => (
          <FindingLine
            key={`${f.path}:${f.finding.start}:${f.finding.key}`}
            f={f}
            lint={lint}
            formSlot={firstOfKey.has(f)}
          />
        ))}
      </ul>
    </section>
  );
}

function FindingLine({ f, lint, formSlot }: { f: ShownFinding; lint: EvidenceLint; formSlot: boolean }) {
  const { finding } = f;
  const reason = Object.hasOwn(lint.acks, finding.key) ? lint.acks[finding.key] : undefined;
  const kept = finding.kind === "protected" && reason !== undefined && acknowledgementProblem(reason) === null;
  return (
    <li
      className={`lint-hint kind-${finding.kind}${kept ? " kept" : ""}`}
      data-testid="lint-finding"
      data-key={finding.key}
    >
      <span className="lint-tag">{kept ? "Kept as job-related" : KIND_TAGS[finding.kind]}</span>{" "}
      <mark>{finding.match}</mark> <span className="muted">({f.categoryLabel})</span> — {finding.why}{" "}
      <span className="lint-rewrite">{finding.suggestion}</span>
      {kept ? <span className="muted small"> Your reason: “{reason}”</span> : null}
      {finding.kind === "protected" && !kept && formSlot ? <KeepForm f={f} lint={lint} /> : null}
    </li>
  );
}

function KeepForm({ f, lint }: { f: ScorecardFinding; lint: EvidenceLint }) {
  const { finding } = f;
  const i = lint.slot.get(finding.key) ?? 0;
  const [reason, setReason] = useState(lint.posted[finding.key] ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `lint-ack-${i}`;
  const acknowledge = lint.acknowledge;
  return (
    <details className="lint-keep" open={reason !== "" || undefined}>
      <summary>It is job-related: keep it…</summary>
      <input type="hidden" form={lint.formId} name={`evidenceAcks.${i}.key`} value={finding.key} />
      <label htmlFor={id}>
        Why is “{finding.match}” job-related? (at least {ACKNOWLEDGEMENT_REASON_MIN} characters; kept with the
        scorecard, shown to the hiring manager and in the packet)
      </label>
      <textarea
        id={id}
        form={lint.formId}
        name={`evidenceAcks.${i}.reason`}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
      {acknowledge ? (
        <button
          type="button"
          className="btn small"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void acknowledge(f, reason).then((problem) => {
              setBusy(false);
              setError(problem);
            });
          }}
        >
          Keep it with this reason
        </button>
      ) : (
        <span className="muted small"> Then submit again.</span>
      )}
    </details>
  );
}
