import { describe, expect, it } from "vitest";

import { addInterviewSchema, newLoopSchema, statusSchema, weightsSchema } from "../../../app/domain/loop/schema";

describe("loop forms", () => {
  it("names what to pick when a new loop lacks its candidate or hiring manager", () => {
    const r = newLoopSchema.safeParse({
      candidateId: "",
      rubricVersionId: "v1",
      hiringManagerId: " ",
      template: "full",
      startAt: "",
    });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ candidateId: "Choose a candidate", hiringManagerId: "Choose a hiring manager" });
  });

  it("accepts a datetime-local start or none, and refuses impossible dates", () => {
    const base = { candidateId: "c", rubricVersionId: "v", hiringManagerId: "h", template: "full" };
    expect(newLoopSchema.safeParse({ ...base, startAt: "2026-05-12T09:30" }).success).toBe(true);
    expect(newLoopSchema.safeParse({ ...base }).success).toBe(true);
    expect(newLoopSchema.safeParse({ ...base, startAt: "2026-02-30T09:30" }).success).toBe(false);
    expect(newLoopSchema.safeParse({ ...base, template: "weekend" }).success).toBe(false);
  });

  it("bounds an interview's length", () => {
    const ok = addInterviewSchema.safeParse({ exerciseKey: "x", scheduledAt: "", durationMinutes: "45" });
    expect(ok.success && ok.data.durationMinutes).toBe(45);
    for (const bad of ["", "4", "481", "12.5", "ten"]) {
      expect(
        addInterviewSchema.safeParse({ exerciseKey: "x", scheduledAt: "", durationMinutes: bad }).success,
        bad,
      ).toBe(false);
    }
  });

  it("checks custom weights add up to 100 and names each bad field", () => {
    expect(weightsSchema.safeParse({ mode: "custom", weights: { a: "60", b: "40" } }).success).toBe(true);
    expect(
      weightsSchema.safeParse({ mode: "custom", weights: { a: "33.3333", b: "33.3333", c: "33.3334" } }).success,
    ).toBe(true);
    const off = weightsSchema.safeParse({ mode: "custom", weights: { a: "60", b: "30" } });
    expect(off.error!.issues).toEqual([
      expect.objectContaining({ path: ["weights"], message: expect.stringMatching(/add up to 90%/) }),
    ]);
    const blank = weightsSchema.safeParse({ mode: "custom", weights: { a: "", b: "120" } });
    expect(blank.error!.issues.map((i) => i.path.join("."))).toEqual(["weights.a", "weights.b"]);
    // equal and rubric modes ignore whatever sits in the weight inputs
    expect(weightsSchema.safeParse({ mode: "equal", weights: { a: "1", b: "2" } }).success).toBe(true);
  });

  it("knows the status values", () => {
    expect(statusSchema.safeParse({ to: "scheduled" }).success).toBe(true);
    expect(statusSchema.safeParse({ to: "hired", reason: "" }).success).toBe(false);
  });
});
