import { describe, expect, it } from "vitest";
import { applyHeldNumbers, applyMoves, applyReplies, moveReplyOf, newerReplies, pendingMoves } from "./optimistic";
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

describe("move replies", () => {
  const reply = (version: number, ...moved: Placeable[]) => ({ version, cards: moved });

  it("keeps only the replies newer than the loader's data, oldest first", () => {
    const replies = [reply(14), reply(12), reply(10), reply(11)];
    expect(newerReplies(replies, 11).map((kept) => kept.version)).toEqual([12, 14]);
    expect(newerReplies(replies, 14)).toEqual([]);
  });

  it("puts each replied card in its place, the newer reply deciding", () => {
    const shown = applyReplies(cards, [
      reply(5, { id: "a", objectiveId: LANE_2, status: "done", orderKey: "a1" }),
      reply(6, { id: "a", objectiveId: LANE_1, status: "in_progress", orderKey: "Zz" }),
      reply(7, { id: "d", objectiveId: LANE_2, status: "done", orderKey: "a2" }),
    ]);
    expect(ids(columnCards(shown, LANE_1, "in_progress"))).toEqual(["a", "c"]);
    expect(ids(columnCards(shown, LANE_1, "not_started"))).toEqual(["b"]);
    expect(shown.find((card) => card.id === "d")?.orderKey).toBe("a2");
  });

  it("adds no card the loader does not show (one the filters leave out)", () => {
    expect(ids(applyReplies(cards, [reply(5, { id: "e", objectiveId: LANE_1, status: "done", orderKey: "a0" })]))).toEqual(["a", "b", "c", "d"]);
  });

  it("lays in-flight moves over the replies", () => {
    const settled = applyReplies(cards, [reply(5, { id: "a", objectiveId: LANE_2, status: "done", orderKey: "a1" })]);
    const shown = applyMoves(settled, [{ actionId: "a", objectiveId: LANE_1, status: "not_started", placement: { at: "top" } }]);
    expect(ids(columnCards(shown, LANE_1, "not_started"))).toEqual(["a", "b"]);
  });

  it("gives objectives the numbers a reply says they hold", () => {
    const objectives = [
      { id: LANE_1, heldNumbers: [1, 2] },
      { id: LANE_2, heldNumbers: [1] },
    ];
    expect(applyHeldNumbers(objectives, [{ objectives: [{ id: LANE_2, heldNumbers: [1, 2] }] }, {}])).toEqual([
      { id: LANE_1, heldNumbers: [1, 2] },
      { id: LANE_2, heldNumbers: [1, 2] },
    ]);
  });

  it("reads a successful reply, not a refusal or another form's answer", () => {
    expect(moveReplyOf({ ok: true, notice: null, version: 3, cards: [] })).toEqual({ ok: true, notice: null, version: 3, cards: [] });
    expect(moveReplyOf({ ok: false, formError: "No", version: 3, cards: [] })).toBeNull();
    expect(moveReplyOf({ ok: true, notice: null })).toBeNull();
    expect(moveReplyOf(undefined)).toBeNull();
  });
});
