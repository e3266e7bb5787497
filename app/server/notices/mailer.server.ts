import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { deliverDueEmails, type DeliveryOptions, type DeliveryReport } from "../mail/outbox-sender.server";
import { config } from "../platform/config.server";
import { queueScheduledEmails } from "./scheduled.server";

// The app's own mail round: queue what time has made due, then send what is
// queued. Run every half minute by each instance (unless MAIL_SCHEDULE=off)
// and by `npm run mail:send-due`; any number of them at once is safe.

const ROUND_MS = 30_000;

export interface MailRound extends DeliveryReport {
  queued: number;
}

export async function runMailRound(db: Kysely<Database>, options: DeliveryOptions = {}): Promise<MailRound> {
  const now = options.now ?? new Date();
  const queued = await queueScheduledEmails(db, now);
  return { queued, ...(await deliverDueEmails(db, { ...options, now })) };
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

/** Starts the rounds in this process; a round still running when the next is due is not doubled. */
export function startMailer(getDb: () => Promise<Kysely<Database>>): void {
  if (!config.mailInApp || timer) return;
  const round = () => {
    running ??= getDb()
      .then((db) => runMailRound(db))
      .then((report) => {
        for (const reason of report.reasons) console.warn(`Email: ${reason}`);
      })
      .catch((error) => console.error("Email round failed:", error instanceof Error ? error.message : error))
      .finally(() => (running = undefined));
  };
  timer = setInterval(round, ROUND_MS);
  timer.unref();
  round();
}

/** Stops the rounds and waits for one under way, so a shutdown does not cut a send short. */
export async function stopMailer(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  await running;
}
