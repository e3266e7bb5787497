import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { LogEvent } from "kysely";
import { createPGlite, embeddedHandle, openDatabase, type DatabaseHandle, type Engine } from "../../../db/client";
import { adminQuery, databaseUrlFor, type Template } from "./global-setup";

export interface TestDatabase extends DatabaseHandle {
  /** The database's URL, for a server process under test (Postgres only). */
  databaseUrl: string | null;
}

interface Options {
  /** What it starts as (see global-setup.ts): the schema alone unless said. */
  from?: Template;
  onQuery?: (event: LogEvent) => void;
}

/** The engine this test run covers: the vitest project sets it. */
export const engine: Engine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "pglite";

/**
 * A database of the caller's own, copied from one of the run's templates, so
 * tests never see each other's rows and nothing is migrated or seeded twice.
 */
export async function createTestDatabase({ from = "migrated", onQuery }: Options = {}): Promise<TestDatabase> {
  if (engine === "postgres") return createPostgresDatabase(inject("postgresTemplates")[from], onQuery);
  const dump = fs.readFileSync(inject("pgliteTemplatePaths")[from]);
  const pglite = await createPGlite({ loadDataDir: new Blob([dump]) });
  return { ...embeddedHandle(pglite, "memory", { onQuery }), databaseUrl: null };
}

/** An empty database with no migrations applied, for migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  if (engine === "postgres") return createPostgresDatabase(null);
  return { ...embeddedHandle(await createPGlite({}), "memory"), databaseUrl: null };
}

async function createPostgresDatabase(template: string | null, onQuery?: Options["onQuery"]): Promise<TestDatabase> {
  const serverUrl = inject("postgresServerUrl");
  const name = `${inject("postgresPrefix")}_${randomUUID().slice(0, 8)}`;
  await adminQuery(serverUrl, `create database ${name}${template ? ` template ${template}` : ""}`);
  const databaseUrl = databaseUrlFor(serverUrl, name);
  const handle = await openDatabase({ databaseUrl, onQuery });
  return {
    ...handle,
    databaseUrl,
    async close() {
      await handle.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
