import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { GroupRole, GroupSector } from "../../domain/vocabulary";
import { changedFields, createdFields } from "../platform/audit.server";
import { ConflictError, InputError, NotFoundError } from "../platform/errors.server";
import { partnershipWrite, recorded, unchanged, type Trx } from "../platform/write.server";

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

export const createGroup = partnershipWrite("createGroup", async ({ trx, actor, authorize }, { name, sector, description }: GroupFields) => {
  authorize("partnership.manageGroups");
  const fields = { name, sector, description };
  await ensureNameFree(trx, actor.partnershipId, fields.name, null);
  const group = await trx
    .insertInto("groups")
    .values({ ...fields, partnershipId: actor.partnershipId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return recorded({ entityType: "group", entityId: group.id, verb: "created", changes: createdFields({ ...fields }) }, group.id);
});

export const updateGroup = partnershipWrite("updateGroup", async ({ trx, actor, authorize }, groupId: string, { name, sector, description }: GroupFields) => {
  authorize("partnership.manageGroups");
  const fields = { name, sector, description };
  const before = await trx
    .selectFrom("groups")
    .select(["name", "sector", "description"])
    .where("id", "=", groupId)
    .where("partnershipId", "=", actor.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw new NotFoundError("That group");
  await ensureNameFree(trx, actor.partnershipId, fields.name, groupId);
  const changes = changedFields(before, fields);
  if (Object.keys(changes).length === 0) return unchanged();
  await trx.updateTable("groups").set(fields).where("id", "=", groupId).execute();
  return recorded({ entityType: "group", entityId: groupId, verb: "updated", changes });
});

/** Adds a member, or changes their role; one chair per group (the previous chair becomes a member). */
export const setGroupMember = partnershipWrite("setGroupMember", async ({ trx, actor, authorize }, groupId: string, userId: string, role: GroupRole) => {
  authorize("partnership.manageGroups");
  // Locked, so two "make chair" requests at once take turns instead of both finding no chair.
  await lockGroup(trx, actor.partnershipId, groupId);
  const isMember = await trx
    .selectFrom("partnershipMemberships")
    .select("userId")
    .where("partnershipId", "=", actor.partnershipId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  if (!isMember) throw new InputError("userId", "Choose a member of this partnership");
  const before = await trx.selectFrom("groupMemberships").select("role").where("groupId", "=", groupId).where("userId", "=", userId).executeTakeFirst();
  if (before?.role === role) return unchanged();
  const previousChair =
    role === "chair"
      ? await trx
          .updateTable("groupMemberships")
          .set({ role: "member" })
          .where("groupId", "=", groupId)
          .where("role", "=", "chair")
          .returning("userId")
          .executeTakeFirst()
      : undefined;
  await trx
    .insertInto("groupMemberships")
    .values({ groupId, partnershipId: actor.partnershipId, userId, role })
    .onConflict((conflict) => conflict.columns(["groupId", "userId"]).doUpdateSet({ role }))
    .execute();
  return recorded({
    entityType: "group_membership",
    entityId: `${groupId}:${userId}`,
    verb: before ? "updated" : "added",
    changes: { role: { before: before?.role ?? null, after: role } },
    // One chair per group: whoever chaired it before is a member now.
    context: { groupId, userId, ...(previousChair ? { previousChairUserId: previousChair.userId } : {}) },
  });
});

export const removeGroupMember = partnershipWrite("removeGroupMember", async ({ trx, actor, authorize }, groupId: string, userId: string) => {
  authorize("partnership.manageGroups");
  await lockGroup(trx, actor.partnershipId, groupId);
  const removed = await trx.deleteFrom("groupMemberships").where("groupId", "=", groupId).where("userId", "=", userId).returning("role").executeTakeFirst();
  if (!removed) throw new ConflictError("That person is not in the group");
  return recorded({
    entityType: "group_membership",
    entityId: `${groupId}:${userId}`,
    verb: "removed",
    changes: { role: { before: removed.role, after: null } },
    context: { groupId, userId },
  });
});

async function lockGroup(trx: Trx, partnershipId: string, groupId: string) {
  const group = await trx
    .selectFrom("groups")
    .select("id")
    .where("id", "=", groupId)
    .where("partnershipId", "=", partnershipId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!group) throw new NotFoundError("That group");
}

async function ensureNameFree(trx: Trx, partnershipId: string, name: string, exceptGroupId: string | null) {
  let query = trx
    .selectFrom("groups")
    .select("id")
    .where("partnershipId", "=", partnershipId)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptGroupId) query = query.where("id", "!=", exceptGroupId);
  if (await query.executeTakeFirst()) throw new ConflictError(`There is already a group called ${name}`, { field: "name" });
}
