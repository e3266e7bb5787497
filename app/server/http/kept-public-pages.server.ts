import type { NextFunction, Request, Response } from "express";
import { keptPublicDocumentIfReady, type PublicKey } from "../public/public-cache.server";
import { publicAnswer } from "../public/public-responses.server";

// A public page already made and still right is answered here, before React
// Router and the render queue: a shared link read by hundreds at once costs a
// lookup and a write each, and never waits behind a board being rendered.
// Anything else (not kept yet, changed, a feed, a 404) goes on to the route,
// which makes and keeps it (routes/public/).

const PUBLIC_PAGE = /^\/public\/([^/]+)(?:\/([^/]+))?$/;

export function answerKeptPublicPages(request: Request, response: Response, next: NextFunction) {
  const key = request.method === "GET" || request.method === "HEAD" ? publicKeyOf(request.path) : null;
  const document = key ? keptPublicDocumentIfReady(key) : null;
  if (!document) return next();
  publicAnswer({ method: request.method, header: (name) => request.get(name) ?? null }, document).then((answer) => {
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }, next);
}

/** The page an address names, decoded as React Router decodes its parameters; null for anything else. */
function publicKeyOf(path: string): PublicKey | null {
  const match = PUBLIC_PAGE.exec(path);
  if (!match) return null;
  try {
    const slug = decodeURIComponent(match[1]!);
    return match[2] === undefined ? { kind: "partnership", slug } : { kind: "plan", slug, planId: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}
