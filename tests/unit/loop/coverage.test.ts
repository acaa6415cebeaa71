import { describe, expect, it } from "vitest";

import { coverageReport, type CoverageInterview, type CoveragePanelist } from "../../../app/domain/loop/coverage";

const DIMS = [
  { key: "arch", name: "Architecture" },
  { key: "ops", name: "MLOps" },
  { key: "comm", name: "Communication" },
];

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 4, 12, 9, 0);

function p(id: string, extra: Partial<CoveragePanelist> = {}): CoveragePanelist {
  return { id, name: id.toUpperCase(), status: "draft", active: true, ...extra };
}

function iv(
  id: string,
  dimensionKeys: string[],
  panelists: CoveragePanelist[],
  at: number | null = null,
  duration = 60,
): CoverageInterview {
  return { id, label: `Interview ${id}`, dimensionKeys, scheduledAt: at, durationMinutes: duration, panelists };
}

const kinds = (r: ReturnType<typeof coverageReport>) => r.warnings.map((w) => w.kind);

describe("coverageReport", () => {
  it("marks which panelist assesses which dimension in which interview", () => {
    const r = coverageReport({
      dimensions: DIMS,
      interviews: [iv("i1", ["arch", "comm"], [p("a"), p("b")]), iv("i2", ["ops", "comm"], [p("c")])],
      hiringManager: null,
    });
    const arch = r.rows.find((row) => row.key === "arch")!;
    expect(arch.cells.map((c) => c.assessed)).toEqual([true, false]);
    expect(arch.cells[0]!.panelists.map((x) => x.id)).toEqual(["a", "b"]);
    expect(arch.cells[1]!.panelists).toEqual([]);
    const comm = r.rows.find((row) => row.key === "comm")!;
    expect(comm.panelists.map((x) => x.id).sort()).toEqual(["a", "b", "c"]);
  });

  it("blocks scheduling when a dimension is assessed by nobody", () => {
    const r = coverageReport({
      dimensions: DIMS,
      interviews: [iv("i1", ["arch", "comm"], [p("a"), p("b")])],
      hiringManager: null,
    });
    expect(r.canSchedule).toBe(false);
    expect(r.uncoveredDimensions).toEqual(["MLOps"]);
    const blocker = r.warnings.find((w) => w.kind === "dimension_uncovered")!;
    expect(blocker.severity).toBe("blocker");
    expect(blocker.dimensionKey).toBe("ops");
    // blockers come first
    expect(r.warnings[0]!.severity).toBe("blocker");
  });

  it("warns when a dimension has a single panelist, counting a person once across interviews", () => {
    const r = coverageReport({
      dimensions: DIMS,
      interviews: [iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")]), iv("i2", ["ops"], [p("a")], T0 + 5 * HOUR)],
      hiringManager: null,
    });
    expect(kinds(r)).not.toContain("dimension_thin");
    const r2 = coverageReport({
      dimensions: DIMS,
      interviews: [
        iv("i1", ["arch", "comm"], [p("a"), p("b")]),
        iv("i2", ["ops"], [p("a")]),
        iv("i3", ["ops"], [p("a")]),
      ],
      hiringManager: null,
    });
    const thin = r2.warnings.filter((w) => w.kind === "dimension_thin");
    expect(thin).toHaveLength(1);
    expect(thin[0]!.dimensionKey).toBe("ops");
    expect(r2.canSchedule).toBe(true);
  });

  it("warns about an interview with no panelist, and says when everyone recused", () => {
    const r = coverageReport({
      dimensions: DIMS,
      interviews: [
        iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")]),
        iv("i2", ["ops"], []),
        iv("i3", ["comm"], [p("c", { status: "recused" })]),
      ],
      hiringManager: null,
    });
    const w = r.warnings.filter((x) => x.kind === "interview_without_panelist");
    expect(w.map((x) => x.interviewIds)).toEqual([["i2"], ["i3"]]);
    expect(w[1]!.message).toMatch(/recused/);
  });

  it("does not count recused or deactivated panelists as assessing, and flags deactivated ones", () => {
    const r = coverageReport({
      dimensions: [{ key: "arch", name: "Architecture" }],
      interviews: [iv("i1", ["arch"], [p("a", { status: "recused" }), p("b", { active: false })])],
      hiringManager: null,
    });
    expect(r.uncoveredDimensions).toEqual(["Architecture"]);
    expect(kinds(r)).toContain("inactive_panelist");
    expect(r.warnings.find((w) => w.kind === "inactive_panelist")!.panelistId).toBe("b");
  });

  it("detects a panelist on two overlapping interviews but not on back-to-back ones", () => {
    const overlapping = coverageReport({
      dimensions: DIMS,
      interviews: [
        iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")], T0, 90),
        iv("i2", ["ops"], [p("a"), p("c")], T0 + HOUR, 60),
      ],
      hiringManager: null,
    });
    const w = overlapping.warnings.filter((x) => x.kind === "panelist_overlap");
    expect(w).toHaveLength(1);
    expect(w[0]!.panelistId).toBe("a");
    expect(w[0]!.interviewIds).toEqual(["i1", "i2"]);

    const backToBack = coverageReport({
      dimensions: DIMS,
      interviews: [
        iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")], T0, 60),
        iv("i2", ["ops"], [p("a"), p("c")], T0 + HOUR, 60),
      ],
      hiringManager: null,
    });
    expect(kinds(backToBack)).not.toContain("panelist_overlap");

    const unscheduled = coverageReport({
      dimensions: DIMS,
      interviews: [
        iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")], null),
        iv("i2", ["ops"], [p("a"), p("c")], null),
      ],
      hiringManager: null,
    });
    expect(kinds(unscheduled)).not.toContain("panelist_overlap");
  });

  it("flags (but allows) the hiring manager on the panel", () => {
    const r = coverageReport({
      dimensions: DIMS,
      interviews: [iv("i1", ["arch", "ops", "comm"], [p("hm"), p("b")]), iv("i2", ["arch", "ops", "comm"], [p("c")])],
      hiringManager: { id: "hm", name: "Hana" },
    });
    const w = r.warnings.find((x) => x.kind === "hiring_manager_on_panel")!;
    expect(w.severity).toBe("info");
    expect(w.message).toContain("Hana");
    expect(r.canSchedule).toBe(true);
  });

  it("flags a panelist who is on every interview (only with two or more interviews)", () => {
    const r = coverageReport({
      dimensions: DIMS,
      interviews: [iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")]), iv("i2", ["arch", "ops"], [p("a"), p("c")])],
      hiringManager: null,
    });
    const w = r.warnings.filter((x) => x.kind === "panelist_on_every_interview");
    expect(w.map((x) => x.panelistId)).toEqual(["a"]);
    const single = coverageReport({
      dimensions: DIMS,
      interviews: [iv("i1", ["arch", "ops", "comm"], [p("a"), p("b")])],
      hiringManager: null,
    });
    expect(kinds(single)).not.toContain("panelist_on_every_interview");
  });

  it("reproduces the demo planning loop: the tooling interview without a panelist is flagged", () => {
    const v1 = {
      arch: [
        "ml_system_architecture",
        "cloud_platform",
        "observability_reliability",
        "governance_risk",
        "communication",
      ],
      mlops: [
        "mlops_lifecycle",
        "governance_risk",
        "observability_reliability",
        "communication",
        "leadership_enablement",
      ],
      incident: ["observability_reliability", "mlops_lifecycle", "communication", "leadership_enablement"],
      tooling: [
        "cloud_platform",
        "mlops_lifecycle",
        "ml_system_architecture",
        "communication",
        "leadership_enablement",
      ],
    };
    const dims = [...new Set(Object.values(v1).flat())].map((k) => ({ key: k, name: k }));
    const r = coverageReport({
      dimensions: dims,
      interviews: [
        iv("arch", v1.arch, [p("jonas"), p("lukasz")], T0, 90),
        iv("mlops", v1.mlops, [p("aisha")], T0 + 2 * HOUR, 60),
        iv("incident", v1.incident, [p("chen")], T0 + 24 * HOUR, 45),
        iv("tooling", v1.tooling, [], T0 + 26 * HOUR, 45),
      ],
      hiringManager: { id: "lukasz", name: "Łukasz" },
    });
    expect(r.warnings.some((w) => w.kind === "interview_without_panelist" && w.interviewIds?.[0] === "tooling")).toBe(
      true,
    );
    expect(kinds(r)).toContain("hiring_manager_on_panel");
    expect(r.canSchedule).toBe(true);
  });

  it("handles a loop with no interviews: every dimension uncovered", () => {
    const r = coverageReport({ dimensions: DIMS, interviews: [], hiringManager: null });
    expect(r.uncoveredDimensions).toEqual(["Architecture", "MLOps", "Communication"]);
    expect(r.rows.every((row) => row.cells.length === 0)).toBe(true);
  });
});
