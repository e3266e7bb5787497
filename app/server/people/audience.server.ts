import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "../../domain/policy";
import type { Role } from "../../domain/vocabulary";
import type { NoticeActor, NoticePlace } from "../mail/notice-emails.server";
import type { PlanContextData } from "../platform/plan-data.server";

// Who a notice can go to: members as the policy sees them, so a write asks
// `can()` of each, the same question the screens ask. Only people who can
// sign in count: a lead named in the plan but never invited has no page to
// open, so an email pointing at one would be a dead end.

/** A member who can sign in, as the policy sees them, with their name. */
export interface SignedUpMember extends Actor {
  name: string;
}

/** The partnership's active members with a password set (of the given roles, else every role), with their groups. */
export async function signedUpMembersOf(db: Kysely<Database>, partnershipId: string, roles?: readonly Role[]): Promise<SignedUpMember[]> {
  let query = db
    .selectFrom("partnershipMemberships as m")
    .innerJoin("users as u", "u.id", "m.userId")
    .select(["u.id", "u.displayName", "m.role", "m.sector"])
    .where("m.partnershipId", "=", partnershipId)
    .where("m.disabledAt", "is", null)
    .where("u.disabledAt", "is", null)
    .where("u.passwordHash", "is not", null);
  if (roles) query = query.where("m.role", "in", [...roles]);
  const [people, groupRows] = await Promise.all([
    query.execute(),
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

/** The partnership and plan as a notice names them and links to them. */
export async function noticePlaceOf(db: Kysely<Database>, plan: Pick<PlanContextData, "id" | "title" | "partnershipId">): Promise<NoticePlace> {
  const partnership = await db.selectFrom("partnerships").select(["id", "slug", "name"]).where("id", "=", plan.partnershipId).executeTakeFirstOrThrow();
  return { partnership, plan: { id: plan.id, title: plan.title } };
}

/** The person acting, as a notice names them: their name and the sector they act in here. */
export async function noticeActorOf(db: Kysely<Database>, actor: Pick<Actor, "userId" | "sector">): Promise<NoticeActor> {
  const { displayName } = await db.selectFrom("users").select("displayName").where("id", "=", actor.userId).executeTakeFirstOrThrow();
  return { name: displayName, sector: actor.sector };
}
