// `npm run test:changed [-- <git ref>]`: the fast loop while working. Runs the
// unit and integration tests that import what changed since <ref> (default:
// the last commit, so uncommitted work), through Vitest's --changed, and the
// browser specs of the screens that changed: a spec names the route folders it
// covers in a `// Screens:` line. Before landing, run `npm test`.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfStale } from "../app/build-if-stale.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const since = process.argv[2] ?? "HEAD";
const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
const changed = [...new Set([...git("diff", "--name-only", since), ...git("ls-files", "--others", "--exclude-standard")])];
if (changed.length === 0) {
  console.log(`Nothing changed since ${since}.`);
  process.exit(0);
}

const projects = ["unit", "pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];
console.log(`── Unit and integration tests that import what changed since ${since} (${projects.join(", ")}) ──`);
// Tests that reach the app over HTTP run its production build, which Vitest cannot trace: run those by name when you change a screen.
run(bin("vitest"), ["run", "--changed", since, "--passWithNoTests", ...projects.flatMap((project) => ["--project", project])]);

const specs = browserSpecsFor(changed);
if (specs.length === 0) {
  console.log("\nNo browser spec covers what changed.");
} else {
  console.log(`\n── Browser specs for what changed: ${specs.map((spec) => path.basename(spec)).join(", ")} ──`);
  buildIfStale();
  run(bin("playwright"), ["test", ...specs]);
}

/** Specs that changed, or that name a changed screen; all of them when their shared support changed. */
function browserSpecsFor(files) {
  const specFolder = path.join(root, "tests/e2e");
  const all = fs
    .readdirSync(specFolder)
    .filter((name) => name.endsWith(".spec.ts"))
    .map((name) => `tests/e2e/${name}`);
  if (files.some((file) => file.startsWith("tests/e2e/support/") || file.endsWith(".setup.ts") || file === "playwright.config.ts")) return all;
  const screens = new Set(files.map((file) => /^app\/routes\/([^/.]+)/.exec(file)?.[1]).filter(Boolean));
  return all.filter((spec) => {
    if (files.includes(spec)) return true;
    const named = /^\/\/ Screens: ([^(\n]+)/m.exec(fs.readFileSync(path.join(root, spec), "utf8"))?.[1] ?? "";
    return named.split(/,\s*/).some((screen) => screens.has(screen.trim()));
  });
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CHROMIUM_PATH: process.env.CHROMIUM_PATH || "/usr/bin/chromium" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
