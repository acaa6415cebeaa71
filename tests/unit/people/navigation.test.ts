import { describe, expect, it } from "vitest";

import { homeFor } from "../../../app/domain/people/home";
import { navigationFor } from "../../../app/domain/people/navigation";

describe("navigation by role", () => {
  it("gives members their interviews and loops but no configuration pages", () => {
    const labels = navigationFor("member").map((i) => i.to);
    expect(labels).toContain("/interviews");
    expect(labels).not.toContain("/candidates");
    expect(labels).not.toContain("/people");
    expect(labels).not.toContain("/rubrics");
    expect(labels).not.toContain("/searches");
  });
  it("gives recruiters configuration pages but not the admin-only retention page", () => {
    const labels = navigationFor("recruiter").map((i) => i.to);
    expect(labels).toEqual(
      expect.arrayContaining(["/dashboard", "/searches", "/loops", "/candidates", "/rubrics", "/people"]),
    );
    expect(labels).not.toContain("/retention");
  });
  it("gives admins everything", () => {
    expect(navigationFor("admin").map((i) => i.to)).toEqual(
      expect.arrayContaining(["/retention", "/people", "/interviews"]),
    );
  });
  it("sends members home to their interviews and staff to the dashboard", () => {
    expect(homeFor("member")).toBe("/interviews");
    expect(homeFor("recruiter")).toBe("/dashboard");
    expect(homeFor("admin")).toBe("/dashboard");
  });
});
