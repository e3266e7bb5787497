import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { checksumsOf, compareFacts } from "../../db/backup";
import { openDatabase } from "../../db/client";
import { boardPaths, mainText } from "./support/boards";
import { adminQuery, databaseUrlFor } from "./support/global-setup";
import { signedIn } from "./support/http";
import { serve } from "./support/servers";

// "When you outgrow one machine": the demo, started on the embedded database,
// copied into an empty PostgreSQL database with `npm run db:copy`, and the
// app started on the copy. (A PostgreSQL-only file: it needs both engines.)

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-copy-"));
const targetName = `${inject("postgresPrefix")}_copy`;
const targetUrl = databaseUrlFor(inject("postgresServerUrl"), targetName);
afterAll(async () => {
  await adminQuery(inject("postgresServerUrl"), `drop database if exists ${targetName} with (force)`);
  fs.rmSync(folder, { recursive: true, force: true });
});

function cli(file: string, args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", file, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: "", ...env } });
}

describe("db:copy from the embedded database to PostgreSQL", () => {
  // Several processes one after another (commands, two servers), on a machine the rest of the suite shares.
  it("copies the demo, both partnerships and all their history, table for table; the app on the copy shows the same boards", async () => {
    const dataDir = path.join(folder, "data");
    await cli("app/cli/db.ts", ["seed"], { DATA_DIR: dataDir });
    await adminQuery(inject("postgresServerUrl"), `create database ${targetName}`);

    const { stdout } = await cli("app/cli/backup.ts", ["copy", "--to", targetUrl], { DATA_DIR: dataDir });
    expect(stdout).toMatch(/Copied \d+ tables, \d+ rows; every table's row count and checksum are the same in both\./);
    expect(stdout).toContain(`DATABASE_URL='${targetUrl}' npm start`);
    expect(stdout).not.toContain("DIFFERENT");

    // Checked again here, by reading both databases: every table, history and sign-ins included.
    const source = await openDatabase({ dataDir });
    const sourceFacts = await checksumsOf(source.db).finally(() => source.close());
    const target = await openDatabase({ databaseUrl: targetUrl });
    const targetFacts = await checksumsOf(target.db).finally(() => target.close());
    expect(targetFacts.map((facts) => facts.table)).toEqual(sourceFacts.map((facts) => facts.table));
    expect(compareFacts(sourceFacts, targetFacts)).toEqual([]);
    for (const table of ["audit_events", "progress_notes", "partnerships", "actions"]) {
      expect(sourceFacts.find((facts) => facts.table === table)!.rows, table).toBeGreaterThan(0);
    }
    // And a second copy into the now-full database is refused.
    await expect(cli("app/cli/backup.ts", ["copy", "--to", targetUrl], { DATA_DIR: dataDir })).rejects.toMatchObject({
      stderr: expect.stringContaining("The target is not empty"),
    });

    const embedded = await serve({ DATABASE_URL: "", DATA_DIR: dataDir, SEED_DEMO: "0", MAIL_SCHEDULE: "off" });
    const copied = await serve({ DATABASE_URL: targetUrl, SEED_DEMO: "0", MAIL_SCHEDULE: "off" });
    for (const email of ["admin@demo.test", "facilitator@demo.test", "councillor@demo.test"]) {
      const before = await signedIn(embedded.url, email);
      const after = await signedIn(copied.url, email);
      const boards = await boardPaths(before, ["portsmouth", "hertfordshire"]);
      expect(boards.length, email).toBeGreaterThan(0);
      expect(await boardPaths(after, ["portsmouth", "hertfordshire"])).toEqual(boards);
      for (const board of boards) expect(await mainText(after, board), `${email} on ${board}`).toBe(await mainText(before, board));
    }
  }, 240_000);
});
