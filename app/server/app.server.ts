// The server bundle's entry (see vite.config.ts): the React Router build and the
// database lifecycle in one module graph, so both use one database handle.
// app/serve.mjs imports it, in production from build/server/index.js. The
// demo joins here, at start-up, and nowhere else on the serving path.
import { createRequestHandler } from "@react-router/express";
import { Router } from "express";
import type { ServerBuild } from "react-router";
import { loadDemoIfAsked } from "../demo/start-up.server";
import { config } from "./platform/config.server";
import { bodySizeGuard, crossSiteRequestGuard, unreadableAddressGuard } from "./http/http-security.server";
import { answerKeptPublicPages } from "./http/kept-public-pages.server";
import { renderQueue } from "./platform/render-queue.server";
import { createRequestContext } from "./platform/request-context.server";
import { setStartUpStep } from "./platform/db.server";

setStartUpStep(loadDemoIfAsked);

export { closeDatabase, database as prepareDatabase } from "./platform/db.server";
export { securityHeaders } from "./http/http-security.server";
export { compressResponses } from "./http/compression.server";
export { stopLiveUpdates } from "./platform/live.server";
export { startMailer, stopMailer } from "./notices/mailer.server";
export { startBackups, stopBackups } from "./platform/backups.server";
export { startSecurityLogRetention, stopSecurityLogRetention } from "./auth/security-log-retention.server";

export const handleRequest = Router()
  .use(unreadableAddressGuard)
  .use(crossSiteRequestGuard)
  .use(bodySizeGuard)
  .use(answerKeptPublicPages)
  .use(renderQueue(config.renderConcurrency))
  .use(
    createRequestHandler({
      build: () => import("virtual:react-router/server-build") as Promise<ServerBuild>,
      getLoadContext: (request, response) => createRequestContext({ address: request.ip ?? "unknown", cspNonce: String(response.locals.cspNonce ?? "") }),
    }),
  );
