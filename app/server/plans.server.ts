import type { Kysely } from "kysely";
import type { Database, GroupSector } from "../../db/schema";
import type { Actor, Target } from "../domain/policy";
import { actorOf, changedFields, createdFields, recordAudit } from "./audit.server";

export class PlanError extends Error {}

/** What every route under a plan needs: the plan, and who stewards it. */
export interface PlanContextData {
  id: string;
  partnershipId: string;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  singleSectorSignoff: boolean;
  stewardGroupIds: string[];
}

export async function loadPlan(db: Kysely<Database>, partnershipId: string, planId: string): Promise<PlanContextData | null> {
  if (!isUuid(planId)) return null;
  const plan = await db
    .selectFrom("plans")
    .select(["id", "partnershipId", "title", "periodStart", "periodEnd", "singleSectorSignoff"])
    .where("id", "=", planId)
    .where("partnershipId", "=", partnershipId)
    .where("archivedAt", "is", null)
    .executeTakeFirst();
  if (!plan) return null;
  const stewards = await db.selectFrom("planStewards").select("groupId").where("planId", "=", planId).execute();
  return { ...plan, stewardGroupIds: stewards.map((steward) => steward.groupId) };
}

/** What the policy needs to know about a plan, plus anything about the action in question. */
export function planTarget(plan: PlanContextData, extra: Omit<Target, "partnershipId" | "plan"> = {}): Target {
  return { partnershipId: plan.partnershipId, plan: { stewardGroupIds: plan.stewardGroupIds, singleSectorSignoff: plan.singleSectorSignoff }, ...extra };
}

export interface PlanFields {
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  stewardGroupIds: string[];
}

export async function createPlan(db: Kysely<Database>, admin: Actor, input: PlanFields): Promise<string> {
  const fields = { ...input, stewardGroupIds: [...new Set(input.stewardGroupIds)] };
  return db.transaction().execute(async (trx) => {
    await ensureGroupsInPartnership(trx, admin.partnershipId, fields.stewardGroupIds);
    const { stewardGroupIds } = fields;
    const planFields = { title: fields.title, periodStart: fields.periodStart, periodEnd: fields.periodEnd };
    const plan = await trx.insertInto("plans").values({ ...planFields, partnershipId: admin.partnershipId }).returning("id").executeTakeFirstOrThrow();
    if (stewardGroupIds.length > 0) {
      await trx.insertInto("planStewards").values(stewardGroupIds.map((groupId) => ({ planId: plan.id, groupId, partnershipId: admin.partnershipId }))).execute();
    }
    await recordAudit(trx, {
      actor: actorOf(admin),
      partnershipId: admin.partnershipId,
      planId: plan.id,
      entityType: "plan",
      entityId: plan.id,
      verb: "created",
      changes: createdFields({ ...planFields, stewardGroupIds }),
    });
    return plan.id;
  });
}

/** Title, period and stewardship; single-sector sign-off only where every steward group is of one sector. */
export async function updatePlan(
  db: Kysely<Database>,
  admin: Actor,
  planId: string,
  input: PlanFields & { singleSectorSignoff: boolean },
): Promise<void> {
  const fields = { ...input, stewardGroupIds: [...new Set(input.stewardGroupIds)] };
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("plans")
      .select(["title", "periodStart", "periodEnd", "singleSectorSignoff"])
      .where("id", "=", planId)
      .where("partnershipId", "=", admin.partnershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new PlanError("That plan no longer exists");
    const stewardSectors = await ensureGroupsInPartnership(trx, admin.partnershipId, fields.stewardGroupIds);
    if (fields.singleSectorSignoff && !isSingleSector(stewardSectors)) {
      throw new PlanError("Single-sector sign-off needs every steward group to be of the same sector, and not cross-sector");
    }
    const previousStewards = (await trx.selectFrom("planStewards").select("groupId").where("planId", "=", planId).execute()).map((row) => row.groupId).sort();
    const { stewardGroupIds } = fields;
    const planFields = { title: fields.title, periodStart: fields.periodStart, periodEnd: fields.periodEnd, singleSectorSignoff: fields.singleSectorSignoff };
    const changes = {
      ...changedFields(before, planFields),
      ...changedFields({ stewardGroupIds: previousStewards }, { stewardGroupIds: [...stewardGroupIds].sort() }),
    };
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable("plans").set(planFields).where("id", "=", planId).execute();
    await trx.deleteFrom("planStewards").where("planId", "=", planId).execute();
    if (stewardGroupIds.length > 0) {
      await trx.insertInto("planStewards").values(stewardGroupIds.map((groupId) => ({ planId, groupId, partnershipId: admin.partnershipId }))).execute();
    }
    await recordAudit(trx, { actor: actorOf(admin), partnershipId: admin.partnershipId, planId, entityType: "plan", entityId: planId, verb: "updated", changes });
  });
}

export function isSingleSector(sectors: GroupSector[]): boolean {
  return sectors.length > 0 && !sectors.includes("cross_sector") && new Set(sectors).size === 1;
}

async function ensureGroupsInPartnership(trx: Kysely<Database>, partnershipId: string, groupIds: string[]): Promise<GroupSector[]> {
  if (groupIds.length === 0) return [];
  const groups = await trx.selectFrom("groups").select(["id", "sector"]).where("partnershipId", "=", partnershipId).where("id", "in", groupIds).execute();
  if (groups.length !== new Set(groupIds).size) throw new PlanError("Choose steward groups from this partnership");
  return groups.map((group) => group.sector);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
