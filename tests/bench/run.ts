// `npm run bench`: what a person receives, over HTTP, from `npm start`'s
// server in a process of its own, on PGlite and (with BENCH_DATABASE_URL or
// TEST_DATABASE_URL) on PostgreSQL: pages under load, a card move as the
// browser makes it (recorded in Chromium), sign-in, the server's memory, page
// and script sizes, and the time until a 300-action board is usable in
// Chromium. Each load figure is the median of several runs. Prints a table
// against issue 30's targets; writes tests/bench/results/ and, after a full
// run, the README's table.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type autocannon from "autocannon";
import pg from "pg";
import { findChromium, recordMove, timeUntilUsable, type RecordedRequest } from "./browser";
import { medianOfRuns, type LoadOptions, type LoadResult } from "./load";
import { LARGE_PLAN_ACTIONS, prepareBenchData, type BenchData } from "./prepare";
import { startBenchServer } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const BROWSER_RUNS = 5;
/** Seconds of each run at 50 connections: 50 readers of a slow page need longer, or the run ends before most are answered. */
const SECONDS_AT_50 = Math.max(SECONDS, 12);
/** Without Chromium to record a move, what a move was when issue 30 was written: its POST and one revalidation. */
const REVALIDATE = "?_routes=root%2Croutes%2Fpartnership%2Flayout%2Croutes%2Fboard%2Froute";
/** How long the server may take to answer one request outside a load run before the engine's bench stops. */
const ANSWER_WITHIN_MS = 30_000;
const PARTS = ["public", "boards", "pages", "moves", "signIn", "browser"] as const;
/** BENCH_ONLY=public,boards,… measures only those parts (all when unset). */
const ONLY = process.env.BENCH_ONLY?.split(",").map((part) => part.trim());
const measures = (part: (typeof PARTS)[number]) => !ONLY || ONLY.includes(part);

type Figures = Record<string, number>;
/** An engine's figures, and what a reader must know about them (a part measured otherwise, or not at all). */
interface EngineRun {
  figures: Figures;
  notes: string[];
  /** The requests of one move as replayed under load (recorded in Chromium, or the fallback). */
  moveRequests?: RecordedRequest[];
}

/** The page as the server writes it, and how it travels: raw, gzip and brotli. */
function pageSizes(url: string, cookie: string): Promise<{ raw: number; gzip: number; brotli: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { Cookie: cookie }, timeout: ANSWER_WITHIN_MS }, (response) => {
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
      .on("timeout", () => reject(new Error(`GET ${url} was not answered within ${ANSWER_WITHIN_MS / 1000} s`)))
      .on("error", reject);
  });
}

/** Throws, saying so, if the server no longer answers (a load run may leave it unable to). */
async function stillAnswers(baseUrl: string, after: string): Promise<void> {
  const answer = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) }).catch(() => null);
  if (answer?.status !== 200)
    throw new Error(`the server stopped answering after ${after} (/healthz: ${answer ? answer.status : `no answer within ${ANSWER_WITHIN_MS / 1000} s`})`);
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: "partnership-demo" }),
  });
  const cookie = response.headers.get("Set-Cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`Signing in as ${email} answered ${response.status}`);
  return cookie;
}

/** A move's POST body for another card: the same fields the browser sent, for this card, to this column. */
function moveBody(recorded: string, card: BenchData["largePlanActions"][number], status: string): string {
  const fields = new URLSearchParams(recorded);
  fields.set("actionId", card.id);
  fields.set("objectiveId", card.objectiveId);
  fields.set("status", status);
  return fields.toString();
}

async function benchEngine(name: string, env: Record<string, string>, data: BenchData): Promise<EngineRun> {
  const figures: Figures = {};
  const notes: string[] = [];
  let moveRequests: RecordedRequest[] | undefined;
  const server = await startBenchServer(env);
  let step = "signing in";
  try {
    const cookie = await signIn(server.url, "leader@demo.test");
    const signedIn = { Cookie: cookie };
    const small = `/p/portsmouth/plans/${data.smallPlanId}`;
    const large = `/p/portsmouth/plans/${data.largePlanId}`;
    const loadOf = async (label: string, options: Omit<LoadOptions, "seconds"> & { seconds?: number }) => {
      step = label;
      process.stdout.write(`  ${name}: ${label}…\n`);
      const result = await medianOfRuns(RUNS, { ...options, seconds: options.seconds ?? SECONDS });
      await stillAnswers(server.url, label);
      return result;
    };
    const record = (key: string, result: LoadResult) => {
      figures[`${key}.p50`] = result.p50;
      figures[`${key}.p95`] = result.p95;
      figures[`${key}.perSecond`] = result.perSecond;
      figures[`${key}.errors`] = result.errors;
      figures[`${key}.bytesEach`] = result.bytesEach;
    };
    /** A load at 1, 10 or 50 connections; at 50 the server's peak RSS over the runs is kept too. */
    const recordAt = async (key: string, label: string, options: Omit<LoadOptions, "seconds" | "connections">, connections: number) => {
      const peakMemory = server.watchMemory();
      record(
        `${key}.c${connections}`,
        await loadOf(`${label} at ${connections}`, { ...options, connections, seconds: connections === 50 ? SECONDS_AT_50 : SECONDS }),
      );
      if (connections === 50) figures[`${key}.c50.peakMB`] = peakMemory();
    };

    // The 300-action plan's public page as anyone's browser, or a shared cache, asks for it: no cookie, answered from the kept page.
    if (measures("public")) {
      const publicPage = `${server.url}/public/portsmouth/${data.largePlanId}`;
      step = "the public page's size";
      const sizes = await pageSizes(publicPage, "");
      figures["public300.raw"] = sizes.raw;
      figures["public300.brotli"] = sizes.brotli;
      for (const connections of [1, 50]) await recordAt("public300", "public page", { url: publicPage }, connections);
    }

    for (const [key, boardPath] of measures("boards")
      ? ([
          ["board9", small],
          ["board300", large],
        ] as const)
      : []) {
      step = `${key}'s size`;
      const sizes = await pageSizes(`${server.url}${boardPath}`, cookie);
      figures[`${key}.raw`] = sizes.raw;
      figures[`${key}.gzip`] = sizes.gzip;
      figures[`${key}.brotli`] = sizes.brotli;
      for (const connections of [1, 10, 50]) await recordAt(key, `board ${key}`, { url: `${server.url}${boardPath}`, headers: signedIn }, connections);
    }
    figures.bytesPerCard = (figures["board300.raw"]! - figures["board9.raw"]!) / (LARGE_PLAN_ACTIONS - 9);

    for (const connections of measures("pages") ? [1, 10] : []) {
      record(`status.c${connections}`, await loadOf(`status page at ${connections}`, { url: `${server.url}${large}/status`, connections, headers: signedIn }));
      record(
        `history.c${connections}`,
        await loadOf(`history page at ${connections}`, { url: `${server.url}${large}/history`, connections, headers: signedIn }),
      );
    }

    const chromium = findChromium();
    if (measures("moves")) {
      // The requests one move makes, as Chromium makes them for a keyboard move; a guess of them without Chromium.
      step = "recording a move in Chromium";
      const recorded: RecordedRequest[] = chromium
        ? await recordMove(chromium, server.url, cookie, large)
        : [
            {
              method: "POST",
              path: `${large}.data`,
              headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Origin: server.url },
              body: new URLSearchParams({ intent: "move", placement: "top" }).toString(),
              status: 200,
            },
            { method: "GET", path: `${large}.data${REVALIDATE}`, headers: {}, status: 200 },
          ];
      if (!chromium) notes.push(`${name}: no Chromium to record a move in, so a move was sent as its POST and one revalidating GET.`);
      process.stdout.write(
        `  ${name}: a move makes ${recorded.length} requests: ${recorded.map((request) => `${request.method} ${request.path}`).join(", ")}\n`,
      );
      figures["move.requestsEach"] = recorded.length;
      moveRequests = recorded;
      const badAnswers = recorded.filter((request) => request.status !== 200);
      if (badAnswers.length)
        notes.push(`${name}: in Chromium, ${badAnswers.map((request) => `${request.method} ${request.path} answered ${request.status}`).join("; ")}.`);
      // Each connection moves a card of its own, back and forth between two columns, with the requests the browser made.
      const sequenceFor = (connection: number): autocannon.Request[] => {
        const card = data.largePlanActions[connection % data.largePlanActions.length]!;
        let toInProgress = false;
        return recorded.map((request) => {
          const replayed: autocannon.Request = {
            method: request.method as autocannon.Request["method"],
            path: request.path,
            headers: { ...signedIn, ...request.headers },
          };
          if (request.body === undefined) return replayed;
          const body = request.body;
          return {
            ...replayed,
            setupRequest: (built) => {
              toInProgress = !toInProgress;
              return { ...built, body: moveBody(body, card, toInProgress ? "in_progress" : "at_risk") };
            },
          };
        });
      };
      record("move.c20", await loadOf("moves at 20", { url: server.url, connections: 20, sequenceFor }));
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

    if (measures("browser") && !chromium) notes.push(`${name}: no Chromium (set CHROMIUM_PATH), so no time until usable.`);
    for (const [key, boardPath] of measures("browser") && chromium
      ? ([
          ["board300", large],
          ["board9", small],
        ] as const)
      : []) {
      step = `${key} in Chromium`;
      process.stdout.write(`  ${name}: ${step}…\n`);
      const times = (await timeUntilUsable(chromium!, server.url, cookie, boardPath, BROWSER_RUNS)).sort((a, b) => a - b);
      figures[`${key}.usableMs`] = times[Math.floor(times.length / 2)]!;
    }
  } catch (error) {
    // What was measured stands; the rest of this engine's rows stay empty, and the reader is told why.
    const reason = error instanceof Error ? error.message : String(error);
    notes.push(`${name}: stopped at ${step}: ${reason.split("\n")[0]}`);
    process.stdout.write(`  ${name}: STOPPED at ${step}: ${reason}\n`);
  } finally {
    await server.stop();
  }
  return { figures, notes, moveRequests };
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
  /** The figure when issue 30 was written, for a before and after. */
  today?: string;
  target?: { text: string; met: (value: number) => boolean };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const msText = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const perSecond = (value: number) => `${value.toFixed(0)}/s`;
const count = (value: number) => value.toFixed(0);
const NO_ERRORS = { text: "none", met: (value: number) => value === 0 };

/** Issue 30's targets (this machine, production build, medians of 3 runs); other rows are figures only. */
const ROWS: Row[] = [
  { label: "Public page, 300 actions, raw / brotli", key: "public300.raw", show: kB },
  { label: "Public page, 300 actions, 1 conn., median", key: "public300.c1.p50", show: msText },
  { label: "Public page, 50 conn., p95", key: "public300.c50.p95", show: msText },
  { label: "  pages per second", key: "public300.c50.perSecond", show: perSecond },
  { label: "  errors", key: "public300.c50.errors", show: count },
  { label: "  peak RSS, 50-connection run", key: "public300.c50.peakMB", show: (value) => `${value} MB` },
  { label: "Board HTML, 9 actions (raw / gzip / brotli)", key: "board9.raw", show: kB },
  { label: "Board HTML, 300 actions, raw", key: "board300.raw", show: kB },
  { label: "Board HTML, 300 actions, gzip", key: "board300.gzip", show: kB },
  { label: "Board HTML, 300 actions, brotli", key: "board300.brotli", show: kB },
  { label: "Board HTML per card (9 to 300 actions)", key: "bytesPerCard", show: (value) => `${value.toFixed(0)} B` },
  ...[9, 300].flatMap((size): Row[] =>
    [1, 10, 50].flatMap((connections): Row[] => {
      const targeted = size === 300 && connections === 50;
      return [
        {
          label: `Board, ${size} actions, ${connections} conn., median`,
          key: `board${size}.c${connections}.p50`,
          show: msText,
          ...(size === 300 && connections === 1 ? { today: "64–158 ms", target: { text: "≤ 40 ms", met: (value: number) => value <= 40 } } : {}),
        },
        {
          label: `  p95`,
          key: `board${size}.c${connections}.p95`,
          show: msText,
          ...(targeted ? { today: "3.1 s", target: { text: "≤ 400 ms", met: (value: number) => value <= 400 } } : {}),
        },
        {
          label: `  pages per second`,
          key: `board${size}.c${connections}.perSecond`,
          show: perSecond,
          ...(targeted ? { today: "7–17/s", target: { text: "≥ 100/s", met: (value: number) => value >= 100 } } : {}),
        },
        { label: `  errors`, key: `board${size}.c${connections}.errors`, show: count, ...(targeted ? { target: NO_ERRORS } : {}) },
        ...(connections === 50
          ? [
              {
                label: "  peak RSS, 50-connection run",
                key: `board${size}.c50.peakMB`,
                show: (value: number) => `${value} MB`,
                ...(size === 300 ? { today: "499–717 MB", target: { text: "≤ 250 MB", met: (value: number) => value <= 250 } } : {}),
              },
            ]
          : []),
      ];
    }),
  ),
  {
    label: "A move as the browser makes it: requests each",
    key: "move.requestsEach",
    show: count,
    today: "3 (POST, 2 board fetches)",
    target: { text: "1", met: (value) => value === 1 },
  },
  { label: "  20 conn., median", key: "move.c20.p50", show: msText },
  { label: "  p95", key: "move.c20.p95", show: msText, target: { text: "≤ 80 ms", met: (value) => value <= 80 } },
  { label: "  moves per second", key: "move.c20.perSecond", show: perSecond, today: "18/s", target: { text: "≥ 200/s", met: (value) => value >= 200 } },
  { label: "  errors", key: "move.c20.errors", show: count, target: NO_ERRORS },
  { label: "History, 100,000 events, 1 conn., median", key: "history.c1.p50", show: msText },
  { label: "  p95", key: "history.c1.p95", show: msText },
  { label: "History, 10 conn., p95", key: "history.c10.p95", show: msText },
  {
    label: "Status page, 300 actions, 100,000 events, 1 conn., median",
    key: "status.c1.p50",
    show: msText,
    today: "223 ms / 101 ms",
    target: { text: "≤ 50 ms", met: (value) => value <= 50 },
  },
  { label: "Status page, 10 conn., p95", key: "status.c10.p95", show: msText },
  { label: "Sign-in (argon2id), 1 conn., median", key: "signIn.c1.p50", show: msText },
  { label: "Sign-in, 4 conn., p95", key: "signIn.c4.p95", show: msText },
  { label: "  sign-ins per second", key: "signIn.c4.perSecond", show: perSecond },
  {
    label: "300-action board usable in Chromium (React attached)",
    key: "board300.usableMs",
    show: msText,
    today: "~1.4 s",
    target: { text: "≤ 1 s", met: (value) => value <= 1000 },
  },
  { label: "9-action board usable in Chromium", key: "board9.usableMs", show: msText },
];
const JAVASCRIPT_TARGET = { today: "139 kB", text: "≤ 110 kB gzip", met: (gzip: number) => gzip <= 110 * 1024 };

function table(engines: Record<string, Figures>, javascript: Figures): string {
  const names = Object.keys(engines);
  const cell = (row: Row, name: string) => {
    const value = engines[name]![row.key];
    if (value === undefined || Number.isNaN(value)) return "–";
    if (row.key === "public300.raw") return `${kB(value)} / ${kB(engines[name]!["public300.brotli"]!)}`;
    if (row.key === "board9.raw") return `${kB(value)} / ${kB(engines[name]!["board9.gzip"]!)} / ${kB(engines[name]!["board9.brotli"]!)}`;
    return row.show(value);
  };
  // Met only when every engine that measured it meets it; a figure not measured this run is neither.
  const met = (row: Row) => {
    if (!row.target) return "";
    const measuredOn = names.filter((name) => engines[name]![row.key] !== undefined);
    if (measuredOn.length === 0) return "–";
    const verdict = measuredOn.every((name) => row.target!.met(engines[name]![row.key]!)) ? "met" : "**missed**";
    return measuredOn.length < names.length ? `${verdict} (${measuredOn.join(", ")} only)` : verdict;
  };
  const lines = [`| Figure | ${names.join(" | ")} | Today (issue 30) | Target | |`, `|---|${names.map(() => "---:").join("|")}|---|---|---|`];
  for (const row of ROWS)
    lines.push(`| ${row.label} | ${names.map((name) => cell(row, name)).join(" | ")} | ${row.today ?? ""} | ${row.target?.text ?? ""} | ${met(row)} |`);
  lines.push(
    `| JavaScript the board loads (${javascript.files} files), gzip / brotli | ${kB(javascript.gzip!)} / ${kB(javascript.brotli!)} |` +
      `${names
        .slice(1)
        .map(() => " |")
        .join("")} ${JAVASCRIPT_TARGET.today} | ${JAVASCRIPT_TARGET.text} | ${JAVASCRIPT_TARGET.met(javascript.gzip!) ? "met" : "**missed**"} |`,
  );
  return lines.join("\n");
}

/** Puts the table between the README's bench markers, so the README shows what the last full run measured. */
function updateReadme(markdown: string) {
  const readme = path.join(root, "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return process.stdout.write(`README.md has no ${start} … ${end}; its table was left as it was.\n`);
  fs.writeFileSync(readme, `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`);
  process.stdout.write("README.md's Speed today table now shows this run.\n");
}

async function main() {
  if (!fs.existsSync(path.join(root, "build/server/index.js")))
    execFileSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, stdio: "inherit" });
  const started = Date.now();
  const engines: Record<string, Figures> = {};
  const notes: string[] = [];
  const moveRequests: Record<string, RecordedRequest[] | undefined> = {};
  const keep = (name: string, run: EngineRun) => {
    engines[name] = run.figures;
    notes.push(...run.notes);
    moveRequests[name] = run.moveRequests;
  };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-bench-"));
  try {
    process.stdout.write("PGlite: preparing the data…\n");
    const data = await prepareBenchData({ dataDir });
    keep("PGlite", await benchEngine("PGlite", { DATA_DIR: dataDir, DATABASE_URL: "" }, data));
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
      keep("PostgreSQL", await benchEngine("PostgreSQL", { DATABASE_URL: url.toString() }, data));
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
    `Medians of ${RUNS} runs of ${SECONDS} s each (${SECONDS_AT_50} s at 50 connections; the server in a process of its own, autocannon in the ` +
      `bench's; they share ${machine.cpus} cores of ${machine.cpuModel}), Node ` +
      `${machine.node}${postgres ? `, PostgreSQL ${postgres} on the same machine` : ""}, commit ${machine.commit}. ` +
      `A move is the requests Chromium made for one keyboard move, replayed in order by each connection for a card of its own; ` +
      `its time is theirs added up. Where engines differ, a target is met only when both meet it. ` +
      `\`BENCH_ONLY\` takes a comma list of ${PARTS.map((part) => `\`${part}\``).join(", ")}.`,
    ...notes.map((note) => `\n${note}`),
  ].join("\n");
  const results = { at: new Date().toISOString(), machine, runs: RUNS, secondsEach: SECONDS, engines, notes, moveRequests, javascript };
  const folder = path.join(root, "tests/bench/results");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${results.at.replace(/[:.]/g, "-")}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(folder, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(folder, "latest.md"), `${markdown}\n`);
  if (!ONLY) updateReadme(markdown);
  process.stdout.write(`\n${markdown}\n\nTook ${((Date.now() - started) / 1000).toFixed(0)} s. Figures in tests/bench/results/latest.json.\n`);
}

await main();
