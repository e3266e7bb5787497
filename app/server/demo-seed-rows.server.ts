import type { Insertable } from "kysely";
import type { Database } from "../../db/schema";
import { splitLeadWording } from "../domain/leads";
import type { Role, Sector } from "../domain/vocabulary";
import type { DemoGroup, DemoPerson } from "./demo-data.server";
import { SYSTEM_ACTOR } from "./audit.server";
import type { Trx } from "./write.server";

// Rows every demo partnership starts with: its groups, its people (who may
// already exist, from another demo partnership) and its actions' leads.

/** Taken by every demo seed, so that two servers starting at once load each demo once. */
export const SEED_LOCK_KEY = 7_310_412_002;

export async function insertDemoGroups(trx: Trx, partnershipId: string, groups: DemoGroup[]) {
  const rows = await trx
    .insertInto("groups")
    .values(groups.map((group) => ({ ...group, partnershipId })))
    .returning(["id", "name"])
    .execute();
  return new Map(rows.map((group) => [group.name.toLowerCase(), group.id]));
}

export interface DemoPeopleIds {
  userIdByName: Map<string, string>;
  userIdByEmail: Map<string, string>;
  /** As each person acts in this partnership. */
  memberByEmail: Map<string, { userId: string; role: Role; sector: Sector }>;
}

/** People and their memberships; someone already in another demo partnership keeps their account. */
export async function insertDemoPeople(
  trx: Trx,
  partnershipId: string,
  people: DemoPerson[],
  groupIdByName: Map<string, string>,
  demoPasswordHash: string,
): Promise<DemoPeopleIds> {
  const ids: DemoPeopleIds = { userIdByName: new Map(), userIdByEmail: new Map(), memberByEmail: new Map() };
  for (const person of people) {
    const user = await trx
      .insertInto("users")
      .values({
        email: person.email,
        displayName: person.displayName,
        passwordHash: person.canSignIn ? demoPasswordHash : null,
        passwordChangedAt: person.canSignIn ? new Date() : null,
      })
      .onConflict((conflict) => conflict.column("email").doUpdateSet({ displayName: person.displayName }))
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.userIdByName.set(person.displayName.toLowerCase(), user.id);
    ids.userIdByEmail.set(person.email, user.id);
    ids.memberByEmail.set(person.email, { userId: user.id, role: person.role, sector: person.sector });
    await trx
      .insertInto("partnershipMemberships")
      .values({ partnershipId, userId: user.id, role: person.role, sector: person.sector, jobTitle: person.jobTitle })
      .execute();
    for (const group of person.groups) {
      await trx
        .insertInto("groupMemberships")
        .values({ groupId: groupIdByName.get(group.name.toLowerCase())!, partnershipId, userId: user.id, role: group.chair ? "chair" : "member" })
        .execute();
    }
  }
  return ids;
}

/** An action's leads from its "Lead person/group" wording: groups and people by name, anything else an outside body. */
export function leadRowsOf(actionId: string, wording: string, groupIdByName: Map<string, string>, userIdByName: Map<string, string>): Array<Insertable<Database["actionLeads"]>> {
  return splitLeadWording(wording).map((name, position) => {
    const key = name.toLowerCase();
    const groupId = groupIdByName.get(key) ?? null;
    const userId = groupId ? null : (userIdByName.get(key) ?? null);
    return { actionId, position, groupId, userId, outsideBody: groupId || userId ? null : name };
  });
}

/** The one event a demo seed records as its own: the partnership loaded, and from what. */
export function seededEvent(partnershipId: string, planId: string, source: string) {
  return { actor: SYSTEM_ACTOR, partnershipId, planId, entityType: "partnership", entityId: partnershipId, verb: "seeded", context: { source } };
}
