import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { createEmptyDatabase, engine, type TestDatabase } from "./support/test-database";

const DOMAIN_TABLES = [
  "action_leads", "action_obstacles", "actions", "audit_events", "group_memberships", "groups",
  "objectives", "obstacle_categories", "partnership_memberships", "partnerships", "plan_stewards",
  "plans", "progress_notes", "review_addenda", "review_assessments", "review_barriers", "review_facilitators",
  "review_obstacle_findings", "review_recommendations", "review_responses", "reviews", "sessions", "users",
];

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((handle) => handle.close()));
});

async function emptyDatabase() {
  const handle = await createEmptyDatabase();
  opened.push(handle);
  return handle;
}

async function tableNames(handle: TestDatabase) {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables where table_schema = 'public' order by table_name
  `.execute(handle.db);
  return rows.map((row) => row.tableName);
}

describe(`migrations on ${engine}`, () => {
  it("build the whole schema from an empty database", async () => {
    const handle = await emptyDatabase();
    expect(await tableNames(handle)).toEqual([]);

    const { results } = await migrateToLatest(handle.db);

    expect(results?.map((result) => [result.migrationName, result.status])).toEqual(
      Object.keys(migrations).map((name) => [name, "Success"]),
    );
    expect(await tableNames(handle)).toEqual(expect.arrayContaining(DOMAIN_TABLES));
  });

  it("do nothing the second time", async () => {
    const handle = await emptyDatabase();
    await migrateToLatest(handle.db);
    const { results } = await migrateToLatest(handle.db);
    expect(results).toEqual([]);
  });

  it("survive several instances starting at once", async () => {
    const first = await emptyDatabase();
    // Postgres: separate pools, as separate app instances would have. PGlite is
    // one process per data folder, so its concurrent callers share one handle.
    const instances =
      engine === "postgres"
        ? [first, ...(await Promise.all([1, 2, 3].map(() => reopen(first))))]
        : [first, first, first, first];

    const outcomes = await Promise.all(instances.map((handle) => migrateToLatest(handle.db)));

    const applied = outcomes.flatMap((outcome) => outcome.results ?? []).map((result) => result.migrationName);
    expect(applied.sort()).toEqual(Object.keys(migrations).sort());
    expect(await tableNames(first)).toEqual(expect.arrayContaining(DOMAIN_TABLES));
  });
});

async function reopen(handle: TestDatabase): Promise<TestDatabase> {
  const { openDatabase } = await import("../../db/client");
  const other = await openDatabase({ databaseUrl: handle.databaseUrl! });
  const reopened = { ...other, databaseUrl: handle.databaseUrl };
  opened.unshift(reopened);
  return reopened;
}
