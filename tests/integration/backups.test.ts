import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Status } from "../../app/domain/vocabulary";
import { createAction } from "../../app/server/plans/action-content.server";
import { moveAction } from "../../app/server/plans/moves.server";
import { Migrator, sql } from "kysely";
import { BackupRefused, checksumsOf, compareFacts, latestMigration, NOT_BACKED_UP, restoreBackup, writeBackup, type BackupSummary } from "../../db/backup";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrations } from "../../db/migrations";
import { adminQuery, databaseUrlFor } from "./support/global-setup";
import { actorFor, portsmouthFixture } from "./support/people";
import { createEmptyDatabase, createTestDatabase, engine, type TestDatabase } from "./support/test-database";

// Backups as the operator takes them: while people work, restored into a new
// data folder and into PostgreSQL, and refused whenever restoring would mix,
// lose or invent data.

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pb-backups-"));
let database: TestDatabase;
afterAll(async () => {
  await database?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});
beforeAll(async () => {
  database = await createTestDatabase({ from: "portsmouth" });
});

const CYCLE: Status[] = ["in_progress", "at_risk", "not_started"];

interface Move {
  actionId: string;
  status: Status;
  /** Acknowledged (the write returned) before the backup began. */
  beforeBackup: boolean;
}

describe(`backups on ${engine}`, () => {
  let backup: BackupSummary;
  const file = path.join(folder, "while-moving.backup.gz");
  const acknowledged: Move[] = [];
  /** The first history entry the test's moves can have: what came before is the demo's. */
  let firstNewEvent = 0;

  it("takes a backup while 10 people move cards: it holds every move acknowledged before it began, and agrees with itself", async () => {
    const { plan } = await portsmouthFixture(database.db);
    const steward = await actorFor(database.db, "leader@demo.test");
    const openCards = () =>
      database.db
        .selectFrom("actions")
        .select(["id", "objectiveId", "status"])
        .where("planId", "=", plan.id)
        .where("status", "!=", "done")
        .where("archivedAt", "is", null)
        .orderBy("id")
        .limit(10)
        .execute();
    // One card each: the demo's open cards, and new ones for the rest.
    const objective = (await openCards())[0]!.objectiveId;
    for (let extra = (await openCards()).length; extra < 10; extra++) {
      await createAction(database.db, steward, plan, { id: randomUUID(), objectiveId: objective, title: `Backup test card ${extra}` });
    }
    const cards = await openCards();
    expect(cards).toHaveLength(10);
    firstNewEvent =
      Number(
        (
          await database.db
            .selectFrom("auditEvents")
            .select((eb) => eb.fn.max("id").as("last"))
            .executeTakeFirstOrThrow()
        ).last,
      ) + 1;

    let backupBegun = false;
    let backupDone = false;
    const person = async (card: (typeof cards)[number]) => {
      // Each person keeps moving their card to another column until the backup is done, and twice after.
      const first = CYCLE.indexOf(card.status) + 1;
      for (let move = first, after = 0; after < 2; move++) {
        if (backupDone) after++;
        const status = CYCLE[move % CYCLE.length]!;
        await moveAction(database.db, steward, plan, { actionId: card.id, objectiveId: card.objectiveId, status, placement: { at: "bottom" } });
        acknowledged.push({ actionId: card.id, status, beforeBackup: !backupBegun });
        if (acknowledged.length >= 20) twentyMoves();
        // A person's next move arrives as a new request would, after the event loop's turn: on PGlite,
        // whose statements resolve without one, ten back-to-back loops would never let the backup's file be written.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    let twentyMoves: () => void = () => undefined;
    const twentyMovesMade = new Promise<void>((resolve) => (twentyMoves = resolve));
    const people = cards.map((card) => person(card).finally(() => twentyMoves()));
    // Some moves first, so the backup begins mid-stream (or a refused move ends the test at once).
    await Promise.race([twentyMovesMade, Promise.all(people)]);
    backupBegun = true;
    backup = await writeBackup(database.db, file, { engine: database.engine });
    backupDone = true;
    await Promise.all(people);

    const before = acknowledged.filter((move) => move.beforeBackup);
    expect(before.length).toBeGreaterThanOrEqual(20);
    expect(backup.header.excluded).toEqual([...NOT_BACKED_UP]);
    expect(backup.header.tables).not.toContain("sessions");

    // Restored into a new data folder: every acknowledged move is in it, and each card stands where its last recorded move put it.
    const restored = await openDatabase({ dataDir: path.join(folder, "restored") });
    try {
      await restoreBackup(restored.db, file);
      await expectMovesKept(restored, before, firstNewEvent);
      expect(compareFacts(backup.tables, await checksumsOf(restored.db, { exclude: NOT_BACKED_UP }))).toEqual([]);
    } finally {
      await restored.close();
    }
  });

  // A PGlite backup into PostgreSQL is `db:copy`'s test (db-copy.postgres.test.ts).
  if (engine === "postgres") {
    it("restores the same backup into PostgreSQL, table for table", async () => {
      const serverUrl = inject("postgresServerUrl");
      const name = `${inject("postgresPrefix")}_restore_${randomUUID().slice(0, 8)}`;
      await adminQuery(serverUrl, `create database ${name}`);
      const restored = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, name) });
      try {
        const summary = await restoreBackup(restored.db, file);
        expect(summary.tables).toEqual(backup.tables);
        expect(compareFacts(backup.tables, await checksumsOf(restored.db, { exclude: NOT_BACKED_UP }))).toEqual([]);
        await expectMovesKept(
          restored,
          acknowledged.filter((move) => move.beforeBackup),
          firstNewEvent,
        );
      } finally {
        await restored.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      }
    });
  }

  it("restores a backup from an older version, then brings it up to this version's schema", async () => {
    const older = await createEmptyDatabase();
    const target = await createEmptyDatabase();
    const olderFile = path.join(folder, "older.backup.gz");
    try {
      const previous = Object.keys(migrations).sort().at(-2)!;
      const { error } = await new Migrator({ db: older.db, provider: { getMigrations: async () => migrations } }).migrateTo(previous);
      expect(error).toBeUndefined();
      await sql`insert into partnerships (slug, name) values ('older', 'An older partnership')`.execute(older.db);
      const written = await writeBackup(older.db, olderFile, { engine: older.engine });
      expect(written.header.schema).toBe(previous);

      const restored = await restoreBackup(target.db, olderFile);
      expect(restored.header.schema).toBe(previous);
      const { rows } = await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(target.db);
      expect(rows[0]!.name).toBe(latestMigration());
      expect(await target.db.selectFrom("partnerships").select("name").execute()).toEqual([{ name: "An older partnership" }]);
    } finally {
      await older.close();
      await target.close();
    }
  });

  it("refuses a target that holds data, and changes nothing in it", async () => {
    const before = await checksumsOf(database.db);
    await expect(restoreBackup(database.db, file)).rejects.toThrow(/The target is not empty \(its \w+ table has rows\)/);
    expect(compareFacts(before, await checksumsOf(database.db))).toEqual([]);
  });

  // One empty target for the refusals, each of which must leave it without a row (the first, without a table).
  describe("refusing a backup that is not whole", () => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await createEmptyDatabase();
    });
    afterAll(() => target.close());

    it("refuses a backup from a newer schema, before touching the target", async () => {
      const newer = path.join(folder, "newer.backup.gz");
      rewriteHeader(file, newer, (header) => ({ ...header, schema: "9999_from_the_future" }));
      {
        await expect(restoreBackup(target.db, newer)).rejects.toThrow(
          /is from a newer version of Partnership Board \(schema 9999_from_the_future; this version knows up to 0\d{3}_\w+\)/,
        );
        expect(await tablesIn(target)).toEqual([]);
      }
    });

    it.each([
      [
        "a damaged byte",
        (bytes: Buffer) =>
          Buffer.concat([bytes.subarray(0, bytes.length / 2), Buffer.from([bytes[bytes.length / 2]! ^ 0xff]), bytes.subarray(bytes.length / 2 + 1)]),
      ],
      ["cut short", (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.6))],
    ])("refuses a backup file with %s, with a message, and leaves the target with no rows", async (_damage, damage) => {
      const damaged = path.join(folder, `damaged-${randomUUID()}.backup.gz`);
      fs.writeFileSync(damaged, damage(fs.readFileSync(file)));
      {
        const refusal = await restoreBackup(target.db, damaged).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(BackupRefused);
        expect((refusal as Error).message).toMatch(/is damaged|was cut short/);
        expect((refusal as Error).message).toMatch(/Nothing was restored\.$/);
        const partnerships = await target.db.selectFrom("partnerships").select("id").execute();
        expect(partnerships).toEqual([]);
      }
    });

    it("refuses a row changed inside an intact file: the table's checksum tells", async () => {
      const forged = path.join(folder, "forged.backup.gz");
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n");
      const row = lines.findIndex((line) => line.includes('"display_name":"Priya Shah"'));
      expect(row).toBeGreaterThan(0);
      lines[row] = lines[row]!.replace('"display_name":"Priya Shah"', '"display_name":"Someone Else"');
      fs.writeFileSync(forged, zlib.gzipSync(lines.join("\n")));
      {
        await expect(restoreBackup(target.db, forged)).rejects.toThrow(/does not match its own checksums \(users's rows differ\)\. Nothing was restored\./);
        expect(await target.db.selectFrom("users").select("id").execute()).toEqual([]);
      }
    });
  });
});

/**
 * Every move acknowledged before the backup began is in the restored history,
 * in order, and each card stands where its last recorded move put it: the
 * backup is one moment, not tables read at different times.
 */
async function expectMovesKept(restored: DatabaseHandle, before: Move[], firstNewEvent: number) {
  const events = await restored.db
    .selectFrom("auditEvents")
    .select(["actionId", "changes"])
    .where("verb", "=", "moved")
    .where("id", ">=", firstNewEvent)
    .orderBy("id")
    .execute();
  for (const actionId of new Set(before.map((move) => move.actionId))) {
    const recorded = events.filter((event) => event.actionId === actionId).map((event) => (event.changes as { status: { after: Status } }).status.after);
    const acknowledgedMoves = before.filter((move) => move.actionId === actionId).map((move) => move.status);
    expect(recorded.slice(0, acknowledgedMoves.length)).toEqual(acknowledgedMoves);
    const card = await restored.db.selectFrom("actions").select("status").where("id", "=", actionId).executeTakeFirstOrThrow();
    expect(card.status).toBe(recorded.at(-1));
  }
}

function rewriteHeader(from: string, to: string, change: (header: Record<string, unknown>) => Record<string, unknown>) {
  const lines = zlib.gunzipSync(fs.readFileSync(from)).toString("utf8").split("\n");
  lines[0] = JSON.stringify(change(JSON.parse(lines[0]!) as Record<string, unknown>));
  fs.writeFileSync(to, zlib.gzipSync(lines.join("\n")));
}

async function tablesIn(handle: DatabaseHandle): Promise<string[]> {
  return (await handle.db.introspection.getTables()).map((table) => table.name);
}
