import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { PersonWhoCanAct } from "../../domain/confirmers";
import { signedUpMembersOf } from "../people/audience.server";

/**
 * Everyone who can sign in to the partnership and act on actions (admins and
 * members, not disabled, with a password set), with their groups: the people
 * who might confirm a completion. Named leads not yet signed up are left out,
 * so they neither appear as confirmers nor stand in the way of the fallback.
 */
export function peopleWhoCanAct(db: Kysely<Database>, partnershipId: string): Promise<PersonWhoCanAct[]> {
  return signedUpMembersOf(db, partnershipId, ["admin", "member"]);
}
