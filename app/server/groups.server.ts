import type { Kysely } from "kysely";
import type { Database, GroupRole, GroupSector } from "../../db/schema";
import type { Actor } from "../domain/policy";
import { actorOf, changedFields, createdFields, recordAudit } from "./audit.server";

export class GroupError extends Error {}

export interface GroupSummary {
  id: string;
  name: string;
  sector: GroupSector;
  description: string;
  memberCount: number;
  stewardOf: string[];
}

export async function listGroups(db: Kysely<Database>, partnershipId: string): Promise<GroupSummary[]> {
  const [groups, counts, stewardships] = await Promise.all([
    db.selectFrom("groups").select(["id", "name", "sector", "description"]).where("partnershipId", "=", partnershipId).orderBy("name").execute(),
    db
      .selectFrom("groupMemberships")
      .select(["groupId", (eb) => eb.fn.countAll<number>().as("members")])
      .where("partnershipId", "=", partnershipId)
      .groupBy("groupId")
      .execute(),
    db
      .selectFrom("planStewards")
      .innerJoin("plans", "plans.id", "planStewards.planId")
      .select(["planStewards.groupId", "plans.title"])
      .where("planStewards.partnershipId", "=", partnershipId)
      .where("plans.archivedAt", "is", null)
      .execute(),
  ]);
  return groups.map((group) => ({
    ...group,
    memberCount: counts.find((count) => count.groupId === group.id)?.members ?? 0,
    stewardOf: stewardships.filter((stewardship) => stewardship.groupId === group.id).map((stewardship) => stewardship.title),
  }));
}

export async function getGroup(db: Kysely<Database>, partnershipId: string, groupId: string) {
  const group = await db
    .selectFrom("groups")
    .select(["id", "name", "sector", "description"])
    .where("id", "=", groupId)
    .where("partnershipId", "=", partnershipId)
    .executeTakeFirst();
  if (!group) return null;
  const members = await db
    .selectFrom("groupMemberships as gm")
    .innerJoin("users as u", "u.id", "gm.userId")
    .innerJoin("partnershipMemberships as m", (join) => join.onRef("m.userId", "=", "gm.userId").onRef("m.partnershipId", "=", "gm.partnershipId"))
    .select(["u.id as userId", "u.displayName", "gm.role", "m.sector"])
    .where("gm.groupId", "=", groupId)
    .orderBy("u.displayName")
    .execute();
  return { ...group, members };
}

export interface GroupFields {
  name: string;
  sector: GroupSector;
  description: string;
}

export async function createGroup(db: Kysely<Database>, admin: Actor, { name, sector, description }: GroupFields): Promise<string> {
  const fields = { name, sector, description };
  return db.transaction().execute(async (trx) => {
    await ensureNameFree(trx, admin.partnershipId, fields.name, null);
    const group = await trx.insertInto("groups").values({ ...fields, partnershipId: admin.partnershipId }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: actorOf(admin),
      partnershipId: admin.partnershipId,
      entityType: "group",
      entityId: group.id,
      verb: "created",
      changes: createdFields({ ...fields }),
    });
    return group.id;
  });
}

export async function updateGroup(db: Kysely<Database>, admin: Actor, groupId: string, { name, sector, description }: GroupFields): Promise<void> {
  const fields = { name, sector, description };
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("groups")
      .select(["name", "sector", "description"])
      .where("id", "=", groupId)
      .where("partnershipId", "=", admin.partnershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new GroupError("That group no longer exists");
    await ensureNameFree(trx, admin.partnershipId, fields.name, groupId);
    const changes = changedFields(before, fields);
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable("groups").set(fields).where("id", "=", groupId).execute();
    await recordAudit(trx, { actor: actorOf(admin), partnershipId: admin.partnershipId, entityType: "group", entityId: groupId, verb: "updated", changes });
  });
}

/** Adds a member, or changes their role; one chair per group (the previous chair becomes a member). */
export async function setGroupMember(db: Kysely<Database>, admin: Actor, groupId: string, userId: string, role: GroupRole): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireGroup(trx, admin.partnershipId, groupId);
    const isMember = await trx
      .selectFrom("partnershipMemberships")
      .select("userId")
      .where("partnershipId", "=", admin.partnershipId)
      .where("userId", "=", userId)
      .executeTakeFirst();
    if (!isMember) throw new GroupError("Choose a member of this partnership");
    const before = await trx.selectFrom("groupMemberships").select("role").where("groupId", "=", groupId).where("userId", "=", userId).executeTakeFirst();
    if (before?.role === role) return;
    const previousChair =
      role === "chair"
        ? await trx.updateTable("groupMemberships").set({ role: "member" }).where("groupId", "=", groupId).where("role", "=", "chair").returning("userId").executeTakeFirst()
        : undefined;
    await trx
      .insertInto("groupMemberships")
      .values({ groupId, partnershipId: admin.partnershipId, userId, role })
      .onConflict((conflict) => conflict.columns(["groupId", "userId"]).doUpdateSet({ role }))
      .execute();
    await recordAudit(trx, {
      actor: actorOf(admin),
      partnershipId: admin.partnershipId,
      entityType: "group_membership",
      entityId: `${groupId}:${userId}`,
      verb: before ? "updated" : "added",
      changes: { role: { before: before?.role ?? null, after: role } },
      // One chair per group: whoever chaired it before is a member now.
      context: { groupId, userId, ...(previousChair ? { previousChairUserId: previousChair.userId } : {}) },
    });
  });
}

export async function removeGroupMember(db: Kysely<Database>, admin: Actor, groupId: string, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireGroup(trx, admin.partnershipId, groupId);
    const removed = await trx.deleteFrom("groupMemberships").where("groupId", "=", groupId).where("userId", "=", userId).returning("role").executeTakeFirst();
    if (!removed) throw new GroupError("That person is not in the group");
    await recordAudit(trx, {
      actor: actorOf(admin),
      partnershipId: admin.partnershipId,
      entityType: "group_membership",
      entityId: `${groupId}:${userId}`,
      verb: "removed",
      changes: { role: { before: removed.role, after: null } },
      context: { groupId, userId },
    });
  });
}

async function requireGroup(trx: Kysely<Database>, partnershipId: string, groupId: string) {
  const group = await trx.selectFrom("groups").select("id").where("id", "=", groupId).where("partnershipId", "=", partnershipId).executeTakeFirst();
  if (!group) throw new GroupError("That group no longer exists");
}

async function ensureNameFree(trx: Kysely<Database>, partnershipId: string, name: string, exceptGroupId: string | null) {
  let query = trx.selectFrom("groups").select("id").where("partnershipId", "=", partnershipId).where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptGroupId) query = query.where("id", "!=", exceptGroupId);
  if (await query.executeTakeFirst()) throw new GroupError(`There is already a group called ${name}`);
}
