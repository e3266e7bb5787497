import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, signedIn, type Client } from "../integration/support/http";
import { references } from "../integration/support/people";
import { health, serve } from "../integration/support/servers";
import type { RunningServer } from "../support/server";
import { openEventStream } from "../support/event-stream";
import { demoServerData, type ServerData } from "./support/databases";
import { startTcpProxy, throughProxy, type TcpProxy } from "./support/tcp-proxy";

// PostgreSQL going away under a running app, as a network cut or a database
// restart looks from the app: every connection ends and new ones are refused.
// The app must say so at once (not hang), write nothing half-way, and come
// back by itself, live updates included.

let data: ServerData & { postgres: NonNullable<Awaited<ReturnType<typeof demoServerData>>["postgres"]> };
let proxy: TcpProxy;
let server: RunningServer;
let planPath: string;
let ids: Record<string, string>;

beforeAll(async () => {
  const demo = await demoServerData();
  data = { ...demo, postgres: demo.postgres! };
  proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(demo.env.DATABASE_URL!).port || 5432) });
});
afterAll(() => proxy?.close());

/** A request that must be answered within `seconds`, whatever it answers. */
function promptly(seconds = 10): RequestInit {
  return { signal: AbortSignal.timeout(seconds * 1000) };
}

async function pageText(response: Response) {
  return (await response.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("PostgreSQL out of reach under a running app", () => {
  let leader: Client;

  beforeAll(async () => {
    server = await serve({ ...data.env, DATABASE_URL: throughProxy(data.env.DATABASE_URL!, proxy) });
    await server.waitForOutput(/Data: PostgreSQL/, 60_000);
    const plan = await data.postgres.db
      .selectFrom("plans")
      .select("id")
      .where("title", "=", "Partnership Improvement Action Plan 2010")
      .executeTakeFirstOrThrow();
    planPath = `/p/portsmouth/plans/${plan.id}`;
    ids = await references(data.postgres.db, plan.id);
    leader = await signedIn(server.url, "leader@demo.test");
  });

  it("answers 503 at once while it lasts, writes nothing, and recovers by itself with live updates", async () => {
    const viewer = await signedIn(server.url, "councillor@demo.test");
    const stream = await openEventStream(`${server.url}${planPath}/events`, viewer.cookie);
    const eventsBefore = await data.postgres.db.selectFrom("auditEvents").select("id").execute();
    const before = await data.postgres.db.selectFrom("actions").select(["status", "orderKey"]).where("id", "=", ids["1.4"]!).executeTakeFirstOrThrow();

    await proxy.cut();
    const cutAt = Date.now();
    // The first request finds the connections gone; every request after it is answered without waiting.
    const board = await leader.get(planPath, promptly());
    expect(board.status).toBe(503);
    expect(await pageText(board)).toContain("The database cannot be reached just now");
    expect(await health(server)).toEqual({ status: 503, body: { status: "unavailable", database: "postgres" } });
    const move = await leader.post(`${planPath}/actions/${ids["1.4"]}/move`, {
      intent: "move",
      actionId: ids["1.4"]!,
      objectiveId: ids["objective 1"]!,
      status: "done",
      placement: "top",
    });
    expect(move.status).toBe(503);
    const signIn = await client(server.url).post("/login", { email: "officer@demo.test", password: "partnership-demo" });
    expect(signIn.status).toBe(503);
    const answeredWithin = Date.now() - cutAt;

    await proxy.restore();
    const restoredAt = Date.now();
    await expect.poll(async () => (await health(server)).status, { timeout: 30_000, interval: 100 }).toBe(200);
    const recoveredAfter = Date.now() - restoredAt;
    // The listener lost its connection too: listening again, it tells open boards to reload once.
    expect(JSON.parse((await stream.next("change", 30_000)).data)).toEqual({ actionId: null, version: null });
    const listeningAfter = Date.now() - restoredAt;
    console.log(
      `Outage: four requests answered within ${answeredWithin} ms of the cut; healthy ` +
        `${recoveredAfter} ms and listening ${listeningAfter} ms after the database returned.`,
    );

    // Nothing of the refused move was written.
    expect(await data.postgres.db.selectFrom("actions").select(["status", "orderKey"]).where("id", "=", ids["1.4"]!).executeTakeFirstOrThrow()).toEqual(before);
    expect(await data.postgres.db.selectFrom("auditEvents").select("id").execute()).toHaveLength(eventsBefore.length);

    // The same session goes on: the board loads, a move is made and reaches the open board live.
    expect((await leader.get(planPath)).status).toBe(200);
    const moved = await leader.post(`${planPath}/actions/${ids["1.4"]}/move`, {
      intent: "move",
      actionId: ids["1.4"]!,
      objectiveId: ids["objective 1"]!,
      status: "done",
      placement: "top",
    });
    expect(moved.status).toBe(302);
    expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: ids["1.4"], version: expect.any(Number) });
    stream.close();
    expect(server.output()).toMatch(/The database is back after/);
  });

  it("starts while the database is away, answering 503, and serves once it returns", async () => {
    await proxy.cut();
    const late = await serve({ ...data.env, DATABASE_URL: throughProxy(data.env.DATABASE_URL!, proxy) });
    await late.waitForOutput(/The database is not ready/);
    expect(await health(late)).toEqual({ status: 503, body: { status: "unavailable", database: "postgres" } });
    const page = await client(late.url).post("/login", { email: "leader@demo.test", password: "partnership-demo" });
    expect(page.status).toBe(503);
    expect(await pageText(page)).toContain("The database cannot be reached just now");

    await proxy.restore();
    await expect.poll(async () => (await health(late)).status, { timeout: 30_000, interval: 100 }).toBe(200);
    expect((await signedIn(late.url, "leader@demo.test").then((leader) => leader.get(planPath))).status).toBe(200);
  });

  it("answers a write cut off in the middle of its transaction with 503, and writes none of it", async () => {
    const app = await serve({ ...data.env, DATABASE_URL: throughProxy(data.env.DATABASE_URL!, proxy) });
    await app.waitForOutput(/Data: PostgreSQL/, 60_000);
    const editor = await signedIn(app.url, "leader@demo.test");
    const before = await data.postgres.db
      .selectFrom("actions")
      .select(["status", "orderKey", "version"])
      .where("id", "=", ids["1.3"]!)
      .executeTakeFirstOrThrow();
    const eventsBefore = await data.postgres.db.selectFrom("auditEvents").select("id").execute();

    const answer = await data.postgres.db.connection().execute(async (connection) => {
      // The move's transaction begins, then waits on this lock; the cut comes while it waits.
      await sql`begin`.execute(connection);
      await sql`lock table actions in access exclusive mode`.execute(connection);
      try {
        const move = editor.post(`${planPath}/actions/${ids["1.3"]}/move`, {
          intent: "move",
          actionId: ids["1.3"]!,
          objectiveId: ids["objective 1"]!,
          status: "in_progress",
          placement: "top",
        });
        await expect
          .poll(
            async () => (await sql<{ waiting: number }>`select count(*)::int as waiting from pg_locks where not granted`.execute(connection)).rows[0]!.waiting,
            { timeout: 10_000 },
          )
          .toBeGreaterThan(0);
        await proxy.cut();
        return await move;
      } finally {
        await sql`rollback`.execute(connection);
        await proxy.restore();
      }
    });
    expect(answer.status).toBe(503);
    expect(await pageText(answer)).toContain("The database cannot be reached just now");

    await expect.poll(async () => (await health(app)).status, { timeout: 30_000, interval: 100 }).toBe(200);
    expect(
      await data.postgres.db.selectFrom("actions").select(["status", "orderKey", "version"]).where("id", "=", ids["1.3"]!).executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(await data.postgres.db.selectFrom("auditEvents").select("id").execute()).toHaveLength(eventsBefore.length);
  });
});
