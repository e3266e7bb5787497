import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareKeys } from "../../app/domain/ordering";
import { createAction } from "../../app/server/action-content.server";
import { moveAction } from "../../app/server/moves.server";
import { loadBoard } from "../../app/server/board.server";
import type { PlanContextData } from "../../app/server/plan-data.server";
import { actorFor, seedDemo } from "./support/people";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

let database: TestDatabase;
let plan: PlanContextData;
let ids: Record<string, string>;
let queries = 0;

beforeAll(async () => {
  database = await createTestDatabase({ onQuery: () => (queries += 1) });
  ({ plan, ids } = await seedDemo(database.db));
});
afterAll(() => database.close());

describe(`concurrent moves on ${engine}`, () => {
  it("puts 20 cards dropped into the same gap at once into one consistent order, with no duplicate keys", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    const newIds = Array.from({ length: 20 }, () => crypto.randomUUID());
    for (const [index, id] of newIds.entries()) {
      await createAction(database.db, leader, plan, { id, objectiveId: ids["objective 2"]!, title: `Concurrent ${index}` });
    }
    const anchor = ids["2.3"]!; // the one card In progress in objective 2
    const eventsBefore = await database.db.selectFrom("auditEvents").select("id").where("verb", "=", "moved").execute();

    const outcomes = await Promise.allSettled(
      newIds.map((actionId) => moveAction(database.db, leader, plan, { actionId, objectiveId: ids["objective 2"]!, status: "in_progress", placement: { at: "after", anchorId: anchor } })),
    );

    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    const column = await database.db
      .selectFrom("actions")
      .select(["id", "orderKey"])
      .where("objectiveId", "=", ids["objective 2"]!)
      .where("status", "=", "in_progress")
      .where("archivedAt", "is", null)
      .execute();
    const keys = column.map((card) => card.orderKey);
    expect(column).toHaveLength(21);
    expect(new Set(keys).size).toBe(21);
    // The anchor stays first: every drop went after it.
    const sorted = [...column].sort((a, b) => compareKeys(a.orderKey, b.orderKey));
    expect(sorted[0]!.id).toBe(anchor);
    expect(new Set(sorted.slice(1).map((card) => card.id))).toEqual(new Set(newIds));

    const eventsAfter = await database.db.selectFrom("auditEvents").select(["id", "actionId"]).where("verb", "=", "moved").execute();
    const newEvents = eventsAfter.filter((event) => !eventsBefore.some((before) => before.id === event.id));
    expect(newEvents.map((event) => event.actionId).sort()).toEqual([...newIds].sort());
  });

  it("loads the board in the same number of queries whatever the number of actions", async () => {
    queries = 0;
    const first = await loadBoard(database.db, plan.id, plan.partnershipId);
    const withFew = queries;
    const leader = await actorFor(database.db, "leader@demo.test");
    for (let index = 0; index < 30; index += 1) {
      await createAction(database.db, leader, plan, { id: crypto.randomUUID(), objectiveId: ids["objective 1"]!, title: `More ${index}` });
    }
    queries = 0;
    const second = await loadBoard(database.db, plan.id, plan.partnershipId);
    expect(second.cards.length).toBe(first.cards.length + 30);
    expect(queries).toBe(withFew);
    expect(withFew).toBe(7);
  });
});
