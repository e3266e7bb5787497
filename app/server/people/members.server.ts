import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { GroupRole, Role, Sector } from "../../domain/vocabulary";
import { changedFields } from "../platform/audit.server";
import { ConflictError, NotFoundError } from "../platform/errors.server";
import { partnershipWrite, recorded, unchanged, type Trx } from "../platform/write.server";

export interface Person {
  userId: string;
  displayName: string;
  email: string;
  role: Role;
  sector: Sector;
  jobTitle: string;
  disabled: boolean;
  canSignIn: boolean;
  /** Their name and email were erased at their request (people/erasure.server.ts). */
  erased: boolean;
  groups: Array<{ id: string; name: string; role: GroupRole }>;
}

export async function listPeople(db: Kysely<Database>, partnershipId: string): Promise<Person[]> {
  const [people, groups] = await Promise.all([
    db
      .selectFrom("partnershipMemberships as m")
      .innerJoin("users as u", "u.id", "m.userId")
      .select(["u.id", "u.displayName", "u.email", "u.passwordHash", "u.erasedAt", "m.role", "m.sector", "m.jobTitle", "m.disabledAt"])
      .where("m.partnershipId", "=", partnershipId)
      .orderBy("u.displayName")
      .execute(),
    db
      .selectFrom("groupMemberships as gm")
      .innerJoin("groups as g", "g.id", "gm.groupId")
      .select(["gm.userId", "g.id", "g.name", "gm.role"])
      .where("gm.partnershipId", "=", partnershipId)
      .orderBy("g.name")
      .execute(),
  ]);
  return people.map((person) => ({
    userId: person.id,
    displayName: person.displayName,
    email: person.email,
    role: person.role,
    sector: person.sector,
    jobTitle: person.jobTitle,
    disabled: person.disabledAt !== null,
    canSignIn: person.passwordHash !== null,
    erased: person.erasedAt !== null,
    groups: groups.filter((group) => group.userId === person.id).map(({ id, name, role }) => ({ id, name, role })),
  }));
}

export const changeMembership = partnershipWrite(
  "changeMembership",
  async ({ trx, actor, authorize }, userId: string, { role, sector }: { role: Role; sector: Sector }) => {
    authorize("partnership.manageMembers");
    const change = { role, sector };
    await lockActiveAdmins(trx, actor.partnershipId);
    const before = await lockMembership(trx, actor.partnershipId, userId);
    if (before.role === "admin" && change.role !== "admin") await ensureAnotherAdmin(trx, actor.partnershipId, userId);
    const changes = changedFields({ role: before.role, sector: before.sector }, change);
    if (Object.keys(changes).length === 0) return unchanged();
    await trx.updateTable("partnershipMemberships").set(change).where("partnershipId", "=", actor.partnershipId).where("userId", "=", userId).execute();
    return recorded({ entityType: "membership", entityId: userId, verb: "updated", changes });
  },
);

/**
 * Disabling takes effect at once: the membership stops opening the
 * partnership, and every session of the person ends. Someone left with no
 * active membership anywhere has their account disabled too.
 */
export const setMemberDisabled = partnershipWrite("setMemberDisabled", async ({ trx, actor, authorize }, userId: string, disabled: boolean) => {
  authorize("partnership.manageMembers");
  if (userId === actor.userId) throw new ConflictError("You cannot disable yourself. Ask another admin.");
  await lockActiveAdmins(trx, actor.partnershipId);
  const membership = await lockMembership(trx, actor.partnershipId, userId);
  if ((membership.disabledAt !== null) === disabled) return unchanged();
  if (disabled && membership.role === "admin") await ensureAnotherAdmin(trx, actor.partnershipId, userId);
  const now = new Date();
  await trx
    .updateTable("partnershipMemberships")
    .set({ disabledAt: disabled ? now : null })
    .where("partnershipId", "=", actor.partnershipId)
    .where("userId", "=", userId)
    .execute();
  if (disabled) {
    await trx.deleteFrom("sessions").where("userId", "=", userId).execute();
    const otherActive = await trx
      .selectFrom("partnershipMemberships")
      .select("partnershipId")
      .where("userId", "=", userId)
      .where("disabledAt", "is", null)
      .executeTakeFirst();
    if (!otherActive) await trx.updateTable("users").set({ disabledAt: now }).where("id", "=", userId).execute();
  } else {
    await trx.updateTable("users").set({ disabledAt: null }).where("id", "=", userId).execute();
  }
  return recorded({
    entityType: "membership",
    entityId: userId,
    verb: disabled ? "disabled" : "enabled",
    changes: { disabled: { before: !disabled, after: disabled } },
  });
});

async function lockMembership(trx: Trx, partnershipId: string, userId: string) {
  const membership = await trx
    .selectFrom("partnershipMemberships")
    .select(["role", "sector", "disabledAt"])
    .where("partnershipId", "=", partnershipId)
    .where("userId", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!membership) throw new NotFoundError("That person's membership");
  return membership;
}

/**
 * Two admins demoting or disabling each other at the same moment would each
 * find the other still an admin. Locking every active admin membership first,
 * in one order, makes the second wait and then see the first one's change.
 */
async function lockActiveAdmins(trx: Trx, partnershipId: string) {
  await trx
    .selectFrom("partnershipMemberships")
    .select("userId")
    .where("partnershipId", "=", partnershipId)
    .where("role", "=", "admin")
    .where("disabledAt", "is", null)
    .orderBy("userId")
    .forUpdate()
    .execute();
}

async function ensureAnotherAdmin(trx: Kysely<Database>, partnershipId: string, leavingUserId: string) {
  const other = await trx
    .selectFrom("partnershipMemberships")
    .select("userId")
    .where("partnershipId", "=", partnershipId)
    .where("role", "=", "admin")
    .where("disabledAt", "is", null)
    .where("userId", "!=", leavingUserId)
    .executeTakeFirst();
  if (!other) throw new ConflictError("A partnership needs at least one admin. Make someone else an admin first.");
}
