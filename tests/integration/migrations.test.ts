import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { createEmptyDatabase, engine, type TestDatabase } from "./support/test-database";

const DOMAIN_TABLES = [
  "action_leads",
  "action_obstacles",
  "actions",
  "audit_events",
  "calendar_feeds",
  "former_action_numbers",
  "group_memberships",
  "groups",
  "objectives",
  "obstacle_categories",
  "partnership_memberships",
  "partnerships",
  "plan_stewards",
  "plans",
  "progress_notes",
  "review_addenda",
  "review_assessments",
  "review_barriers",
  "review_facilitators",
  "review_obstacle_findings",
  "review_recommendations",
  "review_responses",
  "reviews",
  "sessions",
  "users",
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

    expect(results?.map((result) => [result.migrationName, result.status])).toEqual(Object.keys(migrations).map((name) => [name, "Success"]));
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
    const instances = engine === "postgres" ? [first, ...(await Promise.all([1, 2, 3].map(() => reopen(first))))] : [first, first, first, first];

    const outcomes = await Promise.all(instances.map((handle) => migrateToLatest(handle.db)));

    const applied = outcomes.flatMap((outcome) => outcome.results ?? []).map((result) => result.migrationName);
    expect(applied.sort()).toEqual(Object.keys(migrations).sort());
    expect(await tableNames(first)).toEqual(expect.arrayContaining(DOMAIN_TABLES));
  });
});

describe(`former action numbers on ${engine}`, () => {
  it("are read back from the moves in the audit trail when the table arrives", async () => {
    const handle = await emptyDatabase();
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo("0005_status_indexes");
    expect(before.error).toBeUndefined();
    // A plan where, under the old rule, 1.2 moved to objective 2 as 2.2 and a new action then took 1.2.
    const { rows } = await sql<{ moved: string; newcomer: string; first: string; second: string }>`
      with p as (insert into partnerships (slug, name) values ('old', 'Old') returning id),
      pl as (insert into plans (partnership_id, title) select id, 'Old plan' from p returning id, partnership_id),
      o1 as (insert into objectives (plan_id, number, title, order_key) select id, 1, 'One', 'a0' from pl returning id, plan_id),
      o2 as (insert into objectives (plan_id, number, title, order_key) select id, 2, 'Two', 'a1' from pl returning id, plan_id),
      moved as (insert into actions (plan_id, objective_id, number, title, order_key) select plan_id, id, 2, 'Moved', 'a0' from o2 returning id),
      newcomer as (insert into actions (plan_id, objective_id, number, title, order_key) select plan_id, id, 2, 'Newcomer', 'a0' from o1 returning id)
      select moved.id as moved, newcomer.id as newcomer, o1.id as first, o2.id as second from moved, newcomer, o1, o2
    `.execute(handle.db);
    const { moved, first, second } = rows[0]!;
    await sql`
      insert into audit_events (plan_id, action_id, entity_type, entity_id, verb, changes)
      select plan_id, ${moved}, 'action', ${moved}, 'moved',
        jsonb_build_object(
           'objectiveId', jsonb_build_object('before', ${first}::text, 'after', ${second}::text),
           'number', jsonb_build_object('before', 2, 'after', 2)
         )
      from actions where id = ${moved}
    `.execute(handle.db);

    await migrateToLatest(handle.db);
    const former = await sql<{ actionId: string; objectiveId: string; number: number }>`
      select action_id, objective_id, number from former_action_numbers
    `.execute(handle.db);
    expect(former.rows).toEqual([{ actionId: moved, objectiveId: first, number: 2 }]);
    await expect(sql`delete from former_action_numbers`.execute(handle.db)).rejects.toThrow(/append-only/);
  });
});

describe(`group names on ${engine}`, () => {
  it("become unique in any case, the later of two stored names gaining a number", async () => {
    const handle = await emptyDatabase();
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0009_calendar_feeds")).error).toBeUndefined();
    await sql`
      with p as (insert into partnerships (slug, name) values ('old', 'Old') returning id)
      insert into groups (partnership_id, name, sector, created_at)
      select id, name, 'cross_sector', created_at from p,
        (values ('Carers Forum', now() - interval '2 days'), ('carers forum', now() - interval '1 day'),
           ('CARERS FORUM', now()), ('Youth Panel', now() + interval '1 day')) as g (name, created_at)
    `.execute(handle.db);

    await migrateToLatest(handle.db);
    const groups = await sql<{ name: string }>`select name from groups order by created_at`.execute(handle.db);
    expect(groups.rows.map((group) => group.name)).toEqual(["Carers Forum", "carers forum (2)", "CARERS FORUM (3)", "Youth Panel"]);
    await expect(
      sql`insert into groups (partnership_id, name, sector) select id, 'youth PANEL', 'cross_sector' from partnerships`.execute(handle.db),
    ).rejects.toThrow(/groups_name_any_case/);
  });
});

describe(`erasure and retention (0016) on ${engine}`, () => {
  it("come down and go up again, the history locks as strict as before either way", async () => {
    const handle = await emptyDatabase();
    await migrateToLatest(handle.db);
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0015_plan_versions")).error).toBeUndefined();
    const columns = await sql<{ columnName: string }>`select column_name from information_schema.columns where table_name = 'users'`.execute(handle.db);
    expect(columns.rows.map((row) => row.columnName)).not.toContain("erased_at");
    await sql`insert into audit_events (entity_type, entity_id, verb, occurred_at) values ('request', '/x', 'refused', now() - interval '900 days')`.execute(
      handle.db,
    );
    const purge = () =>
      handle.db.transaction().execute(async (trx) => {
        await sql`select set_config('partnership_board.purging_security_log', 'yes', true)`.execute(trx);
        await sql`delete from audit_events`.execute(trx);
      });
    await expect(purge()).rejects.toThrow(/append-only/);
    expect((await migrateToLatest(handle.db)).error).toBeUndefined();
    await expect(sql`update audit_events set verb = 'rewritten'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await purge();
    expect(Number((await sql<{ count: string }>`select count(*) as count from audit_events`.execute(handle.db)).rows[0]!.count)).toBe(0);
  });
});

async function reopen(handle: TestDatabase): Promise<TestDatabase> {
  const { openDatabase } = await import("../../db/client");
  const other = await openDatabase({ databaseUrl: handle.databaseUrl! });
  const reopened = { ...other, databaseUrl: handle.databaseUrl };
  opened.unshift(reopened);
  return reopened;
}
