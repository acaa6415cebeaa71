/**
 * People administration: the invite and role forms, and who may do what to whom. Pure; no IO.
 */
import * as z from "zod";

import { requiredText } from "../shared/form-values";
import { ROLES, type Role } from "../vocabulary";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  recruiter: "Recruiter",
  member: "Member (interviewer / hiring manager)",
};

export const inviteSchema = z.object({
  name: requiredText(120, "Enter the person's name"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address")
    .max(254, "That email address is too long")
    .pipe(z.email("Enter a valid email address")),
  role: z.enum(ROLES, { error: "Choose a role" }),
});
export type InviteInput = z.output<typeof inviteSchema>;

export const roleSchema = z.object({
  role: z.enum(ROLES, { error: "Choose a role" }),
});

/** Invitation and password-reset links expire after this long. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface Actor {
  id: string;
  role: Role;
}

export interface Subject {
  id: string;
  role: Role;
  active: boolean;
  /** whether the account has a password already (false: an invitation not yet accepted) */
  hasPassword?: boolean;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };
const no = (reason: string): Verdict => ({ ok: false, reason });

/** Roles `actor` may hand out (when inviting or changing a role): recruiters never create admins. */
export function assignableRoles(actor: Actor): Role[] {
  if (actor.role === "admin") return [...ROLES];
  if (actor.role === "recruiter") return ["recruiter", "member"];
  return [];
}

/** Whether `actor` may manage `subject` at all: admins anyone, recruiters anyone but admins. */
export function canManage(actor: Actor, subject: Subject): Verdict {
  if (actor.role !== "admin" && actor.role !== "recruiter") return no("Only admins and recruiters manage people.");
  if (actor.role === "recruiter" && subject.role === "admin") return no("Only an admin can change an admin's account.");
  return OK;
}

export function canInvite(actor: Actor, role: Role): Verdict {
  if (actor.role !== "admin" && actor.role !== "recruiter") return no("Only admins and recruiters invite people.");
  if (!assignableRoles(actor).includes(role)) return no("Only an admin can invite another admin.");
  return OK;
}

/**
 * Role change rules: not your own role (ask another admin), recruiters cannot promote to admin or
 * touch admins, and the last active admin stays an admin.
 */
export function canChangeRole(actor: Actor, subject: Subject, to: Role, activeAdmins: number): Verdict {
  const base = canManage(actor, subject);
  if (!base.ok) return base;
  if (actor.id === subject.id) return no("You cannot change your own role; ask another admin.");
  if (!assignableRoles(actor).includes(to)) return no("Only an admin can make someone an admin.");
  if (subject.role === "admin" && to !== "admin" && subject.active && activeAdmins <= 1) {
    return no("This is the last active admin: make someone else an admin first.");
  }
  return OK;
}

/** Deactivation rules: never yourself, recruiters not admins, never the last active admin. */
export function canDeactivate(actor: Actor, subject: Subject, activeAdmins: number): Verdict {
  const base = canManage(actor, subject);
  if (!base.ok) return base;
  if (actor.id === subject.id) return no("You cannot deactivate your own account.");
  if (!subject.active) return no("This account is already deactivated.");
  if (subject.role === "admin" && activeAdmins <= 1)
    return no("This is the last active admin: make someone else an admin first.");
  return OK;
}

export function canReactivate(actor: Actor, subject: Subject): Verdict {
  const base = canManage(actor, subject);
  if (!base.ok) return base;
  if (subject.active) return no("This account is already active.");
  return OK;
}

/**
 * Whether `actor` may create a set-password link for `subject`. Recruiters may resend an
 * invitation that was never accepted; resetting an existing password is for admins only, since
 * whoever holds the link can log in as that person (a recruiter could otherwise act as a hiring
 * manager and record a decision).
 */
export function canIssueLink(actor: Actor, subject: Subject): Verdict {
  const base = canManage(actor, subject);
  if (!base.ok) return base;
  if (actor.id === subject.id) return no("Change your own password from your account, not with a link.");
  if (!subject.active) return no("Reactivate the account first.");
  if (subject.hasPassword !== false && actor.role !== "admin")
    return no("Only an admin can reset the password of an account that is in use.");
  return OK;
}

/** Which row action a post on the people page asks for; `invite` uses `inviteSchema`. */
export const personActionSchema = z.object({
  intent: z.enum(["role", "deactivate", "reactivate", "link"], {
    error: "Unknown action. Reload the page and try again.",
  }),
  userId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a person from the list."),
});
export type PersonAction = z.output<typeof personActionSchema>;
