import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { writeBackup, type BackupSummary } from "../../../db/backup";
import type { DatabaseHandle } from "../../../db/client";
import { ukToday } from "../../domain/dates";
import { config } from "./config.server";

// Backups the running app takes: each day's into BACKUP_DIR, and, on the
// embedded database, whatever `npm run db:backup` asks for. The data folder
// is the running app's alone (db/client.ts locks it), so the command hands
// its request to the app over a socket in that folder, which only the folder's
// owner can open; the app writes the backup from its own open database.

const CHECK_EVERY_MS = 3_600_000;
const DAILY_NAME = /^partnership-board-(\d{4}-\d{2}-\d{2})\.backup\.gz$/;
const SOCKET_NAME = "backup.sock";
/** The longest path a Unix socket may have on Linux and macOS, less its terminator. */
const SOCKET_PATH_LIMIT = 103;

interface BackupsState {
  timer?: NodeJS.Timeout;
  socket?: net.Server;
  running?: Promise<unknown>;
}
const state: BackupsState = {};

/** Starts the daily backups (when BACKUP_DIR is set) and, on the embedded database, the socket `npm run db:backup` asks through. */
export function startBackups(getHandle: () => Promise<DatabaseHandle>): void {
  if (config.backupDir && !state.timer) {
    const round = () => {
      state.running ??= getHandle()
        .then((handle) => takeDailyBackup(handle, config.backupDir!, config.backupKeep))
        .catch((error) => console.error("Daily backup failed:", error instanceof Error ? error.message : error))
        .finally(() => (state.running = undefined));
    };
    state.timer = setInterval(round, CHECK_EVERY_MS);
    state.timer.unref();
    round();
  }
  void getHandle().then(
    (handle) => {
      if (handle.engine === "pglite") listenForBackupRequests(handle);
    },
    () => undefined,
  );
}

export async function stopBackups(): Promise<void> {
  clearInterval(state.timer);
  state.timer = undefined;
  state.socket?.close();
  state.socket = undefined;
  await state.running;
}

/** Today's backup (UK date) unless there is one, then the oldest beyond `keep` removed. Returns the file written, if any. */
export async function takeDailyBackup(handle: DatabaseHandle, folder: string, keep: number, now = new Date()): Promise<string | null> {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `partnership-board-${ukToday(now)}.backup.gz`);
  let summary: BackupSummary | null = null;
  if (!fs.existsSync(file)) summary = await writeBackup(handle.db, file, { engine: handle.engine });
  const daily = fs
    .readdirSync(folder)
    .filter((name) => DAILY_NAME.test(name))
    .sort();
  const removed = daily.slice(0, Math.max(0, daily.length - keep));
  for (const old of removed) fs.rmSync(path.join(folder, old), { force: true });
  if (summary) {
    console.log(
      `Daily backup: ${file} (${rowsIn(summary)} rows, schema ${summary.header.schema}); ` +
        `${daily.length - removed.length} kept in ${folder}${removed.length > 0 ? `, ${removed.length} older removed` : ""}.`,
    );
  }
  return summary ? file : null;
}

export function rowsIn(summary: BackupSummary): number {
  return summary.tables.reduce((sum, table) => sum + table.rows, 0);
}

// ── The socket ───────────────────────────────────────────────────────────────

/** Where the running app listens in an embedded data folder; null when the path is too long for a socket. */
export function backupSocketPath(dataFolder: string): string | null {
  const socketPath = path.join(path.resolve(dataFolder), SOCKET_NAME);
  return socketPath.length <= SOCKET_PATH_LIMIT ? socketPath : null;
}

type SocketReply = { ok: true; summary: BackupSummary } | { ok: false; message: string };

function listenForBackupRequests(handle: DatabaseHandle): void {
  const socketPath = backupSocketPath(handle.location);
  if (state.socket || !socketPath) {
    if (!socketPath) console.warn(`The data folder's path is too long for a backup socket: stop the app to back it up with npm run db:backup.`);
    return;
  }
  // This process holds the folder's lock, so a socket file left there is a crashed run's.
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((connection) => {
    let request = "";
    connection.setEncoding("utf8");
    connection.on("data", (chunk: string) => {
      request += chunk;
      if (!request.includes("\n") && request.length < 10_000) return;
      connection.pause();
      answer(handle, request.split("\n")[0]!).then((reply) => connection.end(`${JSON.stringify(reply)}\n`));
    });
    connection.on("error", () => undefined);
  });
  server.on("error", (error) => console.error("Backup socket:", error.message));
  server.listen(socketPath, () => fs.chmodSync(socketPath, 0o600));
  server.unref();
  state.socket = server;
}

async function answer(handle: DatabaseHandle, line: string): Promise<SocketReply> {
  let out: unknown;
  try {
    out = (JSON.parse(line) as { out?: unknown }).out;
  } catch {
    out = undefined;
  }
  if (typeof out !== "string" || !path.isAbsolute(out)) return { ok: false, message: "The request names no file to write." };
  try {
    return { ok: true, summary: await writeBackup(handle.db, out, { engine: handle.engine }) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Asks the app running on `dataFolder` to write a backup to `out`. Null when
 * no app answers there (none is running): the caller opens the folder itself.
 */
export function backUpThroughRunningApp(dataFolder: string, out: string): Promise<BackupSummary | null> {
  const socketPath = backupSocketPath(dataFolder);
  if (!socketPath || !fs.existsSync(socketPath)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    let reply = "";
    const connection = net.createConnection(socketPath, () => connection.write(`${JSON.stringify({ out: path.resolve(out) })}\n`));
    connection.setEncoding("utf8");
    connection.on("data", (chunk: string) => (reply += chunk));
    connection.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" || error.code === "ENOENT") resolve(null);
      else reject(error);
    });
    connection.on("end", () => {
      try {
        const parsed = JSON.parse(reply) as SocketReply;
        if (parsed.ok) resolve(parsed.summary);
        else reject(new Error(parsed.message));
      } catch {
        reject(new Error("The running app gave no answer about the backup; see its log."));
      }
    });
  });
}
