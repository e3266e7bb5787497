import type { Kysely } from "kysely";
import type { Database, Role, Sector } from "../../db/schema";

export interface PartnershipWithPlans {
  id: string;
  slug: string;
  name: string;
  role: Role;
  sector: Sector;
  plans: Array<{ id: string; title: string }>;
}

/** The partnerships a person belongs to, with their plans: their home page. */
export async function partnershipsOf(db: Kysely<Database>, userId: string): Promise<PartnershipWithPlans[]> {
  const memberships = await db
    .selectFrom("partnershipMemberships as m")
    .innerJoin("partnerships as p", "p.id", "m.partnershipId")
    .select(["p.id", "p.slug", "p.name", "m.role", "m.sector"])
    .where("m.userId", "=", userId)
    .where("m.disabledAt", "is", null)
    .orderBy("p.name")
    .execute();
  if (memberships.length === 0) return [];
  const plans = await db
    .selectFrom("plans")
    .select(["id", "title", "partnershipId"])
    .where("partnershipId", "in", memberships.map((membership) => membership.id))
    .where("archivedAt", "is", null)
    .orderBy("createdAt")
    .execute();
  return memberships.map((membership) => ({
    ...membership,
    plans: plans.filter((plan) => plan.partnershipId === membership.id).map(({ id, title }) => ({ id, title })),
  }));
}
