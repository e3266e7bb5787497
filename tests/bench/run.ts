// `npm run bench`: what a person receives, over HTTP, from `npm start`'s
// server in a process of its own, on PGlite and (with BENCH_DATABASE_URL or
// TEST_DATABASE_URL) on PostgreSQL: pages under load, a card move as the
// browser sends it, sign-in, the server's memory, page and script sizes, and
// the time until a 300-action board is usable in Chromium. Each load figure is
// the median of several runs. Prints a table; writes tests/bench/results/.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import pg from "pg";
import { findChromium, timeUntilUsable } from "./browser";
import { load, medianOfRuns, type LoadOptions, type LoadResult } from "./load";
import { LARGE_PLAN_ACTIONS, prepareBenchData, type BenchData } from "./prepare";
import { startBenchServer } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const BROWSER_RUNS = 5;
const REVALIDATE = "?_routes=root%2Croutes%2Fpartnership%2Flayout%2Croutes%2Fboard%2Froute";
/** BENCH_ONLY=public,boards,pages,moves,signIn,browser measures only those parts (all when unset). */
const ONLY = process.env.BENCH_ONLY?.split(",").map((part) => part.trim());
const measures = (part: "public" | "boards" | "pages" | "moves" | "signIn" | "browser") => !ONLY || ONLY.includes(part);

type Figures = Record<string, number>;

/** The page as the server writes it, and how it travels: raw, gzip and brotli. */
function pageSizes(url: string, cookie: string): Promise<{ raw: number; gzip: number; brotli: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { Cookie: cookie } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          // Compressed as the server compresses it (zlib's defaults, brotli quality 4).
          resolve({
            raw: body.length,
            gzip: gzipSync(body).length,
            brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
          });
        });
      })
      .on("error", reject);
  });
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: "partnership-demo" }),
  });
  const cookie = response.headers.get("Set-Cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`Signing in as ${email} answered ${response.status}`);
  return cookie;
}

async function benchEngine(name: string, env: Record<string, string>, data: BenchData): Promise<Figures> {
  const figures: Figures = {};
  const server = await startBenchServer(env);
  try {
    const cookie = await signIn(server.url, "leader@demo.test");
    const signedIn = { Cookie: cookie };
    const small = `/p/portsmouth/plans/${data.smallPlanId}`;
    const large = `/p/portsmouth/plans/${data.largePlanId}`;
    const loadOf = (label: string, options: Omit<LoadOptions, "seconds"> & { seconds?: number }) => {
      process.stdout.write(`  ${name}: ${label}…\n`);
      return medianOfRuns(RUNS, { ...options, seconds: options.seconds ?? SECONDS });
    };
    const record = (key: string, result: LoadResult) => {
      figures[`${key}.p50`] = result.p50;
      figures[`${key}.p95`] = result.p95;
      figures[`${key}.perSecond`] = result.perSecond;
      figures[`${key}.errors`] = result.errors;
      figures[`${key}.bytesEach`] = result.bytesEach;
    };

    // The 300-action plan's public page as anyone's browser, or a shared cache, asks for it: no cookie, answered from the kept page.
    if (measures("public")) {
      const publicPage = `${server.url}/public/portsmouth/${data.largePlanId}`;
      const sizes = await pageSizes(publicPage, "");
      figures["public300.raw"] = sizes.raw;
      figures["public300.brotli"] = sizes.brotli;
      for (const connections of [1, 50]) {
        const seconds = connections === 50 ? Math.max(SECONDS, 12) : SECONDS;
        record(`public300.c${connections}`, await loadOf(`public page at ${connections}`, { url: publicPage, connections, seconds }));
      }
    }

    for (const [key, boardPath] of measures("boards")
      ? ([
          ["board9", small],
          ["board300", large],
        ] as const)
      : []) {
      const sizes = await pageSizes(`${server.url}${boardPath}`, cookie);
      figures[`${key}.raw`] = sizes.raw;
      figures[`${key}.gzip`] = sizes.gzip;
      figures[`${key}.brotli`] = sizes.brotli;
      for (const connections of [1, 10, 50]) {
        const peakMemory = server.watchMemory();
        // 50 readers of a slow page need a longer run, or the run ends before most of them are answered.
        const seconds = connections === 50 ? Math.max(SECONDS, 12) : SECONDS;
        record(
          `${key}.c${connections}`,
          await loadOf(`board ${key} at ${connections}`, { url: `${server.url}${boardPath}`, connections, headers: signedIn, seconds }),
        );
        figures[`${key}.c${connections}.peakMB`] = peakMemory();
      }
    }
    figures.bytesPerCard = (figures["board300.raw"]! - figures["board9.raw"]!) / (LARGE_PLAN_ACTIONS - 9);

    for (const connections of measures("pages") ? [1, 10] : []) {
      record(`status.c${connections}`, await loadOf(`status page at ${connections}`, { url: `${server.url}${large}/status`, connections, headers: signedIn }));
      record(
        `history.c${connections}`,
        await loadOf(`history page at ${connections}`, { url: `${server.url}${large}/history`, connections, headers: signedIn }),
      );
    }

    // Each connection moves cards of its own between two columns, as fetcher POSTs followed by revalidation.
    let next = 0;
    const moveHeaders = { ...signedIn, "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Origin: server.url };
    if (measures("moves")) {
      const moves = await loadOf("moves at 20", {
        url: server.url,
        connections: 20,
        pairs: true,
        requests: [
          {
            method: "POST",
            path: `${large}.data`,
            headers: moveHeaders,
            setupRequest: (request, context) => {
              const connection = context as { card?: BenchData["largePlanActions"][number]; flip?: boolean };
              const card = (connection.card ??= data.largePlanActions[next++ % data.largePlanActions.length]!);
              connection.flip = !connection.flip;
              const status = connection.flip ? "in_progress" : "at_risk";
              return {
                ...request,
                body: new URLSearchParams({ intent: "move", actionId: card.id, objectiveId: card.objectiveId, status, placement: "top" }).toString(),
              };
            },
          },
          { method: "GET", path: `${large}.data${REVALIDATE}`, headers: signedIn },
        ],
      });
      record("move.c20", moves);
    }

    for (const connections of measures("signIn") ? [1, 4] : []) {
      const body = new URLSearchParams({ email: "leader@demo.test", password: "partnership-demo" }).toString();
      const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url };
      record(
        `signIn.c${connections}`,
        await loadOf(`sign-in at ${connections}`, {
          url: `${server.url}/login`,
          connections,
          expectStatus: 302,
          requests: [{ method: "POST", headers, body }],
        }),
      );
    }

    const chromium = measures("browser") ? findChromium() : null;
    if (chromium) {
      for (const [key, boardPath] of [
        ["board300", large],
        ["board9", small],
      ] as const) {
        process.stdout.write(`  ${name}: ${key} in Chromium…\n`);
        const times = (await timeUntilUsable(chromium, server.url, cookie, boardPath, BROWSER_RUNS)).sort((a, b) => a - b);
        figures[`${key}.usableMs`] = times[Math.floor(times.length / 2)]!;
      }
    }
    // A request the load generator did not time, so the last figures are not an idle server's.
    await load({ url: `${server.url}/healthz`, connections: 1, seconds: 1 });
  } finally {
    await server.stop();
  }
  return figures;
}

/** What a browser downloads for the board page: the entry and the board's route chain, with their imports. */
async function boardJavaScript(): Promise<Figures> {
  const assets = path.join(root, "build/server/assets");
  const buildFile = fs.readdirSync(assets).find((file) => file.startsWith("server-build"))!;
  const build = (await import(pathToFileURL(path.join(assets, buildFile)).href)) as {
    assets: { entry: { module: string; imports: string[] }; routes: Record<string, { module: string; imports?: string[] }> };
  };
  const chain = ["root", "routes/partnership/layout", "routes/plan/layout", "routes/board/route"].map((id) => build.assets.routes[id]!);
  const files = new Set([build.assets.entry, ...chain].flatMap((part) => [part.module, ...(part.imports ?? [])]));
  const figures: Figures = { files: files.size, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(root, "build/client", file));
    figures.raw! += bytes.length;
    figures.gzip! += gzipSync(bytes, { level: 9 }).length;
    figures.brotli! += brotliCompressSync(bytes).length;
  }
  return figures;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("show server_version");
  await client.end();
  return rows[0]!.server_version;
}

interface Row {
  label: string;
  key: string;
  show: (value: number) => string;
  target?: { text: string; met: (value: number) => boolean };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const msText = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const perSecond = (value: number) => `${value.toFixed(0)}/s`;
const count = (value: number) => value.toFixed(0);

const ROWS: Row[] = [
  { label: "Public page, 300 actions, raw / brotli", key: "public300.raw", show: kB },
  { label: "Public page, 300 actions, 1 conn., median", key: "public300.c1.p50", show: msText },
  { label: "Public page, 50 conn., p95", key: "public300.c50.p95", show: msText, target: { text: "≤ 50 ms", met: (value) => value <= 50 } },
  {
    label: "  pages per second",
    key: "public300.c50.perSecond",
    show: perSecond,
    target: { text: "≥ 1,000/s", met: (value) => value >= 1000 },
  },
  { label: "  errors", key: "public300.c50.errors", show: count, target: { text: "none", met: (value) => value === 0 } },
  { label: "Board HTML, 9 actions (raw / gzip / brotli)", key: "board9.raw", show: kB },
  { label: "Board HTML, 300 actions, raw", key: "board300.raw", show: kB, target: { text: "≤ 600 kB", met: (value) => value <= 600 * 1024 } },
  { label: "Board HTML, 300 actions, gzip", key: "board300.gzip", show: kB, target: { text: "≤ 60 kB", met: (value) => value <= 60 * 1024 } },
  { label: "Board HTML, 300 actions, brotli", key: "board300.brotli", show: kB },
  { label: "Board HTML per card (9 to 300 actions)", key: "bytesPerCard", show: (value) => `${value.toFixed(0)} B` },
  ...[9, 300].flatMap((size): Row[] =>
    [1, 10, 50].flatMap((connections): Row[] => [
      {
        label: `Board, ${size} actions, ${connections} conn., median`,
        key: `board${size}.c${connections}.p50`,
        show: msText,
        target: size === 300 && connections === 1 ? { text: "median ≤ 50 ms", met: (value) => value <= 50 } : undefined,
      },
      {
        label: `  p95`,
        key: `board${size}.c${connections}.p95`,
        show: msText,
        target: size === 300 && connections === 50 ? { text: "p95 ≤ 250 ms", met: (value) => value <= 250 } : undefined,
      },
      { label: `  pages per second`, key: `board${size}.c${connections}.perSecond`, show: perSecond },
      {
        label: `  errors`,
        key: `board${size}.c${connections}.errors`,
        show: count,
        target: size === 300 && connections === 50 ? { text: "none", met: (value) => value === 0 } : undefined,
      },
    ]),
  ),
  {
    label: "Server memory (peak RSS), 300 actions at 50 conn.",
    key: "board300.c50.peakMB",
    show: (value) => `${value} MB`,
    target: { text: "≤ 300 MB", met: (value) => value <= 300 },
  },
  { label: "Move (POST + revalidation), 20 conn., p50", key: "move.c20.p50", show: msText },
  { label: "  p95", key: "move.c20.p95", show: msText, target: { text: "≤ 80 ms", met: (value) => value <= 80 } },
  { label: "  moves per second", key: "move.c20.perSecond", show: perSecond, target: { text: "≥ 200/s", met: (value) => value >= 200 } },
  { label: "  errors", key: "move.c20.errors", show: count, target: { text: "none", met: (value) => value === 0 } },
  { label: "History, 100,000 events, 1 conn., p50", key: "history.c1.p50", show: msText },
  { label: "  p95", key: "history.c1.p95", show: msText, target: { text: "≤ 80 ms", met: (value) => value <= 80 } },
  { label: "History, 10 conn., p95", key: "history.c10.p95", show: msText },
  { label: "Status page, 300 actions, 1 conn., p50", key: "status.c1.p50", show: msText },
  { label: "Status page, 10 conn., p95", key: "status.c10.p95", show: msText },
  { label: "Sign-in (argon2id), 1 conn., p50", key: "signIn.c1.p50", show: msText },
  { label: "Sign-in, 4 conn., p95", key: "signIn.c4.p95", show: msText },
  { label: "  sign-ins per second", key: "signIn.c4.perSecond", show: perSecond },
  { label: "300-action board usable in Chromium", key: "board300.usableMs", show: msText, target: { text: "≤ 2 s", met: (value) => value <= 2000 } },
  { label: "9-action board usable in Chromium", key: "board9.usableMs", show: msText },
];

function table(engines: Record<string, Figures>, javascript: Figures): string {
  const names = Object.keys(engines);
  const cell = (row: Row, name: string) => {
    const value = engines[name]![row.key];
    if (value === undefined || Number.isNaN(value)) return "–";
    if (row.key === "public300.raw") return `${kB(value)} / ${kB(engines[name]!["public300.brotli"]!)}`;
    if (row.key === "board9.raw") return `${kB(value)} / ${kB(engines[name]!["board9.gzip"]!)} / ${kB(engines[name]!["board9.brotli"]!)}`;
    return row.show(value);
  };
  const met = (row: Row) => {
    if (!row.target) return "";
    const values = names.map((name) => engines[name]![row.key]).filter((value): value is number => value !== undefined);
    return values.length && values.every((value) => row.target!.met(value)) ? "met" : "**missed**";
  };
  const lines = [`| Figure | ${names.join(" | ")} | Target | |`, `|---|${names.map(() => "---:").join("|")}|---|---|`];
  for (const row of ROWS) lines.push(`| ${row.label} | ${names.map((name) => cell(row, name)).join(" | ")} | ${row.target?.text ?? ""} | ${met(row)} |`);
  const jsMet = javascript.gzip! <= 120 * 1024 ? "met" : "**missed**";
  lines.push(
    `| JavaScript the board loads (${javascript.files} files), gzip / brotli | ${kB(javascript.gzip!)} ` +
      `/ ${kB(javascript.brotli!)} |${names.length > 1 ? " |" : ""} ≤ 120 kB gzip | ${jsMet} |`,
  );
  return lines.join("\n");
}

async function main() {
  if (!fs.existsSync(path.join(root, "build/server/index.js")))
    execFileSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: "inherit" });
  const started = Date.now();
  const engines: Record<string, Figures> = {};

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-bench-"));
  try {
    process.stdout.write("PGlite: preparing the data…\n");
    const data = await prepareBenchData({ dataDir });
    engines.PGlite = await benchEngine("PGlite", { DATA_DIR: dataDir, DATABASE_URL: "" }, data);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let postgres: string | null = null;
  if (serverUrl) {
    const name = `pb_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      postgres = await postgresVersion(url.toString());
      process.stdout.write("PostgreSQL: preparing the data…\n");
      const data = await prepareBenchData({ databaseUrl: url.toString() });
      engines.PostgreSQL = await benchEngine("PostgreSQL", { DATABASE_URL: url.toString() }, data);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    process.stdout.write("Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure on a PostgreSQL server too.\n");
  }

  const javascript = await boardJavaScript();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim(),
  };
  const markdown = [
    table(engines, javascript),
    "",
    `Medians of ${RUNS} runs of ${SECONDS} s each (12 s at 50 connections; autocannon, from a separate process; server and load generator share ` +
      `${machine.cpus} cores of ${machine.cpuModel}), Node ` +
      `${machine.node}${postgres ? `, PostgreSQL ${postgres} on the same machine` : ""}, commit ${machine.commit}. ` +
      `Where engines differ, a target is met only when both meet it.`,
  ].join("\n");
  const results = { at: new Date().toISOString(), machine, runs: RUNS, secondsEach: SECONDS, engines, javascript };
  const folder = path.join(root, "tests/bench/results");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${results.at.replace(/[:.]/g, "-")}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(folder, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(folder, "latest.md"), `${markdown}\n`);
  process.stdout.write(`\n${markdown}\n\nTook ${((Date.now() - started) / 1000).toFixed(0)} s. Figures in tests/bench/results/latest.json.\n`);
}

await main();
