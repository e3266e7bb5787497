import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { queueDueDigests } from "./digests.server";
import { queueDueReminders } from "./due-reminders.server";

// The emails that time, not a change, causes: each person's weekly digest and
// the plans' due-date reminders. Queued by whichever instance (or cron run)
// gets there first; their dedupe keys make a second attempt a no-op.

/** Queues every digest and reminder due by `now` and not yet queued; returns how many rows were added. */
export async function queueScheduledEmails(db: Kysely<Database>, now: Date): Promise<number> {
  return (await queueDueDigests(db, now)) + (await queueDueReminders(db, now));
}
