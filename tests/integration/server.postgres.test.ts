import { afterEach, describe, expect, it } from "vitest";
import { health, serve } from "./support/servers";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "./support/test-database";

describe("the server on PostgreSQL", () => {
  let database: TestDatabase;
  afterEach(async () => {
    await database?.close();
  });

  it("migrates an empty DATABASE_URL database on start and reports postgres on /healthz", async () => {
    database = await createEmptyDatabase();
    const server = await serve({ DATABASE_URL: database.databaseUrl!, SEED_DEMO: "1" });
    await server.waitForOutput(/Data: PostgreSQL at \S+/);

    expect(await health(server)).toEqual({ status: 200, body: { status: "ok", database: "postgres" } });
    const plans = await database.db.selectFrom("plans").select("title").orderBy("title").execute();
    expect(plans).toEqual([{ title: "Hertfordshire Compact implementation plan" }, { title: "Partnership Improvement Action Plan 2010" }]);
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  it("does not load demo data into a DATABASE_URL database unless SEED_DEMO=1", async () => {
    database = await createTestDatabase();
    const server = await serve({ DATABASE_URL: database.databaseUrl!, SEED_DEMO: undefined });
    await server.waitForOutput(/Data: PostgreSQL/);
    expect(await database.db.selectFrom("partnerships").select("id").execute()).toEqual([]);
  });

  it("answers 503 on /healthz while the database cannot be reached", async () => {
    const server = await serve({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" });
    await server.waitForOutput(/The database is not ready/);

    expect(await health(server)).toEqual({ status: 503, body: { status: "unavailable", database: "postgres" } });
  });
});
