import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { references } from "./support/people";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// Action numbers are references that minutes, reviews and emails cite. Moved
// between objectives, an action takes the lowest number no other action there
// holds or has held, takes back its own when it returns, and keeps its former
// references, which the board's search and the action's page show.

let app: TestApp;
let ids: Record<string, string>;
let planPath: string;
let leader: Client;

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  ids = await references(app.db, plan.id);
  leader = await signedIn(app.url, "leader@demo.test");
}, 60_000);
afterAll(() => app?.close());

/** Where an action is now, as people cite it. */
async function referenceOf(actionId: string): Promise<string> {
  const row = await app.db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.number", "o.number as objective"])
    .where("a.id", "=", actionId)
    .executeTakeFirstOrThrow();
  return `${row.objective}.${row.number}`;
}

async function formerReferencesOf(actionId: string): Promise<string[]> {
  const rows = await app.db
    .selectFrom("formerActionNumbers as f")
    .innerJoin("objectives as o", "o.id", "f.objectiveId")
    .select(["f.number", "o.number as objective"])
    .where("f.actionId", "=", actionId)
    .execute();
  return rows.map((row) => `${row.objective}.${row.number}`).sort();
}

async function move(actionId: string, objective: 1 | 2, status = "in_progress") {
  const response = await leader.post(planPath, { intent: "move", actionId, objectiveId: ids[`objective ${objective}`]!, status, placement: "top" });
  expect(response.status, await response.clone().text()).toBeLessThan(400);
}

describe(`action numbers on ${engine}`, () => {
  it("never inflate when actions move back and forth between objectives", async () => {
    const first = ids["1.2"]!;
    const second = ids["2.1"]!;
    await move(first, 2);
    expect(await referenceOf(first)).toBe("2.4");
    await move(second, 1);
    expect(await referenceOf(second)).toBe("1.7");

    for (let round = 0; round < 10; round += 1) {
      await move(first, 1);
      await move(second, 2);
      expect([await referenceOf(first), await referenceOf(second)]).toEqual(["1.2", "2.1"]);
      await move(first, 2, round % 2 ? "at_risk" : "not_started");
      await move(second, 1);
      expect([await referenceOf(first), await referenceOf(second)]).toEqual(["2.4", "1.7"]);
    }
    expect(await formerReferencesOf(first)).toEqual(["1.2", "2.4"]);
    expect(await formerReferencesOf(second)).toEqual(["1.7", "2.1"]);

    // A new action takes a number no action has held: 1.2 is still the moved action's.
    const created = await leader.post(planPath, {
      intent: "create-action",
      id: "9a4b0c1e-4c55-4c1f-8d3e-2f6a1b7c9d01",
      objectiveId: ids["objective 1"]!,
      title: "Agree the Compact's refresh",
    });
    expect(created.status).toBeLessThan(400);
    expect(await referenceOf("9a4b0c1e-4c55-4c1f-8d3e-2f6a1b7c9d01")).toBe("1.8");

    // Every reference has named one action only.
    const everHeld = await app.db.selectFrom("formerActionNumbers").select(["objectiveId", "number", "actionId"]).execute();
    const current = await app.db.selectFrom("actions").select(["objectiveId", "number", "id as actionId"]).execute();
    const owners = new Map<string, Set<string>>();
    for (const row of [...everHeld, ...current])
      owners.set(`${row.objectiveId}.${row.number}`, (owners.get(`${row.objectiveId}.${row.number}`) ?? new Set()).add(row.actionId));
    expect([...owners.values()].filter((actions) => actions.size > 1)).toEqual([]);
  });

  it("finds an action on the board by a former reference, and says what it was", async () => {
    // 1.2 is 2.4 now (the test above left it there).
    const board = await (await leader.get(`${planPath}?q=1.2`)).text();
    expect(board).toContain("Identify joint commissioning priorities");
    expect(board).toContain("Formerly 1.2");
    expect(board).not.toContain("Develop a partnership website and a communication strategy");

    const dialog = await (await leader.get(`${planPath}/actions/${ids["1.2"]}`)).text();
    expect(dialog).toContain("Formerly 1.2");
    expect(dialog).toContain("moved 1.2 to objective 2 as 2.4");
    expect(dialog).toContain("moved 2.4 to objective 1 as 1.2");
  });

  it("gives two actions moved into one objective at once two numbers", async () => {
    await Promise.all([move(ids["1.3"]!, 2), move(ids["1.4"]!, 2)]);
    expect([await referenceOf(ids["1.3"]!), await referenceOf(ids["1.4"]!)].sort()).toEqual(["2.5", "2.6"]);
  });
});
