import { describe, expect, it } from "vitest";

import {
  assignableRoles,
  canChangeRole,
  canDeactivate,
  canInvite,
  canIssueLink,
  canReactivate,
} from "../../../app/domain/people/permissions";
import { inviteSchema } from "../../../app/domain/people/schema";

const admin = { id: "ad", role: "admin" as const };
const recruiter = { id: "re", role: "recruiter" as const };
const member = { id: "me", role: "member" as const };
const subject = (id: string, role: "admin" | "recruiter" | "member", active = true) => ({ id, role, active });

describe("people rules", () => {
  it("recruiters never hand out the admin role", () => {
    expect(assignableRoles(admin)).toEqual(["admin", "recruiter", "member"]);
    expect(assignableRoles(recruiter)).toEqual(["recruiter", "member"]);
    expect(assignableRoles(member)).toEqual([]);
    expect(canInvite(recruiter, "admin").ok).toBe(false);
    expect(canInvite(recruiter, "member").ok).toBe(true);
    expect(canInvite(member, "member").ok).toBe(false);
    expect(canChangeRole(recruiter, subject("x", "member"), "admin", 2).ok).toBe(false);
  });

  it("recruiters cannot change, deactivate or reset an admin", () => {
    expect(canChangeRole(recruiter, subject("a2", "admin"), "member", 3).ok).toBe(false);
    expect(canDeactivate(recruiter, subject("a2", "admin"), 3).ok).toBe(false);
    expect(canIssueLink(recruiter, subject("a2", "admin")).ok).toBe(false);
    expect(canChangeRole(admin, subject("a2", "admin"), "member", 3).ok).toBe(true);
  });

  it("nobody deactivates themselves or changes their own role", () => {
    expect(canDeactivate(admin, subject("ad", "admin"), 5)).toEqual({
      ok: false,
      reason: "You cannot deactivate your own account.",
    });
    expect(canDeactivate(recruiter, subject("re", "recruiter"), 1).ok).toBe(false);
    expect(canChangeRole(admin, subject("ad", "admin"), "member", 5).ok).toBe(false);
  });

  it("the last active admin stays", () => {
    expect(canDeactivate(admin, subject("a2", "admin"), 1).ok).toBe(false);
    expect(canChangeRole(admin, subject("a2", "admin"), "recruiter", 1).ok).toBe(false);
    expect(canDeactivate(admin, subject("a2", "admin"), 2).ok).toBe(true);
  });

  it("reactivation and links need the right state", () => {
    expect(canReactivate(recruiter, subject("x", "member", true)).ok).toBe(false);
    expect(canReactivate(recruiter, subject("x", "member", false)).ok).toBe(true);
    expect(canIssueLink(recruiter, subject("x", "member", false)).ok).toBe(false);
    expect(canIssueLink(recruiter, subject("x", "member", true)).ok).toBe(false);
    // recruiters resend invitations; only admins reset a password that is in use
    expect(canIssueLink(recruiter, { ...subject("x", "member", true), hasPassword: false }).ok).toBe(true);
    expect(canIssueLink(recruiter, { ...subject("x", "member", true), hasPassword: true }).ok).toBe(false);
    expect(canIssueLink(admin, { ...subject("x", "member", true), hasPassword: true }).ok).toBe(true);
    expect(canDeactivate(recruiter, subject("x", "member", false), 1).ok).toBe(false);
  });

  it("the invite form normalises the email and requires every field", () => {
    expect(inviteSchema.parse({ name: " Ada ", email: " Ada@Example.COM ", role: "member" })).toEqual({
      name: "Ada",
      email: "ada@example.com",
      role: "member",
    });
    const r = inviteSchema.safeParse({ name: "", email: "nope", role: "owner" });
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(["email", "name", "role"]);
  });
});
