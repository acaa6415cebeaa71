/**
 * Who may do what to whom on the people page: invite, change a role, deactivate, reactivate,
 * issue a set-password link. The queries enforce these verdicts; the page shows them. Pure; no IO.
 */
import { ROLES, type Role } from "../vocabulary";

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

export interface RowPermissions {
  /** roles the actor may pick for the person (their current one included); one entry: not changeable */
  roles: Role[];
  /** why the role cannot change, when it cannot and a reason applies */
  roleLockedReason: string | null;
  canDeactivate: boolean;
  canReactivate: boolean;
  canIssueLink: boolean;
}

/**
 * What the people page offers on one person's row: the role picker (only roles the change rules
 * allow), the reason when the role is locked, and which buttons show. The queries check the same
 * verdicts again on every post.
 *
 * @example rowPermissions(recruiter, { id: "m", role: "member", active: true }, 1).roles // ["recruiter", "member"]
 */
export function rowPermissions(actor: Actor, subject: Subject, activeAdmins: number): RowPermissions {
  const roles = assignableRoles(actor).filter(
    (r) => r === subject.role || canChangeRole(actor, subject, r, activeAdmins).ok,
  );
  let roleLockedReason: string | null = null;
  if (roles.length <= 1) {
    // ask about a real change (to another role) so the reason names what stops it
    const verdict = canChangeRole(actor, subject, subject.role === "member" ? "recruiter" : "member", activeAdmins);
    roleLockedReason = verdict.ok ? null : verdict.reason;
  }
  return {
    roles,
    roleLockedReason,
    canDeactivate: canDeactivate(actor, subject, activeAdmins).ok,
    canReactivate: canReactivate(actor, subject).ok,
    canIssueLink: canIssueLink(actor, subject).ok,
  };
}
