import { afterEach } from "vitest";
import { startServer, type RunningServer } from "../../support/server";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop("SIGKILL")));
});

/** Starts `npm start`'s server; it is killed after each test if still running. */
export async function serve(env: Record<string, string | undefined>) {
  const server = await startServer(env);
  running.push(server);
  return server;
}

export async function health(server: RunningServer) {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: await response.json() };
}
