import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { SYSTEM_ACTOR } from "../platform/audit.server";
import { config } from "../platform/config.server";
import { InputError } from "../platform/errors.server";
import { accountWrite, recorded, unchanged, type AccountEventFacts } from "../platform/write.server";

// The security log's routine entries do not stay for ever: refused page visits
// and failed or blocked sign-ins older than SECURITY_LOG_DAYS are removed,
// once a day by each running app and by `npm run db:purge-security-log`. The
// database allows this delete of these kinds alone, and of nothing younger
// than 30 days (db/migrations/0016); refused changes, which are part of a
// plan's story, and every other event stay. Each partnership's removal is an
// event of its own trail; sign-in failures, which belong to no partnership,
// are removed under one event of their own.

/** The database refuses to remove anything younger; so does this, with words. */
export const SHORTEST_SECURITY_LOG_DAYS = 30;
const DAY_MS = 86_400_000;
const ROUND_MS = DAY_MS;

export interface SecurityLogPurge {
  days: number;
  removed: number;
  /** Partnerships whose entries went (sign-in failures, which belong to none, are not counted here). */
  partnerships: number;
}

/** Removes the security log's routine entries older than `days`; returns how many went. */
export async function purgeSecurityLog(db: Kysely<Database>, { days = config.securityLogDays, now = new Date() } = {}): Promise<SecurityLogPurge> {
  if (!Number.isInteger(days) || days < SHORTEST_SECURITY_LOG_DAYS) {
    throw new InputError(
      "days",
      `Keep at least ${SHORTEST_SECURITY_LOG_DAYS} days of the security log: give a whole number of days from ${SHORTEST_SECURITY_LOG_DAYS}`,
    );
  }
  const olderThan = new Date(now.getTime() - days * DAY_MS);
  const trails = await db.selectFrom("auditEvents").select("partnershipId").distinct().where(routine).where("occurredAt", "<", olderThan).execute();
  let removed = 0;
  let partnerships = 0;
  for (const { partnershipId } of trails) {
    const count = await purgeTrail(db, partnershipId, olderThan, days);
    removed += count;
    if (partnershipId && count > 0) partnerships += 1;
  }
  return { days, removed, partnerships };
}

/** Refused page visits (refused changes are part of a plan's story) and failed or blocked sign-ins. */
const routine = sql<boolean>`((entity_type = 'request' and verb = 'refused' and coalesce(context->>'method', 'GET') in ('GET', 'HEAD'))
  or (entity_type = 'user' and verb in ('sign_in_failed', 'password_check_failed', 'sign_in_blocked')))`;

const purgeTrail = accountWrite("purgeSecurityLog", async (trx, partnershipId: string | null, olderThan: Date, days: number) => {
  await sql`select set_config('partnership_board.purging_security_log', 'yes', true)`.execute(trx);
  const { numDeletedRows } = await trx
    .deleteFrom("auditEvents")
    .where(routine)
    .where("occurredAt", "<", olderThan)
    // However the two clocks differ, never what the database itself would refuse to remove.
    .where(sql<boolean>`occurred_at < now() - make_interval(days => ${SHORTEST_SECURITY_LOG_DAYS})`)
    .where((eb) => (partnershipId ? eb("partnershipId", "=", partnershipId) : eb("partnershipId", "is", null)))
    .executeTakeFirst();
  const removed = Number(numDeletedRows);
  if (removed === 0) return unchanged(0);
  return recorded<AccountEventFacts, number>(
    {
      actor: SYSTEM_ACTOR,
      partnershipId,
      entityType: "security_log",
      entityId: partnershipId ?? "sign-in",
      verb: "purged",
      context: { removed, days, olderThan: olderThan.toISOString() },
    },
    removed,
  );
});

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

/** Purges now and then once a day in this process; any number of instances at once is safe. */
export function startSecurityLogRetention(getDb: () => Promise<Kysely<Database>>): void {
  if (timer) return;
  const round = () => {
    running ??= getDb()
      .then((db) => purgeSecurityLog(db))
      .then(({ removed, days }) => {
        if (removed > 0) console.log(`Security log: removed ${removed} entries older than ${days} days.`);
      })
      .catch((error) => console.error("Security log purge failed:", error instanceof Error ? error.message : error))
      .finally(() => (running = undefined));
  };
  timer = setInterval(round, ROUND_MS);
  timer.unref();
  round();
}

export async function stopSecurityLogRetention(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  await running;
}
