import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { NotFoundError } from "../platform/errors.server";
import { accountWrite, recorded, unchanged, type AccountEventFacts } from "../platform/write.server";

// Whether a person's name may appear on published plans' public pages, beside
// the actions they lead. Nobody's does until they say yes under Your account.

export async function nameShownPubliclyOf(db: Kysely<Database>, userId: string): Promise<boolean> {
  const user = await db.selectFrom("users").select("nameShownPublicly").where("id", "=", userId).executeTakeFirst();
  return user?.nameShownPublicly ?? false;
}

/**
 * Saves the person's yes or no. The public pages are kept per plan and dropped
 * when the plan's change is announced, so each plan where they lead an action
 * in person is announced too: its page shows the name, or stops showing it, at once.
 */
export const setNameShownPublicly = accountWrite("setNameShownPublicly", async (trx, userId: string, shown: boolean) => {
  const before = await trx.selectFrom("users").select("nameShownPublicly").where("id", "=", userId).forUpdate().executeTakeFirst();
  if (!before) throw new NotFoundError("That account");
  if (before.nameShownPublicly === shown) return unchanged(false);
  await trx.updateTable("users").set({ nameShownPublicly: shown }).where("id", "=", userId).execute();
  const ledPlans = await trx
    .selectFrom("actionLeads as l")
    .innerJoin("actions as a", "a.id", "l.actionId")
    .select("a.planId")
    .distinct()
    .where("l.userId", "=", userId)
    .execute();
  return recorded<AccountEventFacts, boolean>(
    {
      // The person's own choice, outside any partnership (as their email choices are).
      actor: { userId, role: null, sector: null },
      entityType: "user",
      entityId: userId,
      verb: "public_name_changed",
      changes: { nameShownPublicly: { before: before.nameShownPublicly, after: shown } },
      notifyPlanIds: ledPlans.map((row) => row.planId),
    },
    true,
  );
});
