import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeActor, describeChange, NO_HISTORY_FILTERS } from "../../app/domain/history";
import { signIn } from "../../app/server/auth/sign-in.server";
import { issueOperatorResetLink } from "../../app/server/auth/password-resets.server";
import { createCalendarFeed } from "../../app/server/calendar/calendar-feeds.server";
import { ERASED_NOTE_TEXT, erasePerson, planErasure } from "../../app/server/people/erasure.server";
import { addProgressNote, currentContent, updateActionContent } from "../../app/server/plans/action-content.server";
import { planHistoryPage } from "../../app/server/plans/history.server";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { checksumsOf, compareFacts, writeBackup } from "../../db/backup";
import type { Database } from "../../db/schema";
import { startApp, type TestApp } from "./support/app";
import { signedIn } from "./support/http";
import { actorFor, demoPlan, references } from "./support/people";
import { createTestDatabase, engine } from "./support/test-database";

// Sam Patel asks to be erased: they wrote notes, lead an action, have a
// session, a calendar feed and a reset link, and Jordan Hughes's note names
// them. Afterwards nothing in the database holds their name or email, and the
// plan's history still reads in sentences, about "Former member 1".

const SAM = { email: "leader@demo.test", name: "Sam Patel" };
const JORDAN_NOTE = "Agreed the directory with Sam Patel (leader@demo.test)";
const browser = { address: "192.0.2.9", userAgent: "test" };

let app: TestApp;
let plan: PlanContextData;
let ids: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  plan = await demoPlan(app.db);
  ids = await references(app.db, plan.id);
  const sam = await actorFor(app.db, SAM.email);
  const jordan = await actorFor(app.db, "officer@demo.test");
  const content = (await currentContent(app.db, plan, ids["1.5"]!))!;
  await updateActionContent(app.db, sam, plan, ids["1.5"]!, { ...content, leads: { ...content.leads, userIds: [...content.leads.userIds, sam.userId] } });
  await addProgressNote(app.db, sam, plan, ids["1.5"]!, "Volunteers found for the directory");
  await addProgressNote(app.db, jordan, plan, ids["1.1"]!, JORDAN_NOTE);
  await addProgressNote(app.db, jordan, plan, ids["1.1"]!, "Signed off at the Compact Working Group");
  expect(await signIn(app.db, { email: SAM.email, password: "partnership-demo" }, browser)).toMatchObject({ outcome: "signed-in" });
  await signIn(app.db, { email: "officer@demo.test", password: "partnership-demo" }, browser);
  await createCalendarFeed(app.db, sam.userId);
  await issueOperatorResetLink(app.db, SAM.email);
});
afterAll(() => app?.close());

/**
 * A full dump of the database, lower-cased: a backup of every table, sign-ins
 * included, as `npm run db:backup` writes one (db/backup.ts), read back as text.
 */
async function fullDump(db: Kysely<Database>): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pb-erasure-dump-")), "dump.backup.gz");
  try {
    await writeBackup(db, file, { engine, exclude: [] });
    return zlib.gunzipSync(fs.readFileSync(file)).toString("utf8").toLowerCase();
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Jordan Hughes's account, memberships and sessions, byte for byte. */
async function jordansRows(): Promise<string[]> {
  const { rows } = await sql<{ row: string }>`
    select row_to_json(u)::text as row from users u where u.email = 'officer@demo.test'
    union all select row_to_json(m)::text from partnership_memberships m join users u on u.id = m.user_id where u.email = 'officer@demo.test'
    union all select row_to_json(s)::text from sessions s join users u on u.id = s.user_id where u.email = 'officer@demo.test'
  `.execute(app.db);
  return rows.map(({ row }) => row).sort();
}

const userIdOf = async (email: string) => (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe(`erasing a person on ${engine}`, () => {
  let samId: string;
  let jordanBefore: string[];
  let samNotesBefore: Array<{ id: string; actionId: string; createdAt: Date }>;

  it("lists what a dry run would change, and changes nothing", async () => {
    samId = await userIdOf(SAM.email);
    const before = await checksumsOf(app.db);
    const plan = await planErasure(app.db, "  Leader@Demo.test ");
    expect(plan).toMatchObject({ displayName: SAM.name, email: SAM.email, pseudonym: "Former member 1", placeholderEmail: "former-member-1@erased.invalid" });
    expect(plan.partnerships.map((partnership) => partnership.keepsNoteText)).toEqual([false]);
    const changes = Object.fromEntries(plan.changes.map((change) => [`${change.place} ${change.change}`, change.rows]));
    expect(changes).toMatchObject({
      "users replaced": 1,
      "sessions deleted": 1,
      "calendar_feeds deleted": 1,
      "password_resets deleted": 1,
      "progress_notes.body text removed": 3,
      "progress_notes.body replaced": 1,
      "partnership_memberships ended": 1,
    });
    expect(changes["audit_events.changes replaced"]).toBeGreaterThan(0);
    expect(compareFacts(before, await checksumsOf(app.db))).toEqual([]);
  });

  it("leaves nothing of their name or email anywhere in the database", async () => {
    jordanBefore = await jordansRows();
    const jordanNotes = await notesOf("officer@demo.test");
    samNotesBefore = await app.db.selectFrom("progressNotes").select(["id", "actionId", "createdAt"]).where("authorId", "=", samId).orderBy("id").execute();
    const samsNoteTexts = (await app.db.selectFrom("progressNotes").select("body").where("authorId", "=", samId).execute()).map((note) =>
      note.body.toLowerCase(),
    );
    const dumpBefore = await fullDump(app.db);
    expect(dumpBefore).toContain("sam patel");
    expect(dumpBefore).toContain(SAM.email);

    const done = await erasePerson(app.db, SAM.email);

    expect(done.pseudonym).toBe("Former member 1");
    const dump = await fullDump(app.db);
    expect(dump).not.toContain("sam patel");
    expect(dump).not.toContain(SAM.email);
    expect(dump).toContain("former member 1");
    // Their notes' text is gone too, from the notes, the events that recorded them and the review's snapshot.
    for (const text of samsNoteTexts) expect(dump).not.toContain(text);

    // Another person's rows are as they were, but for the mention of the erased person.
    expect(await jordansRows()).toEqual(jordanBefore);
    expect(await notesOf("officer@demo.test")).toEqual(
      jordanNotes.map((note) =>
        note.body === JORDAN_NOTE ? { ...note, body: "Agreed the directory with Former member 1 (former-member-1@erased.invalid)" } : note,
      ),
    );
  });

  it("keeps their notes' date and action, without the text, and ends everything that served them", async () => {
    const notes = await app.db
      .selectFrom("progressNotes")
      .select(["id", "actionId", "createdAt", "body"])
      .where("authorId", "=", samId)
      .orderBy("id")
      .execute();
    expect(notes.map(({ body: _body, ...note }) => note)).toEqual(samNotesBefore);
    expect(new Set(notes.map((note) => note.body))).toEqual(new Set([ERASED_NOTE_TEXT]));
    const account = await app.db.selectFrom("users").selectAll().where("id", "=", samId).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ displayName: "Former member 1", email: "former-member-1@erased.invalid", passwordHash: null, nameShownPublicly: false });
    expect(account.disabledAt).not.toBeNull();
    expect(account.erasedAt).not.toBeNull();
    for (const table of ["sessions", "calendarFeeds", "passwordResets", "emailOutbox"] as const) {
      expect(await app.db.selectFrom(table).select("userId").where("userId", "=", samId).execute(), table).toEqual([]);
    }
    expect(await signIn(app.db, { email: SAM.email, password: "partnership-demo" }, browser)).toEqual({ outcome: "refused" });
  });

  it("keeps the plan's history in sentences, now about Former member 1", async () => {
    const rows = await planHistoryPage(app.db, plan.id, NO_HISTORY_FILTERS, { beforeId: null, size: 500 });
    const samsEvents = rows.filter((row) => row.actorUserId === samId);
    expect(samsEvents.length).toBeGreaterThan(3);
    const sentences = samsEvents.map((row) => `${describeActor(row)} ${describeChange(row)}`);
    expect(sentences).toContain("Former member 1 (voluntary and community sector) added a progress note to 1.5");
    expect(sentences.filter((sentence) => !sentence.startsWith("Former member 1 ("))).toEqual([]);
    const leadChange = rows.find((row) => row.verb === "updated" && row.reference === "1.5" && row.changes.leads)!;
    expect(JSON.stringify(leadChange.changes.leads)).toContain("Former member 1");

    const page = await (await (await signedIn(app.url, "admin@demo.test")).get(`/p/portsmouth/plans/${plan.id}/history`)).text();
    expect(page).toContain("Former member 1 (voluntary and community sector) added a progress note to 1.5");
    expect(page).not.toContain(SAM.name);
  });

  it("records the erasure once per partnership, as the operator's, without what was erased", async () => {
    const events = await app.db.selectFrom("auditEvents").selectAll().where("entityType", "=", "user").where("verb", "=", "erased").execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ partnershipId: plan.partnershipId, entityId: samId, actorRole: "system", actorUserId: null, changes: {} });
    expect(events[0]!.context).toEqual({ formerMember: 1, notesTextRemoved: 1 + 2 });
    expect(JSON.stringify(events).toLowerCase()).not.toMatch(/sam|patel|leader@/);
  });

  it("refuses clearly: an unknown address, someone erased already, a partnership's only admin", async () => {
    await expect(erasePerson(app.db, SAM.email)).rejects.toThrow("There is no account for leader@demo.test");
    await expect(erasePerson(app.db, "former-member-1@erased.invalid")).rejects.toThrow(/Former member 1 was erased already/);
    await expect(erasePerson(app.db, "admin@demo.test")).rejects.toThrow(
      "Priya Shah is the only admin of Portsmouth Public Sector & Voluntary and Community Sector. Make someone else an admin there first.",
    );
    await expect(planErasure(app.db, "not an address")).rejects.toThrow("Give the email address of the person to erase");
  });

  async function notesOf(email: string) {
    return app.db
      .selectFrom("progressNotes as n")
      .innerJoin("users as u", "u.id", "n.authorId")
      .select(["n.id", "n.actionId", "n.createdAt", "n.body"])
      .where("u.email", "=", email)
      .orderBy("n.id")
      .execute();
  }
});

describe(`a partnership that keeps erased people's notes, on ${engine}`, () => {
  it("keeps the text of their notes, with their name replaced in it", async () => {
    const database = await createTestDatabase({ from: "portsmouth" });
    try {
      const { db } = database;
      const demo = await demoPlan(db);
      const refs = await references(db, demo.id);
      await db.updateTable("partnerships").set({ erasureKeepsNoteText: true }).where("id", "=", demo.partnershipId).execute();
      const jordan = await actorFor(db, "officer@demo.test");
      await addProgressNote(db, jordan, demo, refs["1.1"]!, "Jordan Hughes met the PCT");
      const before = await db.selectFrom("progressNotes").select(["id", "body"]).where("authorId", "=", jordan.userId).orderBy("id").execute();

      const done = await erasePerson(db, "officer@demo.test");

      expect(done.partnerships).toEqual([expect.objectContaining({ keepsNoteText: true })]);
      const after = await db.selectFrom("progressNotes").select(["id", "body"]).where("authorId", "=", jordan.userId).orderBy("id").execute();
      expect(after).toEqual(before.map((note) => ({ ...note, body: note.body.replace("Jordan Hughes", "Former member 1") })));
      expect(after.map((note) => note.body)).toContain("Former member 1 met the PCT");
      const dump = await fullDump(db);
      expect(dump).not.toContain("jordan hughes");
      expect(dump).not.toContain("officer@demo.test");
    } finally {
      await database.close();
    }
  });
});

describe(`two erasures at once, on ${engine}`, () => {
  it("take a number each, even in partnerships that share nothing", async () => {
    const database = await createTestDatabase({ from: "demo" });
    try {
      const done = await Promise.all(
        ["mandy.lindley@portsmouth.demo.test", "grace.okafor@hertfordshire.demo.test"].map((email) => erasePerson(database.db, email)),
      );
      expect(done.map((each) => each.pseudonym).sort()).toEqual(["Former member 1", "Former member 2"]);
    } finally {
      await database.close();
    }
  });
});
