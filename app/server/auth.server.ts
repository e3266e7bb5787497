import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit, recordStandaloneAudit } from "./audit.server";
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./passwords.server";
import { createSession } from "./sessions.server";
import { admitAttempt, settleSuccess } from "./throttle.server";

export interface Client {
  address: string;
  userAgent: string;
}

export type SignInResult =
  | { outcome: "signed-in"; token: string; userId: string }
  | { outcome: "refused" }
  | { outcome: "throttled"; retryAt: Date };

/**
 * Checks an email and password. Unknown email, wrong password, a disabled
 * account or one not yet activated all give the same answer, after the same
 * argon2 work. Each success starts a new session.
 */
export async function signIn(
  db: Kysely<Database>,
  credentials: { email: string; password: string },
  client: Client,
  now = new Date(),
): Promise<SignInResult> {
  const email = credentials.email.trim().toLowerCase();
  const admission = await admitPasswordCheck(db, email, client.address, now);
  if (!admission.admitted) return { outcome: "throttled", retryAt: admission.retryAt };

  const user = await db
    .selectFrom("users")
    .select(["id", "passwordHash", "disabledAt"])
    .where("email", "=", email)
    .executeTakeFirst();
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), credentials.password);
  if (!user || !user.passwordHash || user.disabledAt || !passwordMatches) {
    // The attempt was already counted as a failure.
    await recordStandaloneAudit(db, securityEntry(user?.id ?? null, "sign_in_failed", { address: client.address }));
    return { outcome: "refused" };
  }

  const { token } = await db.transaction().execute(async (trx) => {
    await settleSuccess(trx, email, client.address);
    const session = await createSession(trx, user.id, client, now);
    await recordAudit(trx, securityEntry(user.id, "signed_in", { address: client.address, session: shortId(session.sessionId) }));
    return session;
  });
  return { outcome: "signed-in", token, userId: user.id };
}

export async function signOut(db: Kysely<Database>, userId: string, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
    await recordAudit(trx, securityEntry(userId, "signed_out", { session: shortId(sessionId) }));
  });
}

/**
 * Counts a password check against the account and the client's address
 * before it is made (see throttle.server.ts), in its own transaction.
 */
async function admitPasswordCheck(db: Kysely<Database>, email: string, address: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const result = await admitAttempt(trx, email, address, now);
    // One event when a block begins, not one per refused attempt: nobody can
    // fill the history by hammering the form.
    if (result.admitted && result.blockStarted) {
      await recordAudit(trx, securityEntry(null, "sign_in_blocked", { address }));
    }
    return result;
  });
}

export type PasswordChangeResult =
  | { outcome: "changed" }
  | { outcome: "invalid"; field: "currentPassword" | "newPassword"; message: string }
  | { outcome: "throttled"; retryAt: Date };

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
  const user = await db.selectFrom("users").select(["email", "passwordHash"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const admission = await admitPasswordCheck(db, user.email, client.address, now);
  if (!admission.admitted) return { outcome: "throttled", retryAt: admission.retryAt };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, passwords.currentPassword))) {
    await recordStandaloneAudit(db, securityEntry(userId, "password_check_failed", { address: client.address }));
    return { outcome: "invalid", field: "currentPassword", message: "Your current password is not correct" };
  }
  await settleSuccess(db, user.email, client.address);
  const problem = passwordProblem(passwords.newPassword, { email: user.email });
  if (problem) return { outcome: "invalid", field: "newPassword", message: problem };

  const passwordHash = await hashPassword(passwords.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ passwordHash, passwordChangedAt: new Date() }).where("id", "=", userId).execute();
    const ended = await trx
      .deleteFrom("sessions")
      .where("userId", "=", userId)
      .where("id", "!=", currentSessionId)
      .executeTakeFirst();
    await recordAudit(trx, securityEntry(userId, "password_changed", { otherSessionsEnded: Number(ended.numDeletedRows) }));
  });
  return { outcome: "changed" };
}

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
export async function endOwnSession(db: Kysely<Database>, userId: string, sessionId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx.deleteFrom("sessions").where("id", "=", sessionId).where("userId", "=", userId).executeTakeFirst();
    if (ended.numDeletedRows === 0n) return false;
    await recordAudit(trx, securityEntry(userId, "session_ended", { session: shortId(sessionId) }));
    return true;
  });
}

// Security events are the person's own, outside any partnership; they name a
// session by a prefix of its id only (a prefix cannot sign anyone in).
function securityEntry(userId: string | null, verb: string, context: Record<string, unknown>) {
  return {
    actor: { userId, role: null, sector: null },
    partnershipId: null,
    entityType: "user",
    entityId: userId ?? "unknown",
    verb,
    context,
  };
}


function shortId(sessionId: string): string {
  return sessionId.slice(0, 6);
}
