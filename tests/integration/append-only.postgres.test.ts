import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

// The app connects as an ordinary role with every privilege on the tables;
// the trigger still refuses to rewrite history.

let database: TestDatabase;
let appRole: string;
let asApp: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase({ from: "demo" });
  appRole = `pb_app_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: database.databaseUrl! });
  await admin.connect();
  await admin.query(`create role ${appRole} login`);
  await admin.query(`grant all privileges on all tables in schema public to ${appRole}`);
  await admin.end();
  const url = new URL(database.databaseUrl!);
  url.username = appRole;
  asApp = new pg.Client({ connectionString: url.toString() });
  await asApp.connect();
});

afterAll(async () => {
  await asApp?.end();
  const admin = new pg.Client({ connectionString: database.databaseUrl! });
  await admin.connect();
  await admin.query(`drop owned by ${appRole}`);
  await admin.end();
  await database.close();
  const server = new pg.Client({ connectionString: database.databaseUrl!.replace(/\/[^/]+$/, "/postgres") });
  await server.connect();
  await server.query(`drop role if exists ${appRole}`);
  await server.end();
});

describe("the audit trail, for the app's own database role", () => {
  it("can be appended to", async () => {
    const { rowCount } = await asApp.query("insert into audit_events (entity_type, entity_id, verb) values ('test', 'x', 'appended')");
    expect(rowCount).toBe(1);
  });

  it("cannot be updated, deleted or truncated", async () => {
    await expect(asApp.query("update audit_events set verb = 'rewritten'")).rejects.toThrow(/append-only/);
    await expect(asApp.query("delete from audit_events")).rejects.toThrow(/append-only/);
    await expect(asApp.query("truncate audit_events")).rejects.toThrow(/append-only/);
    const { rows } = await asApp.query<{ count: string }>("select count(*) from audit_events where verb = 'rewritten'");
    expect(rows[0]!.count).toBe("0");
  });

  it("cannot take the erasure's or the purge's way through without what each requires", async () => {
    const { rows } = await asApp.query<{ id: string }>("select id from users where email = 'leader@demo.test'");
    const attempt = async (statements: string[]) => {
      await asApp.query("begin");
      try {
        for (const statement of statements) await asApp.query(statement);
        await asApp.query("commit");
      } catch (error) {
        await asApp.query("rollback");
        throw error;
      }
    };
    await expect(
      attempt([`select set_config('partnership_board.erasing', '${rows[0]!.id}', true)`, "update progress_notes set body = 'rewritten'"]),
    ).rejects.toThrow(/append-only/);
    await expect(attempt(["select set_config('partnership_board.purging_security_log', 'yes', true)", "delete from audit_events"])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      attempt([
        `update users set erased_at = now() where id = '${rows[0]!.id}'`,
        `select set_config('partnership_board.erasing', '${rows[0]!.id}', true)`,
        "update progress_notes set body = 'rewritten'",
      ]),
    ).rejects.toThrow(/audit trail/);
    const { rows: notes } = await asApp.query<{ count: string }>("select count(*) from progress_notes where body = 'rewritten'");
    expect(notes[0]!.count).toBe("0");
  });
});
