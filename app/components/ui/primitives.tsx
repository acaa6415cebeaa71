// The small pieces nearly every page uses: the CSRF field, field ids and inline errors, the sideways
// scrolling region, status badges, times, and the picture thumbnail the scorecard and the review both
// show. One module on purpose: the root route imports it (the CSRF field), so the browser build puts
// it in one chunk that every page loads once, instead of one tiny chunk per set of routes using each
// piece (a request each: see README, Decisions, "One chunk for the UI primitives"). Keep
// page-specific components out of it.
import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";

import type { ArtifactView } from "../../domain/scorecard/artifact-view";
import { formatWall, localWallClock, savedText, wallClock } from "../../domain/shared/zoned-time";
import {
  DECISION_LABELS,
  LOOP_STATUS_LABELS,
  RED_FLAG_SEVERITY_LABELS,
  SCORECARD_STATUS_LABELS,
} from "../../domain/vocabulary";
import type { Decision, LoopStatus, RedFlagSeverity, ScorecardStatus } from "../../domain/vocabulary";

// ------------------------------------------------------------------ CSRF

interface RootData {
  csrf: string;
}

export function useCsrfToken(): string {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.csrf ?? "";
}

/** Every mutating form includes this hidden field (checked by readBody on the server). */
export function CsrfInput() {
  return <input type="hidden" name="csrf" value={useCsrfToken()} />;
}

// ------------------------------------------------------------------ Field ids and errors

/** A stable DOM id for a form path: dots and other characters become dashes ("ratings.cloud.score" -> "f-ratings-cloud-score"). */
export function fieldId(path: string, prefix = "f"): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/** An inline error under a field; `id` is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <div className="field-error" id={id} role="alert">
      {message}
    </div>
  ) : null;
}

// ------------------------------------------------------------------ Sideways scrolling

/**
 * The one place a page may be wider than the screen: a named, focusable region that scrolls sideways
 * (keyboard users scroll it with the arrow keys once it has the focus). The phone sweep in
 * tests/e2e/accessibility.spec.ts allows overflow only inside `[role=region][aria-label][tabindex]`.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={className ? `table-scroll ${className}` : "table-scroll"}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}

// ------------------------------------------------------------------ Badges

const STATUS_TONE: Record<LoopStatus, string> = {
  planning: "",
  scheduled: "info",
  in_progress: "info",
  debrief: "warn",
  decided: "ok",
  withdrawn: "",
};

export function LoopStatusBadge({ status }: { status: LoopStatus }) {
  return (
    <span className={`badge status-${status} ${STATUS_TONE[status]}`} data-testid="loop-status">
      {LOOP_STATUS_LABELS[status]}
    </span>
  );
}

export function DecisionBadge({ decision }: { decision: Decision | null }) {
  if (!decision) return <span className="muted">—</span>;
  const tone = decision === "hire" ? "ok" : decision === "no_hire" ? "danger" : "warn";
  return <span className={`badge ${tone}`}>{DECISION_LABELS[decision]}</span>;
}

export function ScorecardStatusBadge({ status, started }: { status: ScorecardStatus; started?: boolean }) {
  if (status === "submitted") return <span className="badge ok">{SCORECARD_STATUS_LABELS.submitted}</span>;
  if (status === "recused") return <span className="badge danger">{SCORECARD_STATUS_LABELS.recused}</span>;
  return <span className="badge">{started ? "In progress" : "Not started"}</span>;
}

const SEVERITY_TONE: Record<RedFlagSeverity, string> = { dealbreaker: "danger", concern: "warn" };

export function RedFlagSeverityBadge({ severity }: { severity: RedFlagSeverity }) {
  return <span className={`badge ${SEVERITY_TONE[severity]}`}>{RED_FLAG_SEVERITY_LABELS[severity]}</span>;
}

/** "3 / 5" with a small bar; nothing expected shows a dash. */
export function Completeness({ submitted, expected }: { submitted: number; expected: number }) {
  if (expected === 0) return <span className="muted">—</span>;
  const pct = Math.round((submitted / expected) * 100);
  return (
    <span className="completeness" title={`${submitted} of ${expected} scorecards submitted`}>
      <span className="completeness-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
      <span className="completeness-text">
        {submitted} / {expected}
      </span>
    </span>
  );
}

// ------------------------------------------------------------------ Times

/**
 * "time" 15:00 · "seconds" 15:00:42 · "day-time" Sat 21 Nov, 15:00 · "date" Sat 21 Nov ·
 * "calendar-date" 21 Nov 2026 · "calendar-date-time" 21 Nov 2026, 15:00 CET ·
 * "saved": the time with seconds when `at` is today, else the day and the time (see formatSavedAt).
 */
export type TimeFormat = "time" | "seconds" | "day-time" | "date" | "calendar-date" | "calendar-date-time" | "saved";

/** Formats that name the zone themselves need no " UTC" added on the server. */
function showsBareTime(f: TimeFormat): boolean {
  return f !== "date" && f !== "calendar-date" && f !== "calendar-date-time";
}

// The viewer's zone abbreviation ("CET") is the one part a Date cannot give: an Intl formatter,
// built once and only for "calendar-date-time".
let zoneNameFormatter: Intl.DateTimeFormat | undefined;

function localZoneName(at: number): string {
  zoneNameFormatter ??= new Intl.DateTimeFormat("en-GB", { timeZoneName: "short" });
  return zoneNameFormatter.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "";
}

/**
 * Times are formatted from the Date's own fields, not through Intl formatters: building them took
 * 152 ms of the CPU of one scorecard load at 4x slowdown (a CDP profile), for a handful of times.
 */
function format(at: number, f: TimeFormat, zone: "UTC" | "local"): string {
  const clock = zone === "UTC" ? (ms: number) => wallClock(ms, "UTC") : localWallClock;
  if (f === "saved") return savedText(clock(at), clock(Date.now()));
  const text = formatWall(clock(at), f);
  if (f !== "calendar-date-time") return text;
  return `${text} ${zone === "UTC" ? "UTC" : localZoneName(at)}`.trimEnd();
}

/**
 * A time in the viewer's own time zone. The server renders UTC (it cannot know the zone, and the
 * HTML stays deterministic so hydration matches); the browser re-renders in local time right after.
 */
export function LocalTime({ at, format: f = "day-time" }: { at: number; format?: TimeFormat }) {
  const [text, setText] = useState(() => `${format(at, f, "UTC")}${showsBareTime(f) ? " UTC" : ""}`);
  useEffect(() => {
    setText(format(at, f, "local"));
  }, [at, f]);
  return <time dateTime={new Date(at).toISOString()}>{text}</time>;
}

/** The same formatting for places that need a string (e.g. aria labels), local time. */
export function localTimeText(at: number, f: TimeFormat = "seconds"): string {
  return format(at, f, "local");
}

// ------------------------------------------------------------------ Pictures

/** A thumbnail that keeps the picture's proportions inside a fixed box. */
export function ArtifactFigure({ artifact, dimensionName }: { artifact: ArtifactView; dimensionName?: string }) {
  const scale = Math.min(1, 240 / artifact.width, 180 / artifact.height);
  return (
    <figure className="artifact">
      <a href={artifact.src} target="_blank" rel="noreferrer">
        <img
          src={artifact.src}
          alt={artifact.caption}
          loading="lazy"
          decoding="async"
          width={Math.max(1, Math.round(artifact.width * scale))}
          height={Math.max(1, Math.round(artifact.height * scale))}
        />
      </a>
      <figcaption>
        {artifact.caption}
        {dimensionName ? <span className="artifact-supports"> · supports {dimensionName}</span> : null}
      </figcaption>
    </figure>
  );
}
