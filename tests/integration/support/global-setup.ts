import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import type { Kysely } from "kysely";
import { buildIfStale } from "../../../app/build-if-stale.mjs";
import { DEMO_PASSWORD } from "../../../app/demo/portsmouth-data.server";
import { seedDemoData, seedPortsmouthDemo } from "../../../app/demo/seed.server";
import { hashPassword } from "../../../app/server/auth/passwords.server";
import { createPGlite, embeddedHandle, openDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";

/**
 * What a test database starts as: `migrated` holds the schema and no rows,
 * `portsmouth` the Portsmouth demo (the fixture most tests know), `demo` both
 * demo partnerships, as `npm start` loads them.
 */
export type Template = "migrated" | "portsmouth" | "demo";

declare module "vitest" {
  export interface ProvidedContext {
    /** pglite project: a dump of each template's data folder, loaded into each test's instance. */
    pgliteTemplatePaths: Record<Template, string>;
    /** pglite project: the seeded templates as data folders (DATA_DIR), copied for each server under test. */
    pgliteDataFolders: Record<Exclude<Template, "migrated">, string>;
    /** postgres project: the server URL, each template database's name, and the run's prefix. */
    postgresServerUrl: string;
    postgresTemplates: Record<Template, string>;
    postgresPrefix: string;
  }
}

/**
 * Builds the app if the source changed (server tests start the real build),
 * then migrates and seeds the templates once per run (the demo password hashed
 * once); each test or file gets its own copy of one.
 */
export default async function setup(project: TestProject) {
  buildIfStale();
  // By engine, not project name: the resilience suite's projects have names of their own.
  if (project.config.env.TEST_ENGINE === "postgres") return setupPostgres(project);
  return setupPGlite(project);
}

/** How each template is made from the one before it (the first from an empty database). */
const TEMPLATE_STEPS: [Template, (db: Kysely<Database>) => Promise<unknown>][] = [
  ["migrated", (db) => migrateToLatest(db)],
  ["portsmouth", async (db) => seedPortsmouthDemo(db, await hashPassword(DEMO_PASSWORD))],
  // Portsmouth is there already, so this adds the Hertfordshire Compact: what `npm start` loads.
  ["demo", (db) => seedDemoData(db)],
];

async function setupPGlite(project: TestProject) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-test-"));
  const pglite = await createPGlite({});
  const handle = embeddedHandle(pglite, "memory");
  const paths = {} as Record<Template, string>;
  const dataFolders = {} as Record<Exclude<Template, "migrated">, string>;
  for (const [template, step] of TEMPLATE_STEPS) {
    await step(handle.db);
    // Uncompressed: it loads faster, and it never leaves this machine.
    const dump = await pglite.dumpDataDir("none");
    paths[template] = path.join(folder, `${template}.tar`);
    fs.writeFileSync(paths[template], Buffer.from(await dump.arrayBuffer()));
    if (template !== "migrated") {
      // A data folder as the server keeps one (DATA_DIR/pglite), closed cleanly.
      dataFolders[template] = path.join(folder, `${template}-data`);
      fs.mkdirSync(dataFolders[template]);
      const onDisk = await createPGlite({ dataDir: path.join(dataFolders[template], "pglite"), loadDataDir: dump });
      await onDisk.close();
    }
  }
  await handle.close();
  project.provide("pgliteTemplatePaths", paths);
  project.provide("pgliteDataFolders", dataFolders);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  // Every database of this run starts with the prefix, so teardown finds them all.
  const prefix = `pb_test_${process.pid}`;
  const names = Object.fromEntries(TEMPLATE_STEPS.map(([template]) => [template, `${prefix}_${template}`])) as Record<Template, string>;
  let previous: string | null = null;
  for (const [template, step] of TEMPLATE_STEPS) {
    // Each template is a copy of the one before, taken further: a template is copied only while nothing is connected to it.
    await adminQuery(serverUrl, `create database ${names[template]}${previous ? ` template ${previous}` : ""}`);
    const handle = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, names[template]) });
    try {
      await step(handle.db);
    } finally {
      await handle.close();
    }
    previous = names[template];
  }
  project.provide("postgresServerUrl", serverUrl);
  project.provide("postgresTemplates", names);
  project.provide("postgresPrefix", prefix);
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${prefix}_%`]);
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    await client.end();
  };
}

export async function adminQuery(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
