import { describe, expect, it } from "vitest";
import { compareKeys, orderKeyFor, type Ordered } from "./ordering";

const column: Ordered[] = [
  { id: "a", orderKey: "a0" },
  { id: "b", orderKey: "a1" },
  { id: "c", orderKey: "a2" },
];

function positionOf(key: string, cards = column) {
  return [...cards.map((card) => card.orderKey), key].sort(compareKeys).indexOf(key);
}

describe("orderKeyFor", () => {
  it.each([
    [{ at: "top" } as const, 0],
    [{ at: "bottom" } as const, 3],
    [{ at: "before", anchorId: "a" } as const, 0],
    [{ at: "before", anchorId: "c" } as const, 2],
    [{ at: "after", anchorId: "a" } as const, 1],
    [{ at: "after", anchorId: "c" } as const, 3],
    [{ at: "after", anchorId: "gone" } as const, 3],
  ])("places %j at index %i", (placement, index) => {
    expect(positionOf(orderKeyFor(column, placement))).toBe(index);
  });

  it("gives the first card of an empty column a key", () => {
    expect(orderKeyFor([], { at: "top" })).toBe("a0");
    expect(orderKeyFor([], { at: "after", anchorId: "x" })).toBe("a0");
  });

  it("keeps finding room in the same gap, many times over", () => {
    let cards = [...column];
    for (let index = 0; index < 200; index += 1) {
      const key = orderKeyFor(cards, { at: "after", anchorId: "a" });
      expect(cards.some((card) => card.orderKey === key)).toBe(false);
      cards = [...cards, { id: `n${index}`, orderKey: key }].sort((x, y) => compareKeys(x.orderKey, y.orderKey));
      expect(cards[1]!.id).toBe(`n${index}`);
    }
  });
});
