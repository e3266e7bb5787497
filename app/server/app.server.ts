// The server bundle's entry (see vite.config.ts): the React Router build and the
// database lifecycle in one module graph, so both use one database handle.
// app/serve.mjs imports it, in production from build/server/index.js.
import { createRequestHandler } from "@react-router/express";
import { Router } from "express";
import type { ServerBuild } from "react-router";
import { config } from "./config.server";
import { bodySizeGuard, crossSiteRequestGuard, unreadableAddressGuard } from "./http-security.server";
import { renderQueue } from "./render-queue.server";
import { createRequestContext } from "./request-context.server";

export { closeDatabase, database as prepareDatabase } from "./db.server";
export { securityHeaders } from "./http-security.server";
export { stopLiveUpdates } from "./live.server";

export const handleRequest = Router()
  .use(unreadableAddressGuard)
  .use(crossSiteRequestGuard)
  .use(bodySizeGuard)
  .use(renderQueue(config.renderConcurrency))
  .use(
    createRequestHandler({
      build: () => import("virtual:react-router/server-build") as Promise<ServerBuild>,
      getLoadContext: (request, response) =>
        createRequestContext({ address: request.ip ?? "unknown", cspNonce: String(response.locals.cspNonce ?? "") }),
    }),
  );
