import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Role, Sector } from "../../domain/vocabulary";
import { createdFields, type FieldChanges } from "../platform/audit.server";
import { checkOwnPassword } from "../auth/sign-in.server";
import { config } from "../platform/config.server";
import { ConflictError, NotFoundError } from "../platform/errors.server";
import { hashPassword, passwordProblem } from "../auth/passwords.server";
import { createSession, generateSecret, hashSecret } from "../auth/sessions.server";
import { accountWrite, partnershipWrite, recorded, unchanged, type AccountEventFacts, type Outcome, type Trx } from "../platform/write.server";

export interface NewInvitation {
  email: string;
  displayName: string;
  role: Role;
  sector: Sector;
  /**
   * A member who cannot sign in yet (a lead the plan names): the invitation is
   * theirs, so accepting it keeps their leads and groups. The email typed
   * replaces the one stored for them, which was never used to sign in.
   */
  existingUserId?: string | null;
}

/** Creates a single-use link, valid for seven days. Only its hash is stored. */
export const createInvitation = partnershipWrite("createInvitation", async ({ trx, actor, authorize }, invitation: NewInvitation) => {
  authorize("partnership.manageMembers");
  const token = generateSecret();
  const expiresAt = new Date(Date.now() + config.invitationLifetimeMs);
  const emailChange = invitation.existingUserId ? await claimEmailFor(trx, actor.partnershipId, invitation.existingUserId, invitation.email) : {};
  const existing = await trx
    .selectFrom("users as u")
    .innerJoin("partnershipMemberships as m", "m.userId", "u.id")
    .select(["u.passwordHash"])
    .where("u.email", "=", invitation.email)
    .where("m.partnershipId", "=", actor.partnershipId)
    .executeTakeFirst();
  if (existing?.passwordHash) throw new ConflictError(`${invitation.email} is already a member of this partnership`, { field: "email" });
  const created = await trx
    .insertInto("invitations")
    .values({
      email: invitation.email,
      displayName: invitation.displayName,
      role: invitation.role,
      sector: invitation.sector,
      partnershipId: actor.partnershipId,
      tokenHash: hashSecret(token),
      invitedBy: actor.userId,
      expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return recorded(
    {
      entityType: "invitation",
      entityId: created.id,
      verb: "created",
      changes: { ...createdFields({ email: invitation.email, role: invitation.role, sector: invitation.sector }), ...emailChange },
      ...(invitation.existingUserId ? { context: { inviteeUserId: invitation.existingUserId } } : {}),
    },
    { token, expiresAt },
  );
});

/**
 * Gives a member who has not signed up yet the email their invitation goes
 * to, so that accepting it signs in as them. Refused for someone who can
 * already sign in, someone disabled, or an email another person has.
 */
async function claimEmailFor(trx: Trx, partnershipId: string, userId: string, email: string): Promise<FieldChanges> {
  const person = await trx
    .selectFrom("users as u")
    .innerJoin("partnershipMemberships as m", "m.userId", "u.id")
    .select(["u.email", "u.passwordHash", "u.disabledAt", "m.disabledAt as membershipDisabledAt"])
    .where("u.id", "=", userId)
    .where("m.partnershipId", "=", partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!person) throw new NotFoundError("That person");
  if (person.passwordHash) throw new ConflictError("That person can already sign in", { field: "email" });
  if (person.disabledAt || person.membershipDisabledAt) throw new ConflictError("That person's access is removed. Restore it first", { field: "email" });
  if (person.email === email) return {};
  const taken = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (taken) throw new ConflictError(`${email} belongs to someone else`, { field: "email" });
  await trx.updateTable("users").set({ email }).where("id", "=", userId).execute();
  return { inviteeEmail: { before: person.email, after: email } };
}

export async function listPendingInvitations(db: Kysely<Database>, partnershipId: string, now = new Date()) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "displayName", "role", "sector", "expiresAt"])
    .where("partnershipId", "=", partnershipId)
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .where("expiresAt", ">", now)
    .orderBy("createdAt", "desc")
    .execute();
}

export const revokeInvitation = partnershipWrite("revokeInvitation", async ({ trx, actor, authorize }, invitationId: string) => {
  authorize("partnership.manageMembers");
  const revoked = await trx
    .updateTable("invitations")
    .set({ revokedAt: new Date() })
    .where("id", "=", invitationId)
    .where("partnershipId", "=", actor.partnershipId)
    .where("acceptedAt", "is", null)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  if (revoked.numUpdatedRows === 0n) throw new ConflictError("That invitation has already been used or withdrawn");
  return recorded({ entityType: "invitation", entityId: invitationId, verb: "revoked" });
});

export type InvitationState =
  | { state: "invalid" }
  | { state: "expired" | "used"; partnershipName: string }
  | {
      state: "open";
      id: string;
      email: string;
      displayName: string;
      partnershipName: string;
      partnershipSlug: string;
      /** An account that can sign in: its owner accepts while signed in. */
      hasAccount: boolean;
      /** An account closed when its last membership was disabled: its owner accepts with its password, which opens it again. */
      reopensAccount: boolean;
    };

export async function findInvitation(db: Kysely<Database>, token: string, now = new Date()): Promise<InvitationState> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return { state: "invalid" };
  const invitation = await db
    .selectFrom("invitations as i")
    .innerJoin("partnerships as p", "p.id", "i.partnershipId")
    .leftJoin("users as u", "u.email", "i.email")
    .select(["i.id", "i.email", "i.displayName", "i.expiresAt", "i.acceptedAt", "i.revokedAt", "p.name", "p.slug", "u.passwordHash", "u.disabledAt"])
    .where("i.tokenHash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!invitation || invitation.revokedAt) return { state: "invalid" };
  if (invitation.acceptedAt) return { state: "used", partnershipName: invitation.name };
  if (invitation.expiresAt <= now) return { state: "expired", partnershipName: invitation.name };
  return {
    state: "open",
    id: invitation.id,
    email: invitation.email,
    displayName: invitation.displayName,
    partnershipName: invitation.name,
    partnershipSlug: invitation.slug,
    hasAccount: Boolean(invitation.passwordHash) && !invitation.disabledAt,
    reopensAccount: Boolean(invitation.passwordHash) && Boolean(invitation.disabledAt),
  };
}

export type AcceptResult =
  { outcome: "accepted"; token: string | null; partnershipSlug: string } | { outcome: "invalid"; field: "displayName" | "password" | "form"; message: string };

/**
 * Accepts an invitation once. Someone new chooses a name and password and is
 * signed in; someone with an account accepts while signed in as that account.
 * An account closed when its last membership was disabled cannot sign in, so
 * its owner accepts with the account's password instead, checked under the
 * sign-in throttle. The link alone proves nothing about the account: the
 * admin who made it can open it too.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  choice: { displayName: string; password: string | null; signedInUserId: string | null },
  client: { address: string; userAgent: string },
): Promise<AcceptResult> {
  const found = await findInvitation(db, token);
  if (found.state !== "open") return { outcome: "invalid", field: "form", message: "This invitation can no longer be used" };
  let passwordHash: string | null = null;
  if (found.reopensAccount) {
    if (!choice.password) return { outcome: "invalid", field: "password", message: "Enter the password of your account" };
    const check = await checkOwnPassword(db, found.email, choice.password, client);
    if (check.outcome === "throttled")
      return { outcome: "invalid", field: "form", message: "Too many attempts with this account's password. Wait a few minutes, then try again." };
    if (check.outcome === "wrong") return { outcome: "invalid", field: "password", message: "That is not the password of this account" };
  } else if (!found.hasAccount) {
    if (!choice.password) return { outcome: "invalid", field: "password", message: "Enter a password" };
    const problem = passwordProblem(choice.password, { email: found.email });
    if (problem) return { outcome: "invalid", field: "password", message: problem };
    passwordHash = await hashPassword(choice.password);
  }

  return recordAcceptance(db, found, { ...choice, passwordChecked: found.reopensAccount }, passwordHash, client);
}

const recordAcceptance = accountWrite(
  "acceptInvitation",
  async (
    trx,
    found: Extract<InvitationState, { state: "open" }>,
    choice: { displayName: string; signedInUserId: string | null; passwordChecked: boolean },
    passwordHash: string | null,
    client: { address: string; userAgent: string },
  ): Promise<Outcome<AcceptResult, AccountEventFacts>> => {
    const invitation = await trx
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", found.id)
      .where("acceptedAt", "is", null)
      .where("revokedAt", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) return unchanged({ outcome: "invalid", field: "form", message: "This invitation has already been used" });

    let user = await trx.selectFrom("users").select(["id", "passwordHash", "disabledAt"]).where("email", "=", invitation.email).executeTakeFirst();
    const choosesPassword = !user?.passwordHash;
    const reopens = Boolean(user?.passwordHash) && user!.disabledAt !== null;
    if (user?.passwordHash && !reopens && user.id !== choice.signedInUserId) {
      return unchanged({ outcome: "invalid", field: "form", message: `Sign in as ${invitation.email} to accept this invitation` });
    }
    // The account changed since the page was shown (closed, or opened again): show it afresh.
    if ((choosesPassword && passwordHash === null) || (reopens && !choice.passwordChecked)) {
      return unchanged({ outcome: "invalid", field: "form", message: "Open the invitation link again to continue" });
    }
    if (!user) {
      user = await trx
        .insertInto("users")
        .values({ email: invitation.email, displayName: choice.displayName, passwordHash, passwordChangedAt: new Date() })
        .returning(["id", "passwordHash", "disabledAt"])
        .executeTakeFirstOrThrow();
    } else if (choosesPassword) {
      await trx
        .updateTable("users")
        .set({ displayName: choice.displayName, passwordHash, passwordChangedAt: new Date(), disabledAt: null })
        .where("id", "=", user.id)
        .execute();
    } else if (reopens) {
      await trx.updateTable("users").set({ displayName: choice.displayName, disabledAt: null }).where("id", "=", user.id).execute();
    }
    await trx
      .insertInto("partnershipMemberships")
      .values({ partnershipId: invitation.partnershipId, userId: user.id, role: invitation.role, sector: invitation.sector })
      .onConflict((conflict) =>
        conflict.columns(["partnershipId", "userId"]).doUpdateSet({ role: invitation.role, sector: invitation.sector, disabledAt: null }),
      )
      .execute();
    await trx.updateTable("invitations").set({ acceptedAt: new Date(), acceptedBy: user.id }).where("id", "=", invitation.id).execute();
    const session = choice.signedInUserId === user.id ? null : await createSession(trx, user.id, client);
    return recorded(
      {
        actor: { userId: user.id, role: invitation.role, sector: invitation.sector },
        partnershipId: invitation.partnershipId,
        entityType: "invitation",
        entityId: invitation.id,
        verb: "accepted",
        context: { signedIn: choice.signedInUserId !== user.id },
      },
      { outcome: "accepted", token: session?.token ?? null, partnershipSlug: found.partnershipSlug },
    );
  },
);
