/**
 * The e-mails ArchPanel sends, rendered as plain text and HTML. Each one names the organisation
 * and links to the exact page; none carries confidential content — no ratings, no evidence, no
 * recommendation, no decision: the link is the content, behind a login. Webhook bodies carry ids
 * and states only. Pure; no IO.
 */
import { buildIcs, type IcsPerson } from "../loop/ics";
import { formatDateTime, formatSlot } from "../shared/zoned-time";

import type { WebhookEvent } from "../vocabulary";

export interface MailContext {
  orgName: string;
  /** PUBLIC_URL without a trailing slash */
  baseUrl: string;
  timeZone: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

const HOUR = 3_600_000;

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Header-safe single line (a name or title with a line break must not start a new header). */
function oneLine(value: string, max = 160): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function firstName(name: string): string {
  return oneLine(name).split(/\s+/)[0] || "there";
}

interface Body {
  greeting: string;
  paragraphs: string[];
  list?: string[];
  action: { label: string; url: string };
  after?: string[];
}

function render(ctx: MailContext, subject: string, b: Body): RenderedMail {
  const org = oneLine(ctx.orgName, 100);
  const footer = `${org} · sent by ArchPanel. This e-mail holds no feedback: open the link to see the details.`;
  const text = [
    b.greeting,
    "",
    ...b.paragraphs.flatMap((p) => [p, ""]),
    ...(b.list && b.list.length > 0 ? [...b.list.map((l) => `• ${l}`), ""] : []),
    `${b.action.label}: ${b.action.url}`,
    "",
    ...(b.after ?? []).flatMap((p) => [p, ""]),
    "—",
    footer,
    "",
  ].join("\n");
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933; max-width: 40rem;">',
    `<p>${escapeHtml(b.greeting)}</p>`,
    ...b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(b.list && b.list.length > 0 ? [`<ul>${b.list.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`] : []),
    `<p><a href="${escapeHtml(b.action.url)}" style="display: inline-block; padding: 0.5rem 1rem; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px;">${escapeHtml(b.action.label)}</a></p>`,
    `<p style="font-size: 0.85em; color: #52606d;">Or copy this link: ${escapeHtml(b.action.url)}</p>`,
    ...(b.after ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
    `<hr><p style="font-size: 0.85em; color: #52606d;">${escapeHtml(footer)}</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return { subject: oneLine(subject, 200), text, html };
}

function subjectOf(ctx: MailContext, what: string): string {
  return `[${oneLine(ctx.orgName, 60)}] ${what}`;
}

// ---------------------------------------------------------------- accounts

/** A new user's invitation, or a password reset: the one-time set-password link. */
export function passwordLinkMail(
  ctx: MailContext,
  m: { name: string; token: string; expiresAt: number; reset: boolean },
): RenderedMail {
  const url = `${ctx.baseUrl}/set-password/${m.token}`;
  const until = formatDateTime(m.expiresAt, ctx.timeZone);
  return render(ctx, subjectOf(ctx, m.reset ? "Set a new ArchPanel password" : "You are invited to ArchPanel"), {
    greeting: `Hello ${firstName(m.name)},`,
    paragraphs: m.reset
      ? [`An administrator of ${oneLine(ctx.orgName)} issued a new set-password link for your ArchPanel account.`]
      : [
          `${oneLine(ctx.orgName)} uses ArchPanel for structured interview feedback, and you have an account.`,
          "Choose your password to log in.",
        ],
    action: { label: m.reset ? "Set a new password" : "Set your password", url },
    after: [
      `The link works once and expires on ${until} (${ctx.timeZone}). If you did not expect this e-mail, ignore it.`,
    ],
  });
}

// ---------------------------------------------------------------- interview invitations

export type InvitationChange = "invite" | "update" | "cancel";

export interface InvitationFacts {
  /** the calendar UID (stable across updates) and SEQUENCE (grows with each change) */
  uid: string;
  sequence: number;
  change: InvitationChange;
  panelist: IcsPerson;
  organizer: IcsPerson;
  candidateName: string;
  exerciseTitle: string;
  start: number;
  durationMinutes: number;
  scorecardId: string;
  /** DTSTAMP: when this version of the event was made */
  stamp: number;
}

/** The invitation e-mail and its .ics (METHOD:REQUEST, or METHOD:CANCEL with the same UID). */
export function invitationMail(
  ctx: MailContext,
  f: InvitationFacts,
): RenderedMail & { attachment: MailAttachment; method: "REQUEST" | "CANCEL" } {
  const scorecardUrl = `${ctx.baseUrl}/scorecards/${f.scorecardId}`;
  const slot = formatSlot(f.start, f.durationMinutes, ctx.timeZone);
  const what = `${oneLine(f.exerciseTitle)} — ${oneLine(f.candidateName)}`;
  const method = f.change === "cancel" ? "CANCEL" : "REQUEST";
  const summary = `Interview: ${what}`;
  const ics = buildIcs({
    name: `${oneLine(ctx.orgName)} interviews`,
    stamp: f.stamp,
    method,
    events: [
      {
        uid: f.uid,
        start: f.start,
        durationMinutes: f.durationMinutes,
        summary,
        description: `Your scorecard (the brief, the rubric and the timer): ${scorecardUrl}`,
        url: scorecardUrl,
        organizer: f.organizer,
        attendees: [f.panelist],
        cancelled: f.change === "cancel",
        sequence: f.sequence,
      },
    ],
  });
  const subject = {
    invite: `Interview invitation: ${what}, ${slot}`,
    update: `Updated interview: ${what}, now ${slot}`,
    cancel: `Cancelled interview: ${what}, ${slot}`,
  }[f.change];
  const paragraphs = {
    invite: [
      `You are on the panel for the ${oneLine(f.exerciseTitle)} interview with ${oneLine(f.candidateName)}.`,
      `When: ${slot} (${ctx.timeZone}). The calendar invitation is attached.`,
    ],
    update: [
      `The ${oneLine(f.exerciseTitle)} interview with ${oneLine(f.candidateName)} changed.`,
      `Now: ${slot} (${ctx.timeZone}). The attached calendar update replaces the earlier invitation.`,
    ],
    cancel: [
      `The ${oneLine(f.exerciseTitle)} interview with ${oneLine(f.candidateName)} on ${slot} is cancelled for you.`,
      "The attached calendar cancellation removes it from your calendar.",
    ],
  }[f.change];
  const mail = render(ctx, subjectOf(ctx, subject), {
    greeting: `Hello ${firstName(f.panelist.name)},`,
    paragraphs,
    action:
      f.change === "cancel"
        ? { label: "Your interviews", url: `${ctx.baseUrl}/interviews` }
        : { label: "Open your scorecard", url: scorecardUrl },
  });
  return {
    ...mail,
    method,
    attachment: { filename: "invite.ics", contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics },
  };
}

// ---------------------------------------------------------------- feedback reminders

function ago(ms: number): string {
  const hours = Math.max(0, Math.floor(ms / HOUR));
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : `${hours} hour${hours === 1 ? "" : "s"}`;
}

/** A reminder to a panelist whose scorecard is still open. */
export function reminderMail(
  ctx: MailContext,
  m: {
    panelistName: string;
    candidateName: string;
    exerciseTitle: string;
    start: number;
    endedAt: number;
    scorecardId: string;
    now: number;
  },
): RenderedMail {
  const what = `${oneLine(m.exerciseTitle)} — ${oneLine(m.candidateName)}`;
  return render(ctx, subjectOf(ctx, `Scorecard due: ${what}`), {
    greeting: `Hello ${firstName(m.panelistName)},`,
    paragraphs: [
      `Your scorecard for the ${oneLine(m.exerciseTitle)} interview with ${oneLine(m.candidateName)} (${formatDateTime(m.start, ctx.timeZone)}) is still open; the interview ended ${ago(m.now - m.endedAt)} ago.`,
      "Please submit it while the details are fresh: the panel cannot debrief until it is in.",
    ],
    action: { label: "Open your scorecard", url: `${ctx.baseUrl}/scorecards/${m.scorecardId}` },
    after: ["Reminders stop as soon as you submit, or if you declare a conflict of interest."],
  });
}

export interface DigestItem {
  loopId: string;
  candidateName: string;
  exerciseTitle: string;
  panelistName: string;
  endedAt: number;
}

/** The daily digest for a hiring manager or recruiter: scorecards still outstanding on their loops. */
export function digestMail(
  ctx: MailContext,
  m: { name: string; items: readonly DigestItem[]; now: number; day: string },
): RenderedMail {
  const n = m.items.length;
  const loops = new Set(m.items.map((i) => i.loopId));
  const only = loops.size === 1 ? [...loops][0]! : null;
  return render(ctx, subjectOf(ctx, `${n} scorecard${n === 1 ? "" : "s"} outstanding (${m.day})`), {
    greeting: `Hello ${firstName(m.name)},`,
    paragraphs: [
      `${n} scorecard${n === 1 ? " is" : "s are"} not in yet on loops you run. The panelists get their own reminders.`,
    ],
    list: m.items.map(
      (i) =>
        `${oneLine(i.candidateName)} — ${oneLine(i.exerciseTitle)}: ${oneLine(i.panelistName)}, ended ${ago(m.now - i.endedAt)} ago (${ctx.baseUrl}/loops/${i.loopId})`,
    ),
    action: only
      ? { label: "Open the loop", url: `${ctx.baseUrl}/loops/${only}` }
      : { label: "Open the dashboard", url: `${ctx.baseUrl}/loops` },
  });
}

/** Every expected scorecard of a loop is in: the hiring manager can run the debrief. */
export function debriefReadyMail(
  ctx: MailContext,
  m: { name: string; candidateName: string; loopId: string; submitted: number },
): RenderedMail {
  return render(ctx, subjectOf(ctx, `Ready for debrief: ${oneLine(m.candidateName)}`), {
    greeting: `Hello ${firstName(m.name)},`,
    paragraphs: [
      `All ${m.submitted} scorecard${m.submitted === 1 ? "" : "s"} for ${oneLine(m.candidateName)} are in. The loop is ready for the debrief.`,
    ],
    action: { label: "Open the review", url: `${ctx.baseUrl}/loops/${m.loopId}` },
  });
}

/** A decision was recorded (the e-mail does not say which: the review page does). */
export function decisionRecordedMail(
  ctx: MailContext,
  m: { name: string; candidateName: string; loopId: string },
): RenderedMail {
  return render(ctx, subjectOf(ctx, `Decision recorded: ${oneLine(m.candidateName)}`), {
    greeting: `Hello ${firstName(m.name)},`,
    paragraphs: [`The hiring manager recorded a decision on ${oneLine(m.candidateName)}'s loop.`],
    action: { label: "Open the review", url: `${ctx.baseUrl}/loops/${m.loopId}` },
  });
}

// ---------------------------------------------------------------- webhooks

/** What a webhook's `data` may hold: ids, states, counts and times. Never text someone wrote. */
export type WebhookData = Record<string, string | number | boolean | null>;

/** The JSON body of one webhook delivery. */
export function webhookBody(m: {
  deliveryId: string;
  event: WebhookEvent;
  occurredAt: number;
  data: WebhookData;
}): string {
  return JSON.stringify({
    id: m.deliveryId,
    event: m.event,
    occurredAt: new Date(m.occurredAt).toISOString(),
    data: m.data,
  });
}
