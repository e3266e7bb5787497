import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DUE_REMINDER_DAYS } from "../../domain/email-choices";
import { can } from "../../domain/policy";
import { InputError } from "../platform/errors.server";
import { planTarget } from "../platform/plan-data.server";
import { planWrite, recorded, unchanged } from "../platform/write.server";

// How many days before an action's due date its leads are reminded by email
// (null: not at all). The plan's stewards choose, as they shape its
// structure; admins may too, as they manage its settings.

/** The plan's setting now: days before, or null for no reminders. */
export async function dueReminderDaysOf(db: Kysely<Database>, planId: string): Promise<number | null> {
  const plan = await db.selectFrom("plans").select("dueReminderDays").where("id", "=", planId).executeTakeFirstOrThrow();
  return plan.dueReminderDays;
}

export const setDueReminderDays = planWrite("setDueReminderDays", async ({ trx, actor, plan, authorize }, days: number | null) => {
  authorize(can(actor, "plan.editStructure", planTarget(plan)) ? "plan.editStructure" : "plan.manage");
  if (days !== null && !(Number.isInteger(days) && days >= DUE_REMINDER_DAYS.min && days <= DUE_REMINDER_DAYS.max)) {
    throw new InputError("dueReminderDays", `Enter a whole number of days from ${DUE_REMINDER_DAYS.min} to ${DUE_REMINDER_DAYS.max}`);
  }
  const before = await trx.selectFrom("plans").select("dueReminderDays").where("id", "=", plan.id).forUpdate().executeTakeFirstOrThrow();
  if (before.dueReminderDays === days) return unchanged();
  await trx.updateTable("plans").set({ dueReminderDays: days }).where("id", "=", plan.id).execute();
  return recorded({
    entityType: "plan",
    entityId: plan.id,
    verb: "due_reminders_changed",
    changes: { dueReminderDays: { before: before.dueReminderDays, after: days } },
  });
});
