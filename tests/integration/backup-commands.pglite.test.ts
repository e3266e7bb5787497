import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ukToday } from "../../app/domain/dates";
import { boardPaths, mainText } from "./support/boards";
import { signedIn } from "./support/http";
import { serve } from "./support/servers";

// The operator's commands on the embedded database, as the README gives them:
// a backup while the app runs (the app writes it), a restore into a new
// folder, the app started on that folder, and the daily backups BACKUP_DIR keeps.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-backup-cli-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function command(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "app/cli/backup.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: "", ...env } });
}

describe("backing up and restoring the embedded database from the command line", () => {
  // Several processes one after another (commands, two servers), on a machine the rest of the suite shares.
  it("backs up while the app runs, restores into a new folder, and the app there signs people in and shows the same boards", async () => {
    const dataDir = path.join(folder, "data");
    fs.cpSync(inject("pgliteDataFolders").portsmouth, dataDir, { recursive: true });
    const backupDir = path.join(folder, "daily");
    fs.mkdirSync(backupDir);
    for (const day of ["2026-01-01", "2026-01-02", "2026-01-03"]) fs.writeFileSync(path.join(backupDir, `partnership-board-${day}.backup.gz`), "an old backup");
    fs.writeFileSync(path.join(backupDir, "notes.txt"), "not a backup");

    const original = await serve({ DATABASE_URL: "", DATA_DIR: dataDir, SEED_DEMO: "0", MAIL_SCHEDULE: "off", BACKUP_DIR: backupDir, BACKUP_KEEP: "2" });
    // The day's backup, written at start; of the older ones, only the newest is kept.
    await original.waitForOutput(/Daily backup: /);
    const today = `partnership-board-${ukToday(new Date())}.backup.gz`;
    expect(fs.readdirSync(backupDir).sort()).toEqual(["notes.txt", "partnership-board-2026-01-03.backup.gz", today]);

    const file = path.join(folder, "portsmouth.backup.gz");
    const backup = await command(["backup", "--out", file], { DATA_DIR: dataDir });
    expect(backup.stdout).toContain("The running app wrote it, from one moment of its database.");
    expect(backup.stdout).toMatch(/Wrote .*portsmouth\.backup\.gz: \d+ tables, \d+ rows, [\d.]+ kB, schema 0\d{3}_\w+\. Sign-ins \(sessions\) are not in it\./);
    // A second backup never overwrites the first.
    await expect(command(["backup", "--out", file], { DATA_DIR: dataDir })).rejects.toMatchObject({ stderr: expect.stringContaining("already exists") });

    const restoredDir = path.join(folder, "restored");
    const restored = await command(["restore", file, "--data-dir", restoredDir], {});
    expect(restored.stdout).toMatch(/Restored \d+ tables, \d+ rows from the backup taken .*; every table's checksum matches\./);
    expect(restored.stdout).toContain(`Start the app on it: DATA_DIR='${restoredDir}' npm start`);
    // Not over what it restored, nor over the running app's folder.
    for (const target of [restoredDir, dataDir]) {
      const refused = await command(["restore", file, "--data-dir", target], {}).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toMatch(/The target is not empty|is in use by process/);
    }

    const copy = await serve({ DATABASE_URL: "", DATA_DIR: restoredDir, SEED_DEMO: "0", MAIL_SCHEDULE: "off" });
    for (const email of ["admin@demo.test", "leader@demo.test", "councillor@demo.test"]) {
      const before = await signedIn(original.url, email);
      const after = await signedIn(copy.url, email);
      const boards = await boardPaths(before, ["portsmouth"]);
      expect(boards.length, email).toBeGreaterThan(0);
      expect(await boardPaths(after, ["portsmouth"])).toEqual(boards);
      for (const board of boards) expect(await mainText(after, board), `${email} on ${board}`).toBe(await mainText(before, board));
    }
  }, 240_000);
});
