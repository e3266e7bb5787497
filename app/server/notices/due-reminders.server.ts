import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { addDaysTo, ukToday } from "../../domain/dates";
import { actionPath, dueReminderEmail, inReminderWindow } from "../../domain/digests";
import { DIGEST_HOUR, ukTimeOn } from "../../domain/emails";
import { actionReference } from "../../domain/references";
import { mailLink, renderEmail } from "../mail/compose.server";
import { queuedDedupeKeys, queueEmails, type QueuedEmail } from "../platform/outbox.server";

// A plan's due-date reminders: N days before an action falls due (N the
// plan's due_reminder_days; null: none), one email to each person who leads
// it, in person or as a member of a lead group. Sent from 07:00 UK time, as
// the digest is, and keyed by (action, due date, person): a new due date is
// reminded of again, the same one never twice.

/** The most days before a due date a plan may remind (the column's check). */
const MOST_REMINDER_DAYS = 60;

export const dueReminderKey = (actionId: string, dueOn: string, userId: string) => `due_reminder:${actionId}:${dueOn}:${userId}`;

/** Queues the reminders due by `now` and not yet queued; returns how many rows were added. */
export async function queueDueReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const today = ukToday(now);
  if (now < ukTimeOn(today, DIGEST_HOUR)) return 0;
  const candidates = await db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .innerJoin("plans as p", "p.id", "a.planId")
    .innerJoin("partnerships as pa", "pa.id", "p.partnershipId")
    .select([
      "a.id",
      "a.planId",
      "a.number",
      "a.title",
      "a.dueOn",
      "o.number as objectiveNumber",
      "p.title as planTitle",
      "p.dueReminderDays",
      "p.partnershipId",
      "pa.slug",
      "pa.name as partnershipName",
    ])
    .where("p.dueReminderDays", "is not", null)
    .where("p.archivedAt", "is", null)
    .where("o.archivedAt", "is", null)
    .where("a.archivedAt", "is", null)
    .where("a.status", "!=", "done")
    .where("a.dueOn", ">", today)
    .where("a.dueOn", "<=", addDaysTo(today, MOST_REMINDER_DAYS))
    .execute();
  const due = candidates.filter((action) => inReminderWindow(action.dueOn!, action.dueReminderDays!, today));
  if (due.length === 0) return 0;

  const leadRows = await db
    .selectFrom("actionLeads as l")
    .leftJoin("groupMemberships as gm", "gm.groupId", "l.groupId")
    .innerJoin("users as u", (join) => join.on((eb) => eb.or([eb("u.id", "=", eb.ref("l.userId")), eb("u.id", "=", eb.ref("gm.userId"))])))
    .select(["l.actionId", "u.id as userId", "u.displayName"])
    .where(
      "l.actionId",
      "in",
      due.map((action) => action.id),
    )
    .where("u.disabledAt", "is", null)
    .where("u.passwordHash", "is not", null)
    .execute();
  // Each action's leads once, though a person may lead it both in person and through a group.
  const leadsOf = new Map<string, Map<string, string>>();
  for (const lead of leadRows) {
    const leads = leadsOf.get(lead.actionId) ?? new Map<string, string>();
    leads.set(lead.userId, lead.displayName);
    leadsOf.set(lead.actionId, leads);
  }
  const keyed = due.flatMap((action) =>
    [...(leadsOf.get(action.id) ?? [])].map(([userId, displayName]) => ({
      action,
      userId,
      displayName,
      key: dueReminderKey(action.id, action.dueOn!, userId),
    })),
  );
  if (keyed.length === 0) return 0;
  const queuedKeys = await queuedDedupeKeys(
    db,
    keyed.map((reminder) => reminder.key),
  );
  const emails = keyed
    .filter((reminder) => !queuedKeys.has(reminder.key))
    .map(({ action, userId, displayName, key }): QueuedEmail => {
      const built = dueReminderEmail(
        {
          personName: displayName,
          partnershipName: action.partnershipName,
          planTitle: action.planTitle,
          reference: actionReference(action.objectiveNumber, action.number),
          title: action.title,
          dueOn: action.dueOn!,
          reminderDays: action.dueReminderDays!,
          path: actionPath(action.slug, action.planId, action.id),
        },
        today,
        mailLink,
      );
      return { userId, kind: "due_reminder", partnershipId: action.partnershipId, dedupeKey: key, subject: built.subject, ...renderEmail(built.document) };
    });
  return queueEmails(db, emails, now);
}
