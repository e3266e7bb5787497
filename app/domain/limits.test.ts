import { describe, expect, it } from "vitest";
import { characterCountWords, countedLength, isNearLimit, TEXT_LIMITS } from "./limits";
import { DRAFT_LIMITS } from "./plan-draft";

describe("a field's count", () => {
  it("counts as the server does: a line break as one character, spaces at either end left out", () => {
    expect(countedLength("  two\r\nlines\n  ")).toBe("two\nlines".length);
    expect(countedLength("a\rb")).toBe(3);
  });

  it.each([
    [0, 500, "0 of 500 characters"],
    [480, 500, "480 of 500 characters"],
    [500, 500, "500 of 500 characters"],
    [600, 500, "600 of 500 characters: 100 too many"],
    [10_250, 10_000, "10,250 of 10,000 characters: 250 too many"],
  ])("says %i against %i as %j", (length, limit, words) => {
    expect(characterCountWords(length, limit)).toBe(words);
  });

  it("is read out from nine tenths of the limit", () => {
    expect(isNearLimit(449, 500)).toBe(false);
    expect(isNearLimit(450, 500)).toBe(true);
    expect(isNearLimit(600, 500)).toBe(true);
  });

  it("holds the import's limits too, so a table and a form refuse alike", () => {
    expect(DRAFT_LIMITS).toMatchObject({
      actionTitle: TEXT_LIMITS.actionTitle,
      objectiveTitle: TEXT_LIMITS.objectiveTitle,
      description: TEXT_LIMITS.actionDescription,
      timescaleText: TEXT_LIMITS.timescaleText,
      note: TEXT_LIMITS.note,
    });
  });
});
