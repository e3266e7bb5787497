import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { resetPassword } from "../../app/server/auth/password-resets.server";
import { acceptInvitation } from "../../app/server/people/invitations.server";
import { openDatabase } from "../../db/client";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("the command line", () => {
  it("starts a real partnership with no demo data: the first admin gets a link to choose a password", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "app/cli/db.ts",
        "admin",
        "--slug",
        "southsea",
        "--partnership",
        "Southsea Partnership",
        "--email",
        "Chair@Example.org",
        "--name",
        "Ann Chair",
        "--sector",
        "public",
        "--url",
        "https://board.example.org",
      ],
      { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "0" } },
    );
    const link = /https:\/\/board\.example\.org\/invitations\/([a-z2-7]{32})/.exec(stdout);
    expect(link, stdout).not.toBeNull();

    const handle = await openDatabase({ dataDir });
    try {
      expect(await handle.db.selectFrom("users").select("email").execute()).toEqual([{ email: "chair@example.org" }]);
      const accepted = await acceptInvitation(
        handle.db,
        link![1]!,
        { displayName: "Ann Chair", password: "a long passphrase for Ann", signedInUserId: null },
        { address: "cli", userAgent: "test" },
      );
      expect(accepted).toMatchObject({ outcome: "accepted", partnershipSlug: "southsea" });
      const membership = await handle.db.selectFrom("partnershipMemberships").select(["role", "sector"]).executeTakeFirstOrThrow();
      expect(membership).toEqual({ role: "admin", sector: "public" });
    } finally {
      await handle.close();
    }
  });

  it("prints a password reset link for the operator to pass on, once the person has an account", async () => {
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "0" };
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "app/cli/db.ts", "reset-link", "--email", "chair@example.org", "--url", "https://board.example.org"],
      { cwd: root, env },
    );
    const link = /https:\/\/board\.example\.org\/password-reset\/([a-z2-7]{32})/.exec(stdout);
    expect(link, stdout).not.toBeNull();
    const unknown = await run(process.execPath, ["--import", "tsx", "app/cli/db.ts", "reset-link", "--email", "nobody@example.org"], { cwd: root, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(unknown).toMatchObject({ code: 1 });
    expect((unknown as { stderr: string }).stderr).toContain("There is no account for nobody@example.org");

    const handle = await openDatabase({ dataDir });
    try {
      expect(await resetPassword(handle.db, link![1]!, "a new passphrase for Ann")).toMatchObject({ outcome: "reset" });
      expect(await resetPassword(handle.db, link![1]!, "another passphrase for Ann")).toEqual({ outcome: "link", state: "used" });
    } finally {
      await handle.close();
    }
  });

  it("seeds the demo once: on a folder that holds it already, it changes nothing", async () => {
    const seeded = fs.mkdtempSync(path.join(os.tmpdir(), "pb-cli-seeded-"));
    try {
      fs.cpSync(inject("pgliteDataFolders").demo, seeded, { recursive: true });
      const { stdout } = await run(process.execPath, ["--import", "tsx", "app/cli/db.ts", "seed"], {
        cwd: root,
        env: { ...process.env, DATA_DIR: seeded, DATABASE_URL: "" },
      });
      expect(stdout).toContain("Schema is up to date.");
      expect(stdout).toContain("Demo data is already there; nothing changed.");
    } finally {
      fs.rmSync(seeded, { recursive: true, force: true });
    }
  });

  it("says how to use it when the arguments are wrong", async () => {
    const failure = await run(process.execPath, ["--import", "tsx", "app/cli/db.ts", "admin", "--slug", "Bad Slug"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("Usage:");
  });
});
