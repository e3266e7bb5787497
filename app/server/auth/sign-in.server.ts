import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./passwords.server";
import { createSession } from "./sessions.server";
import { admitAttempt, settleSuccess } from "./throttle.server";
import { accountWrite, recorded, unchanged, type AccountEventFacts } from "../platform/write.server";

// Signing in and out, passwords and sessions: a person's own account. Each
// step that changes something is an account write (see write.server.ts); the
// slow password check runs between them, outside any transaction.

export interface Client {
  address: string;
  userAgent: string;
}

export type SignInResult = { outcome: "signed-in"; token: string; userId: string } | { outcome: "refused" } | { outcome: "throttled"; retryAt: Date };

/**
 * Checks an email and password. Unknown email, wrong password, a disabled
 * account or one not yet activated all give the same answer, after the same
 * argon2 work. Each success starts a new session.
 */
export async function signIn(db: Kysely<Database>, credentials: { email: string; password: string }, client: Client, now = new Date()): Promise<SignInResult> {
  const email = credentials.email.trim().toLowerCase();
  const admission = await admitPasswordCheck(db, email, client.address, now);
  if (!admission.admitted) return { outcome: "throttled", retryAt: admission.retryAt };

  const user = await db.selectFrom("users").select(["id", "passwordHash", "disabledAt"]).where("email", "=", email).executeTakeFirst();
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), credentials.password);
  if (!user || !user.passwordHash || user.disabledAt || !passwordMatches) {
    // The attempt was already counted as a failure.
    await recordFailedCheck(db, user?.id ?? null, "sign_in_failed", client.address);
    return { outcome: "refused" };
  }
  const token = await startSession(db, user.id, email, client, now);
  return { outcome: "signed-in", token, userId: user.id };
}

/**
 * Counts a password check against the account and the client's address
 * before it is made (see throttle.server.ts). One event when a block begins,
 * not one per refused attempt: nobody can fill the history by hammering the form.
 */
const admitPasswordCheck = accountWrite("admitPasswordCheck", async (trx, email: string, address: string, now: Date) => {
  const result = await admitAttempt(trx, email, address, now);
  return result.admitted && result.blockStarted ? recorded(securityEvent(null, "sign_in_blocked", { address }), result) : unchanged(result);
});

/** A wrong password (or no such account), already counted by the throttle. */
const recordFailedCheck = accountWrite(
  "recordFailedCheck",
  async (_trx, userId: string | null, verb: "sign_in_failed" | "password_check_failed", address: string) => recorded(securityEvent(userId, verb, { address })),
);

const startSession = accountWrite("startSession", async (trx, userId: string, email: string, client: Client, now: Date) => {
  await settleSuccess(trx, email, client.address);
  const session = await createSession(trx, userId, client, now);
  return recorded(securityEvent(userId, "signed_in", { address: client.address, session: shortId(session.sessionId) }), session.token);
});

export const signOut = accountWrite("signOut", async (trx, userId: string, sessionId: string) => {
  await trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
  return recorded(securityEvent(userId, "signed_out", { session: shortId(sessionId) }));
});

export type PasswordChangeResult =
  { outcome: "changed" } | { outcome: "invalid"; field: "currentPassword" | "newPassword"; message: string } | { outcome: "throttled"; retryAt: Date };

/**
 * Needs the current password, checked under the same throttle as signing in
 * (a stolen session must not become a way to guess it); ends every other
 * session of the person.
 */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  currentSessionId: string,
  passwords: { currentPassword: string; newPassword: string },
  client: Pick<Client, "address">,
  now = new Date(),
): Promise<PasswordChangeResult> {
  const user = await db.selectFrom("users").select(["email"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const check = await checkOwnPassword(db, user.email, passwords.currentPassword, client, now);
  if (check.outcome === "throttled") return check;
  if (check.outcome === "wrong") return { outcome: "invalid", field: "currentPassword", message: "Your current password is not correct" };
  const problem = passwordProblem(passwords.newPassword, { email: user.email });
  if (problem) return { outcome: "invalid", field: "newPassword", message: problem };
  await setPassword(db, userId, currentSessionId, await hashPassword(passwords.newPassword));
  return { outcome: "changed" };
}

export type PasswordCheck = { outcome: "correct" } | { outcome: "wrong" } | { outcome: "throttled"; retryAt: Date };

/**
 * Checks the password of the account with this email, disabled or not, under
 * the same throttle as signing in: a page that asks for it must not become a
 * way to guess it. A wrong one is recorded.
 */
export async function checkOwnPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
  client: Pick<Client, "address">,
  now = new Date(),
): Promise<PasswordCheck> {
  const admission = await admitPasswordCheck(db, email, client.address, now);
  if (!admission.admitted) return { outcome: "throttled", retryAt: admission.retryAt };
  const user = await db.selectFrom("users").select(["id", "passwordHash"]).where("email", "=", email).executeTakeFirst();
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailedCheck(db, user?.id ?? null, "password_check_failed", client.address);
    return { outcome: "wrong" };
  }
  await settleSuccess(db, email, client.address);
  return { outcome: "correct" };
}

const setPassword = accountWrite("setPassword", async (trx, userId: string, currentSessionId: string, passwordHash: string) => {
  await trx.updateTable("users").set({ passwordHash, passwordChangedAt: new Date() }).where("id", "=", userId).execute();
  const ended = await trx.deleteFrom("sessions").where("userId", "=", userId).where("id", "!=", currentSessionId).executeTakeFirst();
  return recorded(securityEvent(userId, "password_changed", { otherSessionsEnded: Number(ended.numDeletedRows) }));
});

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  userAgent: string;
  ipAddress: string;
}

export function listSessions(db: Kysely<Database>, userId: string): Promise<SessionSummary[]> {
  return db
    .selectFrom("sessions")
    .select(["id", "createdAt", "lastActiveAt", "userAgent", "ipAddress"])
    .where("userId", "=", userId)
    .orderBy("lastActiveAt", "desc")
    .execute();
}

/** Ends one of the person's own sessions; another person's session id changes nothing. */
export const endOwnSession = accountWrite("endOwnSession", async (trx, userId: string, sessionId: string) => {
  const ended = await trx.deleteFrom("sessions").where("id", "=", sessionId).where("userId", "=", userId).executeTakeFirst();
  if (ended.numDeletedRows === 0n) return unchanged(false);
  return recorded(securityEvent(userId, "session_ended", { session: shortId(sessionId) }), true);
});

// Security events are the person's own, outside any partnership; they name a
// session by a prefix of its id only (a prefix cannot sign anyone in).
function securityEvent(userId: string | null, verb: string, context: Record<string, unknown>): AccountEventFacts {
  return { actor: { userId, role: null, sector: null }, entityType: "user", entityId: userId ?? "unknown", verb, context };
}

/** How a session is named to people: the start of its id, never enough to sign in. */
export function shortId(sessionId: string): string {
  return sessionId.slice(0, 6);
}
