// Starts Partnership Board: `npm start` (production build, built first when
// missing or older than the source) or `npm run dev` (Vite dev server).
// Plain JavaScript because it runs before anything is built.
import path from "node:path";
import express from "express";
import { buildIfStale, root, serverBuildPath } from "./build-if-stale.mjs";

const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

const app = express();
app.disable("x-powered-by");
// Client addresses (for sign-in throttling) come from X-Forwarded-For only
// when the operator says a proxy sets it.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

let serverModule;
if (isDev) {
  process.env.NODE_ENV = "development";
  const { createServer } = await import("vite");
  const vite = await createServer({ root, server: { middlewareMode: true } });
  const entry = path.join(root, "app/server/app.server.ts");
  // Re-imported per request so edits apply without a restart.
  const load = () => vite.environments.ssr.runner.import(entry);
  const fresh = (handler) => async (request, response, next) => {
    try {
      (await load())[handler](request, response, next);
    } catch (error) {
      if (error instanceof Error) vite.ssrFixStacktrace(error);
      next(error);
    }
  };
  // Compression first, so it wraps every response (app/server/http/compression.server.ts).
  app.use(fresh("compressResponses"));
  app.use(fresh("securityHeaders"));
  app.use(vite.middlewares);
  app.use(fresh("handleRequest"));
  serverModule = await load();
} else {
  process.env.NODE_ENV = "production";
  try {
    buildIfStale();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  serverModule = await import(serverBuildPath);
  // Compression first, so it wraps every response (app/server/http/compression.server.ts).
  app.use(serverModule.compressResponses);
  app.use(serverModule.securityHeaders);
  // Built scripts and styles are named by their content, so they never change
  // under their name; the few other static files (the icon) may.
  const cacheFor = (value) => ({ setHeaders: (response) => response.setHeader("Cache-Control", value) });
  app.use("/assets", express.static(path.join(root, "build/client/assets"), cacheFor("public, max-age=31536000, immutable")));
  app.use(express.static(path.join(root, "build/client"), cacheFor("public, max-age=3600")));
  app.use(serverModule.handleRequest);
}

const server = app.listen(port, host, () => {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const url = `http://${shown}:${server.address().port}`;
  console.log(`Partnership Board is running at ${url} (${isDev ? "development" : "production"})`);
});
server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `Port ${port} is in use. Set PORT to another port.` : error);
  process.exit(1);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests and closing the database…`);
  // Live-update streams never finish on their own; end them first.
  await serverModule.stopLiveUpdates();
  await serverModule.stopMailer();
  await serverModule.stopBackups();
  await serverModule.stopSecurityLogRetention();
  const forceAfter = setTimeout(() => server.closeAllConnections(), 5_000);
  forceAfter.unref();
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeIdleConnections();
  });
  await serverModule.closeDatabase();
  console.log("Stopped cleanly.");
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

try {
  const handle = await serverModule.prepareDatabase();
  console.log(`Data: ${handle.engine === "pglite" ? `embedded PostgreSQL (PGlite) in ${handle.location}` : `PostgreSQL at ${handle.location}`}`);
  // Digests, reminders and notices: queued and sent from this process (app/server/notices/mailer.server.ts).
  serverModule.startMailer(async () => (await serverModule.prepareDatabase()).db);
  // Daily backups (BACKUP_DIR) and, on the embedded database, `npm run db:backup` while running (app/server/platform/backups.server.ts).
  serverModule.startBackups(serverModule.prepareDatabase);
  // Old refused page visits and failed sign-ins leave the security log, once a day (SECURITY_LOG_DAYS).
  serverModule.startSecurityLogRetention(async () => (await serverModule.prepareDatabase()).db);
} catch (error) {
  console.error(`The database is not ready: ${error instanceof Error ? error.message : error}`);
  console.error("The app keeps running and tries again on the next request; /healthz reports 503 until then.");
}
