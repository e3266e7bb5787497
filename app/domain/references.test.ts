import { describe, expect, it } from "vitest";
import { actionReference, compareReferences, numberInObjective, referenceIfMoved } from "./references";

describe("numberInObjective", () => {
  it("takes the lowest number no other action holds or has held", () => {
    expect(numberInObjective({ heldByOthers: [], heldBefore: [] })).toBe(1);
    expect(numberInObjective({ heldByOthers: [1, 2, 3], heldBefore: [] })).toBe(4);
    // A gap that no action ever held is free; one that an action left is not.
    expect(numberInObjective({ heldByOthers: [1, 3, 4], heldBefore: [] })).toBe(2);
  });

  it("gives an action coming back the number it held there", () => {
    expect(numberInObjective({ heldByOthers: [1, 3, 4, 5], heldBefore: [2] })).toBe(2);
    expect(numberInObjective({ heldByOthers: [1, 2, 3], heldBefore: [7, 5] })).toBe(5);
  });

  it("never takes back a number someone else holds (history from before the rule)", () => {
    expect(numberInObjective({ heldByOthers: [1, 2, 3], heldBefore: [2] })).toBe(4);
  });
});

/** A plan in memory: each action's place, and every (objective, number) each action ever held. */
function simulate(objectives: number[], actionsPerObjective: number) {
  const place = new Map<string, { objective: number; number: number }>();
  const held = new Map<string, Set<string>>();
  for (const objective of objectives) {
    for (let number = 1; number <= actionsPerObjective; number += 1) {
      const id = `${objective}:${number}`;
      place.set(id, { objective, number });
      held.set(id, new Set([actionReference(objective, number)]));
    }
  }
  const numbersIn = (objective: number, ids: (id: string) => boolean) =>
    [...held]
      .filter(([id]) => ids(id))
      .flatMap(([, references]) =>
        [...references].filter((reference) => reference.startsWith(`${objective}.`)).map((reference) => Number(reference.split(".")[1])),
      );
  const move = (id: string, objective: number) => {
    if (place.get(id)!.objective === objective) return;
    const number = numberInObjective({
      heldByOthers: numbersIn(objective, (other) => other !== id),
      heldBefore: numbersIn(objective, (other) => other === id),
    });
    place.set(id, { objective, number });
    held.get(id)!.add(actionReference(objective, number));
  };
  return { place, held, move };
}

describe("moving actions back and forth", () => {
  it("costs at most one new number per objective, and a reference never names two actions", () => {
    const plan = simulate([1, 2, 3], 5);
    const movers = ["1:2", "2:1", "3:5"];
    for (let round = 0; round < 200; round += 1) {
      const id = movers[round % movers.length]!;
      plan.move(id, ((round * 7) % 3) + 1);
    }
    for (const { number } of plan.place.values()) expect(number).toBeLessThanOrEqual(5 + movers.length);
    for (const id of movers) expect(plan.held.get(id)!.size).toBeLessThanOrEqual(3);
    const owners = new Map<string, string>();
    for (const [id, references] of plan.held) {
      for (const reference of references) {
        expect(owners.get(reference) ?? id).toBe(id);
        owners.set(reference, id);
      }
    }
  });

  it("returns 1.2 to 1.2 after a visit to objective 2", () => {
    const plan = simulate([1, 2], 5);
    plan.move("1:2", 2);
    expect(plan.place.get("1:2")).toEqual({ objective: 2, number: 6 });
    plan.move("1:2", 1);
    expect(plan.place.get("1:2")).toEqual({ objective: 1, number: 2 });
    plan.move("1:2", 2);
    expect(plan.place.get("1:2")).toEqual({ objective: 2, number: 6 });
  });
});

describe("compareReferences", () => {
  it("orders as people number", () => {
    expect(["1.10", "2.1", "1.2"].sort(compareReferences)).toEqual(["1.2", "1.10", "2.1"]);
  });
});

describe("referenceIfMoved", () => {
  const two = { id: "o2", number: 2, heldNumbers: [1, 2, 3, 5] };
  it("keeps the card's number within its objective", () => {
    expect(referenceIfMoved({ objectiveId: "o2", number: 3 }, two)).toBe("2.3");
  });
  it("gives the lowest number nobody in the objective has held, or one the card held there before", () => {
    expect(referenceIfMoved({ objectiveId: "o1", number: 2 }, two)).toBe("2.4");
    expect(referenceIfMoved({ objectiveId: "o1", number: 2, formerReferences: ["2.5"] }, two)).toBe("2.5");
    // 2.3 was the card's, but another action holds it now too (history from before the rule).
    expect(referenceIfMoved({ objectiveId: "o1", number: 2, formerReferences: ["2.3"] }, { ...two, heldNumbers: [1, 2, 3, 3] })).toBe("2.4");
  });
});
