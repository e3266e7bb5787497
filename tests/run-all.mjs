// `npm test`: typecheck and lint (side by side), build, unit and integration
// tests (PGlite, then PostgreSQL when TEST_DATABASE_URL is set), the browser
// tests, then the resilience tests (faults, load and two instances, over
// HTTP). Ends with each step's time and the slowest test files.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
// Each test step writes its files' times here (see tests/support/file-timings-reporter.ts).
const timingsFolder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-test-times-"));
const timingsFile = (step) => path.join(timingsFolder, `${step}.json`);

const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const chromium = findChromium();
const postgres = Boolean(process.env.TEST_DATABASE_URL);
const vitest = (projects, step) => ({
  command: bin("vitest"),
  args: ["run", ...projects.flatMap((project) => ["--project", project])],
  env: { TEST_TIMINGS_FILE: timingsFile(step) },
});

/** Steps in order; the commands of one step run one after another, the steps of one stage side by side. */
const stages = [
  [
    {
      name: "Typecheck",
      commands: [
        { command: bin("react-router"), args: ["typegen"] },
        { command: bin("tsc"), args: [] },
      ],
    },
    {
      name: "Lint",
      commands: [
        { command: bin("eslint"), args: ["-c", ".ci/eslint.config.js", "--max-warnings", "0", "."] },
        // The formatter's check: the same files as npm run format writes.
        { command: bin("prettier"), args: ["--check", "{app,db,tests}/**/*.{ts,tsx,mjs,js}", ".ci/*.js", "*.ts"] },
      ],
    },
  ],
  [{ name: "Build", commands: [{ command: bin("react-router"), args: ["build"] }] }],
  // Side by side: the PostgreSQL tests spend much of their time waiting on the server's disk.
  [
    { name: "Unit tests, and integration tests on PGlite", commands: [vitest(["unit", "pglite"], "pglite")] },
    ...(postgres ? [{ name: "Integration tests on PostgreSQL", commands: [vitest(["postgres"], "postgres")] }] : []),
  ],
  [
    {
      name: "Browser tests",
      commands: [{ command: bin("playwright"), args: ["test", "--reporter=list,json"], env: { PLAYWRIGHT_JSON_OUTPUT_FILE: timingsFile("browser") } }],
    },
  ],
  [
    {
      name: "Resilience tests (faults, load, two instances)",
      commands: [{ command: bin("vitest"), args: ["run", "-c", "tests/resilience/vitest.config.ts"], env: { TEST_TIMINGS_FILE: timingsFile("resilience") } }],
    },
  ],
];

console.log(
  postgres
    ? `Integration tests run on PGlite and on PostgreSQL (${redact(process.env.TEST_DATABASE_URL)}).`
    : "Integration tests run on PGlite only; set TEST_DATABASE_URL to run them on PostgreSQL too.",
);
const started = Date.now();
const stepTimes = [];
for (const stage of stages) {
  const outcomes = await Promise.all(stage.map(runStep));
  const failed = outcomes.find((outcome) => outcome.failed);
  if (failed) {
    summarise(`\n${failed.name} failed.`);
    process.exit(1);
  }
}
summarise("\nAll tests passed.");
fs.rmSync(timingsFolder, { recursive: true, force: true });

async function runStep(step) {
  const stepStarted = Date.now();
  console.log(`\n── ${step.name} ──`);
  let failed = false;
  for (const { command, args, env } of step.commands) {
    const status = await run(command, args, env);
    if (status !== 0) {
      console.error(`\n${path.basename(command)} ${args.join(" ")} failed.`);
      failed = true;
      break;
    }
  }
  stepTimes.push(`${step.name}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s${failed ? " (failed)" : ""}`);
  return { name: step.name, failed };
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, CHROMIUM_PATH: chromium, CI: process.env.CI ?? "1", ...env },
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Each step's time, the whole run's, and the ten slowest test files of every suite. */
function summarise(outcome) {
  console.log(outcome);
  console.log(`\nTime per step (${((Date.now() - started) / 1000).toFixed(1)} s in all; typecheck and lint run side by side):`);
  for (const line of stepTimes) console.log(`  ${line}`);
  const files = [...readVitestTimings(), ...readPlaywrightTimings()].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
  if (files.length === 0) return;
  console.log("\nSlowest test files (setup and hooks included):");
  for (const { suite, file, seconds } of files) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${suite.padEnd(20)} ${file}`);
}

function readVitestTimings() {
  return ["pglite", "postgres", "resilience"].flatMap((step) => readJson(timingsFile(step)) ?? []);
}

/** Playwright's JSON report, summed per spec file. */
function readPlaywrightTimings() {
  const report = readJson(timingsFile("browser"));
  if (!report) return [];
  const perFile = new Map();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      const seconds = spec.tests.flatMap((test) => test.results).reduce((sum, result) => sum + result.duration / 1000, 0);
      const file = path.join("tests/e2e", spec.file);
      perFile.set(file, (perFile.get(file) ?? 0) + seconds);
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return [...perFile].map(([file, seconds]) => ({ suite: "playwright", file, seconds }));
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** CHROMIUM_PATH, else the system Chromium, else install it where we may, else say how. */
function findChromium() {
  // Chromium's headless shell first: the same engine without the full browser's shell, and the
  // browser tests run about a sixth faster in it.
  const candidates = [process.env.CHROMIUM_PATH, HEADLESS_SHELL, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (canInstall) {
    console.log("Chromium is missing; installing Debian's chromium-headless-shell package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = update.status === 0 && spawnSync("apt-get", ["install", "-y", "-qq", "chromium-headless-shell"], { stdio: "inherit", env });
    if (install && install.status === 0 && fs.existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL;
  }
  console.error(
    [
      "The browser tests need Chromium, and none was found.",
      "Install it (Debian: `sudo apt-get install chromium-headless-shell`, or `chromium`), or point CHROMIUM_PATH at a",
      "Chromium or Chrome binary, then run `npm test` again.",
    ].join("\n"),
  );
  process.exit(1);
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return url;
  }
}
