import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../../app/build-if-stale.mjs";
import { createPGlite, embeddedHandle, openDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** pglite project: a dump of a migrated data folder to start each test file from. */
    pgliteTemplatePath: string;
    /** postgres project: the server URL and the migrated template database's name. */
    postgresServerUrl: string;
    postgresTemplate: string;
    postgresPrefix: string;
  }
}

/**
 * Builds the app if the source changed (server tests start the real build),
 * then migrates one template per run; each test file gets its own copy of it.
 */
export default async function setup(project: TestProject) {
  buildIfStale();
  // By the engine the project sets, not its name: the resilience projects are "resilience-postgres" and so on.
  if (project.config.env.TEST_ENGINE === "postgres") return setupPostgres(project);
  return setupPGlite(project);
}

async function setupPGlite(project: TestProject) {
  const pglite = await createPGlite({});
  const handle = embeddedHandle(pglite, "memory");
  await migrateToLatest(handle.db);
  const dump = await pglite.dumpDataDir("gzip");
  const templatePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pb-test-")), "template.tar.gz");
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteTemplatePath", templatePath);
  return () => fs.rmSync(path.dirname(templatePath), { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  // Every database of this run starts with the prefix, so teardown finds them all.
  const prefix = `pb_test_${process.pid}`;
  const template = `${prefix}_template`;
  await adminQuery(serverUrl, `drop database if exists ${template}`);
  await adminQuery(serverUrl, `create database ${template}`);
  const handle = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, template) });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide("postgresServerUrl", serverUrl);
  project.provide("postgresTemplate", template);
  project.provide("postgresPrefix", prefix);
  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like $1",
      [`${prefix}_%`],
    );
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
