// `npm run bench`: how fast the board, the history and the status page are, on embedded
// PostgreSQL and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) on a server.
// Figures are medians of several runs; ratios show how they scale.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { createAction } from "../../app/server/action-content.server";
import { moveAction } from "../../app/server/moves.server";
import { loadBoard } from "../../app/server/board.server";
import { planHistoryPage } from "../../app/server/history.server";
import { NO_HISTORY_FILTERS } from "../../app/domain/history";
import { createPGlite, embeddedHandle, openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { seedDemoData } from "../../app/server/demo-seed.server";
import { loadPlanStatus, planOverviewsOf } from "../../app/server/status.server";
import { statusView } from "../../app/routes/status/view";
import { ukToday } from "../../app/domain/dates";
import { addDaysTo } from "../../app/domain/rag";
import { actorFor, demoPlan, references } from "../integration/support/people";

const root = path.resolve(import.meta.dirname, "../..");
const RUNS = 15;
const HISTORY_EVENTS = 100_000;

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

async function benchEngine(name: string, handle: DatabaseHandle, counter: { queries: number }) {
  const db = handle.db as Kysely<Database>;
  await seedDemoData(db);
  const plan = await demoPlan(db);
  const ids = await references(db, plan.id);
  const leader = await actorFor(db, "leader@demo.test");
  const rows: Array<[string, string]> = [];

  counter.queries = 0;
  await loadBoard(db, plan.id, plan.partnershipId);
  const queriesPerBoard = counter.queries;
  const boardSmall = await median(RUNS, () => loadBoard(db, plan.id, plan.partnershipId));
  for (let index = 0; index < 300; index += 1) {
    await createAction(db, leader, plan, { id: crypto.randomUUID(), objectiveId: ids[`objective ${1 + (index % 2)}`]!, title: `Benchmark action ${index}` });
  }
  const boardLarge = await median(RUNS, () => loadBoard(db, plan.id, plan.partnershipId));
  rows.push(["Board, 9 actions (queries)", `${ms(boardSmall)} (${queriesPerBoard})`]);
  rows.push(["Board, 309 actions", `${ms(boardLarge)} (${ratio(boardLarge, boardSmall)} for 34× the actions)`]);

  let flip = false;
  const move = await median(RUNS * 2, () => {
    flip = !flip;
    return moveAction(db, leader, plan, { actionId: ids["1.5"]!, objectiveId: ids["objective 1"]!, status: flip ? "in_progress" : "at_risk", placement: { at: "top" } });
  });
  rows.push(["Move one card (lock, key, audit, notify)", ms(move)]);

  // 100,000 events, as years of a busy plan would leave.
  await sql`
    insert into audit_events (occurred_at, partnership_id, plan_id, action_id, actor_user_id, actor_role, actor_sector, entity_type, entity_id, verb, changes)
    select now() - make_interval(mins => n), ${plan.partnershipId}, ${plan.id}, ${ids["1.5"]}, ${leader.userId}, 'member',
      (array['public', 'voluntary_community', 'independent'])[1 + n % 3], 'action', ${ids["1.5"]},
      (array['moved', 'updated', 'completion_proposed'])[1 + n % 3], '{"status": {"before": "in_progress", "after": "at_risk"}}'::jsonb
    from generate_series(1, ${HISTORY_EVENTS}) as n
  `.execute(db);
  // A server's autovacuum would do this; the embedded database does it on every start.
  await sql`analyze`.execute(db);
  const oldest = await db.selectFrom("auditEvents").select((eb) => eb.fn.min("id").as("first")).where("planId", "=", plan.id).executeTakeFirstOrThrow();
  const page = { size: 50 };
  const firstPage = await median(RUNS, () => planHistoryPage(db, plan.id, NO_HISTORY_FILTERS, { ...page, beforeId: null }));
  const deepPage = await median(RUNS, () => planHistoryPage(db, plan.id, NO_HISTORY_FILTERS, { ...page, beforeId: Number(oldest.first) + 100 }));
  const filtered = await median(RUNS, () => planHistoryPage(db, plan.id, { ...NO_HISTORY_FILTERS, sector: "independent", kind: "completion" }, { ...page, beforeId: null }));
  rows.push([`History, newest 50 of ${HISTORY_EVENTS.toLocaleString("en-GB")}`, ms(firstPage)]);
  rows.push(["History, 50 near the oldest (keyset)", `${ms(deepPage)} (${ratio(deepPage, firstPage)} the newest page)`]);
  rows.push(["History, filtered by sector and kind", ms(filtered)]);

  // The status page reads the same trail (changes since a date, updates in 90 days, the burn-up).
  const now = new Date();
  const since = addDaysTo(ukToday(now), -30);
  const statusPage = async () => statusView(await loadPlanStatus(db, plan, { since, now }), plan, { since, now });
  counter.queries = 0;
  await statusPage();
  const queriesPerStatus = counter.queries;
  const status = await median(RUNS, statusPage);
  rows.push([`Status page, 309 actions, ${HISTORY_EVENTS.toLocaleString("en-GB")} events (queries)`, `${ms(status)} (${queriesPerStatus})`]);
  rows.push(["Partnership overview", ms(await median(RUNS, () => planOverviewsOf(db, plan.partnershipId)))]);

  const started = performance.now();
  let exported = 0;
  let beforeId: number | null = null;
  for (;;) {
    const rowsPage = await planHistoryPage(db, plan.id, NO_HISTORY_FILTERS, { beforeId, size: 500 });
    exported += rowsPage.length;
    if (rowsPage.length < 500) break;
    beforeId = rowsPage.at(-1)!.id;
  }
  rows.push([`CSV export, all ${exported.toLocaleString("en-GB")} events (pages of 500, one run)`, ms(performance.now() - started)]);

  console.log(`\n${name}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(58)} ${value}`);
}

/** What a browser downloads for the board page: the entry and the board's route chain, with their imports. */
async function boardJavaScriptSize() {
  const assets = path.join(root, "build/server/assets");
  const buildFile = fs.existsSync(assets) ? fs.readdirSync(assets).find((file) => file.startsWith("server-build")) : undefined;
  if (!buildFile) return console.log("\nJavaScript: run `npm run build` first to measure the board's bundle.");
  const build = (await import(pathToFileURL(path.join(assets, buildFile)).href)) as {
    assets: { entry: { module: string; imports: string[] }; routes: Record<string, { module: string; imports?: string[] }> };
  };
  const chain = ["root", "routes/partnership/layout", "routes/plan/layout", "routes/board/route"].map((id) => build.assets.routes[id]!);
  const files = new Set([build.assets.entry, ...chain].flatMap((part) => [part.module, ...(part.imports ?? [])]));
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(root, "build/client", file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`\nJavaScript the board page loads (${files.size} files): ${(raw / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(1)} KiB gzip`);
}

async function main() {
  const counter = { queries: 0 };
  const onQuery = () => (counter.queries += 1);
  const pglite = await createPGlite({});
  const embedded = embeddedHandle(pglite, "memory", { onQuery });
  await migrateToLatest(embedded.db);
  await benchEngine("Embedded PostgreSQL (PGlite, in memory)", embedded, counter);
  await embedded.close();

  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `pb_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const server = await openDatabase({ databaseUrl: url.toString(), onQuery });
    try {
      await migrateToLatest(server.db);
      await benchEngine(`PostgreSQL (${new URL(serverUrl).host})`, server, counter);
    } finally {
      await server.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.log("\nSet BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure a PostgreSQL server too.");
  }
  await boardJavaScriptSize();
}

await main();
