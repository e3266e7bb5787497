import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
// A fresh embedded database per run, seeded with the demo partnership on start.
const dataDir = path.join(os.tmpdir(), `partnership-board-e2e-${port}`);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      // Playwright cannot download browsers here; tests/run-all.mjs finds the system Chromium.
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  webServer: {
    command: `node -e "require('fs').rmSync(process.env.DATA_DIR, { recursive: true, force: true })" && node app/serve.mjs`,
    url: `http://127.0.0.1:${port}/healthz`,
    env: { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "" },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
  },
});
