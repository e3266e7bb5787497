import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysTo, ukToday } from "../../app/domain/dates";
import { isoWeek, isoWeekday, ukTimeOn } from "../../app/domain/emails";
import type { Actor } from "../../app/domain/policy";
import { deliverDueEmails } from "../../app/server/mail/outbox-sender.server";
import { addProgressNote } from "../../app/server/plans/action-content.server";
import { buildDigest, digestKey, queueDueDigests } from "../../app/server/notices/digests.server";
import { queueDueReminders } from "../../app/server/notices/due-reminders.server";
import { previewEmail } from "../../app/server/notices/preview.server";
import { queueScheduledEmails } from "../../app/server/notices/scheduled.server";
import { loadPlan } from "../../app/server/platform/plan-data.server";
import { queueEmails } from "../../app/server/platform/outbox.server";
import type { Status } from "../../db/schema";
import { startTestSmtp } from "./support/smtp";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

// The weekly digest and the due reminders as people read them: the Portsmouth
// demo (2010, all overdue) plus a second partnership made here whose dates
// are set around the digest's Monday, so each role's email is known by hand.

let database: TestDatabase;
const db = () => database.db;
let queries = 0;

// Everything below is made before the next Monday's digest, which is at most a week away.
const madeAt = new Date();
let monday = addDaysTo(ukToday(madeAt), 1);
while (isoWeekday(monday) !== 1) monday = addDaysTo(monday, 1);
const digestAt = ukTimeOn(monday, 8);
const week = isoWeek(monday);
const day = (offset: number) => addDaysTo(monday, offset);

const ids: Record<string, string> = {};
const userId = async (email: string) => (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

async function insertUser(email: string, displayName: string) {
  const row = await db().insertInto("users").values({ email, displayName, passwordHash: "not-a-real-hash" }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Actions inserted as a plan import would: numbered, ordered, with their leads. */
async function insertActions(
  planId: string,
  objectiveId: string,
  actions: Array<{ title: string; dueOn: string | null; status?: Status; leadUserIds?: string[]; leadGroupIds?: string[]; proposedBy?: string }>,
) {
  const rows = await db()
    .insertInto("actions")
    .values(
      actions.map((action, index) => ({
        planId,
        objectiveId,
        number: index + 1,
        title: action.title,
        orderKey: `a${String(index).padStart(4, "0")}`,
        dueOn: action.dueOn,
        status: action.status ?? "in_progress",
        ...(action.proposedBy
          ? {
              completionProposedBy: action.proposedBy,
              completionProposedSector: "public" as const,
              completionProposedAt: madeAt,
              completionReturnsTo: "in_progress" as const,
            }
          : {}),
      })),
    )
    .returning("id")
    .execute();
  const leads = actions.flatMap((action, index) => [
    ...(action.leadUserIds ?? []).map((leadId) => ({ actionId: rows[index]!.id, userId: leadId })),
    ...(action.leadGroupIds ?? []).map((groupId) => ({ actionId: rows[index]!.id, groupId })),
  ]);
  if (leads.length) await db().insertInto("actionLeads").values(leads).execute();
  return rows.map((row) => row.id);
}

async function insertPlan(partnershipId: string, title: string, stewardGroupId: string | null, dueReminderDays: number | null = 7) {
  const plan = await db()
    .insertInto("plans")
    .values({ partnershipId, title, periodStart: null, periodEnd: null, dueReminderDays })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (stewardGroupId) await db().insertInto("planStewards").values({ planId: plan.id, groupId: stewardGroupId, partnershipId }).execute();
  const objective = await db()
    .insertInto("objectives")
    .values({ planId: plan.id, number: 1, title: "Work together", orderKey: "a0" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { planId: plan.id, objectiveId: objective.id };
}

beforeAll(async () => {
  database = await createTestDatabase({ from: "portsmouth", onQuery: () => (queries += 1) });
  for (const email of ["leader@demo.test", "officer@demo.test", "facilitator@demo.test", "councillor@demo.test", "admin@demo.test"])
    ids[email] = await userId(email);
  ids.portsmouthPlan = (await db().selectFrom("plans").select("id").executeTakeFirstOrThrow()).id;

  // A second partnership where the demo people act too, with Sam in its steering group.
  const herts = await db().insertInto("partnerships").values({ slug: "herts", name: "Hertfordshire Compact" }).returning("id").executeTakeFirstOrThrow();
  ids.herts = herts.id;
  const members = [
    ["leader@demo.test", "member", "voluntary_community"],
    ["officer@demo.test", "member", "public"],
    ["facilitator@demo.test", "facilitator", "independent"],
    ["councillor@demo.test", "observer", "public"],
  ] as const;
  for (const email of ["disabled@test.example", "ended@test.example", "opted-out@test.example", "busy@test.example"])
    ids[email] = await insertUser(email, email.split("@")[0]!);
  await db()
    .insertInto("partnershipMemberships")
    .values([
      ...members.map(([email, role, sector]) => ({ partnershipId: herts.id, userId: ids[email]!, role, sector })),
      ...["disabled@test.example", "ended@test.example", "opted-out@test.example", "busy@test.example"].map((email) => ({
        partnershipId: herts.id,
        userId: ids[email]!,
        role: "member" as const,
        sector: "public" as const,
      })),
    ])
    .execute();
  const steering = await db()
    .insertInto("groups")
    .values({ partnershipId: herts.id, name: "Compact Steering Group", sector: "cross_sector" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db().insertInto("groupMemberships").values({ groupId: steering.id, partnershipId: herts.id, userId: ids["leader@demo.test"]! }).execute();

  const { planId, objectiveId } = await insertPlan(herts.id, "Compact Delivery Plan", steering.id);
  ids.hertsPlan = planId;
  const sam = ids["leader@demo.test"]!;
  const jordan = ids["officer@demo.test"]!;
  const others = ["disabled@test.example", "ended@test.example", "opted-out@test.example"].map((email) => ids[email]!);
  const actionIds = await insertActions(planId, objectiveId, [
    { title: "Agree the funding code", dueOn: day(3), leadUserIds: [sam, ...others], leadGroupIds: [steering.id] },
    { title: "Publish the consultation guide", dueOn: day(-2), leadGroupIds: [steering.id], leadUserIds: others },
    { title: "Review the volunteering strategy", dueOn: day(30), leadUserIds: [sam] },
    { title: "Run the joint training day", dueOn: day(-20), status: "done", leadUserIds: [jordan], proposedBy: jordan },
    { title: "Map local infrastructure", dueOn: day(10), leadUserIds: [jordan] },
  ]);
  actionIds.forEach((id, index) => (ids[`a1${index + 1}`] = id));
  const review = await db()
    .insertInto("reviews")
    .values({ planId, kind: "six_month", title: "Six-month review", dueOn: day(5), createdBy: ids["admin@demo.test"]! })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.hertsReview = review.id;
  await db().insertInto("reviewFacilitators").values({ reviewId: review.id, userId: ids["facilitator@demo.test"]! }).execute();
  const published = await db()
    .insertInto("reviews")
    .values({
      planId,
      kind: "annual",
      title: "Annual review 2025",
      dueOn: day(-30),
      createdBy: ids["admin@demo.test"]!,
      status: "published",
      openedAt: madeAt,
      publishedAt: madeAt,
      snapshot: JSON.stringify({ takenAt: madeAt.toISOString(), actions: [], obstacles: [] }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.publishedReview = published.id;

  // Jordan's note, written as anyone hostile might: markup and a header of its own.
  const jordanInHerts: Actor = { userId: jordan, partnershipId: herts.id, role: "member", sector: "public", groupIds: new Set() };
  await addProgressNote(
    db(),
    jordanInHerts,
    (await loadPlan(db(), herts.id, planId))!,
    ids.a15!,
    '<script>alert("x")</script> <b>Directory</b> live\r\nBcc: x@evil.test',
  );

  // The previous digest of each demo person went an hour before all this: "what changed" starts there.
  await db()
    .insertInto("emailOutbox")
    .values(
      Object.values(ids)
        .filter((id) => members.some(([email]) => ids[email] === id) || id === ids["admin@demo.test"])
        .map((id) => ({
          userId: id,
          kind: "digest" as const,
          dedupeKey: `digest:${id}:earlier`,
          subject: "Earlier",
          textBody: "",
          htmlBody: "",
          status: "sent" as const,
          createdAt: new Date(madeAt.getTime() - 3_600_000),
        })),
    )
    .execute();

  await db().updateTable("users").set({ disabledAt: madeAt }).where("id", "=", ids["disabled@test.example"]!).execute();
  await db().updateTable("partnershipMemberships").set({ disabledAt: madeAt }).where("userId", "=", ids["ended@test.example"]!).execute();
  await db().insertInto("emailOptOuts").values({ userId: ids["opted-out@test.example"]!, kind: "digest" }).execute();

  // Ten plans of thirty actions each, all led by one person: 150 overdue, 100 due soon, 50 later. No reminders on these plans.
  for (let plan = 1; plan <= 10; plan++) {
    const busyPlan = await insertPlan(herts.id, `Busy plan ${plan}`, null, null);
    if (plan === 1) ids.busyPlan = busyPlan.planId;
    await insertActions(
      busyPlan.planId,
      busyPlan.objectiveId,
      Array.from({ length: 30 }, (_, index) => ({
        title: `Busy action ${plan}.${index + 1} with a title as long as the plans' real ones tend to be, naming who and what`,
        dueOn: index < 15 ? day(-index - 1) : index < 25 ? day(index - 14) : day(40),
        leadUserIds: [ids["busy@test.example"]!],
      })),
    );
  }
}, 120_000);
afterAll(() => database?.close());

const digestRow = (email: string) =>
  db().selectFrom("emailOutbox").selectAll().where("userId", "=", ids[email]!).where("dedupeKey", "=", digestKey(ids[email]!, week)).executeTakeFirst();

describe(`the weekly digest, on ${engine}`, () => {
  it("queues one digest per person, each saying what their role needs across both partnerships", async () => {
    await queueDueDigests(db(), digestAt);

    const sam = (await digestRow("leader@demo.test"))!;
    expect(sam.status).toBe("queued");
    expect(sam.partnershipId).toBeNull();
    // Portsmouth: 1.5, 2.3, 2.1 overdue and 2.2 to confirm; Hertfordshire: 1.2 overdue, 1.1 due soon, 1.4 to confirm.
    expect(sam.subject).toBe("7 actions need you this week — 2 partnerships");
    const text = sam.textBody;
    expect(text).toContain("Hello Sam Patel.");
    expect(text.indexOf("Hertfordshire Compact")).toBeLessThan(text.indexOf("Portsmouth Public Sector & Voluntary and Community Sector"));
    expect(text).toContain("Compact Delivery Plan");
    expect(text).toContain("Partnership Improvement Action Plan 2010");
    expect(text).toContain(`- 1.2 Publish the consultation guide (was due ${longDate(day(-2))})`);
    expect(text).toContain(`- 1.1 Agree the funding code (due ${longDate(day(3))})`);
    expect(text).toContain(`/p/herts/plans/${ids.hertsPlan}/actions/${ids.a11}`);
    expect(text).not.toContain("Review the volunteering strategy");
    expect(text).toContain("Awaiting your confirmation (1)\n..............................\n\n- 1.4 Run the joint training day (marked done by Jordan Hughes)");
    expect(text).toContain("- 2.2 Bring more organisations together to realise their joint potential (marked done by Mandy Lindley)");
    expect(text).toContain("- 1.5 Map Portsmouth's third sector organisations and develop an online directory (was due 30 June 2010)");
    expect(text).toContain(`- Six-month review (due ${longDate(day(5))})`);
    expect(text).toContain("- Six-month review (overdue: was due 30 September 2010)");
    expect(text).toContain(`- Annual review 2025 (published ${longDate(ukToday(madeAt))})`);
    // Sam stewards the Compact Delivery Plan: Jordan's note is news there.
    expect(text).toContain(`What changed since ${longDate(ukToday(new Date(madeAt.getTime() - 3_600_000)))}`);
    expect(text).toContain("1 update to the plan. Progress notes added: 1.");
    expect(sam.htmlBody).toContain("<h2>Hertfordshire Compact</h2>");
    expect(sam.htmlBody).toContain("<h3>Compact Delivery Plan</h3>");
    expect(sam.htmlBody).toContain(`<a href="http://localhost:3000/p/herts/plans/${ids.hertsPlan}/actions/${ids.a11}">1.1 Agree the funding code</a>`);

    // Jordan proposed 1.4 and cannot confirm his own; 2.2 was proposed by his own sector. No steward news: he stewards nothing.
    const jordan = (await digestRow("officer@demo.test"))!;
    expect(jordan.subject).toBe("2 actions need you this week — 2 partnerships");
    expect(jordan.textBody).toContain(`- 1.5 Map local infrastructure (due ${longDate(day(10))})`);
    expect(jordan.textBody).toContain("- 1.1 Develop a written strategy for sustaining and supporting a thriving third sector (was due 31 May 2010)");
    expect(jordan.textBody).not.toContain("Awaiting your confirmation");
    expect(jordan.textBody).not.toContain("What changed");

    // The facilitator: the reviews assigned to them, and the one published.
    const morgan = (await digestRow("facilitator@demo.test"))!;
    expect(morgan.subject).toBe("2 reviews are due soon or overdue — 2 partnerships");
    expect(morgan.textBody).toContain(`- Six-month review (due ${longDate(day(5))})`);
    expect(morgan.textBody).toContain("- Annual review 2025");
    expect(morgan.textBody).not.toMatch(/Overdue \(|Awaiting your confirmation/);

    // The councillor leads nothing and reviews nothing: the review published is their news.
    const chris = (await digestRow("councillor@demo.test"))!;
    expect(chris.subject).toBe("A review was published this week — Hertfordshire Compact");
    expect(chris.textBody).toContain(`/p/herts/plans/${ids.hertsPlan}/reviews/${ids.publishedReview}`);
    expect(chris.textBody).not.toContain("Portsmouth");
  });

  it("records a week with nothing to say as empty, and sends it to nobody", async () => {
    const priya = (await digestRow("admin@demo.test"))!;
    expect(priya.status).toBe("empty");
    expect(priya.subject).toBe("Nothing needs you this week");

    const smtp = await startTestSmtp();
    try {
      const report = await deliverDueEmails(db(), { now: digestAt, smtpUrl: process.env.SMTP_URL!, toDemoAddresses: true });
      expect(report.failed + report.retrying).toBe(0);
      expect(smtp.received.flatMap((mail) => mail.to)).not.toContain("admin@demo.test");
      expect(smtp.received.flatMap((mail) => mail.to)).toContain("leader@demo.test");
      expect((await digestRow("admin@demo.test"))!.status).toBe("empty");

      // Jordan's note arrives as text: no header of its own, no markup.
      const samMail = smtp.received.find((mail) => mail.to.includes("leader@demo.test"))!;
      expect(samMail.to).toEqual(["leader@demo.test"]);
      expect(samMail.text).not.toMatch(/^Bcc:/im);
    } finally {
      await smtp.close();
    }
  });

  it("keeps a note's markup and line breaks as text in both parts", async () => {
    const sam = (await digestRow("leader@demo.test"))!;
    expect(sam.textBody).toContain(`1.5 Jordan Hughes: “<script>alert("x")</script> <b>Directory</b> live Bcc: x@evil.test”`);
    expect(sam.htmlBody).not.toContain("<script>");
    expect(sam.htmlBody).not.toContain("<b>Directory");
    expect(sam.htmlBody).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#60;b&#62;Directory&#60;/b&#62; live Bcc: x@evil.test");
    expect(sam.htmlBody).not.toContain("\r\nBcc");
  });

  it("queues a week's digest once, however often and whenever in the week it is asked", async () => {
    const before = await db().selectFrom("emailOutbox").select("id").where("kind", "=", "digest").execute();
    await queueScheduledEmails(db(), digestAt);
    await queueScheduledEmails(db(), new Date(digestAt.getTime() + 2 * 3_600_000));
    expect(await queueDueDigests(db(), new Date(digestAt.getTime() + 3 * 86_400_000))).toBe(0);
    const after = await db().selectFrom("emailOutbox").select("id").where("kind", "=", "digest").execute();
    expect(after.length).toBe(before.length);
    const samDigests = await db()
      .selectFrom("emailOutbox")
      .select("dedupeKey")
      .where("userId", "=", ids["leader@demo.test"]!)
      .where("kind", "=", "digest")
      .execute();
    expect(samDigests.map((row) => row.dedupeKey).sort()).toEqual(
      [digestKey(ids["leader@demo.test"]!, week), `digest:${ids["leader@demo.test"]}:earlier`].sort(),
    );
    // Before 07:00 on the next Monday it is still this week; at 07:00 the next one is due.
    const nextMonday = day(7);
    expect(await queueDueDigests(db(), new Date(ukTimeOn(nextMonday, 7).getTime() - 60_000))).toBe(0);
  });

  it("gives nothing to a disabled account, an ended membership or a person who turned the digest off", async () => {
    for (const email of ["disabled@test.example", "ended@test.example", "opted-out@test.example"]) {
      expect(await digestRow(email), email).toBeUndefined();
    }
    expect(await buildDigest(db(), ids["disabled@test.example"]!, digestAt)).toBeNull();
    expect(await buildDigest(db(), ids["ended@test.example"]!, digestAt)).toBeNull();
  });

  it("gives a person who leads 300 actions one digest under 100 kB", async () => {
    const busy = (await digestRow("busy@test.example"))!;
    expect(busy.subject).toBe("250 actions need you this week — Hertfordshire Compact");
    const size = Buffer.byteLength(busy.textBody) + Buffer.byteLength(busy.htmlBody);
    expect(size).toBeLessThan(100_000);
    expect(busy.textBody).toContain("Overdue (15)");
    expect(busy.textBody).toContain(`and 5 more on the board:\n  http://localhost:3000/p/herts/plans/${ids.busyPlan}?mine=1&due=overdue`);

    const started = performance.now();
    const queriesBefore = queries;
    const built = await buildDigest(db(), ids["busy@test.example"]!, digestAt);
    console.log(`A 300-action digest: ${size} bytes (text and HTML), built in ${Math.round(performance.now() - started)} ms on ${engine}.`);
    expect(built!.subject).toBe(busy.subject);
    // As many queries as for a person who leads two actions in one plan: never one per action or per plan.
    const busyQueries = queries - queriesBefore;
    const fewBefore = queries;
    await buildDigest(db(), ids["opted-out@test.example"]!, digestAt);
    expect(busyQueries).toBe(queries - fewBefore);
  });

  it("previews the person's next digest, built for now, and nothing for an unknown address", async () => {
    const preview = await previewEmail(db(), "Leader@demo.test", "digest", digestAt);
    expect(preview!.subject).toBe("7 actions need you this week — 2 partnerships");
    expect(preview!.text).toContain("1.4 Run the joint training day");
    expect(await previewEmail(db(), "nobody@demo.test", "digest", digestAt)).toBeNull();
  });
});

describe(`the digest's hour when the clocks change, on ${engine}`, () => {
  const samWeeks = async () =>
    (
      await db()
        .selectFrom("emailOutbox")
        .select("dedupeKey")
        .where("userId", "=", ids["leader@demo.test"]!)
        .where(
          "dedupeKey",
          "in",
          ["2026-W12", "2026-W13", "2026-W14", "2026-W15", "2026-W42", "2026-W43", "2026-W44", "2026-W45"].map((week) =>
            digestKey(ids["leader@demo.test"]!, week),
          ),
        )
        .orderBy("dedupeKey")
        .execute()
    ).map((row) => row.dedupeKey!.split(":")[2]);

  it("goes at 07:00 BST (06:00Z) on Monday 30 March 2026, once, and at 07:00 GMT (07:00Z) on Monday 26 October 2026, once", async () => {
    const people = await queueDueDigests(db(), new Date("2026-03-30T05:59:00Z"));
    expect(people).toBeGreaterThan(0);
    expect(await samWeeks()).toEqual(["2026-W13"]);
    expect(await queueDueDigests(db(), new Date("2026-03-30T06:00:00Z"))).toBe(people);
    expect(await queueDueDigests(db(), new Date("2026-03-30T07:00:00Z"))).toBe(0);
    expect(await samWeeks()).toEqual(["2026-W13", "2026-W14"]);

    // 06:30Z is 06:30 GMT once the clocks have gone back: still the week before.
    expect(await queueDueDigests(db(), new Date("2026-10-26T06:30:00Z"))).toBe(people);
    expect(await queueDueDigests(db(), new Date("2026-10-26T06:59:00Z"))).toBe(0);
    expect(await queueDueDigests(db(), new Date("2026-10-26T07:00:00Z"))).toBe(people);
    expect(await queueDueDigests(db(), new Date("2026-10-26T08:00:00Z"))).toBe(0);
    expect(await samWeeks()).toEqual(["2026-W13", "2026-W14", "2026-W43", "2026-W44"]);
  });
});

describe(`due reminders, on ${engine}`, () => {
  const reminders = (actionId: string) =>
    db()
      .selectFrom("emailOutbox as e")
      .innerJoin("users as u", "u.id", "e.userId")
      .select(["u.email", "e.subject", "e.textBody", "e.partnershipId", "e.dedupeKey"])
      .where("e.kind", "=", "due_reminder")
      .where("e.dedupeKey", "like", `due_reminder:${actionId}:%`)
      .orderBy("u.email")
      .execute();

  it("waits for 07:00 UK time", async () => {
    expect(await queueDueReminders(db(), ukTimeOn(monday, 6))).toBe(0);
  });

  it("reminds each lead, in person or through a group, once, N days before the due date", async () => {
    await queueDueReminders(db(), digestAt);
    const sent = await reminders(ids.a11!);
    // Sam leads 1.1 in person and through the steering group: one email. The disabled and ended leads get none; turning the digest off is not turning reminders off.
    expect(sent.map((row) => row.email)).toEqual(["leader@demo.test", "opted-out@test.example"]);
    const sam = sent[0]!;
    expect(sam.subject).toBe("1.1 is due in 3 days — Hertfordshire Compact: Compact Delivery Plan");
    expect(sam.partnershipId).toBe(ids.herts);
    expect(sam.dedupeKey).toBe(`due_reminder:${ids.a11}:${day(3)}:${ids["leader@demo.test"]}`);
    expect(sam.textBody).toContain(`Hello Sam Patel. An action you lead is due on ${longDate(day(3))}.`);
    expect(sam.textBody).toContain("Hertfordshire Compact\n---");
    expect(sam.textBody).toContain("Compact Delivery Plan\n~~~");
    expect(sam.textBody).toContain(
      `- 1.1 Agree the funding code (due ${longDate(day(3))})\n  http://localhost:3000/p/herts/plans/${ids.hertsPlan}/actions/${ids.a11}`,
    );
    // 1.5 is due in ten days: outside a seven-day window.
    expect(await reminders(ids.a15!)).toEqual([]);
    // Asked again, later the same day or the next: nothing new.
    expect(await queueDueReminders(db(), digestAt)).toBe(0);
    expect(await queueDueReminders(db(), ukTimeOn(day(1), 9))).toBe(0);
  });

  it("follows the plan's setting: ten days reaches 1.5, and a plan without reminders sends none", async () => {
    await db().updateTable("plans").set({ dueReminderDays: 10 }).where("id", "=", ids.hertsPlan!).execute();
    await queueDueReminders(db(), digestAt);
    const sent = await reminders(ids.a15!);
    expect(sent.map((row) => [row.email, row.subject])).toEqual([
      ["officer@demo.test", "1.5 is due in 10 days — Hertfordshire Compact: Compact Delivery Plan"],
    ]);

    // The busy plans have reminders off: 100 actions due within days, not one reminder.
    const busy = await db().selectFrom("emailOutbox").select("id").where("userId", "=", ids["busy@test.example"]!).where("kind", "=", "due_reminder").execute();
    expect(busy).toEqual([]);
    await db().updateTable("plans").set({ dueReminderDays: null }).where("id", "=", ids.hertsPlan!).execute();
    expect(await queueDueReminders(db(), ukTimeOn(day(1), 9))).toBe(0);
  });

  it("hands demo accounts' addresses to no mail server unless the operator says so", async () => {
    const smtp = await startTestSmtp();
    try {
      const reminder = (email: string) => ({
        userId: ids[email] ?? "",
        kind: "due_reminder" as const,
        partnershipId: ids.herts!,
        subject: `A reminder for ${email}`,
        text: "Due soon.",
        html: "<html><body><p>Due soon.</p></body></html>",
      });
      ids["leader@demo.test"] = await userId("leader@demo.test");
      await queueEmails(db(), [reminder("leader@demo.test"), reminder("busy@test.example")], digestAt);
      await deliverDueEmails(db(), { now: digestAt, smtpUrl: process.env.SMTP_URL! });
      const reminded = smtp.received.filter((mail) => mail.text.includes("Subject: A reminder for"));
      expect(reminded.flatMap((mail) => mail.to)).toEqual(["busy@test.example"]);
      const held = await db()
        .selectFrom("emailOutbox")
        .select(["status", "lastError"])
        .where("subject", "=", "A reminder for leader@demo.test")
        .executeTakeFirstOrThrow();
      expect(held).toEqual({ status: "cancelled", lastError: "A demo address: not sent to a mail server unless MAIL_TO_DEMO_ADDRESSES=true" });
    } finally {
      await smtp.close();
    }
  });
});

function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T12:00:00Z`));
}
