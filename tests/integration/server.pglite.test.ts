import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { health, serve } from "./support/servers";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function dataFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-data-"));
  folders.push(folder);
  return folder;
}

describe("the server on embedded PostgreSQL", () => {
  it("reports pglite on /healthz and seeds the demo partnerships on first start", async () => {
    const dataDir = dataFolder();
    const server = await serve({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await server.waitForOutput(/Data: embedded PostgreSQL \(PGlite\) in \S+/);

    expect(await health(server)).toEqual({ status: 200, body: { status: "ok", database: "pglite" } });
    expect(server.output()).toContain(dataDir);
  });

  it("shuts down cleanly on SIGTERM and keeps every row for the next start", async () => {
    const dataDir = dataFolder();
    const first = await serve({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await first.waitForOutput(/Data: /);

    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process/);
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain("Stopped cleanly.");

    const handle = await openDatabase({ dataDir });
    const actions = await handle.db.selectFrom("actions").select("id").execute();
    const events = await handle.db.selectFrom("auditEvents").select("id").execute();
    await handle.close();
    // Both demo partnerships: Portsmouth's 9 actions and the Compact's 56.
    expect(actions).toHaveLength(65);

    const second = await serve({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await second.waitForOutput(/Data: /);
    expect(await health(second)).toEqual({ status: 200, body: { status: "ok", database: "pglite" } });
    expect(await second.stop("SIGINT")).toBe(0);
    const reopened = await openDatabase({ dataDir });
    expect(await reopened.db.selectFrom("auditEvents").select("id").execute()).toEqual(events);
    await reopened.close();
  });
});
