import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { health, serve } from "./support/servers";

// kill -9 gives the process no chance to close PGlite; what was committed must
// still be there when the folder is opened again.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function dataFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-crash-"));
  folders.push(folder);
  return folder;
}

/** Runs the crash writer until it has reported `commits` commits, then kills it with SIGKILL. */
function writeThenKill(dataDir: string, commits: number): Promise<string[]> {
  const writer = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "support/crash-writer.ts"), dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const committed: string[] = [];
  let pending = "";
  return new Promise((resolve, reject) => {
    writer.stdout!.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) committed.push(line.replace("committed ", ""));
      if (committed.length >= commits && writer.signalCode === null) writer.kill("SIGKILL");
    });
    writer.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(committed) : reject(new Error(`writer exited on its own (${signal})`))));
  });
}

describe("an embedded database killed with SIGKILL", () => {
  it("keeps every committed write, and opens again", async () => {
    const dataDir = dataFolder();
    const committed = await writeThenKill(dataDir, 40);

    const handle = await openDatabase({ dataDir });
    const rows = await handle.db.selectFrom("partnerships").select("slug").execute();
    const events = await handle.db.selectFrom("auditEvents").select("entityId").execute();
    await handle.close();

    const slugs = new Set(rows.map((row) => row.slug));
    expect(committed.filter((slug) => !slugs.has(slug))).toEqual([]);
    // The one in flight at the kill may have committed without being reported; no more.
    expect(rows.length - committed.length).toBeLessThanOrEqual(1);
    expect(events).toHaveLength(rows.length);
  });

  it("holds each demo partnership whole or not at all when the server is killed while seeding, and finishes on the next start", async () => {
    const dataDir = dataFolder();
    const first = await serve({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await first.waitForOutput(/Loading the demo partnerships/);
    await first.stop("SIGKILL");

    // Each demo partnership loads in a transaction of its own: Portsmouth (9 actions), then the Compact (56).
    const handle = await openDatabase({ dataDir });
    const partnerships = await handle.db.selectFrom("partnerships").select("id").execute();
    const actions = await handle.db.selectFrom("actions").select("id").execute();
    await handle.close();
    expect([0, 9, 65]).toContain(actions.length);
    expect(partnerships).toHaveLength([0, 9, 65].indexOf(actions.length));

    // The next start finishes the demo.
    const second = await serve({ DATA_DIR: dataDir, DATABASE_URL: "" });
    await second.waitForOutput(/Data: /);
    expect(await health(second)).toEqual({ status: 200, body: { status: "ok", database: "pglite" } });
    expect(await second.stop("SIGTERM")).toBe(0);
    const reopened = await openDatabase({ dataDir });
    expect(await reopened.db.selectFrom("actions").select("id").execute()).toHaveLength(65);
    await reopened.close();
  });
});
