import { describe, expect, it } from "vitest";

import { asSentence } from "../../../app/domain/shared/format";

describe("asSentence", () => {
  it("adds a full stop only when the text does not already end a sentence (no “..”)", () => {
    expect(asSentence("I worked with her at Nordpay.")).toBe("I worked with her at Nordpay.");
    expect(asSentence("Former manager")).toBe("Former manager.");
    expect(asSentence("  Is a friend?  ")).toBe("Is a friend?");
    expect(asSentence("Said “no conflict.”")).toBe("Said “no conflict.”");
    expect(asSentence("同じチームでした。")).toBe("同じチームでした。");
  });
});
