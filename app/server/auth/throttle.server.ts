import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";

// Sign-in attempts slow down guessing: past a few free failures, each further
// one blocks the key for twice as long, up to 15 minutes. An attempt is
// counted before the (slow) password check, under a row lock, so a burst of
// parallel guesses cannot all slip in before the first failure is stored.
// Counters live in Postgres so every app instance sees them, and fade after
// an hour of quiet. Requests for a password reset email are counted the same
// way, on counters of their own; every request counts, none is taken back.

interface Limit {
  freeFailures: number;
}
const ACCOUNT: Limit = { freeFailures: 5 };
// Many people can share one address (a council office), so it may fail more.
const ADDRESS: Limit = { freeFailures: 20 };
const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

// Requests for a reset email: a few per address an hour reach the inbox; more
// would let anyone fill someone's inbox, or a client try many addresses.
const RESET_ACCOUNT: Limit = { freeFailures: 3 };
const RESET_ADDRESS: Limit = { freeFailures: 10 };

/** What is being attempted: each has counters of its own. */
export type ThrottlePurpose = "signIn" | "passwordReset";

function throttleKeys(email: string, address: string, purpose: ThrottlePurpose = "signIn") {
  const account = email.trim().toLowerCase();
  if (purpose === "passwordReset") {
    return {
      account: { key: `reset-account:${account}`, limit: RESET_ACCOUNT },
      address: { key: `reset-address:${address}`, limit: RESET_ADDRESS },
    };
  }
  return {
    account: { key: `account:${account}`, limit: ACCOUNT },
    address: { key: `address:${address}`, limit: ADDRESS },
  };
}

export type Admission = { admitted: true; blockStarted: boolean } | { admitted: false; retryAt: Date };

/**
 * Lets an attempt through, counting it as a failure until it succeeds, or
 * says when the next attempt may be made. Call it in its own transaction.
 */
export async function admitAttempt(
  trx: Transaction<Database>,
  email: string,
  address: string,
  now: Date,
  purpose: ThrottlePurpose = "signIn",
): Promise<Admission> {
  await trx
    .deleteFrom("loginThrottles")
    .where("lastFailureAt", "<", new Date(now.getTime() - FORGET_AFTER_MS))
    .where((eb) => eb.or([eb("blockedUntil", "is", null), eb("blockedUntil", "<", now)]))
    .execute();
  const keys = Object.values(throttleKeys(email, address, purpose));
  for (const { key } of keys) {
    await trx
      .insertInto("loginThrottles")
      .values({ key, failures: 0, lastFailureAt: now, blockedUntil: null })
      .onConflict((conflict) => conflict.column("key").doNothing())
      .execute();
  }
  const rows = await trx
    .selectFrom("loginThrottles")
    .select(["key", "failures", "lastFailureAt", "blockedUntil"])
    .where(
      "key",
      "in",
      keys.map(({ key }) => key),
    )
    .orderBy("key")
    .forUpdate()
    .execute();
  const blocked = rows.filter((row) => row.blockedUntil && row.blockedUntil > now);
  if (blocked.length > 0) {
    return { admitted: false, retryAt: new Date(Math.max(...blocked.map((row) => row.blockedUntil!.getTime()))) };
  }

  let blockStarted = false;
  for (const { key, limit } of keys) {
    const row = rows.find((candidate) => candidate.key === key)!;
    const faded = now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = (faded ? 0 : row.failures) + 1;
    const excess = failures - limit.freeFailures;
    const delay = excess > 0 ? Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** (excess - 1)) : 0;
    if (excess === 1) blockStarted = true;
    await trx
      .updateTable("loginThrottles")
      .set({ failures, lastFailureAt: now, blockedUntil: delay ? new Date(now.getTime() + delay) : null })
      .where("key", "=", key)
      .execute();
  }
  return { admitted: true, blockStarted };
}

/** A successful sign-in clears the account's count and takes back the address's charge for it. */
export async function settleSuccess(trx: Kysely<Database>, email: string, address: string): Promise<void> {
  const keys = throttleKeys(email, address);
  await trx.deleteFrom("loginThrottles").where("key", "=", keys.account.key).execute();
  await trx
    .updateTable("loginThrottles")
    .set((eb) => ({ failures: eb("failures", "-", 1) }))
    .where("key", "=", keys.address.key)
    .where("failures", ">", 0)
    .execute();
  await trx
    .updateTable("loginThrottles")
    .set({ blockedUntil: null })
    .where("key", "=", keys.address.key)
    .where("failures", "<=", ADDRESS.freeFailures)
    .execute();
}
