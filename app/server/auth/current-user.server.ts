import { createContext, redirect, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { isPublicPath } from "../../domain/public-pages";
import { isSurveyAnswerPath } from "../../domain/surveys";
import { getDb } from "../platform/db.server";
import { clearedSessionCookie, readSessionToken, validateSessionToken, type SessionUser } from "./sessions.server";

export interface CurrentUser extends SessionUser {
  sessionId: string;
}

export const currentUserContext = createContext<CurrentUser | null>(null);

/**
 * Root middleware: finds the signed-in person from the session cookie, once
 * per request. A cookie that no longer opens a session is cleared.
 */
export const currentUserMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  // Public pages are the same for everyone and kept by shared caches: a cookie sent to one is never read, nor answered.
  const pathname = new URL(request.url).pathname;
  if (isPublicPath(pathname)) return next();
  // A survey's answer page reads no session either: nothing may tie an anonymous answer to a signed-in person.
  if (isSurveyAnswerPath(pathname)) return next();
  const token = readSessionToken(request);
  if (!token) return next();
  const session = await validateSessionToken(await getDb(), token);
  context.set(currentUserContext, session ? { ...session.user, sessionId: session.sessionId } : null);
  const response = await next();
  if (!session && !response.headers.has("Set-Cookie")) response.headers.append("Set-Cookie", clearedSessionCookie(request));
  return response;
};

export function getCurrentUser(context: Readonly<RouterContextProvider>): CurrentUser | null {
  return context.get(currentUserContext);
}

/** The signed-in person, or a redirect to sign in and come back here. */
export function requireUser(request: Request, context: Readonly<RouterContextProvider>): CurrentUser {
  const user = context.get(currentUserContext);
  if (user) return user;
  const url = new URL(request.url);
  // A data request's URL carries React Router's own suffix and parameters.
  url.pathname = url.pathname.replace(/\.data$/, "") || "/";
  url.searchParams.delete("_routes");
  url.searchParams.delete("index");
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}
