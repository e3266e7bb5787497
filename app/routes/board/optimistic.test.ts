import { describe, expect, it } from "vitest";
import { applyMoves, pendingMoves } from "./optimistic";
import { columnCards, type Placeable } from "~/domain/ordering";

const LANE_1 = "lane-1";
const LANE_2 = "lane-2";
const cards: Placeable[] = [
  { id: "a", objectiveId: LANE_1, status: "not_started", orderKey: "a0" },
  { id: "b", objectiveId: LANE_1, status: "not_started", orderKey: "a1" },
  { id: "c", objectiveId: LANE_1, status: "in_progress", orderKey: "a0" },
  { id: "d", objectiveId: LANE_2, status: "done", orderKey: "a0" },
];
const ids = (list: Placeable[]) => list.map((card) => card.id);

describe("optimistic moves", () => {
  it("moves a card to the top of another column", () => {
    const moved = applyMoves(cards, [{ actionId: "b", objectiveId: LANE_1, status: "in_progress", placement: { at: "top" } }]);
    expect(ids(columnCards(moved, LANE_1, "in_progress"))).toEqual(["b", "c"]);
    expect(ids(columnCards(moved, LANE_1, "not_started"))).toEqual(["a"]);
  });

  it("puts a card after an anchor in the anchor's column, like the server", () => {
    const moved = applyMoves(cards, [{ actionId: "a", objectiveId: LANE_1, status: "not_started", placement: { at: "after", anchorId: "d" } }]);
    expect(ids(columnCards(moved, LANE_2, "done"))).toEqual(["d", "a"]);
  });

  it("applies moves in order, so the newest decides", () => {
    const moved = applyMoves(cards, [
      { actionId: "a", objectiveId: LANE_1, status: "in_progress", placement: { at: "bottom" } },
      { actionId: "a", objectiveId: LANE_1, status: "not_started", placement: { at: "after", anchorId: "b" } },
    ]);
    expect(ids(columnCards(moved, LANE_1, "not_started"))).toEqual(["b", "a"]);
  });

  it("reads only in-flight move fetchers", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ intent: "move", actionId: "a", objectiveId: LANE_2, status: "done", placement: "before:d" }))
      form.set(key, value);
    expect(
      pendingMoves([
        { key: "move:a", state: "submitting", formData: form },
        { key: "move:b", state: "idle", formData: undefined },
        { key: "note:a", state: "submitting", formData: form },
      ]),
    ).toEqual([{ actionId: "a", objectiveId: LANE_2, status: "done", placement: { at: "before", anchorId: "d" } }]);
  });
});
