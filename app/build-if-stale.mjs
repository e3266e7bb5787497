// `npm start` and the test suites build the app when there is no build or the
// source changed after it. Plain JavaScript: it runs before anything is built.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const serverBuildPath = path.join(root, "build/server/index.js");
const SOURCES = ["app", "db", "public", "package.json", "vite.config.ts", "react-router.config.ts"];

export function buildIfStale() {
  const builtAt = fs.existsSync(serverBuildPath) ? fs.statSync(serverBuildPath).mtimeMs : 0;
  if (builtAt > 0 && !SOURCES.some((source) => newerThan(path.join(root, source), builtAt))) return;
  console.log(builtAt ? "The source changed since the last build; building…" : "Building the app (first start)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    // A test runner's VITEST flag would switch the React Router plugin off (see vite.config.ts).
    env: { ...process.env, VITEST: "", NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}

function newerThan(target, time) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return false;
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  return fs.readdirSync(target).some((name) => newerThan(path.join(target, name), time));
}
