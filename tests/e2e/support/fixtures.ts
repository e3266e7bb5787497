import fs from "node:fs";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { startServer, type RunningServer } from "../../support/server";
import { runFolder, templateFolder } from "./run-folder";

// Each worker serves its own copy of the seeded template, so workers never see
// each other's changes. The spec files one worker runs share its copy, in file
// order: a spec must pass whichever earlier specs ran before it.

export const test = base.extend<{ serverOutputOnFailure: void }, { workerServer: RunningServer }>({
  workerServer: [
    // Playwright reads a fixture's needs from its first parameter's pattern: this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      // workerIndex, not parallelIndex: a worker that replaces a failed one starts from the template again.
      await serveCopyOfTemplate(`worker-${workerInfo.workerIndex}`, use);
    },
    { scope: "worker", timeout: 90_000 },
  ],
  // Every page, request and browser.newContext() of the worker goes to its own server.
  baseURL: async ({ workerServer }, use) => use(workerServer.url),
  // What the server printed during a failed test (an error's stack, say) goes into its report.
  serverOutputOnFailure: [
    async ({ workerServer }, use, testInfo) => {
      const printedBefore = workerServer.output().length;
      await use();
      const printed = workerServer.output().slice(printedBefore);
      if (testInfo.status !== testInfo.expectedStatus && printed) await testInfo.attach("server output", { body: printed, contentType: "text/plain" });
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Copies the seeded template into a folder of the run's, serves it while `use`
 * runs, then stops the server and removes the folder. A spec whose changes others
 * must not see (publishing a review, say) overrides workerServer with a copy of
 * its own: a worker fixture of its own gives it a worker of its own. `prepare`
 * writes into the copy before it is served.
 */
export async function serveCopyOfTemplate(name: string, use: (server: RunningServer) => Promise<void>, prepare?: (dataFolder: string) => Promise<void>) {
  const dataFolder = path.join(runFolder, name);
  fs.rmSync(dataFolder, { recursive: true, force: true });
  // The setup stopped its server before this project began, so the template is closed and whole.
  fs.cpSync(templateFolder, dataFolder, { recursive: true });
  fs.rmSync(path.join(dataFolder, "partnership-board.lock"), { force: true });
  // Rows a spec needs that no screen makes (a failed email, say), written before the server opens the folder.
  if (prepare) await prepare(dataFolder);
  const server = await startServer({ DATABASE_URL: "", DATA_DIR: dataFolder });
  try {
    // The server listens before it opens the database; open it here, not in the first test's time.
    const [ready] = await server.waitForOutput(/^(Data: .*|The database is not ready.*)$/m, 60_000);
    if (!ready.startsWith("Data: ")) throw new Error(`The worker's server has no database:\n${server.output()}`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  await use(server);
  await server.stop();
  fs.rmSync(dataFolder, { recursive: true, force: true });
}
