import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueEmails } from "../../app/server/mail/outbox-sender.server";
import { startApp, type TestApp } from "./support/app";
import { dataFingerprint } from "./support/forms";
import { client, signedIn, type Client } from "./support/http";
import { header, partOf, readEmail } from "./support/mime";
import { demoPlan, references } from "./support/people";
import { startTestSmtp } from "./support/smtp";
import { engine } from "./support/test-database";

// The prompt notices, caused as people cause them (forms over HTTP) and read
// from the outbox the change wrote them to: who gets each one (by the rule
// the screens use, never the person who acted, never someone who turned it
// off), what it says, and that a refused or rolled-back change queues
// nothing. Text someone typed arrives as text, and over a real SMTP server an
// email reaches its one recipient and no one a typed "Bcc:" names.

let app: TestApp;
let planId: string;
let planTitle: string;
let partnershipName: string;
let ids: Record<string, string>;
type Person = "admin" | "leader" | "officer" | "facilitator" | "councillor";
const people = {} as Record<Person, Client>;
// Sent with a browser's CRLF; forms keep line breaks as "\n" (http/forms.server.ts), so that is "as typed".
const HOSTILE = "<script>alert(1)</script>\r\nBcc: evil@evil.test";
const HOSTILE_AS_KEPT = HOSTILE.replace("\r\n", "\n");

beforeAll(async () => {
  app = await startApp();
  const plan = await demoPlan(app.db);
  planId = plan.id;
  planTitle = plan.title;
  ids = await references(app.db, plan.id);
  partnershipName = (await app.db.selectFrom("partnerships").select("name").where("id", "=", plan.partnershipId).executeTakeFirstOrThrow()).name;
  for (const person of ["admin", "leader", "officer", "facilitator", "councillor"] as const) people[person] = await signedIn(app.url, `${person}@demo.test`);
});
afterAll(() => app?.close());

const planPath = () => `/p/portsmouth/plans/${planId}`;
const actionPath = (reference: string) => `${planPath()}/actions/${ids[reference]}`;

interface OutboxRow {
  to: string;
  kind: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  status: string;
}

/** The emails queued while `change` ran, by recipient's address. */
async function queuedBy(change: () => Promise<unknown>): Promise<OutboxRow[]> {
  const before = new Set((await app.db.selectFrom("emailOutbox").select("id").execute()).map((row) => row.id));
  await change();
  const rows = await app.db
    .selectFrom("emailOutbox as e")
    .innerJoin("users as u", "u.id", "e.userId")
    .select(["e.id", "u.email as to", "e.kind", "e.subject", "e.textBody", "e.htmlBody", "e.status"])
    .orderBy("u.email")
    .execute();
  return rows.filter((row) => !before.has(row.id)).map(({ id: _id, ...row }) => row);
}

const toDone = (person: Client, reference: string) =>
  person.post(planPath(), { intent: "move", actionId: ids[reference]!, objectiveId: ids[`objective ${reference[0]}`]!, status: "done", placement: "bottom" });

async function titleOf(reference: string) {
  return (await app.db.selectFrom("actions").select("title").where("id", "=", ids[reference]!).executeTakeFirstOrThrow()).title;
}

async function turnOff(email: string, kind: "completion_proposed") {
  const { id } = await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  await app.db.insertInto("emailOptOuts").values({ userId: id, kind }).execute();
}

/** The names the action's dialog gives as those who can confirm: "Jordan Hughes or Priya Shah can confirm." */
async function confirmersOnTheCard(reference: string): Promise<string[]> {
  const page = (await (await people.admin.get(actionPath(reference))).text()).replaceAll("<!-- -->", "");
  const sentence = /<p class="completion__confirmers">([^<]+) can confirm\.<\/p>/.exec(page)?.[1];
  if (!sentence) throw new Error(`No confirmers named on ${reference}`);
  return sentence.split(/, | or /).sort();
}

async function namesOf(emails: string[]) {
  return (await app.db.selectFrom("users").select("displayName").where("email", "in", emails).execute()).map((user) => user.displayName).sort();
}

describe(`a completion proposed, on ${engine}`, () => {
  it("goes to the one person the card names as able to confirm it, never to the proposer, saying what, where and who", async () => {
    // 1.1 is led by the Compact Working Group, chaired by Jordan Hughes (public sector).
    const queued = await queuedBy(async () => expect((await toDone(people.leader, "1.1")).status).toBe(200));
    expect(queued.map((row) => row.to)).toEqual(["officer@demo.test"]);
    expect(await namesOf(queued.map((row) => row.to))).toEqual(await confirmersOnTheCard("1.1"));

    const [email] = queued;
    expect(email).toMatchObject({ kind: "completion_proposed", status: "queued", subject: `Confirm 1.1 is done? — ${partnershipName}` });
    for (const part of [email!.textBody, email!.htmlBody]) {
      expect(part).toContain("Sam Patel (voluntary and community sector) moved 1.1 to Done");
      expect(part).toContain(`1.1 ${await titleOf("1.1")}`);
      expect(part).toContain(planTitle);
      expect(part).toContain(partnershipName.replace("&", part === email!.htmlBody ? "&#38;" : "&"));
      expect(part).toMatch(new RegExp(`https?://[^/\\s]+${actionPath("1.1")}`));
    }
    expect(email!.htmlBody).toContain("<h1>Confirm 1.1 is done?</h1>");
    expect(email!.htmlBody).toMatch(/<ul><li><a href="https?:\/\/[^"]+\/actions\/[0-9a-f-]{36}">1\.1 /);

    // Reordering it within Done proposes nothing new.
    const reordered = await queuedBy(async () =>
      expect(
        (await people.leader.post(planPath(), { intent: "move", actionId: ids["1.1"]!, objectiveId: ids["objective 1"]!, status: "done", placement: "top" }))
          .status,
      ).toBe(200),
    );
    expect(reordered).toEqual([]);
  });

  it("goes to everyone of another sector when no lead or steward is, and not to one who turned these emails off", async () => {
    // 2.3 is led by the Third Sector Leadership Group and the stewards are all voluntary sector.
    const queued = await queuedBy(async () => expect((await toDone(people.leader, "2.3")).status).toBe(200));
    expect(queued.map((row) => row.to)).toEqual(["admin@demo.test", "officer@demo.test"]);
    expect(await namesOf(queued.map((row) => row.to))).toEqual(await confirmersOnTheCard("2.3"));
    expect(queued.every((row) => row.subject === `Confirm 2.3 is done? — ${partnershipName}`)).toBe(true);

    expect((await people.officer.post(actionPath("2.3"), { intent: "return", reason: "The minutes are not out yet." })).status).toBe(200);
    await turnOff("admin@demo.test", "completion_proposed");
    const again = await queuedBy(async () => expect((await toDone(people.leader, "2.3")).status).toBe(200));
    expect(await confirmersOnTheCard("2.3")).toEqual(["Jordan Hughes", "Priya Shah"]);
    expect(again.map((row) => row.to)).toEqual(["officer@demo.test"]);
  });

  it("queues nothing for a move the policy refuses, nor for one whose transaction rolls back", async () => {
    const before = await dataFingerprint(app);
    const refused = await queuedBy(async () => expect((await toDone(people.councillor, "1.2")).status).toBe(403));
    expect(refused).toEqual([]);
    expect(await dataFingerprint(app)).toEqual(before);

    // The outbox refuses the row: the move goes with it, audit event and all.
    await sql`create function refuse_email() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`.execute(app.db);
    await sql`create trigger refuse_email before insert on email_outbox for each row execute function refuse_email()`.execute(app.db);
    try {
      const rolledBack = await queuedBy(async () => expect((await toDone(people.leader, "1.2")).status).toBe(500));
      expect(rolledBack).toEqual([]);
      expect(await dataFingerprint(app)).toEqual(before);
      const action = await app.db.selectFrom("actions").select(["status", "completionProposedBy"]).where("id", "=", ids["1.2"]!).executeTakeFirstOrThrow();
      expect(action).toEqual({ status: expect.not.stringMatching(/^done$/), completionProposedBy: null });
    } finally {
      await sql`drop trigger refuse_email on email_outbox`.execute(app.db);
      await sql`drop function refuse_email()`.execute(app.db);
    }
  });
});

describe(`a completion returned, on ${engine}`, () => {
  it("tells the proposer why, the reason as typed in the text part and escaped in the HTML; over SMTP it reaches them alone", async () => {
    // 1.1 awaits Jordan Hughes's confirmation (above).
    const queued = await queuedBy(async () => expect((await people.officer.post(actionPath("1.1"), { intent: "return", reason: HOSTILE })).status).toBe(200));
    expect(queued.map((row) => row.to)).toEqual(["leader@demo.test"]);
    const [returned] = queued;
    expect(returned).toMatchObject({ kind: "completion_returned", subject: `1.1 is not confirmed as done — ${partnershipName}` });
    expect(returned!.textBody).toContain("Jordan Hughes (public sector) returned the completion you proposed for 1.1");
    expect(returned!.textBody).toContain(HOSTILE_AS_KEPT);
    expect(returned!.htmlBody).not.toContain("<script>");
    expect(returned!.htmlBody).toContain("&#60;script&#62;alert(1)&#60;/script&#62;\nBcc: evil@evil.test");

    const smtp = await startTestSmtp();
    try {
      const report = await deliverDueEmails(app.db, { smtpUrl: process.env.SMTP_URL!, toDemoAddresses: true });
      expect(report).toMatchObject({ failed: 0, retrying: 0 });
      expect(smtp.received.flatMap((message) => message.to)).not.toContain("evil@evil.test");
      const arrivals = smtp.received
        .map((message) => ({ ...message, email: readEmail(message.text) }))
        .filter(({ email }) => header(email, "subject") === returned!.subject);
      expect(arrivals).toHaveLength(1);
      const [arrived] = arrivals;
      expect(arrived!.to).toEqual(["leader@demo.test"]);
      expect(header(arrived!.email, "to")).toBe("Sam Patel <leader@demo.test>");
      expect(arrived!.email.headers.has("bcc")).toBe(false);
      expect(arrived!.email.headers.has("cc")).toBe(false);
      // On the wire every line ends in CRLF.
      expect(partOf(arrived!.email, "text/plain").replaceAll("\r\n", "\n")).toContain(HOSTILE_AS_KEPT);
      expect(partOf(arrived!.email, "text/html")).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
      expect(partOf(arrived!.email, "text/html")).not.toContain("<script>");
      expect(await app.db.selectFrom("emailOutbox").select("status").where("subject", "=", returned!.subject).execute()).toEqual([{ status: "sent" }]);
    } finally {
      await smtp.close();
    }
  });
});

describe(`a review published, on ${engine}`, () => {
  it("goes with its summary to everyone who may read it, except the facilitator who published it, and its link opens for each", async () => {
    const review = await app.db.selectFrom("reviews").select(["id", "title"]).where("planId", "=", planId).executeTakeFirstOrThrow();
    const reviewPath = `${planPath()}/reviews/${review.id}`;
    const summary = `Good progress on strategy.\r\n\r\n${HOSTILE}`;
    expect((await people.facilitator.post(reviewPath, { intent: "save-summary", version: "0", summary })).status).toBe(200);
    const queued = await queuedBy(async () => expect((await people.facilitator.post(reviewPath, { intent: "publish" })).status).toBe(200));

    expect(queued.map((row) => row.to)).toEqual(["admin@demo.test", "councillor@demo.test", "leader@demo.test", "officer@demo.test"]);
    for (const email of queued) {
      expect(email).toMatchObject({ kind: "review_published", subject: `${review.title} published — ${partnershipName}` });
      expect(email.textBody).toContain(`Morgan Reid (independent) published “${review.title}”`);
      expect(email.textBody).toContain(planTitle);
      expect(email.textBody).toContain("Good progress on strategy.");
      expect(email.textBody).toContain(HOSTILE_AS_KEPT);
      expect(email.htmlBody).toContain("<h2>Summary</h2>");
      expect(email.htmlBody).not.toContain("<script>");
      expect(email.textBody).toMatch(new RegExp(`https?://[^/\\s]+${reviewPath}\\n`));
    }
    for (const who of ["admin", "councillor", "leader", "officer"] as const) expect((await people[who].get(reviewPath)).status, who).toBe(200);
  });
});

describe(`a review assigned, on ${engine}`, () => {
  it("goes to its facilitators when it is scheduled, and to each one added later alone", async () => {
    const alex = await newFacilitator("Alex Morgan", "alex.morgan@demo.test");
    const facilitatorIds = async (...emails: string[]) =>
      (await app.db.selectFrom("users").select("id").where("email", "in", emails).execute()).map((user) => user.id);
    const id = crypto.randomUUID();
    const schedule = { kind: "annual", title: "Annual review", dueOn: "2011-03-31" };

    const scheduled = await queuedBy(async () =>
      expect(
        (await people.leader.post(`${planPath()}/reviews`, { id, ...schedule, facilitatorUserIds: await facilitatorIds("facilitator@demo.test") })).status,
      ).toBe(302),
    );
    expect(scheduled.map((row) => row.to)).toEqual(["facilitator@demo.test"]);
    expect(scheduled[0]).toMatchObject({ kind: "review_assigned", subject: `You are a facilitator of Annual review, due 31 March 2011 — ${partnershipName}` });
    expect(scheduled[0]!.textBody).toContain("Sam Patel (voluntary and community sector) assigned you to “Annual review” (annual review) of");
    expect(scheduled[0]!.textBody).toContain(`${planPath()}/reviews/${id}`);

    const reviewPath = `${planPath()}/reviews/${id}`;
    const both = await facilitatorIds("facilitator@demo.test", "alex.morgan@demo.test");
    const added = await queuedBy(async () =>
      expect((await people.admin.post(reviewPath, { intent: "reschedule", ...schedule, facilitatorUserIds: both })).status).toBe(200),
    );
    expect(added.map((row) => row.to)).toEqual(["alex.morgan@demo.test"]);
    expect(added[0]!.textBody).toContain("Priya Shah (public sector) assigned you");
    // The link opens the review for them.
    expect((await alex.get(reviewPath)).status).toBe(200);

    const renamed = await queuedBy(async () =>
      expect((await people.admin.post(reviewPath, { intent: "reschedule", ...schedule, title: "Annual review 2011", facilitatorUserIds: both })).status).toBe(
        200,
      ),
    );
    expect(renamed).toEqual([]);
  });
});

describe(`a title typed with a line break, on ${engine}`, () => {
  it("cannot add a header to the email it names: the subject stays one line and nobody else receives it", async () => {
    const facilitator = await app.db.selectFrom("users").select("id").where("email", "=", "facilitator@demo.test").executeTakeFirstOrThrow();
    const queued = await queuedBy(async () =>
      expect(
        (
          await people.leader.post(`${planPath()}/reviews`, {
            id: crypto.randomUUID(),
            kind: "other",
            title: "Review\r\nBcc: evil@evil.test",
            dueOn: "2011-06-30",
            facilitatorUserIds: facilitator.id,
          })
        ).status,
      ).toBe(302),
    );
    expect(queued.map((row) => [row.to, row.subject])).toEqual([
      ["facilitator@demo.test", `You are a facilitator of Review Bcc: evil@evil.test, due 30 June 2011 — ${partnershipName}`],
    ]);

    const smtp = await startTestSmtp();
    try {
      await deliverDueEmails(app.db, { smtpUrl: process.env.SMTP_URL!, toDemoAddresses: true });
      expect(smtp.received.flatMap((message) => message.to)).not.toContain("evil@evil.test");
      const arrivals = smtp.received
        .map((message) => ({ ...message, email: readEmail(message.text) }))
        .filter(({ email }) => header(email, "subject") === queued[0]!.subject);
      expect(arrivals).toHaveLength(1);
      const [arrived] = arrivals;
      expect(arrived!.to).toEqual(["facilitator@demo.test"]);
      expect(arrived!.email.headers.has("bcc")).toBe(false);
    } finally {
      await smtp.close();
    }
  });
});

/** A second review facilitator of the partnership, invited and signed up as a person would be. */
async function newFacilitator(displayName: string, email: string): Promise<Client> {
  const invited = await people.admin.post("/p/portsmouth/people", { intent: "invite", email, displayName, role: "facilitator", sector: "independent" });
  const token = /\/invitations\/([a-z2-7]+)/.exec(await invited.text())?.[1];
  if (!token) throw new Error(`No invitation link (${invited.status})`);
  const person = client(app.url);
  expect((await person.post(`/invitations/${token}`, { displayName, password: "a long enough passphrase" })).status).toBe(302);
  return person;
}
