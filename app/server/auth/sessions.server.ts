import { parseCookie, stringifySetCookie } from "cookie";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { config, usesSecureCookies } from "../platform/config.server";

// Sessions after the Lucia design: the cookie holds "<id>.<secret>", both
// random (160 bits each); the database holds the id and SHA-256 of the secret,
// so a copy of the database cannot be replayed as a cookie.

const SECURE_COOKIE = "__Host-pb_session";
const PLAIN_COOKIE = "pb_session";
/** last_active_at is written at most this often, to spare the database a write per request. */
const REFRESH_INTERVAL_MS = 3_600_000;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
}

export function generateSecret(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  client: { userAgent: string; address: string },
  now = new Date(),
): Promise<{ token: string; sessionId: string }> {
  const sessionId = generateSecret();
  const secret = generateSecret();
  await db
    .insertInto("sessions")
    .values({
      id: sessionId,
      secretHash: hashSecret(secret),
      userId,
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + config.sessionMaxAgeMs),
      userAgent: client.userAgent.slice(0, 300),
      ipAddress: client.address.slice(0, 100),
    })
    .execute();
  return { token: `${sessionId}.${secret}`, sessionId };
}

/**
 * The session and its user, or null when the token is unknown, forged, idle
 * too long, past its absolute lifetime, or its user is disabled. Ended
 * sessions are deleted on the way.
 */
export async function validateSessionToken(db: Kysely<Database>, token: string, now = new Date(), { touch = true } = {}): Promise<ValidSession | null> {
  const [sessionId, secret, extra] = token.split(".");
  if (extra !== undefined || !isTokenPart(sessionId) || !isTokenPart(secret)) return null;

  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.userId")
    .select([
      "sessions.id",
      "sessions.secretHash",
      "sessions.lastActiveAt",
      "sessions.expiresAt",
      "users.id as userId",
      "users.email",
      "users.displayName",
      "users.disabledAt",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row || !constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;

  const idleUntil = row.lastActiveAt.getTime() + config.sessionIdleMs;
  if (row.disabledAt || now.getTime() >= row.expiresAt.getTime() || now.getTime() >= idleUntil) {
    await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    return null;
  }
  // A background check (the live-update stream) must not keep an idle session alive.
  if (touch && now.getTime() - row.lastActiveAt.getTime() >= Math.min(REFRESH_INTERVAL_MS, config.sessionIdleMs / 2)) {
    await db.updateTable("sessions").set({ lastActiveAt: now }).where("id", "=", sessionId).execute();
  }
  return { sessionId, user: { id: row.userId, email: row.email, displayName: row.displayName } };
}

/** Both halves are base32 as generateSecret() writes them; anything else (a NUL byte, say) is no session. */
function isTokenPart(part: string | undefined): part is string {
  return part !== undefined && /^[a-z2-7]{1,64}$/.test(part);
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export function sessionCookieName(request: Request): string {
  return usesSecureCookies(request) ? SECURE_COOKIE : PLAIN_COOKIE;
}

export function readSessionToken(request: Request): string | null {
  // A mangled value reaches isTokenPart() as it came, and opens no session.
  return parseCookie(request.headers.get("Cookie") ?? "")[sessionCookieName(request)] ?? null;
}

/** A browser-session cookie: closing the browser ends it on the client side too. */
export function sessionCookie(request: Request, token: string): string {
  return stringifySetCookie({ name: sessionCookieName(request), value: token, ...cookieAttributes(request) });
}

export function clearedSessionCookie(request: Request): string {
  return stringifySetCookie({ name: sessionCookieName(request), value: "", maxAge: 0, ...cookieAttributes(request) });
}

function cookieAttributes(request: Request) {
  return { path: "/", httpOnly: true, sameSite: "lax", secure: usesSecureCookies(request) } as const;
}
