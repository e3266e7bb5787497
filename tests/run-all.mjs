// `npm test`: typecheck, lint, build, unit and integration tests (PGlite, plus
// PostgreSQL when TEST_DATABASE_URL is set), the browser tests, then the
// resilience tests (faults, load and two instances, over HTTP).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);

const chromium = findChromium();
const steps = [
  ["Typecheck", bin("react-router"), ["typegen"], bin("tsc"), []],
  ["Lint", bin("eslint"), ["-c", ".ci/eslint.config.js", "--max-warnings", "0", "."]],
  ["Build", bin("react-router"), ["build"]],
  ["Unit and integration tests", bin("vitest"), ["run"]],
  ["Browser tests", bin("playwright"), ["test"]],
  ["Resilience tests (faults, load, two instances)", bin("vitest"), ["run", "-c", "tests/resilience/vitest.config.ts"]],
];

console.log(
  process.env.TEST_DATABASE_URL
    ? `Integration tests run on PGlite and on PostgreSQL (${redact(process.env.TEST_DATABASE_URL)}).`
    : "Integration tests run on PGlite only; set TEST_DATABASE_URL to run them on PostgreSQL too.",
);
const timings = [];
for (const [name, command, args, ...then] of steps) {
  const started = Date.now();
  console.log(`\n── ${name} ──`);
  run(command, args);
  if (then.length) run(then[0], then[1]);
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\nAll tests passed.\n${timings.join("\n")}`);

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CHROMIUM_PATH: chromium, CI: process.env.CI ?? "1" },
  });
  if (result.status !== 0) {
    console.error(`\n${path.basename(command)} ${args.join(" ")} failed.`);
    process.exit(result.status ?? 1);
  }
}

/** CHROMIUM_PATH, else the system Chromium, else install it where we may, else say how. */
function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (canInstall) {
    console.log("Chromium is missing; installing Debian's chromium package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = update.status === 0 && spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
    if (install && install.status === 0 && fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error(
    [
      "The browser tests need Chromium, and none was found.",
      "Install it (Debian/Ubuntu: `sudo apt-get install chromium`), or point CHROMIUM_PATH at a",
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
