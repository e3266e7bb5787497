import type { NextFunction, Request, Response } from "express";
import { isPublicPath } from "../../domain/public-pages";
import { config } from "../platform/config.server";
import { recordStandaloneAudit } from "../platform/audit.server";
import { database } from "../platform/db.server";
import { SAFE_METHODS } from "../platform/request-context.server";
import { formLimitOf, MAX_DISCARDED_BODY_BYTES, MAX_FORM_BYTES } from "./forms.server";

// Express middleware that runs before React Router: security headers on
// every response, and the cross-site request check on every non-GET request
// (resource routes included) before any route code or body parsing.

export function securityHeaders(request: Request, response: Response, next: NextFunction) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  response.locals.cspNonce = nonce;
  if (config.isProduction) {
    response.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        // React and dnd-kit position things with style attributes; no <style> elements are allowed.
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
      ].join("; "),
    );
  }
  // Pages hold people's data: not kept by shared caches or the back button of
  // a shared computer. Static files set their own caching after this, and the
  // public pages, which hold none, theirs (routes/public/).
  if (!isPublicPath(request.path)) response.setHeader("Cache-Control", "no-store");
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "same-origin");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (request.secure) response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
}

export function crossSiteRequestGuard(request: Request, response: Response, next: NextFunction) {
  if (SAFE_METHODS.has(request.method) || isSameOrigin(request)) return next();
  if (isOneClickUnsubscribe(request)) {
    // React Router refuses an action whose Origin is not this site's; this one address takes posts from anywhere by design.
    delete request.headers.origin;
    return next();
  }
  // Recorded when it carries a session cookie (a forged request riding on
  // someone's sign-in); anonymous noise would only fill the history.
  if (/(^|;\s*)(__Host-)?pb_session=/.test(request.get("Cookie") ?? "")) void recordRefusal(request);
  sendRefusal(
    response,
    403,
    "Request refused",
    'This form was sent from another website, or your browser did not say where it came from. Go back to <a href="/">Partnership Board</a> and try again.',
  );
}

/**
 * Refuses an address with a NUL byte in it (as %00): route parameters and
 * query strings reach SQL as text, which PostgreSQL cannot hold with NUL.
 */
export function unreadableAddressGuard(request: Request, response: Response, next: NextFunction) {
  if (!/%00|\0/.test(request.originalUrl)) return next();
  sendRefusal(
    response,
    400,
    "Address not understood",
    'This web address contains a character that no page of ours uses. Check the address, or go to <a href="/">Partnership Board</a>.',
  );
}

/**
 * Refuses a body that says it is over the limit before any route reads it;
 * readForm() stops one that does not say so. The body is read to its end and
 * thrown away before the 413 is sent: a server that answers and hangs up while
 * the client is still sending cuts it off (it sees a connection reset, not this
 * page), and one that answers early but keeps the connection stalls Node's own
 * client. A body declared over MAX_DISCARDED_BODY_BYTES is not worth reading:
 * it is answered at once, and the connection closes.
 */
export function bodySizeGuard(request: Request, response: Response, next: NextFunction) {
  const declared = Number(request.get("Content-Length"));
  if (!(declared > MAX_FORM_BYTES)) return next();
  formLimitOf(request.path).then((limit) => {
    if (!(declared > limit.maxBytes)) return next();
    const refuse = () => sendRefusal(response, 413, "Form too large", limit.tooLarge);
    if (declared > MAX_DISCARDED_BODY_BYTES) {
      response.set("Connection", "close");
      return refuse();
    }
    request.once("end", refuse).resume();
  }, next);
}

/** A plain page for requests refused before React Router runs; `html` is our own fixed text. */
function sendRefusal(response: Response, status: number, title: string, html: string) {
  response
    .status(status)
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="en-GB"><head><title>${title} – Partnership Board</title></head>` +
        `<body><main><h1>${title}</h1><p>${html}</p></main></body></html>`,
    );
}

/**
 * A mail provider's one-click unsubscribe (RFC 8058): a POST from its own
 * servers, with no Origin or a foreign one and no cookie, to the address in
 * the email's List-Unsubscribe header. The one form let through from
 * anywhere: its signed token is the whole of its authority (the route reads
 * no session), and all it can do is turn one kind of email off.
 */
function isOneClickUnsubscribe(request: Request): boolean {
  return request.method === "POST" && /^\/unsubscribe\/[A-Za-z0-9_-]{44}$/.test(request.path);
}

function isSameOrigin(request: Request): boolean {
  const fetchSite = request.get("Sec-Fetch-Site");
  if (fetchSite) return fetchSite === "same-origin";
  const origin = request.get("Origin");
  return origin !== undefined && origin === `${request.protocol}://${request.get("Host")}`;
}

async function recordRefusal(request: Request) {
  try {
    const { db } = await database();
    await recordStandaloneAudit(db, {
      actor: { userId: null, role: "system", sector: null },
      partnershipId: null,
      entityType: "request",
      entityId: request.path.slice(0, 200),
      verb: "refused",
      context: { reason: "cross-site", method: request.method, address: request.ip ?? "unknown" },
    });
  } catch (error) {
    console.error("Could not record a refused request:", error instanceof Error ? error.message : error);
  }
}
