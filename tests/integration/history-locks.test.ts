import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeSecurityLog } from "../../app/server/auth/security-log-retention.server";
import { erasePerson } from "../../app/server/people/erasure.server";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

// The two ways through the history locks (db/migrations/0016) are as narrow as
// they say: an erasure's rewrite only inside the transaction that records it,
// and the security log's purge only of its routine kinds, only of old entries.

let database: TestDatabase;
let partnershipId: string;
let samId: string;

beforeAll(async () => {
  database = await createTestDatabase({ from: "portsmouth" });
  partnershipId = (await database.db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow()).id;
  samId = (await database.db.selectFrom("users").select("id").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow()).id;
});
afterAll(() => database?.close());

const day = 86_400_000;
/** An event as the app would have written it, `daysAgo` days ago. */
async function event(fields: { entityType: string; verb: string; method?: string; daysAgo: number; partnership?: boolean }): Promise<number> {
  const { id } = await database.db
    .insertInto("auditEvents")
    .values({
      occurredAt: new Date(Date.now() - fields.daysAgo * day),
      partnershipId: fields.partnership === false ? null : partnershipId,
      entityType: fields.entityType,
      entityId: fields.entityType === "request" ? "/p/portsmouth/people" : "x",
      verb: fields.verb,
      changes: "{}",
      context: JSON.stringify(fields.method ? { method: fields.method, address: "192.0.2.1" } : { address: "192.0.2.1" }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
const exists = async (id: number) => (await database.db.selectFrom("auditEvents").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

describe(`the history locks on ${engine}`, () => {
  it("refuse a plain rewrite of the audit trail or of a note, and a deletion", async () => {
    await expect(sql`update audit_events set verb = 'rewritten'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update progress_notes set body = 'rewritten'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from progress_notes`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it("refuse an erasure's rewrite outside the transaction that marks the person erased", async () => {
    // Naming someone not erased, or erased in an earlier transaction, opens nothing.
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('partnership_board.erasing', ${samId}, true)`.execute(trx);
        await sql`update progress_notes set body = 'rewritten' where author_id = ${samId}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    const officer = await erasePerson(database.db, "officer@demo.test");
    const officerId = (await database.db.selectFrom("users").select("id").where("email", "=", officer.placeholderEmail).executeTakeFirstOrThrow()).id;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('partnership_board.erasing', ${officerId}, true)`.execute(trx);
        await sql`update progress_notes set body = 'rewritten' where author_id = ${officerId}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    // An erasure is final, and nobody is created erased now (a restored backup may bring earlier ones).
    await expect(sql`update users set erased_at = null where id = ${officerId}`.execute(database.db)).rejects.toThrow(/an erasure is final/);
    await expect(sql`insert into users (email, display_name, erased_at) values ('new@example.org', 'New', now())`.execute(database.db)).rejects.toThrow(
      /not created erased/,
    );
    await sql`insert into users (email, display_name, erased_at) values ('former-member-9@erased.invalid', 'Former member 9', now() - interval '1 day')`.execute(
      database.db,
    );
  });

  it("refuse, at commit, an erasure that the audit trail does not record, and keep what it tried", async () => {
    const notesBefore = await database.db.selectFrom("progressNotes").select(["id", "body"]).where("authorId", "=", samId).orderBy("id").execute();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`update users set erased_at = now() where id = ${samId}`.execute(trx);
        await sql`select set_config('partnership_board.erasing', ${samId}, true)`.execute(trx);
        await sql`update progress_notes set body = 'rewritten' where author_id = ${samId}`.execute(trx);
      }),
    ).rejects.toThrow(/was not/);
    expect(await database.db.selectFrom("progressNotes").select(["id", "body"]).where("authorId", "=", samId).orderBy("id").execute()).toEqual(notesBefore);
  });

  it("let even an erasure rewrite only the text of a history row, never who acted, when or what kind", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`update users set erased_at = now() where id = ${samId}`.execute(trx);
        await sql`select set_config('partnership_board.erasing', ${samId}, true)`.execute(trx);
        await sql`update audit_events set verb = 'rewritten' where actor_user_id = ${samId}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`update users set erased_at = now() where id = ${samId}`.execute(trx);
        await sql`select set_config('partnership_board.erasing', ${samId}, true)`.execute(trx);
        await sql`delete from progress_notes where author_id = ${samId}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it("let the purge delete only old refused page visits and failed sign-ins", async () => {
    const oldVisit = await event({ entityType: "request", verb: "refused", method: "GET", daysAgo: 40 });
    const recentVisit = await event({ entityType: "request", verb: "refused", method: "GET", daysAgo: 20 });
    const oldRefusedChange = await event({ entityType: "request", verb: "refused", method: "POST", daysAgo: 40 });
    const oldMove = await event({ entityType: "action", verb: "moved", daysAgo: 40 });
    const purge = (id: number) =>
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('partnership_board.purging_security_log', 'yes', true)`.execute(trx);
        await sql`delete from audit_events where id = ${id}`.execute(trx);
      });
    for (const id of [recentVisit, oldRefusedChange, oldMove]) await expect(purge(id)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = ${oldVisit}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
    await purge(oldVisit);
    expect(await exists(oldVisit)).toBe(false);
    for (const id of [recentVisit, oldRefusedChange, oldMove]) expect(await exists(id)).toBe(true);
  });
});

describe(`the security log's retention on ${engine}`, () => {
  it("removes only routine entries older than the period, recording one event per trail", async () => {
    const kept = [
      await event({ entityType: "request", verb: "refused", method: "GET", daysAgo: 399 }),
      await event({ entityType: "request", verb: "refused", method: "POST", daysAgo: 500 }),
      await event({ entityType: "action", verb: "moved", daysAgo: 500 }),
      await event({ entityType: "user", verb: "signed_in", daysAgo: 500, partnership: false }),
    ];
    const removed = [
      await event({ entityType: "request", verb: "refused", method: "GET", daysAgo: 401 }),
      await event({ entityType: "request", verb: "refused", daysAgo: 500 }),
      await event({ entityType: "user", verb: "sign_in_failed", daysAgo: 500, partnership: false }),
      await event({ entityType: "user", verb: "sign_in_blocked", daysAgo: 500, partnership: false }),
      await event({ entityType: "user", verb: "password_check_failed", daysAgo: 401, partnership: false }),
    ];
    const startedAt = (
      await database.db
        .selectFrom("auditEvents")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirstOrThrow()
    ).id;

    expect(await purgeSecurityLog(database.db)).toEqual({ days: 400, removed: 5, partnerships: 1 });

    for (const id of kept) expect(await exists(id)).toBe(true);
    for (const id of removed) expect(await exists(id)).toBe(false);
    const events = await database.db
      .selectFrom("auditEvents")
      .select(["partnershipId", "entityType", "verb", "actorRole", "context"])
      .where("id", ">", startedAt)
      .orderBy("id")
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { partnershipId, entityType: "security_log", verb: "purged", actorRole: "system", context: expect.objectContaining({ removed: 2, days: 400 }) },
        { partnershipId: null, entityType: "security_log", verb: "purged", actorRole: "system", context: expect.objectContaining({ removed: 3, days: 400 }) },
      ]),
    );
    expect(events).toHaveLength(2);
    // A second run finds nothing, and records nothing.
    expect(await purgeSecurityLog(database.db)).toEqual({ days: 400, removed: 0, partnerships: 0 });
  });

  it("keeps at least 30 days, whatever it is asked", async () => {
    await expect(purgeSecurityLog(database.db, { days: 7 })).rejects.toThrow("Keep at least 30 days of the security log");
  });
});
