import type { Sector } from "../../domain/vocabulary";
import { createdFields, SYSTEM_ACTOR } from "../platform/audit.server";
import { config } from "../platform/config.server";
import { ConflictError } from "../platform/errors.server";
import { generateSecret, hashSecret } from "../auth/sessions.server";
import { accountWrite, recorded } from "../platform/write.server";

/**
 * The first admin of a new partnership, from the command line: creates the
 * partnership if needed, the person (without a password) as its admin, and an
 * invitation link for them to choose their password.
 */
export const bootstrapAdmin = accountWrite(
  "bootstrapAdmin",
  async (trx, input: { partnershipSlug: string; partnershipName: string; email: string; displayName: string; sector: Sector }) => {
    const token = generateSecret();
    const expiresAt = new Date(Date.now() + config.invitationLifetimeMs);
    const partnership =
      (await trx.selectFrom("partnerships").select("id").where("slug", "=", input.partnershipSlug).executeTakeFirst()) ??
      (await trx.insertInto("partnerships").values({ slug: input.partnershipSlug, name: input.partnershipName }).returning("id").executeTakeFirstOrThrow());
    const existing = await trx.selectFrom("users").select(["id", "passwordHash"]).where("email", "=", input.email).executeTakeFirst();
    if (existing?.passwordHash) throw new ConflictError(`${input.email} already has an account: invite them from the People page instead`, { field: "email" });
    const user =
      existing ??
      (await trx
        .insertInto("users")
        .values({ email: input.email, displayName: input.displayName })
        .returning(["id", "passwordHash"])
        .executeTakeFirstOrThrow());
    await trx
      .insertInto("partnershipMemberships")
      .values({ partnershipId: partnership.id, userId: user.id, role: "admin", sector: input.sector })
      .onConflict((conflict) => conflict.columns(["partnershipId", "userId"]).doUpdateSet({ role: "admin", sector: input.sector, disabledAt: null }))
      .execute();
    const invitation = await trx
      .insertInto("invitations")
      .values({
        partnershipId: partnership.id,
        email: input.email,
        displayName: input.displayName,
        role: "admin",
        sector: input.sector,
        tokenHash: hashSecret(token),
        invitedBy: user.id,
        expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return recorded(
      {
        actor: SYSTEM_ACTOR,
        partnershipId: partnership.id,
        entityType: "invitation",
        entityId: invitation.id,
        verb: "created",
        changes: createdFields({ email: input.email, role: "admin", sector: input.sector }),
        context: { via: "command line" },
      },
      { token, expiresAt },
    );
  },
);
