import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { PersonWhoCanAct } from "../../domain/confirmers";

/**
 * Everyone who can sign in to the partnership and act on actions (admins and
 * members, not disabled, with a password set), with their groups: the people
 * who might confirm a completion. Named leads not yet signed up are left out,
 * so they neither appear as confirmers nor stand in the way of the fallback.
 */
export async function peopleWhoCanAct(db: Kysely<Database>, partnershipId: string): Promise<PersonWhoCanAct[]> {
  const [people, groupRows] = await Promise.all([
    db
      .selectFrom("partnershipMemberships as m")
      .innerJoin("users as u", "u.id", "m.userId")
      .select(["u.id", "u.displayName", "m.role", "m.sector"])
      .where("m.partnershipId", "=", partnershipId)
      .where("m.role", "in", ["admin", "member"])
      .where("m.disabledAt", "is", null)
      .where("u.disabledAt", "is", null)
      .where("u.passwordHash", "is not", null)
      .execute(),
    db.selectFrom("groupMemberships").select(["userId", "groupId"]).where("partnershipId", "=", partnershipId).execute(),
  ]);
  const groupsOfPerson = new Map<string, Set<string>>();
  for (const row of groupRows) {
    const groups = groupsOfPerson.get(row.userId) ?? new Set<string>();
    groups.add(row.groupId);
    groupsOfPerson.set(row.userId, groups);
  }
  return people.map((person) => ({
    userId: person.id,
    name: person.displayName,
    partnershipId,
    role: person.role,
    sector: person.sector,
    groupIds: groupsOfPerson.get(person.id) ?? new Set(),
  }));
}
