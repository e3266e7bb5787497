import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isUuid } from "../../domain/ids";
import type { Target } from "../../domain/policy";

// A plan as routes and writes need it. No framework here: writes, the command
// line and tests load it too.

/** What every route under a plan needs: the plan, and who stewards it. */
export interface PlanContextData {
  id: string;
  partnershipId: string;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  singleSectorSignoff: boolean;
  stewardGroupIds: string[];
  /** Changes with everything the plan's board shows (db/migrations/0015_plan_versions.ts). */
  version: number;
}

export async function loadPlan(db: Kysely<Database>, partnershipId: string, planId: string): Promise<PlanContextData | null> {
  if (!isUuid(planId)) return null;
  const plan = await db
    .selectFrom("plans")
    .select(["id", "partnershipId", "title", "periodStart", "periodEnd", "singleSectorSignoff", "version"])
    .where("id", "=", planId)
    .where("partnershipId", "=", partnershipId)
    .where("archivedAt", "is", null)
    .executeTakeFirst();
  if (!plan) return null;
  const stewards = await db.selectFrom("planStewards").select("groupId").where("planId", "=", planId).execute();
  return { ...plan, stewardGroupIds: stewards.map((steward) => steward.groupId) };
}

/** The plan's version as this transaction sees it: after a change to the board, the one that change made. */
export async function planVersionOf(db: Kysely<Database>, planId: string): Promise<number> {
  const row = await db.selectFrom("plans").select("version").where("id", "=", planId).executeTakeFirstOrThrow();
  return row.version;
}

/** What the policy needs to know about a plan, plus anything about the action in question. */
export function planTarget(plan: PlanContextData, extra: Omit<Target, "partnershipId" | "plan"> = {}): Target {
  return { partnershipId: plan.partnershipId, plan: { stewardGroupIds: plan.stewardGroupIds, singleSectorSignoff: plan.singleSectorSignoff }, ...extra };
}
