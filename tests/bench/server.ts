import fs from "node:fs";
import { startServer, type RunningServer } from "../support/server";

// `npm start`'s server in a process of its own, as a person's browser meets
// it, with its memory watched: the peak resident set size while a load runs.

export interface BenchServer {
  url: string;
  /** Starts watching memory afresh; returns a function that gives the peak in MB since. */
  watchMemory(): () => number;
  stop(): Promise<void>;
}

/** How long the server has to shut down after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

function residentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kilobytes / 1024;
}

export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const server: RunningServer = await startServer({ ...env, SEED_DEMO: "0", NODE_ENV: "production" });
  await server.waitForOutput(/Data: /, 120_000);
  const pid = server.process.pid!;
  const stopOnExit = () => server.process.kill("SIGKILL");
  process.once("exit", stopOnExit);
  return {
    url: server.url,
    watchMemory() {
      let peak = residentMegabytes(pid);
      const timer = setInterval(() => {
        try {
          peak = Math.max(peak, residentMegabytes(pid));
        } catch {
          // the server has gone; the last reading stands
        }
      }, 50);
      return () => {
        clearInterval(timer);
        return Math.round(peak);
      };
    },
    async stop() {
      process.removeListener("exit", stopOnExit);
      // A server that stopped answering may not finish its shutdown either.
      const killLater = setTimeout(() => server.process.kill("SIGKILL"), STOP_GRACE_MS);
      await server.stop("SIGTERM");
      clearTimeout(killLater);
    },
  };
}
