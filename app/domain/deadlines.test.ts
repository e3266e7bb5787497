import { describe, expect, it } from "vitest";
import { deadlineFlag } from "./deadlines";

describe("deadlineFlag", () => {
  const today = "2010-06-01";
  it.each([
    [null, "in_progress", null],
    ["2010-05-31", "in_progress", "overdue"],
    ["2010-05-31", "at_risk", "overdue"],
    ["2010-05-31", "done", null],
    ["2010-06-01", "not_started", "due-soon"],
    ["2010-06-15", "in_progress", "due-soon"],
    ["2010-06-16", "in_progress", null],
  ] as const)("due %s while %s → %s", (dueOn, status, flag) => {
    expect(deadlineFlag(dueOn, status, today)).toBe(flag);
  });

  it("treats a completion still awaiting confirmation as not done", () => {
    expect(deadlineFlag("2010-05-31", "done", today, false)).toBe("overdue");
  });
});
