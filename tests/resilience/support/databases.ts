import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../db/client";
import { createEmptyDatabase, createTestDatabase, engine, type TestDatabase } from "../../integration/support/test-database";

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

/**
 * A database of this test's own for servers under test, holding the demo as `npm start` leaves it
 * after its first start (a copy of the run's template); or, `empty`, one that the first server to
 * start migrates and fills with the demo.
 */
export async function demoServerData(startingAs: "demo" | "empty" = "demo"): Promise<ServerData & { postgres: TestDatabase | null }> {
  if (engine === "postgres") {
    const database = startingAs === "demo" ? await createTestDatabase({ from: "demo" }) : await createEmptyDatabase();
    cleanups.push(() => database.close());
    return {
      postgres: database,
      env: { DATABASE_URL: database.databaseUrl!, SEED_DEMO: "1" },
      open: () => openDatabase({ databaseUrl: database.databaseUrl! }),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-resilience-"));
  if (startingAs === "demo") fs.cpSync(inject("pgliteDataFolders").demo, dataDir, { recursive: true });
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { postgres: null, env: { DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "1" }, open: () => openDatabase({ dataDir }) };
}
