import net from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type Client } from "../integration/support/http";
import { references } from "../integration/support/people";
import { startServer, type RunningServer } from "../support/server";
import { demoServerData } from "./support/databases";

// What a slow or stalled party can hold. A reader who never reads holds a
// socket, never a database connection or a transaction; a statement stuck
// behind a lock is cancelled by the statement timeout, and the person is
// told, rather than the request hanging.

const STATEMENT_TIMEOUT_MS = 1_500;
let data: Awaited<ReturnType<typeof demoServerData>>;
let server: RunningServer;
let leader: Client;
/** Facilitators (and admins) may download a plan's history. */
let facilitator: Client;
let planPath: string;
let ids: Record<string, string>;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  data = await demoServerData();
  // One page rendered at a time, so a reader holding a place would stop everyone.
  server = await startServer({ ...data.env, DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS), DATABASE_POOL_SIZE: "4", RENDER_CONCURRENCY: "1" });
  await server.waitForOutput(/Data: PostgreSQL/, 60_000);
  leader = await signedIn(server.url, "leader@demo.test");
  facilitator = await signedIn(server.url, "facilitator@demo.test");
  const plan = await data
    .postgres!.db.selectFrom("plans")
    .select("id")
    .where("title", "=", "Partnership Improvement Action Plan 2010")
    .executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  ids = await references(data.postgres!.db, plan.id);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.destroy());
  await server?.stop("SIGKILL");
});

/** The app's connections to its database other than the LISTEN, by state. */
async function appConnections() {
  const { rows } = await sql<{ state: string }>`
    select state from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid() and query not ilike 'listen %'
  `.execute(data.postgres!.db);
  return rows.map((row) => row.state);
}

/** Sends a GET and never reads the answer. */
function neverReading(path: string, cookie: string): Promise<void> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => {
      socket.pause();
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n\r\n`, () => resolve());
    });
    sockets.push(socket);
  });
}

describe("slow readers and stalled statements on PostgreSQL", () => {
  it("lets readers who never read hold no database connection, with a pool of 4 and 12 of them", async () => {
    for (let reader = 0; reader < 12; reader += 1) {
      await (reader % 2 === 0 ? neverReading(`${planPath}/history.csv`, facilitator.cookie!) : neverReading(planPath, leader.cookie!));
    }
    // Everyone else is still served, from the same small pool.
    const board = await leader.get(planPath, { signal: AbortSignal.timeout(10_000) });
    expect(board.status).toBe(200);
    await expect.poll(appConnections, { timeout: 5_000, interval: 100 }).toSatisfy((states: string[]) => states.every((state) => state === "idle"));
  });

  it("lets a download of a long history that is never read hold no place in the render queue", async () => {
    // 60,000 events: some 10 MB of CSV, more than the sockets' buffers take in, so the download stalls half-sent.
    await sql`
      insert into audit_events (partnership_id, plan_id, actor_role, entity_type, entity_id, verb, changes)
      select partnership_id, id, 'system', 'plan', id::text, 'updated',
         jsonb_build_object('title', jsonb_build_object('before', repeat('x', 60), 'after', repeat('y', 60)))
      from plans, generate_series(1, 60000)
      where title = 'Partnership Improvement Action Plan 2010'
    `.execute(data.postgres!.db);
    await neverReading(`${planPath}/history.csv`, facilitator.cookie!);
    await neverReading(`${planPath}/history.csv`, facilitator.cookie!);

    const board = await leader.get(planPath, { signal: AbortSignal.timeout(10_000) });
    expect(board.status).toBe(200);
    expect(await appConnections()).not.toContain("idle in transaction");
  });

  it("cancels a statement stalled behind a lock after the timeout, tells the person, and writes nothing", async () => {
    const eventsBefore = await data.postgres!.db.selectFrom("auditEvents").select("id").execute();
    const stalled = await data.postgres!.db.connection().execute(async (connection) => {
      await sql`begin`.execute(connection);
      // The plan's row, which every request under the plan reads (its board is kept per version, and a kept board reads no actions).
      await sql`lock table plans in access exclusive mode`.execute(connection);
      try {
        const started = Date.now();
        const [board, move] = await Promise.all([
          leader.get(planPath, { signal: AbortSignal.timeout(STATEMENT_TIMEOUT_MS + 10_000) }),
          leader.post(`${planPath}/actions/${ids["1.4"]}/move`, {
            intent: "move",
            actionId: ids["1.4"]!,
            objectiveId: ids["objective 1"]!,
            status: "done",
            placement: "top",
          }),
        ]);
        return { board: board.status, page: (await board.text()).replace(/<[^>]+>/g, " "), move: move.status, waited: Date.now() - started };
      } finally {
        await sql`rollback`.execute(connection);
      }
    });
    expect(stalled).toMatchObject({ board: 503, move: 503 });
    expect(stalled.page).toContain("The database took too long to answer");
    expect(stalled.waited).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS);
    expect(await data.postgres!.db.selectFrom("auditEvents").select("id").execute()).toHaveLength(eventsBefore.length);
    // Not an outage: the next request is served as usual.
    expect((await leader.get(planPath)).status).toBe(200);
  });
});
