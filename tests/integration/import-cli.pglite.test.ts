import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../db/client";

// `npm run import`: the web import's preview and validation from a shell,
// with exit codes a script can act on. It runs on PGlite in a folder of its
// own: a copy of the run's seeded demo folder, what `npm run db:seed` makes.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const appendixA = path.join(root, "tests/fixtures/appendix-a.tsv");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-import-cli-"));
fs.cpSync(inject("pgliteDataFolders").demo, dataDir, { recursive: true });
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

type Outcome = { code: number; stdout: string; stderr: string };
async function importCli(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "app/cli/import.ts", ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return error as Outcome;
  }
}

async function planTitles(): Promise<string[]> {
  const handle = await openDatabase({ dataDir });
  try {
    return (await handle.db.selectFrom("plans").select("title").orderBy("title").execute()).map((plan) => plan.title);
  } finally {
    await handle.close();
  }
}

describe("npm run import", () => {
  it("--dry-run prints the preview and writes nothing (exit 0)", async () => {
    const before = await planTitles();
    const { code, stdout } = await importCli("--partnership", "portsmouth", "--dry-run", appendixA);
    expect(code).toBe(0);
    expect(stdout).toContain("appendix-a.tsv: 2 objectives, 9 actions; 19 leads matched to people and groups, 2 outside bodies; 2 actions undated.");
    expect(stdout).toContain(
      "Leads: PCC Efficiencies Board (group), David Williams (person), Tracy Sanders (person), JSNA team (outside body). Timescale: June 2010 (2010-06-30).",
    );
    expect(stdout).toContain("Dry run: nothing was written.");
    expect(await planTitles()).toEqual(before);
  });

  it("imports the plan with its steward group (exit 0), recorded as the operator's", async () => {
    const { code, stdout } = await importCli(
      "--partnership",
      "portsmouth",
      "--title",
      "Appendix A from the shell",
      "--steward",
      "third sector leadership group",
      appendixA,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Imported "Appendix A from the shell": 2 objectives, 9 actions, in \d+\.\d s\./);
    const handle = await openDatabase({ dataDir });
    try {
      const plan = await handle.db.selectFrom("plans").select("id").where("title", "=", "Appendix A from the shell").executeTakeFirstOrThrow();
      const stewards = await handle.db
        .selectFrom("planStewards")
        .innerJoin("groups", "groups.id", "planStewards.groupId")
        .select("groups.name")
        .where("planId", "=", plan.id)
        .execute();
      expect(stewards).toEqual([{ name: "Third Sector Leadership Group" }]);
      const events = await handle.db.selectFrom("auditEvents").select(["verb", "actorRole", "actorUserId"]).where("planId", "=", plan.id).execute();
      expect(events).toEqual([{ verb: "imported", actorRole: "system", actorUserId: null }]);
    } finally {
      await handle.close();
    }
  });

  it("lists a file's problems with their lines and writes nothing (exit 1)", async () => {
    const bad = path.join(dataDir, "bad.csv");
    fs.writeFileSync(bad, "Objective,Action,Status\n1. Aim,1. Do it,Someday\n,1. Again,\n");
    const before = await planTitles();
    const { code, stdout, stderr } = await importCli("--partnership", "portsmouth", "--title", "Bad", bad);
    expect(code).toBe(1);
    expect(stdout).toContain('Line 2: "Someday" is not a status we know.');
    expect(stdout).toContain("Line 3: Action 1.1 appears twice (line 2 and line 3).");
    expect(stderr).toContain("Nothing was written");
    expect(await planTitles()).toEqual(before);
  });

  it("refuses a Word document with what to do instead (exit 1)", async () => {
    const docx = path.join(dataDir, "plan.docx");
    fs.writeFileSync(docx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]));
    const { code, stderr } = await importCli("--partnership", "portsmouth", "--title", "Word", docx);
    expect(code).toBe(1);
    expect(stderr).toContain("Save As");
  });

  it("needs --as for Done actions, and imports them as that admin's proposals", async () => {
    const done = path.join(dataDir, "done.csv");
    fs.writeFileSync(done, "Objective,Action,Status\nAim,Finished it,Done\n");
    const operator = await importCli("--partnership", "portsmouth", "--title", "Done", done);
    expect(operator.code).toBe(1);
    expect(operator.stderr).toContain("give --as <email>");
    const asAdmin = await importCli("--partnership", "portsmouth", "--title", "Done", "--as", "admin@demo.test", done);
    expect(asAdmin.code).toBe(0);
  });

  it("says how to use it when the arguments are wrong (exit 2)", async () => {
    for (const args of [
      [],
      ["--partnership", "portsmouth", appendixA],
      ["--partnership", "nowhere", "--title", "X", appendixA],
      ["--partnership", "portsmouth", "--title", "X", "missing.csv"],
      ["--bogus"],
    ]) {
      const { code, stderr } = await importCli(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.length, args.join(" ")).toBeGreaterThan(0);
    }
  });
});
