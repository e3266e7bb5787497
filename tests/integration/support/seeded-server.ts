import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { startServer, type RunningServer } from "../../support/server";
import type { Template } from "./global-setup";
import { createTestDatabase, engine, type TestDatabase } from "./test-database";

export interface SeededServer {
  server: RunningServer;
  /** Stops the server and removes its copy of the data. */
  close(): Promise<void>;
}

/**
 * `npm start`'s server for a whole test file, on its own copy of a seeded
 * template: a data folder on PGlite, a database on PostgreSQL. Ready once it
 * says where its data is.
 */
export async function serveSeededCopy(template: Exclude<Template, "migrated">, env: Record<string, string | undefined> = {}): Promise<SeededServer> {
  let database: TestDatabase | null = null;
  let dataDir: string | null = null;
  if (engine === "postgres") database = await createTestDatabase({ from: template });
  else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-server-"));
    fs.cpSync(inject("pgliteDataFolders")[template], dataDir, { recursive: true });
  }
  const server = await startServer({ DATABASE_URL: database?.databaseUrl ?? "", DATA_DIR: dataDir ?? undefined, ...env });
  await server.waitForOutput(/Data: /);
  return {
    server,
    async close() {
      await server.stop("SIGTERM");
      await database?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
