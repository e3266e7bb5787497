import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareKeys } from "../../app/domain/ordering";
import { createAction } from "../../app/server/plans/action-content.server";
import { moveAction } from "../../app/server/plans/moves.server";
import { loadBoard } from "../../app/server/plans/board.server";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { actorFor, portsmouthFixture } from "./support/people";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

let database: TestDatabase;
let plan: PlanContextData;
let ids: Record<string, string>;
let queries = 0;

beforeAll(async () => {
  database = await createTestDatabase({ from: "portsmouth", onQuery: () => (queries += 1) });
  ({ plan, ids } = await portsmouthFixture(database.db));
});
afterAll(() => database.close());

// What 20 drops into one gap at once prove depends on the engine. On
// PostgreSQL they run in transactions side by side (up to the pool's size)
// and must queue on the lane's row lock: the test holds that lock first, so
// that they provably pile up behind it, then lets them go. On PGlite the
// driver runs one transaction at a time (db/pglite-driver.ts), so they cannot
// race at all; there the test proves that they are served in the order they
// were sent and that each finds its neighbours as the one before left them.
const whatItProves =
  engine === "postgres"
    ? "queues 20 drops into the same gap, made at once in concurrent transactions, on the lane's lock: one consistent order, no duplicate keys"
    : "serves 20 drops into the same gap, sent at once, one after another in the order sent: each lands next to the anchor, no duplicate keys";

describe(`concurrent moves on ${engine}`, () => {
  it(whatItProves, async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    const newIds = Array.from({ length: 20 }, () => crypto.randomUUID());
    for (const [index, id] of newIds.entries()) {
      await createAction(database.db, leader, plan, { id, objectiveId: ids["objective 2"]!, title: `Concurrent ${index}` });
    }
    const anchor = ids["2.3"]!; // the one card In progress in objective 2
    const eventsBefore = await database.db.selectFrom("auditEvents").select("id").where("verb", "=", "moved").execute();

    const dropAll = () =>
      Promise.allSettled(
        newIds.map((actionId) =>
          moveAction(database.db, leader, plan, {
            actionId,
            objectiveId: ids["objective 2"]!,
            status: "in_progress",
            placement: { at: "after", anchorId: anchor },
          }),
        ),
      );
    const outcomes = engine === "postgres" ? await whileLaneHeld(ids["objective 2"]!, dropAll) : await dropAll();

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
    // One at a time in the order sent, each directly after the anchor: the last sent is next to it.
    if (engine === "pglite") expect(sorted.slice(1).map((card) => card.id)).toEqual([...newIds].reverse());

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

/**
 * Runs `drops` while another connection holds the lane's lock, and lets go
 * only once at least two of them are waiting on it together: proof that they
 * were in their transactions at the same moment.
 */
async function whileLaneHeld<T>(objectiveId: string, drops: () => Promise<T>): Promise<T> {
  const holder = new pg.Client({ connectionString: database.databaseUrl! });
  await holder.connect();
  try {
    await holder.query("begin");
    await holder.query("select id from objectives where id = $1 for no key update", [objectiveId]);
    const dropped = drops();
    let waiting = 0;
    for (const deadline = Date.now() + 10_000; waiting < 2 && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
      // Inside a transaction the activity view keeps its first reading unless cleared.
      await holder.query("select pg_stat_clear_snapshot()");
      const { rows } = await holder.query<{ waiting: number }>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      waiting = rows[0]!.waiting;
    }
    expect(waiting).toBeGreaterThanOrEqual(2);
    await holder.query("commit");
    return await dropped;
  } finally {
    await holder.end();
  }
}
