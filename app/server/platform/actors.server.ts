import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../../domain/policy";

/**
 * A person as they act in a partnership now: role, sector and groups from the
 * database, or null when they are not (or no longer) an active member. Reads
 * take it at the start of a request; writes take it again in their transaction.
 */
export async function loadActor(db: Kysely<Database>, userId: string, partnershipId: string): Promise<Actor | null> {
  const membership = await db
    .selectFrom("partnershipMemberships")
    .select(["role", "sector"])
    .where("partnershipId", "=", partnershipId)
    .where("userId", "=", userId)
    .where("disabledAt", "is", null)
    .executeTakeFirst();
  if (!membership) return null;
  const groups = await db.selectFrom("groupMemberships").select("groupId").where("partnershipId", "=", partnershipId).where("userId", "=", userId).execute();
  return { userId, partnershipId, role: membership.role, sector: membership.sector, groupIds: new Set(groups.map((group) => group.groupId)) };
}
