import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../db/client";

// The operator's erasure and purge, as `npm run db:erase-person` and
// `npm run db:purge-security-log` run them, on a copy of the Portsmouth demo's data folder.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-erase-cli-"));
  fs.cpSync(inject("pgliteDataFolders").portsmouth, dataDir, { recursive: true });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const db = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "app/cli/db.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "0" },
  });
const failure = (...args: string[]) => db(...args).catch((error: { code: number; stdout: string; stderr: string }) => error);

async function samsRow() {
  const handle = await openDatabase({ dataDir });
  try {
    return await handle.db
      .selectFrom("users")
      .select(["displayName", "email", "erasedAt"])
      .where("email", "in", ["leader@demo.test", "former-member-1@erased.invalid"])
      .execute();
  } finally {
    await handle.close();
  }
}

describe("erasing a person from the command line", () => {
  it("lists what a dry run would change, and changes nothing", async () => {
    const { stdout } = await db("erase-person", "--email", "leader@demo.test", "--dry-run");
    expect(stdout).toContain(
      "Dry run: nothing was changed. Erasing Sam Patel <leader@demo.test> would make them Former member 1 <former-member-1@erased.invalid>.",
    );
    expect(stdout).toContain("Partnerships: Portsmouth Public Sector & Voluntary and Community Sector (notes' text removed)");
    expect(stdout).toContain("  progress_notes.body: 2 text removed");
    expect(stdout).toContain("  users: 1 replaced");
    expect(await samsRow()).toEqual([{ displayName: "Sam Patel", email: "leader@demo.test", erasedAt: null }]);
  });

  it("sets the partnership's policy on notes' text, which the dry run then shows", async () => {
    const { stdout } = await db("erasure-policy", "--slug", "portsmouth", "--notes", "keep");
    expect(stdout).toContain("Saved: in portsmouth, an erased person's progress notes keep their text, with their name replaced.");
    const dryRun = await db("erase-person", "--email", "leader@demo.test", "--dry-run");
    expect(dryRun.stdout).toContain("Partnerships: Portsmouth Public Sector & Voluntary and Community Sector (notes' text kept)");
    expect(dryRun.stdout).not.toContain("text removed");
    expect((await db("erasure-policy", "--slug", "portsmouth", "--notes", "remove")).stdout).toContain("Saved: in portsmouth");
    const unknown = await failure("erasure-policy", "--slug", "nowhere", "--notes", "keep");
    expect((unknown as { stderr: string }).stderr).toContain("There is no partnership nowhere");
  });

  it("erases them, saying what changed, and refuses a second time", async () => {
    const { stdout } = await db("erase-person", "--email", "leader@demo.test");
    expect(stdout).toContain("Erased: leader@demo.test is now Former member 1 <former-member-1@erased.invalid>.");
    expect(stdout).toContain("  progress_notes.body: 2 text removed");
    expect(await samsRow()).toEqual([{ displayName: "Former member 1", email: "former-member-1@erased.invalid", erasedAt: expect.any(Date) }]);

    const again = await failure("erase-person", "--email", "leader@demo.test");
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toContain("There is no account for leader@demo.test");
    const usage = await failure("erase-person");
    expect((usage as { stderr: string }).stderr).toContain("npm run db:erase-person -- --email <email> [--dry-run]");
  });

  it("purges the security log, keeping at least 30 days", async () => {
    const { stdout } = await db("purge-security-log");
    expect(stdout).toContain("Removed 0 security-log entries (refused page visits and failed sign-ins) older than 400 days.");
    const tooShort = await failure("purge-security-log", "--days", "7");
    expect(tooShort).toMatchObject({ code: 1 });
    expect((tooShort as { stderr: string }).stderr).toContain("Keep at least 30 days of the security log");
  });
});
