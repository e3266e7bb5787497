import type { Kysely } from "kysely";
import type { Actor } from "../../../app/domain/policy";
import { loadPlan, type PlanContextData } from "../../../app/server/platform/plan-data.server";
import type { Database } from "../../../db/schema";

/** A demo person as they act in the Portsmouth partnership. */
export async function actorFor(db: Kysely<Database>, email: string): Promise<Actor> {
  const row = await db
    .selectFrom("users as u")
    .innerJoin("partnershipMemberships as m", "m.userId", "u.id")
    .innerJoin("partnerships as p", "p.id", "m.partnershipId")
    .select(["u.id", "m.partnershipId", "m.role", "m.sector"])
    .where("u.email", "=", email)
    .where("p.slug", "=", "portsmouth")
    .executeTakeFirstOrThrow();
  const groups = await db.selectFrom("groupMemberships").select("groupId").where("userId", "=", row.id).execute();
  return { userId: row.id, partnershipId: row.partnershipId, role: row.role, sector: row.sector, groupIds: new Set(groups.map((group) => group.groupId)) };
}

export async function demoPlan(db: Kysely<Database>): Promise<PlanContextData> {
  const plan = await db
    .selectFrom("plans")
    .select(["id", "partnershipId"])
    .where("title", "=", "Partnership Improvement Action Plan 2010")
    .executeTakeFirstOrThrow();
  return (await loadPlan(db, plan.partnershipId, plan.id))!;
}

/** Action ids by plan reference ("1.5"), and objective ids by number ("objective 1"). */
export async function references(db: Kysely<Database>, planId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.objectiveId", "a.number", "o.number as objective"])
    .where("a.planId", "=", planId)
    .execute();
  const ids: Record<string, string> = {};
  for (const row of rows) {
    ids[`${row.objective}.${row.number}`] = row.id;
    ids[`objective ${row.objective}`] = row.objectiveId;
  }
  return ids;
}

/** The Portsmouth demo in a database copied from the `portsmouth` template: its plan, and ids by reference. */
export async function portsmouthFixture(db: Kysely<Database>): Promise<{ plan: PlanContextData; ids: Record<string, string> }> {
  const plan = await demoPlan(db);
  return { plan, ids: await references(db, plan.id) };
}
