import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase({ from: "demo" });
});
afterAll(() => handle.close());

async function firstAction() {
  return handle.db.selectFrom("actions").select(["id", "planId", "objectiveId"]).orderBy("number").executeTakeFirstOrThrow();
}

describe(`database constraints on ${engine}`, () => {
  it("refuse an action lead that is both a person and a group", async () => {
    const action = await firstAction();
    const user = await handle.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const group = await handle.db.selectFrom("groups").select("id").executeTakeFirstOrThrow();

    await expect(handle.db.insertInto("actionLeads").values({ actionId: action.id, userId: user.id, groupId: group.id }).execute()).rejects.toThrow(
      /action_leads_exactly_one_kind/,
    );
    await expect(handle.db.insertInto("actionLeads").values({ actionId: action.id, groupId: group.id, outsideBody: "JSNA team" }).execute()).rejects.toThrow(
      /action_leads_exactly_one_kind/,
    );
  });

  it("refuse an action lead of no kind at all", async () => {
    const action = await firstAction();
    await expect(handle.db.insertInto("actionLeads").values({ actionId: action.id, userId: null, groupId: null, outsideBody: null }).execute()).rejects.toThrow(
      /action_leads_exactly_one_kind/,
    );
  });

  it("refuse an UPDATE, a DELETE or a TRUNCATE of an audit event", async () => {
    const event = await handle.db.selectFrom("auditEvents").select(["id", "verb"]).executeTakeFirstOrThrow();

    await expect(handle.db.updateTable("auditEvents").set({ verb: "rewritten" }).where("id", "=", event.id).execute()).rejects.toThrow(/append-only/);
    await expect(handle.db.deleteFrom("auditEvents").where("id", "=", event.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(handle.db)).rejects.toThrow(/append-only/);

    const after = await handle.db.selectFrom("auditEvents").select(["id", "verb"]).where("id", "=", event.id).executeTakeFirst();
    expect(after).toEqual(event);
  });

  it("refuse to rewrite or delete a progress note", async () => {
    const note = await handle.db.selectFrom("progressNotes").select(["id", "body"]).executeTakeFirstOrThrow();
    await expect(handle.db.updateTable("progressNotes").set({ body: "edited" }).where("id", "=", note.id).execute()).rejects.toThrow(/append-only/);
    await expect(handle.db.deleteFrom("progressNotes").where("id", "=", note.id).execute()).rejects.toThrow(/append-only/);
  });

  it("refuse a status outside the four columns", async () => {
    const action = await firstAction();
    await expect(sql`update actions set status = 'blocked' where id = ${action.id}`.execute(handle.db)).rejects.toThrow(/check constraint/);
  });

  it("refuse two cards with the same order key in one column", async () => {
    const action = await handle.db.selectFrom("actions").select(["objectiveId", "planId", "status", "orderKey"]).executeTakeFirstOrThrow();
    await expect(
      handle.db
        .insertInto("actions")
        .values({
          planId: action.planId,
          objectiveId: action.objectiveId,
          number: 99,
          title: "Duplicate key",
          status: action.status,
          orderKey: action.orderKey,
        })
        .execute(),
    ).rejects.toThrow(/actions_column_order/);
  });

  it("keep group members inside the group's partnership", async () => {
    const other = await handle.db.insertInto("partnerships").values({ slug: "elsewhere", name: "Elsewhere" }).returning("id").executeTakeFirstOrThrow();
    const group = await handle.db.selectFrom("groups").select(["id"]).executeTakeFirstOrThrow();
    const user = await handle.db
      .insertInto("users")
      .values({ email: "outsider@example.test", displayName: "Outsider" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db.insertInto("partnershipMemberships").values({ partnershipId: other.id, userId: user.id, role: "member", sector: "public" }).execute();

    await expect(handle.db.insertInto("groupMemberships").values({ groupId: group.id, partnershipId: other.id, userId: user.id }).execute()).rejects.toThrow(
      /foreign key/,
    );
  });

  it("refuse an action filed under another plan's objective", async () => {
    const action = await firstAction();
    const partnership = await handle.db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
    const otherPlan = await handle.db
      .insertInto("plans")
      .values({ partnershipId: partnership.id, title: "Another plan" })
      .returning("id")
      .executeTakeFirstOrThrow();

    await expect(
      handle.db
        .insertInto("actions")
        .values({ planId: otherPlan.id, objectiveId: action.objectiveId, number: 98, title: "Misfiled", orderKey: "zz" })
        .execute(),
    ).rejects.toThrow(/foreign key/);
  });
});
