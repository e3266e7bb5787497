import { EventEmitter } from "node:events";
import compression from "compression";
import { Router, type NextFunction, type Request, type Response } from "express";

// Pages, route data and scripts go out gzip- or brotli-compressed, as the
// browser asks. The live-update stream never is: a compressor would hold each
// event back until it had a block's worth to send.

const notEventStream: compression.Filter = (request, response) =>
  !String(response.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(request, response);

type Listener = (...args: unknown[]) => void;
type ListenerMethod = (this: unknown, event: string | symbol, listener: Listener) => unknown;

/** The response's ways to add and remove a listener, and what each does with a drain listener. */
const FOR_DRAIN = {
  on: "on",
  addListener: "on",
  prependListener: "prependListener",
  once: "once",
  removeListener: "removeListener",
  off: "removeListener",
} as const;

/**
 * compression moves `res.on("drain", …)` to its zlib stream but leaves `once`,
 * `off` and `removeListener` on the response (expressjs/compression#135, open
 * since 2018): React Router's `res.once("drain", …)` then takes its listener off
 * the response, where it is not, so every wait for a drain left one more on the
 * stream, and a large page made Node warn "11 drain listeners added to [Gzip]".
 * Here the response's drain listeners live on an emitter of their own, every way
 * of adding and removing them alike, and compression is given one relay, which it
 * puts where drains happen (its stream, or the response when it does not compress).
 */
function drainListenersKeptTogether(_request: Request, response: Response, next: NextFunction) {
  const drains = new EventEmitter();
  const methods = response as unknown as Record<keyof typeof FOR_DRAIN, ListenerMethod>;
  methods.on.call(response, "drain", () => drains.emit("drain"));
  for (const [name, drainMethod] of Object.entries(FOR_DRAIN) as Array<[keyof typeof FOR_DRAIN, (typeof FOR_DRAIN)[keyof typeof FOR_DRAIN]]>) {
    const own = methods[name];
    methods[name] = function (event, listener) {
      if (event !== "drain") return own.call(this, event, listener);
      drains[drainMethod]("drain", listener);
      return this;
    };
  }
  next();
}

export const compressResponses = Router()
  .use(compression({ filter: notEventStream }))
  .use(drainListenersKeptTogether)
  // React Router flushes the compressor after every few kilobytes it writes,
  // which ends a compressed block each time: pages came out twice the size.
  // Nothing we compress needs to arrive piece by piece (pages have no deferred
  // parts), so the compressor picks its own blocks.
  .use((_request, response, next) => {
    (response as { flush?: unknown }).flush = undefined;
    next();
  });
