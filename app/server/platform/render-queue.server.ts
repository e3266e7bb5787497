import type { NextFunction, Request, Response } from "express";

// Pages and route data are rendered a few at a time; the rest wait their turn
// in order. Fifty boards of 300 cards rendered at once came to 550 MB and
// finished no sooner: two cores render about as many pages a second either
// way, but all at once every reader waits for the slowest. Live-update
// streams never wait here (they stay open for hours), a reader who gives up
// while waiting (or before) leaves the queue, and a page's place is given up as soon as
// it starts to be sent.

const LIVE_UPDATES = /\/events$/;

export function renderQueue(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];

  const startNext = () => {
    while (active < limit && waiting.length > 0) waiting.shift()!();
  };

  return function queue(request: Request, response: Response, next: NextFunction) {
    if (LIVE_UPDATES.test(request.path)) return next();
    // Gone before its turn came: the connection closed while an earlier step
    // (a database read) ran, so its close, which gives a place back, has been
    // and gone. Taken in, it would hold a place for good; under load, four
    // such readers left the server answering no one (the benchmark's hang).
    if (!response.socket || response.socket.destroyed) return;
    let state: "waiting" | "running" | "done" = "waiting";
    const start = () => {
      state = "running";
      active += 1;
      next();
    };
    const finish = () => {
      if (state === "running") active -= 1;
      else if (state === "waiting") waiting.splice(waiting.indexOf(start), 1);
      state = "done";
      startNext();
    };
    response.once("close", finish);
    // Once the headers go out the page is rendered (or a download has begun
    // streaming from its own queries): sending it waits for the reader, who
    // may be slow or never read at all, and must not hold a place meanwhile.
    const writeHead = response.writeHead;
    response.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      finish();
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    waiting.push(start);
    startNext();
  };
}
