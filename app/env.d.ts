// Provided by the React Router Vite plugin; app/server/app.server.ts types it as a ServerBuild.
declare module "virtual:react-router/server-build";

// compression ships no types, and @types/compression would be a dependency for these few lines.
declare module "compression" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  import type { RequestHandler } from "express";
  function compression(options?: { filter?: compression.Filter }): RequestHandler;
  namespace compression {
    type Filter = (request: IncomingMessage, response: ServerResponse) => boolean;
    /** The default: compress what the response's Content-Type says is compressible. */
    function filter(request: IncomingMessage, response: ServerResponse): boolean;
  }
  export default compression;
}
