/**
 * The people page's table as plain data: each account's state, dates in the organisation's time
 * zone, and what the viewer may do to it. Pure; the route loads the rows.
 */
import { formatDate, formatDateTime } from "../shared/zoned-time";
import type { Role } from "../vocabulary";

import { formatWait } from "./login-throttle";
import { rowPermissions, type Actor } from "./permissions";

export interface PersonFacts {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  deactivatedAt: number | null;
  /** when the newest unused set-password link expires, if one is pending */
  pendingLinkExpiresAt: number | null;
  lastSeenAt: number | null;
  assigned: number;
  submitted: number;
  hiringManagerOf: number;
}

export interface PeopleListInput {
  actor: Actor;
  people: readonly PersonFacts[];
  /** last successful login per user id */
  lastLogins: ReadonlyMap<string, number>;
  activeAdmins: number;
  timeZone: string;
  /** for admins: failed logins still counted against each account and the longest wait they cause */
  loginThrottles?: ReadonlyMap<string, { failures: number; waitMs: number }>;
}

/** One row per account, in the order given. */
export function peopleListView({ actor, people, lastLogins, activeAdmins, timeZone, loginThrottles }: PeopleListInput) {
  return people.map((p) => {
    const lastLogin = lastLogins.get(p.id);
    const throttle = loginThrottles?.get(p.id);
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      role: p.role,
      active: p.active,
      isYou: p.id === actor.id,
      hasPassword: p.hasPassword,
      pendingLinkUntil: p.pendingLinkExpiresAt !== null ? formatDate(p.pendingLinkExpiresAt, timeZone) : null,
      lastLogin: lastLogin !== undefined ? formatDateTime(lastLogin, timeZone) : null,
      lastSeen: p.lastSeenAt !== null ? formatDateTime(p.lastSeenAt, timeZone) : null,
      deactivatedOn: p.deactivatedAt !== null ? formatDate(p.deactivatedAt, timeZone) : null,
      assigned: p.assigned,
      submitted: p.submitted,
      hiringManagerOf: p.hiringManagerOf,
      ...rowPermissions(actor, p, activeAdmins),
      loginWait: throttle
        ? { failures: throttle.failures, wait: throttle.waitMs > 0 ? formatWait(throttle.waitMs) : null }
        : null,
    };
  });
}
