import { describe, expect, it } from "vitest";
import type { Status } from "~/domain/vocabulary";
import { nextDroppable, stepOf, type BoardShape } from "./keyboard";

// Two objectives: A has a and b in Not started, c in In progress; B has d in Not started.
const places: Record<string, { objectiveId: string; status: Status }> = {
  a: { objectiveId: "A", status: "not_started" },
  b: { objectiveId: "A", status: "not_started" },
  c: { objectiveId: "A", status: "in_progress" },
  d: { objectiveId: "B", status: "not_started" },
};
const shape = (mayChangeObjective: boolean): BoardShape => ({
  objectiveIds: ["A", "B"],
  placeOf: (id) => places[id] ?? null,
  columnCardIds: (objectiveId, status) => Object.keys(places).filter((id) => places[id]!.objectiveId === objectiveId && places[id]!.status === status),
  isShown: () => true,
  mayChangeObjective,
});

describe("keyboard dragging by the board's shape", () => {
  it("reads Shift with ↑/↓ as a change of objective", () => {
    expect(stepOf({ code: "ArrowDown", shiftKey: false })).toBe("down");
    expect(stepOf({ code: "ArrowDown", shiftKey: true })).toBe("objective-down");
    expect(stepOf({ code: "ArrowLeft", shiftKey: true })).toBe("left");
    expect(stepOf({ code: "KeyA", shiftKey: false })).toBeNull();
  });

  it("moves ←/→ to the top of the next column in the same objective, and stops at the edges", () => {
    expect(nextDroppable(shape(true), "b", "b", "right")).toBe("c");
    expect(nextDroppable(shape(true), "b", "c", "right")).toBe("column:A:at_risk");
    expect(nextDroppable(shape(true), "b", "b", "left")).toBeNull();
  });

  it("moves ↑/↓ within the column and never off its end into the next objective", () => {
    expect(nextDroppable(shape(true), "a", "a", "down")).toBe("b");
    expect(nextDroppable(shape(true), "a", "b", "down")).toBeNull();
    expect(nextDroppable(shape(true), "a", "a", "up")).toBeNull();
    // In another column, the last stop is its bottom.
    expect(nextDroppable(shape(true), "a", "c", "down")).toBe("column:A:in_progress");
    expect(nextDroppable(shape(true), "a", "column:A:in_progress", "up")).toBe("c");
  });

  it("changes objective only for those who may, keeping the column", () => {
    expect(nextDroppable(shape(true), "a", "a", "objective-down")).toBe("d");
    expect(nextDroppable(shape(true), "a", "d", "objective-up")).toBe("a");
    expect(nextDroppable(shape(false), "a", "a", "objective-down")).toBeNull();
    expect(nextDroppable(shape(true), "d", "d", "objective-down")).toBeNull();
  });
});
