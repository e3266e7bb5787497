import { describe, expect, it } from "vitest";
import { deadlineFlag, isOverdue } from "./deadlines";

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

  // The board once counted this one overdue while Status counted it as awaiting confirmation.
  it("counts a completion awaiting confirmation as done, not overdue, as every page does", () => {
    expect(deadlineFlag("2010-05-31", "done", today)).toBe(null);
    expect(isOverdue({ dueOn: "2010-05-31", status: "done" }, today)).toBe(false);
    expect(isOverdue({ dueOn: "2010-05-31", status: "at_risk" }, today)).toBe(true);
    expect(isOverdue({ dueOn: "2010-06-01", status: "not_started" }, today)).toBe(false);
  });
});
