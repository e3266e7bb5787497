import type { GroupSector } from "../../domain/vocabulary";
import { changedFields, createdFields } from "../platform/audit.server";
import { InputError, NotFoundError } from "../platform/errors.server";
import { partnershipWrite, recorded, unchanged, type Trx } from "../platform/write.server";

// Plans themselves: admins create them and change their settings.

export interface PlanFields {
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  stewardGroupIds: string[];
}

/**
 * A new plan and its steward groups. With `creatorJoinsStewards` the admin
 * creating it joins each of those groups they are not in yet, so the board
 * they land on is one they can fill.
 */
export const createPlan = partnershipWrite("createPlan", async ({ trx, actor, authorize }, input: PlanFields & { creatorJoinsStewards?: boolean }) => {
  authorize("plan.create");
  if (input.creatorJoinsStewards) authorize("partnership.manageGroups");
  const { planId, stewardGroupIds, joinedGroupIds } = await insertPlan(trx, actor.partnershipId, input, input.creatorJoinsStewards ? actor : null);
  const planFields = { title: input.title, periodStart: input.periodStart, periodEnd: input.periodEnd };
  return recorded(
    {
      planId,
      entityType: "plan",
      entityId: planId,
      verb: "created",
      changes: createdFields({ ...planFields, stewardGroupIds, ...(joinedGroupIds.length > 0 ? { creatorJoinedGroupIds: joinedGroupIds } : {}) }),
    },
    planId,
  );
});

/**
 * A new plan and its steward groups, for creating one and importing one.
 * With a `joiner`, the admin creating it joins each of those groups they are
 * not in yet, so the board they land on is one they can fill.
 */
export async function insertPlan(trx: Trx, partnershipId: string, input: PlanFields, joiner: { userId: string; groupIds: ReadonlySet<string> } | null) {
  const stewardGroupIds = [...new Set(input.stewardGroupIds)];
  await ensureGroupsInPartnership(trx, partnershipId, stewardGroupIds);
  if (joiner && stewardGroupIds.length === 0) throw new InputError("creatorJoinsStewards", "Choose a steward group to join");
  const joinedGroupIds = joiner ? stewardGroupIds.filter((groupId) => !joiner.groupIds.has(groupId)) : [];
  const plan = await trx
    .insertInto("plans")
    .values({ title: input.title, periodStart: input.periodStart, periodEnd: input.periodEnd, partnershipId })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (stewardGroupIds.length > 0) {
    await trx
      .insertInto("planStewards")
      .values(stewardGroupIds.map((groupId) => ({ planId: plan.id, groupId, partnershipId })))
      .execute();
  }
  if (joiner && joinedGroupIds.length > 0) {
    await trx
      .insertInto("groupMemberships")
      .values(joinedGroupIds.map((groupId) => ({ groupId, partnershipId, userId: joiner.userId })))
      .execute();
  }
  return { planId: plan.id, stewardGroupIds, joinedGroupIds };
}

/** Title, period and stewardship; single-sector sign-off only where every steward group is of one sector. */
export const updatePlan = partnershipWrite(
  "updatePlan",
  async ({ trx, actor, authorize }, planId: string, input: PlanFields & { singleSectorSignoff: boolean }) => {
    authorize("plan.manage");
    const stewardGroupIds = [...new Set(input.stewardGroupIds)];
    const before = await trx
      .selectFrom("plans")
      .select(["title", "periodStart", "periodEnd", "singleSectorSignoff"])
      .where("id", "=", planId)
      .where("partnershipId", "=", actor.partnershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("That plan");
    const stewardSectors = await ensureGroupsInPartnership(trx, actor.partnershipId, stewardGroupIds);
    if (input.singleSectorSignoff && !isSingleSector(stewardSectors)) {
      throw new InputError("singleSectorSignoff", "Single-sector sign-off needs every steward group to be of the same sector, and not cross-sector");
    }
    const previousStewards = (await trx.selectFrom("planStewards").select("groupId").where("planId", "=", planId).execute()).map((row) => row.groupId).sort();
    const planFields = { title: input.title, periodStart: input.periodStart, periodEnd: input.periodEnd, singleSectorSignoff: input.singleSectorSignoff };
    const changes = {
      ...changedFields(before, planFields),
      ...changedFields({ stewardGroupIds: previousStewards }, { stewardGroupIds: [...stewardGroupIds].sort() }),
    };
    if (Object.keys(changes).length === 0) return unchanged();
    await trx.updateTable("plans").set(planFields).where("id", "=", planId).execute();
    await trx.deleteFrom("planStewards").where("planId", "=", planId).execute();
    if (stewardGroupIds.length > 0) {
      await trx
        .insertInto("planStewards")
        .values(stewardGroupIds.map((groupId) => ({ planId, groupId, partnershipId: actor.partnershipId })))
        .execute();
    }
    return recorded({ planId, entityType: "plan", entityId: planId, verb: "updated", changes });
  },
);

export function isSingleSector(sectors: GroupSector[]): boolean {
  return sectors.length > 0 && !sectors.includes("cross_sector") && new Set(sectors).size === 1;
}

async function ensureGroupsInPartnership(trx: Trx, partnershipId: string, groupIds: string[]): Promise<GroupSector[]> {
  if (groupIds.length === 0) return [];
  const groups = await trx.selectFrom("groups").select(["id", "sector"]).where("partnershipId", "=", partnershipId).where("id", "in", groupIds).execute();
  if (groups.length !== groupIds.length) throw new InputError("stewardGroupIds", "Choose steward groups from this partnership");
  return groups.map((group) => group.sector);
}
