import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

// Failed sign-ins slow down guessing: past a few free failures, each further
// failure blocks the key for twice as long, up to 15 minutes. Counters live in
// Postgres so every app instance sees them, and fade after an hour of quiet.

interface Limit {
  freeFailures: number;
}
const ACCOUNT: Limit = { freeFailures: 5 };
// Many people can share one address (a council office), so it may fail more.
const ADDRESS: Limit = { freeFailures: 20 };
const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export function throttleKeys(email: string, address: string) {
  return [
    { key: `account:${email.trim().toLowerCase()}`, limit: ACCOUNT },
    { key: `address:${address}`, limit: ADDRESS },
  ];
}

/** When the earliest next attempt may happen, or null when it may happen now. */
export async function blockedUntil(db: Kysely<Database>, email: string, address: string, now: Date): Promise<Date | null> {
  const keys = throttleKeys(email, address).map(({ key }) => key);
  const rows = await db
    .selectFrom("loginThrottles")
    .select("blockedUntil")
    .where("key", "in", keys)
    .where("blockedUntil", ">", now)
    .execute();
  const latest = Math.max(0, ...rows.map((row) => row.blockedUntil!.getTime()));
  return latest > 0 ? new Date(latest) : null;
}

/** Counts a failure against the account and the address; call it inside the sign-in's transaction. */
export async function recordFailure(trx: Transaction<Database>, email: string, address: string, now: Date): Promise<void> {
  for (const { key, limit } of throttleKeys(email, address)) {
    await trx
      .insertInto("loginThrottles")
      .values({ key, failures: 0, lastFailureAt: now, blockedUntil: null })
      .onConflict((conflict) => conflict.column("key").doNothing())
      .execute();
    const current = await trx
      .selectFrom("loginThrottles")
      .select(["failures", "lastFailureAt"])
      .where("key", "=", key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const faded = now.getTime() - current.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = (faded ? 0 : current.failures) + 1;
    const excess = failures - limit.freeFailures;
    const delay = excess > 0 ? Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** (excess - 1)) : 0;
    await trx
      .updateTable("loginThrottles")
      .set({ failures, lastFailureAt: now, blockedUntil: delay ? new Date(now.getTime() + delay) : null })
      .where("key", "=", key)
      .execute();
  }
}

/** A successful sign-in clears the account's counter; the address's fades on its own. */
export async function clearAccountFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom("loginThrottles").where("key", "=", throttleKeys(email, "")[0]!.key).execute();
}
