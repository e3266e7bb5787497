import { afterEach, describe, expect, it } from "vitest";
import { proposePublication, agreePublication, withdrawPublication } from "../../app/server/plans/publication.server";
import { serve } from "./support/servers";
import { actorFor, demoPlan } from "./support/people";
import { renameObjective } from "../../app/server/plans/objectives.server";
import { references } from "./support/people";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

// Two instances over one PostgreSQL database, each keeping the public page in
// its own memory: the plan's change notification must reach both, so a board
// change shows on either within a second and a withdrawal ends both at once.

let database: TestDatabase;
afterEach(async () => {
  await database?.close();
});

/** Polls (never sleeps) until every answer passes `check`, for at most a second: notifications arrive in milliseconds. */
async function within1s(read: () => Promise<Response[]>, check: (response: Response) => boolean): Promise<Response[]> {
  const until = Date.now() + 1_000;
  for (;;) {
    const responses = await read();
    if (responses.every(check) || Date.now() > until) return responses;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("a public page kept by two instances", () => {
  it("follows the plan on both: published, changed, withdrawn", async () => {
    database = await createTestDatabase({ from: "portsmouth" });
    const [first, second] = await Promise.all([1, 2].map(() => serve({ DATABASE_URL: database.databaseUrl!, SEED_DEMO: "0", MAIL_SCHEDULE: "off" })));
    await Promise.all([first!, second!].map((server) => server.waitForOutput(/Data: PostgreSQL/)));
    const plan = await demoPlan(database.db);
    const path = `/public/portsmouth/${plan.id}`;
    const both = () => Promise.all([first!, second!].map((server) => fetch(`${server.url}${path}`)));

    // Not public on either until both sectors agree.
    expect((await both()).map((response) => response.status)).toEqual([404, 404]);
    const admin = await actorFor(database.db, "admin@demo.test");
    const leader = await actorFor(database.db, "leader@demo.test");
    await proposePublication(database.db, admin, plan);
    await agreePublication(database.db, leader, plan);
    const published = await within1s(both, (response) => response.status === 200);
    expect(published.map((response) => response.status)).toEqual([200, 200]);
    // Made from the same bytes, the same tag on either instance.
    const [tagOnFirst, tagOnSecond] = published.map((response) => response.headers.get("ETag"));
    expect(tagOnFirst).toBe(tagOnSecond);

    // A change made through the first instance's database reaches the second's kept page.
    const ids = await references(database.db, plan.id);
    await renameObjective(database.db, leader, plan, ids["objective 1"]!, "Renamed while two instances keep the page");
    const changed = await within1s(both, (response) => response.headers.get("ETag") !== tagOnFirst);
    expect(changed.map((response) => response.headers.get("ETag") !== tagOnFirst)).toEqual([true, true]);
    expect(await changed[1]!.text()).toContain("Renamed while two instances keep the page");

    // Either sector withdraws alone, and neither instance shows the plan afterwards.
    await withdrawPublication(database.db, leader, plan);
    const withdrawn = await within1s(both, (response) => response.status === 404);
    expect(withdrawn.map((response) => response.status)).toEqual([404, 404]);
    expect(withdrawn.map((response) => response.headers.get("Cache-Control"))).toEqual(["no-store", "no-store"]);
  });
});
