import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { startServer, type RunningServer } from "../support/server";
import { DEMO_EMAILS, runFolder, savedSignInPath, templateFolder } from "./support/run-folder";
import { signInWithForm } from "./support/session";

// Made once per run: a data folder seeded with the demo partnerships, and a
// sign-in per demo role made through the real form, whose sessions are in that
// folder. Every worker copies the folder and reuses the sign-ins.

setup.describe.configure({ mode: "serial" });

let templateServer: RunningServer;

setup.beforeAll(async () => {
  // A fresh folder seeds the demo on first start: migrations and all, slow on a busy machine.
  setup.setTimeout(120_000);
  fs.rmSync(runFolder, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(savedSignInPath(DEMO_EMAILS[0])), { recursive: true });
  templateServer = await startServer({ DATABASE_URL: "", DATA_DIR: templateFolder, SEED_DEMO: "1" });
  const [outcome] = await templateServer.waitForOutput(/^(Loaded the demo partnerships|The database is not ready).*$/m, 100_000);
  expect(outcome, templateServer.output()).toMatch(/^Loaded the demo partnerships/);
});

for (const email of DEMO_EMAILS) {
  setup(`${email} signs in through the form, and the sign-in is kept for the tests`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL: templateServer.url });
    await signInWithForm(await context.newPage(), email);
    await context.storageState({ path: savedSignInPath(email) });
    await context.close();
  });
}

setup.afterAll(async () => {
  // SIGTERM closes PGlite cleanly: the copies open a whole folder that holds these sessions.
  if (templateServer) expect(await templateServer.stop(), templateServer.output()).toBe(0);
});
