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

// A published review's rows stay in it: no statement moves one out (to a draft),
// none moves one in, and no TRUNCATE empties a table that holds them.
describe(`a published review's rows, on ${engine}`, () => {
  let published: string;
  let draft: string;
  const rowsOf = async (table: string, reviewId: string) =>
    Number((await sql<{ count: string }>`select count(*) from ${sql.table(table)} where review_id = ${reviewId}`.execute(handle.db)).rows[0]!.count);

  beforeAll(async () => {
    const review = await handle.db.selectFrom("reviews").select(["id", "planId", "createdBy"]).where("status", "=", "open").executeTakeFirstOrThrow();
    published = review.id;
    const action = await firstAction();
    const category = await handle.db.selectFrom("obstacleCategories").select("id").where("planId", "=", review.planId).executeTakeFirstOrThrow();
    const by = review.createdBy;
    // One row in each of its tables, written while it is open; then it is published and answered.
    await sql`delete from review_assessments where review_id = ${published} and action_id = ${action.id}`.execute(handle.db);
    await sql`insert into review_assessments (review_id, action_id, assessment, updated_by) values (${published}, ${action.id}, 'achieved', ${by})`.execute(
      handle.db,
    );
    await sql`delete from review_obstacle_findings where review_id = ${published} and obstacle_category_id = ${category.id}`.execute(handle.db);
    await sql`insert into review_obstacle_findings (review_id, obstacle_category_id, rating, updated_by) values (${published}, ${category.id}, 'addressed', ${by})`.execute(
      handle.db,
    );
    await sql`insert into review_barriers (review_id, name, updated_by) values (${published}, 'Funding', ${by})`.execute(handle.db);
    await sql`insert into review_recommendations (review_id, body, updated_by) values (${published}, 'Name an owner', ${by})`.execute(handle.db);
    await sql`update reviews set status = 'published', published_at = now(), summary = 'Done' where id = ${published}`.execute(handle.db);
    await sql`insert into review_responses (recommendation_id, response, body, author_id)
      select id, 'accepted', 'Agreed', ${by} from review_recommendations where review_id = ${published}`.execute(handle.db);
    await sql`insert into review_addenda (review_id, body, author_id) values (${published}, 'Later news', ${by})`.execute(handle.db);

    draft = (
      await handle.db
        .insertInto("reviews")
        .values({ planId: review.planId, kind: "annual", title: "Annual review", dueOn: "2011-03-31", createdBy: by })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await handle.db.insertInto("reviewFacilitators").values({ reviewId: draft, userId: by }).execute();
  });

  const LOCKED = ["review_facilitators", "review_assessments", "review_obstacle_findings", "review_barriers", "review_recommendations"];

  for (const table of LOCKED) {
    it(`refuse moving a row of ${table} out of it, or into it`, async () => {
      const held = await rowsOf(table, published);
      expect(held).toBeGreaterThan(0);
      await expect(sql`update ${sql.table(table)} set review_id = ${draft} where review_id = ${published}`.execute(handle.db)).rejects.toThrow(
        /a published review never changes/,
      );
      expect(await rowsOf(table, published)).toBe(held);
      // The other way, from the draft (which has its facilitator only).
      if (table === "review_facilitators") {
        await expect(sql`update review_facilitators set review_id = ${published} where review_id = ${draft}`.execute(handle.db)).rejects.toThrow(
          /a published review never changes/,
        );
      }
    });
  }

  it("refuse moving an addendum to another review, or a response to another recommendation", async () => {
    await expect(sql`update review_addenda set review_id = ${draft} where review_id = ${published}`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`update review_responses set recommendation_id = recommendation_id`.execute(handle.db)).rejects.toThrow(/append-only/);
    expect(await rowsOf("review_addenda", published)).toBe(1);
  });

  for (const table of [...LOCKED, "review_responses", "review_addenda"]) {
    it(`refuse a TRUNCATE of ${table}`, async () => {
      const before = Number((await sql<{ count: string }>`select count(*) from ${sql.table(table)}`.execute(handle.db)).rows[0]!.count);
      // CASCADE: review_responses refers to review_recommendations, which a plain TRUNCATE would stop at.
      await expect(sql`truncate ${sql.table(table)} cascade`.execute(handle.db)).rejects.toThrow(/published review never changes|append-only/);
      expect(Number((await sql<{ count: string }>`select count(*) from ${sql.table(table)}`.execute(handle.db)).rows[0]!.count)).toBe(before);
    });
  }

  it("refuse a TRUNCATE of the reviews themselves", async () => {
    await expect(sql`truncate reviews cascade`.execute(handle.db)).rejects.toThrow(/reviews are never deleted|published review never changes|append-only/);
    expect(await handle.db.selectFrom("reviews").select("status").where("id", "=", published).executeTakeFirst()).toEqual({ status: "published" });
  });
});
