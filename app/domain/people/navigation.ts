import type { Role } from "../vocabulary";

export interface NavItem {
  to: string;
  label: string;
}

/**
 * Navigation by role. Members see their interviews and the loops they review (as hiring
 * manager or after submitting); recruiters and admins configure loops, candidates, rubrics, people.
 */
export function navigationFor(role: Role): NavItem[] {
  switch (role) {
    case "admin":
      return [
        { to: "/dashboard", label: "Dashboard" },
        { to: "/searches", label: "Searches" },
        { to: "/loops", label: "Loops" },
        { to: "/candidates", label: "Candidates" },
        { to: "/compare", label: "Compare" },
        { to: "/rubrics", label: "Rubrics" },
        { to: "/people", label: "People" },
        { to: "/retention", label: "Retention" },
        { to: "/outbox", label: "Outbox" },
        { to: "/interviews", label: "My interviews" },
      ];
    case "recruiter":
      return [
        { to: "/dashboard", label: "Dashboard" },
        { to: "/searches", label: "Searches" },
        { to: "/loops", label: "Loops" },
        { to: "/candidates", label: "Candidates" },
        { to: "/compare", label: "Compare" },
        { to: "/rubrics", label: "Rubrics" },
        { to: "/people", label: "People" },
      ];
    case "member":
      return [
        { to: "/interviews", label: "My interviews" },
        { to: "/loops", label: "Loops" },
        { to: "/compare", label: "Compare" },
      ];
  }
}
