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
});
