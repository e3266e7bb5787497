import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../app/demo/seed.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import type { Database } from "../../db/schema";
import { references } from "../integration/support/people";
import { health } from "../integration/support/servers";
import { client, signedIn } from "../integration/support/http";
import { createEmptyDatabase } from "../integration/support/test-database";
import { startServer, type RunningServer } from "../support/server";
import { demoServerData } from "./support/databases";
import { openEventStream } from "../support/event-stream";

// Two production servers on one PostgreSQL database, as behind a load
// balancer: they start together on an empty database, and whatever one
// instance does (a move, a sign-in, a sign-out, a failed guess) the other
// sees, because it all lives in the database and its notifications.

// plan-events.ts checks the session on each heartbeat, every 25 seconds.
const STREAM_HEARTBEAT_MS = 25_000;

let a: RunningServer;
let b: RunningServer;
let db: Kysely<Database>;
let planPath: string;
let ids: Record<string, string>;

beforeAll(async () => {
  const data = await demoServerData("empty");
  db = data.postgres!.db;
  // Both processes start at once, each migrating and loading the demo on its first use of the database.
  [a, b] = await Promise.all([startServer(data.env), startServer(data.env)]);
  await Promise.all([a, b].map((server) => server.waitForOutput(/Data: |The database is not ready/, 60_000)));
  const plan = await db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  ids = await references(db, plan.id);
}, 120_000);
afterAll(async () => {
  await Promise.all([a, b].map((server) => server?.stop("SIGKILL")));
});

/** Rows in each of the app's tables. */
async function tableSizes(database: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ tableName: string }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
    database,
  );
  const sizes: Record<string, number> = {};
  for (const { tableName } of tables.rows) {
    const { rows } = await sql<{ count: number }>`select count(*) as count from ${sql.table(tableName)}`.execute(database);
    sizes[tableName] = rows[0]!.count;
  }
  return sizes;
}

describe("two instances on one PostgreSQL database", () => {
  it("started at once on an empty database, migrate it once and load the demo once, without errors", async () => {
    for (const server of [a, b]) expect(await health(server)).toEqual({ status: 200, body: { status: "ok", database: "postgres" } });

    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    expect(applied.rows.map((row) => row.name).sort()).toEqual(Object.keys(migrations).sort());

    // What one seeding of an empty database leaves, table by table.
    const reference = await createEmptyDatabase();
    try {
      await migrateToLatest(reference.db);
      await seedDemoData(reference.db);
      // The outbox aside: both instances' mail rounds queue this week's digests as they start.
      const { email_outbox: _queued, ...sizes } = await tableSizes(db);
      const { email_outbox: _none, ...referenceSizes } = await tableSizes(reference.db);
      expect(sizes).toEqual(referenceSizes);
      // However far the two rounds have got, each digest is queued once (the demo survey's invitations have no key: they are queued by its one seeding).
      const { rows } = await sql<{ rows: number; keys: number }>`
        select count(*) as rows, count(distinct dedupe_key) as keys from email_outbox where dedupe_key is not null
      `.execute(db);
      expect(rows[0]!.rows).toBe(rows[0]!.keys);
    } finally {
      await reference.close();
    }

    for (const server of [a, b]) expect(server.output()).not.toMatch(/error|exception|unhandled|not ready/i);
  });

  it("sends a change made on one instance to a viewer streaming from the other", async () => {
    const leaderOnA = await signedIn(a.url, "leader@demo.test");
    const viewerOnB = await signedIn(b.url, "councillor@demo.test");
    const stream = await openEventStream(`${b.url}${planPath}/events`, viewerOnB.cookie);
    try {
      expect(stream.response.status).toBe(200);
      for (const status of ["at_risk", "in_progress", "at_risk"]) {
        const moved = await leaderOnA.post(`${planPath}/actions/${ids["1.4"]}/move`, {
          intent: "move",
          actionId: ids["1.4"]!,
          objectiveId: ids["objective 1"]!,
          status,
          placement: "top",
        });
        expect(moved.status).toBe(302);
        const change = await stream.next("change");
        expect(JSON.parse(change.data)).toEqual({ actionId: ids["1.4"], version: expect.any(Number) });
      }
    } finally {
      stream.close();
    }
  });

  it("honours a session made on one instance on the other, and ends it on both at sign-out", async () => {
    const onA = await signedIn(a.url, "officer@demo.test");
    const onB = client(b.url);
    onB.cookie = onA.cookie;
    expect((await onB.get(planPath)).status).toBe(200);
    const stream = await openEventStream(`${b.url}${planPath}/events`, onB.cookie);
    try {
      expect(stream.response.status).toBe(200);

      const signedOut = await onA.post("/logout", {});
      expect(signedOut.headers.get("Location")).toBe("/login?signedOut=1");
      const page = await onB.get(planPath);
      expect(page.status).toBe(302);
      expect(page.headers.get("Location")).toMatch(/^\/login\b/);

      // The open stream hears no more: the next change ends it, unsent (or else its next heartbeat).
      const leaderOnA = await signedIn(a.url, "leader@demo.test");
      const moved = await leaderOnA.post(`${planPath}/actions/${ids["1.4"]}/move`, {
        intent: "move",
        actionId: ids["1.4"]!,
        objectiveId: ids["objective 1"]!,
        status: "in_progress",
        placement: "top",
      });
      expect(moved.status).toBe(302);
      await stream.ended(STREAM_HEARTBEAT_MS + 10_000);
      await expect(stream.next("change", 1)).rejects.toThrow(/ended before/);
      // A reconnect is refused at once.
      const reconnect = await openEventStream(`${b.url}${planPath}/events`, onB.cookie);
      expect(reconnect.response.status).toBe(302);
      expect(reconnect.response.headers.get("Location")).toMatch(/^\/login\b/);
    } finally {
      stream.close();
    }
  });

  it("counts failed sign-ins on both instances together, and then refuses on both, the right password too", async () => {
    const guesses = [client(a.url), client(b.url)];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await guesses[attempt % 2]!.post("/login", { email: "facilitator@demo.test", password: `guess ${attempt}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);

    for (const server of [a, b]) {
      expect((await client(server.url).post("/login", { email: "facilitator@demo.test", password: "another guess" })).status).toBe(429);
      expect((await client(server.url).post("/login", { email: "facilitator@demo.test", password: "partnership-demo" })).status).toBe(429);
    }
  });

  // Last: it takes both instances' live updates away, until they listen again.
  it("keeps sending changes after PostgreSQL drops the instances' listening connections", async () => {
    const listeners = () => sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`.execute(db);
    const leaderOnA = await signedIn(a.url, "leader@demo.test");
    const viewerOnB = await signedIn(b.url, "councillor@demo.test");
    const stream = await openEventStream(`${b.url}${planPath}/events`, viewerOnB.cookie);
    try {
      // As a restart, a failover or an idle-connection reaper would.
      const dropped = await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'`.execute(
        db,
      );
      expect(dropped.rows).toHaveLength(2);
      await expect.poll(async () => (await listeners()).rows.length, { timeout: 30_000, interval: 250 }).toBe(2);
      // Listening again, B tells its open boards to reload once: changes in the gap went unheard.
      expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: null });

      const moved = await leaderOnA.post(`${planPath}/actions/${ids["1.4"]}/move`, {
        intent: "move",
        actionId: ids["1.4"]!,
        objectiveId: ids["objective 1"]!,
        status: "done",
        placement: "top",
      });
      expect(moved.status).toBe(302);
      const change = await stream.next("change");
      expect(JSON.parse(change.data)).toEqual({ actionId: ids["1.4"], version: expect.any(Number) });
    } finally {
      stream.close();
    }
  });
});
