import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { mayIssueResetLink } from "../../domain/policy";
import { SYSTEM_ACTOR } from "../platform/audit.server";
import { config } from "../platform/config.server";
import { ConflictError, ExplainedForbiddenError, InputError, NotFoundError } from "../platform/errors.server";
import { canSendMail } from "../mail/mail.server";
import { hashPassword, passwordProblem } from "./passwords.server";
import { generateSecret, hashSecret } from "./sessions.server";
import { admitAttempt } from "./throttle.server";
import { accountWrite, partnershipWrite, recorded, unchanged, type AccountEventFacts, type Trx } from "../platform/write.server";
import type { Client } from "./sign-in.server";

// Forgotten passwords. A reset link is single-use, expires, and is stored only
// as the SHA-256 of its token. It comes by email when the person asks on the
// sign-in page (SMTP_URL set), or from an admin on the People page. Issuing a
// link spends the person's earlier ones; using one ends every session.

/** Whom to email, when the address belongs to someone who can sign in; null otherwise (or when throttled). */
export type ResetMail = { to: string; displayName: string; token: string; expiresAt: Date } | null;

/**
 * A request from the sign-in page. Whatever the address, the same work is
 * done (the throttle, one lookup, one event) and the caller shows the same
 * page; only a known address gets a link, which the caller mails off the
 * response path. Each request counts against the address and the client.
 */
export const requestPasswordReset = accountWrite("requestPasswordReset", async (trx, rawEmail: string, client: Client, now: Date = new Date()) => {
  const email = rawEmail.trim().toLowerCase();
  const admission = await admitAttempt(trx, email, client.address, now, "passwordReset");
  // No event per refused request: nobody can fill the history by hammering the form.
  if (!admission.admitted) return unchanged<ResetMail>(null);
  const context = { address: client.address, ...(admission.blockStarted ? { blockStarted: true } : {}) };
  const user = await trx
    .selectFrom("users")
    .select(["id", "displayName"])
    .where("email", "=", email)
    .where("passwordHash", "is not", null)
    .where("disabledAt", "is", null)
    .executeTakeFirst();
  if (!user) return recorded<AccountEventFacts, ResetMail>(accountEvent(null, "password_reset_requested", context), null);
  const link = await issueLink(trx, { userId: user.id, via: "email", issuedBy: null, partnershipId: null }, now, config.emailedResetLifetimeMs);
  return recorded<AccountEventFacts, ResetMail>(accountEvent(user.id, "password_reset_requested", { ...context, expiresAt: link.expiresAt.toISOString() }), {
    to: email,
    displayName: user.displayName,
    ...link,
  });
});

/**
 * An admin's reset link for someone in their partnership, shown to the admin
 * once. A link opens the whole account, so the admin must administer every
 * partnership the person belongs to: an admin of one partnership cannot take
 * over someone whose other partnership they do not run.
 */
export const issuePasswordResetLink = partnershipWrite("issuePasswordResetLink", async ({ trx, actor, authorize }, userId: string) => {
  authorize("partnership.manageMembers");
  if (userId === actor.userId) throw new ConflictError("To change your own password, go to Your account.");
  const person = await trx
    .selectFrom("partnershipMemberships as m")
    .innerJoin("users as u", "u.id", "m.userId")
    .select(["u.displayName", "u.passwordHash", "u.disabledAt as accountDisabledAt", "m.disabledAt"])
    .where("m.partnershipId", "=", actor.partnershipId)
    .where("m.userId", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!person) throw new NotFoundError("That person's membership");
  if (!person.passwordHash) throw new ConflictError(`${person.displayName} has not signed up yet: invite them instead.`);
  if (person.disabledAt || person.accountDisabledAt) throw new ConflictError(`${person.displayName} is disabled: restore their access first.`);
  if (!(await resetLinkReach(trx, actor.userId, [userId])).has(userId)) {
    throw new ExplainedForbiddenError(
      "partnership.manageMembers",
      `${person.displayName} also belongs to a partnership you are not an admin of, so ` +
        `you cannot reset their password: a reset link opens their whole account. An admin ` +
        `of every partnership they belong to can, or the site's ` +
        `operator${canSendMail() ? ", or they themselves with “Forgot your password?” on the sign-in page" : ""}.`,
    );
  }
  const link = await issueLink(
    trx,
    { userId, via: "admin", issuedBy: actor.userId, partnershipId: actor.partnershipId },
    new Date(),
    config.adminResetLifetimeMs,
  );
  return recorded(
    { entityType: "user", entityId: userId, verb: "password_reset_link_created", context: { expiresAt: link.expiresAt.toISOString() } },
    { ...link, displayName: person.displayName },
  );
});

/**
 * A reset link from the command line, for the operator (shell access proves
 * who acts): the way back for someone whose partnerships have no admin in common.
 */
export const issueOperatorResetLink = accountWrite("issueOperatorResetLink", async (trx, rawEmail: string) => {
  const email = rawEmail.trim().toLowerCase();
  const user = await trx.selectFrom("users").select(["id", "displayName", "passwordHash", "disabledAt"]).where("email", "=", email).executeTakeFirst();
  if (!user) throw new InputError("email", `There is no account for ${email}`);
  if (!user.passwordHash) throw new ConflictError(`${email} has not signed up yet: an admin can invite them instead.`);
  if (user.disabledAt) throw new ConflictError(`${email} is disabled: an admin must restore their access first.`);
  const link = await issueLink(trx, { userId: user.id, via: "operator", issuedBy: null, partnershipId: null }, new Date(), config.adminResetLifetimeMs);
  return recorded(
    {
      actor: SYSTEM_ACTOR,
      entityType: "user",
      entityId: user.id,
      verb: "password_reset_link_created",
      context: { via: "command line", expiresAt: link.expiresAt.toISOString() },
    },
    { ...link, displayName: user.displayName },
  );
});

/**
 * Whom of `userIds` an admin's reset link may reach (mayIssueResetLink): those all of
 * whose partnerships, disabled memberships included, the admin runs as an active admin.
 */
export async function resetLinkReach(db: Kysely<Database>, adminUserId: string, userIds: readonly string[]): Promise<ReadonlySet<string>> {
  if (userIds.length === 0) return new Set();
  const administered = await db
    .selectFrom("partnershipMemberships")
    .select("partnershipId")
    .where("userId", "=", adminUserId)
    .where("role", "=", "admin")
    .where("disabledAt", "is", null)
    .execute();
  const memberships = await db.selectFrom("partnershipMemberships").select(["userId", "partnershipId"]).where("userId", "in", userIds).execute();
  const adminOf = new Set(administered.map((membership) => membership.partnershipId));
  const theirs = new Map<string, string[]>();
  for (const { userId, partnershipId } of memberships) theirs.set(userId, [...(theirs.get(userId) ?? []), partnershipId]);
  return new Set(userIds.filter((userId) => mayIssueResetLink(adminOf, theirs.get(userId) ?? [])));
}

/** A new link for the person, spending any earlier one still open. */
async function issueLink(
  trx: Trx,
  issue: { userId: string; via: "email" | "admin" | "operator"; issuedBy: string | null; partnershipId: string | null },
  now: Date,
  lifetimeMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  await revokeOpenLinks(trx, issue.userId, now);
  const token = generateSecret();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await trx
    .insertInto("passwordResets")
    .values({ ...issue, tokenHash: hashSecret(token), createdAt: now, expiresAt })
    .execute();
  return { token, expiresAt };
}

async function revokeOpenLinks(trx: Trx, userId: string, now: Date, except: string | null = null) {
  let query = trx.updateTable("passwordResets").set({ revokedAt: now }).where("userId", "=", userId).where("usedAt", "is", null).where("revokedAt", "is", null);
  if (except) query = query.where("id", "!=", except);
  await query.execute();
}

export type ResetLinkState =
  | { state: "unknown" }
  /** beyondIssuer: an admin's link whose admin no longer runs every partnership of the person. */
  | { state: "expired" | "used" | "replaced" | "beyondIssuer" }
  | { state: "open"; id: string; userId: string; email: string; displayName: string };

/** What a link from an email or an admin is now. Only its hash is looked up. */
export async function findPasswordReset(db: Kysely<Database>, token: string, now = new Date()): Promise<ResetLinkState> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return { state: "unknown" };
  const reset = await db
    .selectFrom("passwordResets as r")
    .innerJoin("users as u", "u.id", "r.userId")
    .select(["r.id", "r.userId", "r.issuedBy", "r.expiresAt", "r.usedAt", "r.revokedAt", "u.email", "u.displayName", "u.passwordHash", "u.disabledAt"])
    .where("r.tokenHash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!reset || !reset.passwordHash || reset.disabledAt) return { state: "unknown" };
  if (reset.usedAt) return { state: "used" };
  if (reset.revokedAt) return { state: "replaced" };
  if (reset.expiresAt <= now) return { state: "expired" };
  if (!(await issuerStillReaches(db, reset))) return { state: "beyondIssuer" };
  return { state: "open", id: reset.id, userId: reset.userId, email: reset.email, displayName: reset.displayName };
}

export type ResetResult =
  { outcome: "reset"; userId: string } | { outcome: "link"; state: Exclude<ResetLinkState["state"], "open"> } | { outcome: "invalid"; message: string };

/**
 * Sets a new password with a link, once. The strength rules are those of
 * every password here; the slow hash is made outside the transaction, and the
 * link is checked again under a row lock inside it, so two uses at once set
 * one password. Every session of the person ends.
 */
export async function resetPassword(db: Kysely<Database>, token: string, newPassword: string, now = new Date()): Promise<ResetResult> {
  const found = await findPasswordReset(db, token, now);
  if (found.state !== "open") return { outcome: "link", state: found.state };
  const problem = passwordProblem(newPassword, { email: found.email });
  if (problem) return { outcome: "invalid", message: problem };
  return completeReset(db, found.id, await hashPassword(newPassword), now);
}

const completeReset = accountWrite("completePasswordReset", async (trx, resetId: string, passwordHash: string, now: Date) => {
  const reset = await trx
    .selectFrom("passwordResets")
    .select(["id", "userId", "via", "issuedBy", "expiresAt", "usedAt", "revokedAt"])
    .where("id", "=", resetId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (reset.usedAt) return unchanged<ResetResult>({ outcome: "link", state: "used" });
  if (reset.revokedAt) return unchanged<ResetResult>({ outcome: "link", state: "replaced" });
  if (reset.expiresAt <= now) return unchanged<ResetResult>({ outcome: "link", state: "expired" });
  if (!(await issuerStillReaches(trx, reset))) return unchanged<ResetResult>({ outcome: "link", state: "beyondIssuer" });
  await trx.updateTable("users").set({ passwordHash, passwordChangedAt: now }).where("id", "=", reset.userId).execute();
  const ended = await trx.deleteFrom("sessions").where("userId", "=", reset.userId).executeTakeFirst();
  await trx.updateTable("passwordResets").set({ usedAt: now }).where("id", "=", reset.id).execute();
  await revokeOpenLinks(trx, reset.userId, now, reset.id);
  return recorded<AccountEventFacts, ResetResult>(
    accountEvent(reset.userId, "password_reset", { via: reset.via, issuedBy: reset.issuedBy, sessionsEnded: Number(ended.numDeletedRows) }),
    { outcome: "reset", userId: reset.userId },
  );
});

/**
 * An admin's link holds while its admin runs every partnership of the person, as
 * when it was issued. Checked when the link is opened and used, rather than by
 * revoking links when someone joins a partnership: people join by several paths
 * (an invitation accepted, the command line) and an admin can lose the role, and
 * one check where the link opens the account covers them all.
 */
async function issuerStillReaches(db: Kysely<Database>, reset: { userId: string; issuedBy: string | null }): Promise<boolean> {
  if (!reset.issuedBy) return true;
  return (await resetLinkReach(db, reset.issuedBy, [reset.userId])).has(reset.userId);
}

// The person's own security events, outside any partnership (as signing in is).
function accountEvent(userId: string | null, verb: string, context: Record<string, unknown>): AccountEventFacts {
  return { actor: { userId, role: null, sector: null }, entityType: "user", entityId: userId ?? "unknown", verb, context };
}
