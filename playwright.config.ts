import fs from "node:fs";
import { defineConfig } from "@playwright/test";
// Sets the run's folder in the runner, before any worker starts (workers inherit it).
import "./tests/e2e/support/run-folder";

export default defineConfig({
  testDir: "tests/e2e",
  // Files run in parallel, each worker on its own server and database copy; a
  // file's tests stay in order in one worker (some follow on from the last).
  fullyParallel: false,
  // Two keep both cores busy; a third only adds contention (slower, measured).
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    // Recording a trace of every test costs about a tenth of the run; a failure
    // still leaves a screenshot and the page's snapshot (error-context.md).
    // To record one: npx playwright test --trace retain-on-failure
    trace: "off",
    screenshot: "only-on-failure",
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      // Playwright cannot download browsers here: the system Chromium, its headless shell when installed.
      executablePath: process.env.CHROMIUM_PATH || ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => fs.existsSync(path)),
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  projects: [
    // Seeds the template database and saves a sign-in per demo role (tests/e2e/sign-in.setup.ts).
    { name: "setup", testMatch: /sign-in\.setup\.ts$/, teardown: "clean-up" },
    { name: "clean-up", testMatch: /clean-up\.teardown\.ts$/ },
    // baseURL comes from each worker's own server (tests/e2e/support/fixtures.ts).
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
});
