import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { inject } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { createTestDatabase, engine, type TestDatabase } from "./test-database";

const root = path.resolve(import.meta.dirname, "../../..");

interface ServerModule {
  compressResponses: express.RequestHandler;
  securityHeaders: express.RequestHandler;
  handleRequest: express.RequestHandler;
  prepareDatabase(): Promise<DatabaseHandle>;
  closeDatabase(): Promise<void>;
  stopLiveUpdates(): Promise<void>;
}

export interface TestApp {
  url: string;
  /** The app's own database handle: tests read and write what the app sees. */
  db: DatabaseHandle["db"];
  close(): Promise<void>;
}

/**
 * The production build, served in this test process on a free port, over a
 * database of its own holding the Portsmouth demo: a copy of the run's
 * template (a data folder for PGlite, a database for PostgreSQL). Call once
 * per test file (each file has its own process).
 */
export async function startApp(): Promise<TestApp> {
  let database: TestDatabase | null = null;
  let dataDir: string | null = null;
  if (engine === "postgres") {
    database = await createTestDatabase({ from: "portsmouth" });
    process.env.DATABASE_URL = database.databaseUrl!;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-app-"));
    fs.cpSync(inject("pgliteDataFolders").portsmouth, dataDir, { recursive: true });
    process.env.DATABASE_URL = "";
    process.env.DATA_DIR = dataDir;
  }
  process.env.NODE_ENV = "production";
  // The tests' fixture is Portsmouth alone, copied above: the app would add the Compact.
  process.env.SEED_DEMO = "0";
  // vite.config.ts has Node load the build itself, not Vitest, so the build and
  // its dependencies share one copy of react-router, as in production.
  const module = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerModule;
  const handle = await module.prepareDatabase();

  const app = express();
  app.disable("x-powered-by");
  // As app/serve.mjs serves it: compressed as the client asks.
  app.use(module.compressResponses);
  app.use(module.securityHeaders);
  app.use(module.handleRequest);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    db: handle.db,
    async close() {
      await module.stopLiveUpdates();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await module.closeDatabase();
      if (database) await database.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
