// `npx tsx tests/bench/two-instances.ts` (with BENCH_DATABASE_URL or
// TEST_DATABASE_URL): figures for the README's scaling section, from two
// production servers on one PostgreSQL database. How long a move made on one
// instance takes to reach a viewer streaming from the other, and board pages
// per second from one instance against the same load spread over two. Not a
// test: it prints, and asserts nothing.
import pg from "pg";
import { signedIn } from "../integration/support/http";
import { references } from "../integration/support/people";
import { openEventStream } from "../support/event-stream";
import { startServer, type RunningServer } from "../support/server";
import { load, type LoadOptions } from "./load";
import { openDatabase } from "../../db/client";

const RUNS = 3;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const MOVES = 9;

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.");
  const name = `pb_bench_two_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const servers: RunningServer[] = [];
  try {
    // One after the other: the first loads the demo, the second finds it.
    for (const seedDemo of ["1", "0"]) {
      const server = await startServer({ DATABASE_URL: url.toString(), SEED_DEMO: seedDemo });
      servers.push(server);
      await server.waitForOutput(/Data: /, 120_000);
    }
    const [a, b] = servers as [RunningServer, RunningServer];
    const handle = await openDatabase({ databaseUrl: url.toString() });
    const plan = await handle.db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow();
    const ids = await references(handle.db, plan.id);
    await handle.close();
    const planPath = `/p/portsmouth/plans/${plan.id}`;

    const leaderOnA = await signedIn(a.url, "leader@demo.test");
    const viewerOnB = await signedIn(b.url, "councillor@demo.test");
    const stream = await openEventStream(`${b.url}${planPath}/events`, viewerOnB.cookie);
    // The same viewer on A too: what crossing instances adds is B's arrival less A's.
    const streamOnA = await openEventStream(`${a.url}${planPath}/events`, viewerOnB.cookie);
    const untilEvent: number[] = [];
    const untilAnswer: number[] = [];
    const laterOnB: number[] = [];
    for (let move = 0; move < MOVES; move += 1) {
      const status = move % 2 === 0 ? "at_risk" : "in_progress";
      const sent = performance.now();
      const arrived = stream.next("change").then(() => performance.now());
      const arrivedOnA = streamOnA.next("change").then(() => performance.now());
      await leaderOnA.post(`${planPath}/actions/${ids["1.4"]}/move`, {
        intent: "move",
        actionId: ids["1.4"]!,
        objectiveId: ids["objective 1"]!,
        status,
        placement: "top",
      });
      untilAnswer.push(performance.now() - sent);
      untilEvent.push((await arrived) - sent);
      laterOnB.push((await arrived) - (await arrivedOnA));
    }
    stream.close();
    streamOnA.close();
    console.log(
      `Move on A → change event on B's stream: median ${median(untilEvent).toFixed(1)} ms from sending the move ` +
        `(its answer on A: ${median(untilAnswer).toFixed(1)} ms; B's event after A's own stream's: ${median(laterOnB).toFixed(1)} ms), ${MOVES} moves`,
    );

    // Sessions live in the database, so the leader's cookie from A is good on B too.
    const board = (server: RunningServer, connections: number): LoadOptions => ({
      url: `${server.url}${planPath}`,
      connections,
      seconds: SECONDS,
      headers: { Cookie: leaderOnA.cookie! },
    });
    const oneInstance: number[] = [];
    const twoInstances: number[] = [];
    await load({ ...board(a, CONNECTIONS), seconds: 1 });
    await load({ ...board(b, CONNECTIONS), seconds: 1 });
    for (let run = 0; run < RUNS; run += 1) {
      const alone = await load(board(a, CONNECTIONS));
      const spread = await Promise.all([load(board(a, CONNECTIONS / 2)), load(board(b, CONNECTIONS / 2))]);
      if (alone.errors + spread[0].errors + spread[1].errors > 0) throw new Error("Some board pages failed under load");
      oneInstance.push(alone.perSecond);
      twoInstances.push(spread[0].perSecond + spread[1].perSecond);
    }
    console.log(
      `Board page (GET, ${CONNECTIONS} connections, medians of ${RUNS} runs of ${SECONDS} s): one ` +
        `instance ${median(oneInstance).toFixed(0)}/s, two instances ${median(twoInstances).toFixed(0)}/s`,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop("SIGTERM")));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
