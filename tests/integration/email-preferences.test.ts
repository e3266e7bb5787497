import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSON_EMAIL_KINDS } from "../../app/domain/vocabulary";
import { unsubscribeToken } from "../../app/server/mail/unsubscribe.server";
import { wantedEmails } from "../../app/server/platform/outbox.server";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// The screens of the email room: a person's choices under Your account, the
// one-click unsubscribe link a mail provider POSTs to with no cookie, the
// admins' Emails page with its Retry, and a plan's due date reminders.

let app: TestApp;
let admin: Client;
let leader: Client;
beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  leader = await signedIn(app.url, "leader@demo.test");
});
afterAll(() => app?.close());

const userId = async (email: string) => (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const optOuts = async (email: string) =>
  (
    await app.db
      .selectFrom("emailOptOuts")
      .select("kind")
      .where("userId", "=", await userId(email))
      .orderBy("kind")
      .execute()
  ).map((row) => row.kind);
const eventsOf = async (verb: string) => app.db.selectFrom("auditEvents").selectAll().where("verb", "=", verb).orderBy("id").execute();
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
/** Everything a person's email choices are made of, to say "nothing changed". */
const choices = async () => ({
  preferences: await app.db.selectFrom("emailPreferences").selectAll().orderBy("userId").execute(),
  optOuts: await app.db.selectFrom("emailOptOuts").select(["userId", "kind"]).orderBy("userId").orderBy("kind").execute(),
  events: (await eventsOf("email_turned_off")).length + (await eventsOf("email_preferences_changed")).length,
});

describe(`email preferences under Your account, on ${engine}`, () => {
  it("shows every kind ticked, Monday, that no email is sent yet, and the next digest or that there is nothing to tell", async () => {
    const page = await text(await leader.get("/account"));
    expect(page).toContain('id="emails-heading"');
    expect(page).toContain("This site sends no emails yet: your choices apply once it does.");
    for (const kind of PERSON_EMAIL_KINDS) expect(page).toMatch(new RegExp(`<input[^>]*id="wanted-${kind}"[^>]*checked`));
    // A survey's invitation goes to an organisation's address, never to an account: nobody chooses it.
    expect(page).not.toContain("wanted-survey_invitation");
    expect(page).toMatch(/<option value="1" selected="">Monday<\/option>/);
    expect(page).toContain("Your next digest");
    expect(page).toMatch(/<details class="email-preview">|Nothing to tell you this week/);
  });

  it("saves the day and the kinds turned off, records what changed once, and keeps them after a reload", async () => {
    const response = await leader.post("/account", {
      intent: "save-email-preferences",
      digestDay: "3",
      wanted: ["digest", "completion_proposed", "due_reminder"],
    });
    expect(response.status).toBe(200);
    expect(await text(response)).toContain("Email preferences saved.");
    const leaderId = await userId("leader@demo.test");
    expect(await app.db.selectFrom("emailPreferences").select("digestDay").where("userId", "=", leaderId).executeTakeFirstOrThrow()).toEqual({ digestDay: 3 });
    expect(await optOuts("leader@demo.test")).toEqual(["completion_returned", "review_assigned", "review_published"]);
    const [event] = await eventsOf("email_preferences_changed");
    expect(event).toMatchObject({ actorUserId: leaderId, entityType: "user", entityId: leaderId, partnershipId: null });
    expect(event!.changes).toMatchObject({ digestDay: { before: 1, after: 3 } });
    expect(event!.context).toEqual({ turnedOff: ["completion_returned", "review_published", "review_assigned"], turnedOn: [] });

    const page = await text(await leader.get("/account"));
    expect(page).toMatch(/<option value="3" selected="">Wednesday<\/option>/);
    expect(page).not.toMatch(/<input[^>]*id="wanted-review_published"[^>]*checked/);
    expect(page).toMatch(/<input[^>]*id="wanted-due_reminder"[^>]*checked/);

    // The same again changes nothing and records nothing; turning one back on removes its row.
    await leader.post("/account", { intent: "save-email-preferences", digestDay: "3", wanted: ["digest", "completion_proposed", "due_reminder"] });
    expect(await eventsOf("email_preferences_changed")).toHaveLength(1);
    await leader.post("/account", {
      intent: "save-email-preferences",
      digestDay: "3",
      wanted: ["digest", "completion_proposed", "due_reminder", "review_published", "review_published"],
    });
    expect(await optOuts("leader@demo.test")).toEqual(["completion_returned", "review_assigned"]);
    expect(await eventsOf("email_preferences_changed")).toHaveLength(2);

    // Nothing ticked: every kind off.
    await leader.post("/account", { intent: "save-email-preferences", digestDay: "3" });
    expect(await optOuts("leader@demo.test")).toEqual([...PERSON_EMAIL_KINDS].sort());
  });

  it.each([
    ["day 9", { digestDay: "9", wanted: ["digest"] }, "Choose the day of your weekly digest"],
    ["no day", { wanted: ["digest"] }, "Choose the day of your weekly digest"],
    ["two days", { digestDay: ["1", "2"], wanted: ["digest"] }, "Choose the day of your weekly digest"],
    ["an unknown kind", { digestDay: "1", wanted: ["digest", "newsletter"] }, "Choose emails from the list"],
    ["a kind by another name", { digestDay: "1", wanted: ["__proto__"] }, "Choose emails from the list"],
    ["a NUL byte", { digestDay: "1", wanted: ["digest\u0000"] }, "NUL character"],
  ])("refuses %s with a 400 and a message, changing nothing", async (_what, fields, message) => {
    const before = await choices();
    const response = await leader.post("/account", { intent: "save-email-preferences", ...fields });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(message);
    expect(await choices()).toEqual(before);
  });
});

describe(`one-click unsubscribe, on ${engine}`, () => {
  /** As a mail provider's servers send it (RFC 8058): no cookie, no Origin, the one field. */
  const oneClick = (token: string, init: { multipart?: boolean; origin?: string } = {}) => {
    let body: URLSearchParams | FormData;
    if (init.multipart) {
      body = new FormData();
      body.set("List-Unsubscribe", "One-Click");
    } else body = new URLSearchParams({ "List-Unsubscribe": "One-Click" });
    return fetch(new URL(`/unsubscribe/${token}`, app.url), { method: "POST", redirect: "manual", body, headers: init.origin ? { Origin: init.origin } : {} });
  };

  it("shows whose emails and which kind on GET without changing anything, however often it is opened", async () => {
    const token = await unsubscribeToken(app.db, await userId("officer@demo.test"), "review_published");
    const before = await choices();
    for (let opened = 0; opened < 3; opened++) {
      const response = await fetch(new URL(`/unsubscribe/${token}`, app.url));
      expect(response.status).toBe(200);
      const page = await text(response);
      expect(page).toContain("Stop getting “A review published” emails?");
      expect(page).toContain("Jordan");
      expect(page).not.toContain("officer@demo.test");
      expect(page).toContain("Turn off these emails");
    }
    expect(await choices()).toEqual(before);
  });

  it("turns the kind off by a POST with no cookie and no Origin, once, and a turned-off kind is not wanted", async () => {
    const officerId = await userId("officer@demo.test");
    const token = await unsubscribeToken(app.db, officerId, "review_published");
    const response = await oneClick(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const page = await text(response);
    expect(page).toContain("Emails turned off");
    expect(page).toContain("you will no longer get “A review published” emails");
    expect(page).toContain("You can turn them back on under");
    expect(await optOuts("officer@demo.test")).toEqual(["review_published"]);
    const events = await eventsOf("email_turned_off");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: officerId,
      entityId: officerId,
      partnershipId: null,
      context: { kind: "review_published", via: "unsubscribe link" },
    });

    // The outbox's one way in now leaves this kind out for this person, and only this kind.
    const partnership = await app.db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
    const asked = PERSON_EMAIL_KINDS.map((kind) => ({ userId: officerId, kind, partnershipId: partnership.id }));
    expect((await wantedEmails(app.db, asked)).map((email) => email.kind)).toEqual(PERSON_EMAIL_KINDS.filter((kind) => kind !== "review_published"));

    // Again, as multipart and from a provider's own origin: the same page, no second event.
    const again = await oneClick(token, { multipart: true, origin: "https://mail.example" });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(await text(again)).toContain("you will no longer get “A review published” emails");
    expect(await eventsOf("email_turned_off")).toHaveLength(1);
    // Opening the link afterwards says so.
    expect(await text(await fetch(new URL(`/unsubscribe/${token}`, app.url)))).toContain("These emails are already off");
  });

  it("refuses a forged token, another person's with one byte changed, and another kind's, with 404 and no write", async () => {
    const leaderToken = await unsubscribeToken(app.db, await userId("leader@demo.test"), "digest");
    const bytes = Buffer.from(leaderToken, "base64url");
    const otherPerson = Buffer.from(bytes);
    otherPerson[3] = otherPerson[3]! ^ 1;
    const otherKind = Buffer.from(bytes);
    otherKind[16] = 2;
    const forged = [
      "A".repeat(44),
      otherPerson.toString("base64url"),
      otherKind.toString("base64url"),
      leaderToken.slice(0, -1) + (leaderToken.endsWith("A") ? "B" : "A"),
      leaderToken.slice(0, 20),
      `${leaderToken}x`,
    ];
    const before = await choices();
    for (const token of forged) {
      const opened = await fetch(new URL(`/unsubscribe/${encodeURIComponent(token)}`, app.url));
      expect(opened.status, token).toBe(404);
      expect(await text(opened)).toContain("This unsubscribe link is not valid");
      const posted = await fetch(new URL(`/unsubscribe/${encodeURIComponent(token)}`, app.url), {
        method: "POST",
        body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
        headers: { Origin: new URL(app.url).origin },
      });
      expect(posted.status, token).toBe(404);
      expect(await text(posted)).toContain("This unsubscribe link is not valid");
    }
    expect(await choices()).toEqual(before);
  });

  it("lets no other form through without Origin", async () => {
    const token = await unsubscribeToken(app.db, await userId("leader@demo.test"), "digest");
    const sent = (path: string) =>
      fetch(new URL(path, app.url), { method: "POST", body: new URLSearchParams({ intent: "save-email-preferences", digestDay: "2" }) });
    expect((await sent("/account")).status).toBe(403);
    expect((await sent(`/unsubscribe/${token}/extra`)).status).toBe(403);
    expect((await sent(`/unsubscribe/${token.slice(1)}`)).status).toBe(403);
  });
});

describe(`the admins' Emails page, on ${engine}`, () => {
  let ids: { failed: string; sent: string; elsewhere: string; strangersDigest: string; empty: string };

  beforeAll(async () => {
    const partnership = await app.db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
    const other = await app.db.insertInto("partnerships").values({ slug: "southsea", name: "Southsea" }).returning("id").executeTakeFirstOrThrow();
    const stranger = await app.db
      .insertInto("users")
      .values({ email: "stranger@example.org", displayName: "Sam Stranger", passwordHash: null, passwordChangedAt: null, disabledAt: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = (values: { userId: string; partnershipId: string | null; kind: string; subject: string; status: string; lastError?: string; sentAt?: Date }) =>
      app.db
        .insertInto("emailOutbox")
        .values({
          textBody: "The text",
          htmlBody: "<p>The text</p>",
          attempts: values.status === "failed" ? 8 : 1,
          lastError: null,
          ...values,
        } as never)
        .returning("id")
        .executeTakeFirstOrThrow();
    ids = {
      failed: (
        await row({
          userId: await userId("officer@demo.test"),
          partnershipId: partnership.id,
          kind: "completion_proposed",
          subject: "1.1 awaits your confirmation — Portsmouth",
          status: "failed",
          lastError: "Refused by the mail server: 550 No such mailbox",
        })
      ).id,
      sent: (
        await row({
          userId: await userId("leader@demo.test"),
          partnershipId: null,
          kind: "digest",
          subject: "3 actions need you this week — Portsmouth",
          status: "sent",
          sentAt: new Date(),
        })
      ).id,
      elsewhere: (
        await row({
          userId: await userId("officer@demo.test"),
          partnershipId: other.id,
          kind: "review_published",
          subject: "Southsea's review",
          status: "failed",
        })
      ).id,
      strangersDigest: (await row({ userId: stranger.id, partnershipId: null, kind: "digest", subject: "A stranger's digest", status: "queued" })).id,
      empty: (await row({ userId: await userId("councillor@demo.test"), partnershipId: null, kind: "digest", subject: "Nothing this week", status: "empty" }))
        .id,
    };
  });

  it.each(["leader@demo.test", "officer@demo.test", "facilitator@demo.test", "councillor@demo.test"])(
    "is refused to %s, who has no link to it, and Retry is refused too",
    async (email) => {
      const person = await signedIn(app.url, email);
      expect([403, 404]).toContain((await person.get("/p/portsmouth/emails")).status);
      expect(await text(await person.get("/p/portsmouth"))).not.toContain('href="/p/portsmouth/emails"');
      const retried = await person.post("/p/portsmouth/emails", { intent: "retry-email", emailId: ids.failed });
      expect([403, 404]).toContain(retried.status);
      expect(await app.db.selectFrom("emailOutbox").select("status").where("id", "=", ids.failed).executeTakeFirstOrThrow()).toEqual({ status: "failed" });
    },
  );

  it("lists the partnership's emails and its members' digests for an admin, with reasons, never another partnership's or an empty week", async () => {
    expect(await text(await admin.get("/p/portsmouth"))).toContain('href="/p/portsmouth/emails"');
    const response = await admin.get("/p/portsmouth/emails");
    expect(response.status).toBe(200);
    const page = await text(response);
    expect(page).toContain("No mail server is set (SMTP_URL): these emails wait here and are not sent.");
    expect(page).toContain("1 failed and 1 sent.");
    expect(page).toContain("1.1 awaits your confirmation — Portsmouth");
    expect(page).toContain("A completion to confirm");
    expect(page).toContain("Refused by the mail server: 550 No such mailbox");
    expect(page).toContain("3 actions need you this week — Portsmouth");
    expect(page).toContain("Weekly digest");
    expect(page).not.toContain("Southsea's review");
    expect(page).not.toContain("A stranger's digest");
    expect(page).not.toContain("Nothing this week");
    // A digest spans partnerships: its body is never shown here.
    expect(page).not.toContain("The text");
    expect(page.match(/>Retry</g) ?? []).toHaveLength(1);

    const sentOnly = await text(await admin.get("/p/portsmouth/emails?status=sent"));
    expect(sentOnly).toContain("3 actions need you this week — Portsmouth");
    expect(sentOnly).not.toContain("1.1 awaits your confirmation");
    const waiting = await text(await admin.get("/p/portsmouth/emails?status=waiting"));
    expect(waiting).toContain("No emails are waiting.");
    // An unknown filter shows all.
    expect((await admin.get("/p/portsmouth/emails?status=%3Cscript%3E")).status).toBe(200);
  });

  it("queues a failed email again on Retry, audited, and refuses one not failed or of another partnership", async () => {
    const response = await admin.post("/p/portsmouth/emails", { intent: "retry-email", emailId: ids.failed });
    expect(response.status).toBe(200);
    expect(await text(response)).toContain("Email queued to send again.");
    const row = await app.db.selectFrom("emailOutbox").selectAll().where("id", "=", ids.failed).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "queued", attempts: 0, lastError: null });
    expect(Math.abs(new Date(row.nextAttemptAt).getTime() - Date.now())).toBeLessThan(60_000);
    const [event] = await eventsOf("email_retried");
    expect(event).toMatchObject({ entityType: "email", entityId: ids.failed, actorUserId: await userId("admin@demo.test") });
    expect(event!.partnershipId).not.toBeNull();

    const twice = await admin.post("/p/portsmouth/emails", { intent: "retry-email", emailId: ids.failed });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain("That email is waiting to be sent already.");
    const sent = await admin.post("/p/portsmouth/emails", { intent: "retry-email", emailId: ids.sent });
    expect(sent.status).toBe(409);
    expect(await text(sent)).toContain("That email has been sent already.");
    const elsewhere = await admin.post("/p/portsmouth/emails", { intent: "retry-email", emailId: ids.elsewhere });
    expect(elsewhere.status).toBe(404);
    expect(await app.db.selectFrom("emailOutbox").select("status").where("id", "=", ids.elsewhere).executeTakeFirstOrThrow()).toEqual({ status: "failed" });
    for (const emailId of ["not-an-id", "", ["a", "b"]]) {
      const bad = await admin.post("/p/portsmouth/emails", { intent: "retry-email", emailId });
      expect(bad.status).toBe(400);
      expect(await text(bad)).toContain("Choose an email to send again");
    }
    expect(await eventsOf("email_retried")).toHaveLength(1);
  });
});

describe(`a plan's due date reminders, on ${engine}`, () => {
  let settingsPath: string;
  let historyPath: string;
  const days = async () =>
    (await app.db.selectFrom("plans").select("dueReminderDays").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow())
      .dueReminderDays;

  beforeAll(async () => {
    const plan = await app.db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow();
    settingsPath = `/p/portsmouth/plans/${plan.id}/settings`;
    historyPath = `/p/portsmouth/plans/${plan.id}/history`;
  });

  it("shows 7 days before by default, and a steward changes it; the history says so in words", async () => {
    expect(await days()).toBe(7);
    const page = await text(await leader.get(settingsPath));
    expect(page).toContain("Remind leads before an action is due");
    expect(page).toContain("Leads are reminded by email 7 days before an action they lead is due.");

    const saved = await leader.post(settingsPath, { intent: "set-due-reminders", dueReminders: "on", dueReminderDays: "14" });
    expect(saved.status).toBe(200);
    expect(await text(saved)).toContain("Due date reminders saved: leads are reminded 14 days before.");
    expect(await days()).toBe(14);

    const off = await leader.post(settingsPath, { intent: "set-due-reminders", dueReminders: "off", dueReminderDays: "14" });
    expect(off.status).toBe(200);
    expect(await days()).toBeNull();
    // An admin may set it too, as they manage the plan's settings.
    expect((await admin.post(settingsPath, { intent: "set-due-reminders", dueReminders: "on", dueReminderDays: "1" })).status).toBe(200);
    expect(await days()).toBe(1);
    // The same again records nothing.
    await admin.post(settingsPath, { intent: "set-due-reminders", dueReminders: "on", dueReminderDays: "1" });
    expect(await eventsOf("due_reminders_changed")).toHaveLength(3);

    const history = await text(await admin.get(historyPath));
    expect(history).toContain("set due date reminders to 14 days before");
    expect(history).toContain("turned due date reminders off");
    expect(history).toContain("set due date reminders to 1 day before");
  });

  it.each([
    ["0 days", { dueReminders: "on", dueReminderDays: "0" }, "Enter a whole number of days from 1 to 60"],
    ["61 days", { dueReminders: "on", dueReminderDays: "61" }, "Enter a whole number of days from 1 to 60"],
    ["words", { dueReminders: "on", dueReminderDays: "a week" }, "Enter a whole number of days from 1 to 60"],
    ["a fraction", { dueReminders: "on", dueReminderDays: "1.5" }, "Enter a whole number of days from 1 to 60"],
    ["no days", { dueReminders: "on" }, "Enter a whole number of days from 1 to 60"],
    ["two numbers", { dueReminders: "on", dueReminderDays: ["3", "4"] }, "Enter a whole number of days from 1 to 60"],
    ["no choice", { dueReminderDays: "7" }, "Choose whether to remind leads"],
    ["another choice", { dueReminders: "sometimes", dueReminderDays: "7" }, "Choose whether to remind leads"],
  ])("refuses %s with a 400 and a message, changing nothing", async (_what, fields, message) => {
    const before = await days();
    const response = await leader.post(settingsPath, { intent: "set-due-reminders", ...fields });
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(message);
    expect(await days()).toBe(before);
  });

  it.each(["facilitator@demo.test", "councillor@demo.test"])("is refused to %s", async (email) => {
    const before = await days();
    const person = await signedIn(app.url, email);
    expect([403, 404]).toContain((await person.post(settingsPath, { intent: "set-due-reminders", dueReminders: "on", dueReminderDays: "30" })).status);
    expect(await days()).toBe(before);
  });

  it("keeps the column's own check as a last line", async () => {
    await expect(sql`update plans set due_reminder_days = 61`.execute(app.db)).rejects.toThrow();
  });
});
