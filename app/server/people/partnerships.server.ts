import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Role, Sector } from "../../domain/vocabulary";

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
    .where(
      "partnershipId",
      "in",
      memberships.map((membership) => membership.id),
    )
    .where("archivedAt", "is", null)
    .orderBy("createdAt")
    .execute();
  return memberships.map((membership) => ({
    ...membership,
    plans: plans.filter((plan) => plan.partnershipId === membership.id).map(({ id, title }) => ({ id, title })),
  }));
}

/** A partnership's plans, oldest first: its landing page. */
export function plansOf(db: Kysely<Database>, partnershipId: string) {
  return db
    .selectFrom("plans")
    .select(["id", "title", "periodStart", "periodEnd"])
    .where("partnershipId", "=", partnershipId)
    .where("archivedAt", "is", null)
    .orderBy("createdAt")
    .execute();
}

/** A plan's actions by reference (archived ones too: the history names them), for choosing one. */
export function actionReferencesOf(db: Kysely<Database>, planId: string) {
  return db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.number", "a.title", "o.number as objectiveNumber"])
    .where("a.planId", "=", planId)
    .orderBy("o.number")
    .orderBy("a.number")
    .execute();
}

/**
 * Members by name, with the sector they act in: active ones for choosing
 * leads, everyone (the disabled too) for reading the history.
 */
export function membersOf(db: Kysely<Database>, partnershipId: string, { activeOnly = true } = {}) {
  let query = db
    .selectFrom("partnershipMemberships as m")
    .innerJoin("users as u", "u.id", "m.userId")
    .select(["u.id", "u.displayName as name", "m.sector", "m.role"])
    .where("m.partnershipId", "=", partnershipId);
  if (activeOnly) query = query.where("m.disabledAt", "is", null);
  return query.orderBy("u.displayName").execute();
}

/** The partnership's groups, by name. */
export function groupsOf(db: Kysely<Database>, partnershipId: string) {
  return db.selectFrom("groups").select(["id", "name", "sector"]).where("partnershipId", "=", partnershipId).orderBy("name").execute();
}
