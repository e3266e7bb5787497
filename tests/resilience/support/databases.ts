import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../db/client";
import { createEmptyDatabase, engine, type TestDatabase } from "../../integration/support/test-database";

/** Where a server under test keeps its data, and how to read it afterwards. */
export interface ServerData {
  /** The server's environment: DATABASE_URL, or DATA_DIR for PGlite; demo data on first start. */
  env: Record<string, string>;
  /**
   * Opens the data for checks. On PGlite only while no server holds the
   * folder; on PostgreSQL any time.
   */
  open(): Promise<DatabaseHandle>;
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An empty database of this test's own, which the first server to start migrates and fills with the demo. */
export async function demoServerData(): Promise<ServerData & { postgres: TestDatabase | null }> {
  if (engine === "postgres") {
    const database = await createEmptyDatabase();
    cleanups.push(() => database.close());
    return {
      postgres: database,
      env: { DATABASE_URL: database.databaseUrl!, SEED_DEMO: "1" },
      open: () => openDatabase({ databaseUrl: database.databaseUrl! }),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-resilience-"));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { postgres: null, env: { DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "1" }, open: () => openDatabase({ dataDir }) };
}
