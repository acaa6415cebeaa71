import { describe, expect, it } from "vitest";

import { peopleListView, type PersonFacts } from "../../../app/domain/people/list-view";
import { rowPermissions } from "../../../app/domain/people/permissions";

const admin = { id: "ad", role: "admin" as const };
const recruiter = { id: "re", role: "recruiter" as const };
const T0 = Date.UTC(2026, 10, 3, 14, 30);

function person(id: string, extra: Partial<PersonFacts> = {}): PersonFacts {
  return {
    id,
    name: id.toUpperCase(),
    email: `${id}@example.test`,
    role: "member",
    active: true,
    hasPassword: true,
    deactivatedAt: null,
    pendingLinkExpiresAt: null,
    lastSeenAt: null,
    assigned: 0,
    submitted: 0,
    hiringManagerOf: 0,
    ...extra,
  };
}

describe("rowPermissions", () => {
  it("offers an admin every role for a member, and a recruiter all but admin", () => {
    const member = { id: "m", role: "member" as const, active: true, hasPassword: true };
    expect(rowPermissions(admin, member, 1)).toEqual({
      roles: ["admin", "recruiter", "member"],
      roleLockedReason: null,
      canDeactivate: true,
      canReactivate: false,
      canIssueLink: true,
    });
    const byRecruiter = rowPermissions(recruiter, member, 1);
    expect(byRecruiter.roles).toEqual(["recruiter", "member"]);
    // resetting a password in use is for admins only
    expect(byRecruiter.canIssueLink).toBe(false);
    expect(rowPermissions(recruiter, { ...member, hasPassword: false }, 1).canIssueLink).toBe(true);
  });

  it("locks the role with the reason that stops a change", () => {
    expect(rowPermissions(admin, { ...admin, active: true }, 2)).toMatchObject({
      roles: ["admin"],
      roleLockedReason: "You cannot change your own role; ask another admin.",
      canDeactivate: false,
    });
    expect(rowPermissions(admin, { id: "a2", role: "admin", active: true }, 1)).toMatchObject({
      roles: ["admin"],
      roleLockedReason: "This is the last active admin: make someone else an admin first.",
      canDeactivate: false,
    });
    expect(rowPermissions(recruiter, { id: "a2", role: "admin", active: true }, 3)).toMatchObject({
      roles: [],
      roleLockedReason: "Only an admin can change an admin's account.",
      canDeactivate: false,
      canIssueLink: false,
    });
  });

  it("offers reactivation, not deactivation or links, for a deactivated account", () => {
    expect(rowPermissions(admin, { id: "m", role: "member", active: false }, 1)).toMatchObject({
      canDeactivate: false,
      canReactivate: true,
      canIssueLink: false,
    });
  });
});

describe("peopleListView", () => {
  it("formats the dates in the organisation's time zone and marks the viewer's own row", () => {
    const rows = peopleListView({
      actor: admin,
      people: [
        person("ad", { role: "admin" }),
        person("m", { lastSeenAt: T0, pendingLinkExpiresAt: T0, assigned: 3, submitted: 2 }),
        person("x", { active: false, deactivatedAt: T0 }),
      ],
      lastLogins: new Map([["m", T0]]),
      activeAdmins: 1,
      timeZone: "Europe/Berlin",
    });
    expect(rows.map((r) => r.isYou)).toEqual([true, false, false]);
    const m = rows[1]!;
    expect(m.lastLogin).toBe(m.lastSeen);
    expect(m.lastLogin).toContain("15:30");
    expect(m.pendingLinkUntil).not.toBeNull();
    expect(m).toMatchObject({ assigned: 3, submitted: 2, roles: ["admin", "recruiter", "member"] });
    expect(rows[0]!.lastLogin).toBeNull();
    expect(rows[2]!.deactivatedOn).not.toBeNull();
    expect(rows[2]!.canReactivate).toBe(true);
  });
});
