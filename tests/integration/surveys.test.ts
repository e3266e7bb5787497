import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueEmails } from "../../app/server/mail/outbox-sender.server";
import { createIndicator } from "../../app/server/outcomes/indicators.server";
import { loadPlan } from "../../app/server/platform/plan-data.server";
import { startApp, type TestApp } from "./support/app";
import { dataFingerprint } from "./support/forms";
import { client, signedIn, type Client } from "./support/http";
import { header, partOf, readEmail } from "./support/mime";
import { actorFor } from "./support/people";
import { startTestSmtp } from "./support/smtp";
import { engine } from "./support/test-database";

// A partner survey end to end over HTTP, as browsers and attackers send it:
// Sam Patel (VCS steward) drafts and proposes, Jordan Hughes (public sector,
// whose Compact Working Group is made a steward here: the demo has no
// public-sector steward) agrees, organisations answer by link with no
// session, and closing records the result as a reading. Answers stay
// anonymous, and nothing shows under five.

let app: TestApp;
let planId: string;
let surveysPath: string;
let leader: Client;
let officer: Client;
let admin: Client;
let facilitator: Client;
let councillor: Client;
let indicatorId: string;

beforeAll(async () => {
  app = await startApp();
  planId = (await app.db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow()).id;
  surveysPath = `/p/portsmouth/plans/${planId}/surveys`;
  const group = await app.db.selectFrom("groups").select(["id", "partnershipId"]).where("name", "=", "Compact Working Group").executeTakeFirstOrThrow();
  await app.db.insertInto("planStewards").values({ planId, groupId: group.id, partnershipId: group.partnershipId }).execute();
  const plan = (await loadPlan(app.db, group.partnershipId, planId))!;
  indicatorId = await createIndicator(app.db, await actorFor(app.db, "leader@demo.test"), plan, {
    name: "Organisations rating their influence good or very good",
    measures: "NI7",
    unit: "percent",
    better: "higher",
    baselineValue: 20,
    baselineOn: "2010-01-01",
    targetValue: 50,
    targetOn: "2030-01-01",
    source: "Partner survey",
    comparisonValue: null,
    comparisonLabel: "",
    objectiveIds: [],
  });
  leader = await signedIn(app.url, "leader@demo.test");
  officer = await signedIn(app.url, "officer@demo.test");
  admin = await signedIn(app.url, "admin@demo.test");
  facilitator = await signedIn(app.url, "facilitator@demo.test");
  councillor = await signedIn(app.url, "councillor@demo.test");
});
afterAll(() => app?.close());

async function newSurvey(title: string, organisations: number): Promise<{ path: string; id: string }> {
  const created = await leader.post(surveysPath, {
    title,
    questionText: "How would you rate the influence your organisation has on local decisions?",
    questionKind: "scale",
  });
  expect(created.status).toBe(302);
  const path = created.headers.get("Location")!;
  const id = path.split("/").at(-1)!;
  const saved = await leader.post(path, {
    intent: "update-survey",
    title,
    introduction: "We want to know how the Compact works for you.",
    "question-1-text": "How would you rate the influence your organisation has on local decisions?",
    "question-1-kind": "scale",
    "question-new-text": "Were you asked before the council's last budget?",
    "question-new-kind": "yes_no",
    indicatorId,
    resultQuestion: "1",
  });
  expect(saved.status).toBe(200);
  if (organisations) {
    const names = Array.from({ length: organisations }, (_, index) => `Organisation ${index + 1} of ${title}`);
    const invited = await leader.post(path, {
      intent: "invite-organisations",
      organisationName: names,
      organisationEmail: names.map((_, index) => `org${index + 1}@example.org`),
    });
    expect(invited.status).toBe(200);
  }
  return { path, id };
}

async function sendSurvey(path: string) {
  expect((await leader.post(path, { intent: "propose-survey" })).status).toBe(200);
  expect((await officer.post(path, { intent: "agree-survey" })).status).toBe(200);
}

/** The links, as the test reads them from the emails queued in the outbox. */
async function linksOf(title: string): Promise<string[]> {
  const emails = await app.db
    .selectFrom("emailOutbox")
    .select(["textBody", "toAddress", "userId"])
    .where("kind", "=", "survey_invitation")
    .where("subject", "like", `${title} —%`)
    .execute();
  for (const email of emails) expect(email.userId).toBeNull();
  return emails.map((email) => /\/survey\/([a-z2-7]{32})/.exec(email.textBody)![1]!);
}

const answer = (token: string, fields: Record<string, string | string[]>, who: Client = client(app.url)) => who.post(`/survey/${token}`, fields);

describe(`a partner survey, on ${engine}`, () => {
  it("offers the NI7 question to stewards, and refuses everyone else's new survey with nothing written", async () => {
    const page = await (await leader.get(surveysPath)).text();
    expect(page).toContain("How would you rate the influence your organisation has on local decisions?");
    for (const person of [admin, facilitator]) {
      const before = await dataFingerprint(app);
      const response = await person.post(surveysPath, { title: "Mine", questionText: "Q?", questionKind: "scale" });
      expect(response.status).toBe(403);
      expect(await dataFingerprint(app)).toEqual(before);
    }
    expect((await councillor.post(surveysPath, { title: "Mine", questionText: "Q?", questionKind: "scale" })).status).toBe(403);
    expect((await councillor.get(surveysPath)).status).toBe(200);
  });

  it("answers 404 to a member of another partnership and a member who is not a steward gets 403, with nothing written", async () => {
    const { path } = await newSurvey("Access survey", 1);
    const other = await app.db.insertInto("partnerships").values({ slug: "southampton", name: "Southampton" }).returning("id").executeTakeFirstOrThrow();
    const passwordHash = (await app.db.selectFrom("users").select("passwordHash").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow())
      .passwordHash;
    const outsiderId = await app.db
      .insertInto("users")
      .values({ email: "outsider@example.org", displayName: "Outsider", passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("partnershipMemberships").values({ partnershipId: other.id, userId: outsiderId.id, role: "admin", sector: "public" }).execute();
    // A member of Portsmouth in no steward group.
    const portsmouth = await app.db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
    const memberId = await app.db
      .insertInto("users")
      .values({ email: "member@example.org", displayName: "Plain Member", passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("partnershipMemberships").values({ partnershipId: portsmouth.id, userId: memberId.id, role: "member", sector: "public" }).execute();
    const outsider = await signedIn(app.url, "outsider@example.org");
    const member = await signedIn(app.url, "member@example.org");
    const before = await dataFingerprint(app);
    for (const address of [surveysPath, path, `${path}/results.csv`]) expect((await outsider.get(address)).status, address).toBe(404);
    expect((await outsider.post(path, { intent: "propose-survey" })).status).toBe(404);
    expect((await member.get(path)).status).toBe(200);
    expect(await (await member.get(path)).text()).not.toContain("org1@example.org");
    for (const intent of ["propose-survey", "close-survey", "agree-survey", "withdraw-survey"])
      expect((await member.post(path, { intent })).status, intent).toBe(403);
    expect((await member.post(path, { intent: "invite-organisations", organisationName: "X", organisationEmail: "x@example.org" })).status).toBe(403);
    expect((await member.post(surveysPath, { title: "Mine", questionText: "Q?", questionKind: "scale" })).status).toBe(403);
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("edits a draft with plain forms: a question added, one removed, the indicator's question followed, and a refusal keeping what was typed", async () => {
    const { path, id } = await newSurvey("Editing survey", 0);
    const saved = await leader.post(path, {
      intent: "update-survey",
      title: "Editing survey",
      introduction: "",
      "question-1-text": "How would you rate the influence your organisation has on local decisions?",
      "question-1-kind": "scale",
      "question-1-remove": "yes",
      "question-2-text": "Were you asked before the council's last budget?",
      "question-2-kind": "yes_no",
      "question-new-text": "Is the Compact kept?",
      "question-new-kind": "yes_no",
      indicatorId,
      resultQuestion: "new",
    });
    expect(saved.status).toBe(200);
    const survey = await app.db.selectFrom("surveys").select(["questions", "resultQuestionId"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(survey.questions.map((question) => question.text)).toEqual(["Were you asked before the council's last budget?", "Is the Compact kept?"]);
    expect(survey.resultQuestionId).toBe("q2");

    const before = await dataFingerprint(app);
    const typed = "A question far too long ".repeat(20);
    const refused = await leader.post(path, {
      intent: "update-survey",
      title: "Editing survey, renamed",
      "question-1-text": typed,
      "question-1-kind": "yes_no",
      "question-2-text": "Is the Compact kept?",
      "question-2-kind": "yes_no",
      indicatorId,
      resultQuestion: "1",
    });
    expect(refused.status).toBe(400);
    const page = (await refused.text()).replaceAll("&#x27;", "'");
    expect(page).toContain("Question 1 must be 300 characters or fewer");
    expect(page).toContain(typed.trim().slice(0, 100));
    expect(page).toContain("Editing survey, renamed");
    expect(await dataFingerprint(app)).toEqual(before);
    // Eleven questions are refused too.
    const eleven: Record<string, string> = { intent: "update-survey", title: "Editing survey" };
    for (let row = 1; row <= 10; row++) Object.assign(eleven, { [`question-${row}-text`]: `Question ${row}?`, [`question-${row}-kind`]: "scale" });
    Object.assign(eleven, { "question-new-text": "One too many?", "question-new-kind": "scale" });
    expect((await leader.post(path, eleven)).status).toBe(400);
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("needs the other sector to agree, never the proposer, and opens with one emailed link per organisation, only hashes stored", async () => {
    const { path, id } = await newSurvey("Agreement survey", 3);
    expect((await leader.post(path, { intent: "propose-survey" })).status).toBe(200);
    const before = await dataFingerprint(app);
    expect((await leader.post(path, { intent: "agree-survey" })).status).toBe(403);
    // The facilitator is of neither sector's stewards; the councillor only reads.
    expect((await (await signedIn(app.url, "facilitator@demo.test")).post(path, { intent: "agree-survey" })).status).toBe(403);
    expect(await dataFingerprint(app)).toEqual(before);
    // A change while proposed is refused: the proposal is agreed as it was made.
    expect((await leader.post(path, { intent: "invite-organisations", organisationName: "Late Org", organisationEmail: "late@example.org" })).status).toBe(409);
    expect((await officer.post(path, { intent: "agree-survey" })).status).toBe(200);
    const survey = await app.db.selectFrom("surveys").select(["openedAt", "agreedSector", "proposedSector"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(survey).toMatchObject({ agreedSector: "public", proposedSector: "voluntary_community" });
    const tokens = await linksOf("Agreement survey");
    expect(tokens).toHaveLength(3);
    const { hashSecret } = await import("../../app/server/auth/sessions.server");
    const hashes = (await app.db.selectFrom("surveyLinks").select("tokenHash").where("surveyId", "=", id).execute()).map((row) =>
      Buffer.from(row.tokenHash).toString("hex"),
    );
    expect(tokens.map((token) => Buffer.from(hashSecret(token)).toString("hex")).sort()).toEqual(hashes.sort());
    const stored = JSON.stringify(await app.db.selectFrom("surveyLinks").selectAll().where("surveyId", "=", id).execute());
    for (const token of tokens) expect(stored).not.toContain(token);
  });

  it("takes one answer per link, also when two arrive at once, and refuses bad input with 400 and nothing written", async () => {
    const { path, id } = await newSurvey("Answer-once survey", 2);
    await sendSurvey(path);
    const [first, second] = await linksOf("Answer-once survey");
    const good = { q1: "4", q2: "yes" };

    const bads: Array<Record<string, string | string[]>> = [
      { q1: "6", q2: "yes" },
      { q1: "0", q2: "yes" },
      { q1: "4" },
      { q1: ["4", "5"], q2: "yes" },
      { q1: "4", q2: "maybe" },
      { q1: "4\u0000", q2: "yes" },
      { q1: "4".repeat(2_000_000), q2: "yes" },
    ];
    for (const bad of bads) {
      const before = await dataFingerprint(app);
      const response = await answer(first!, bad);
      expect([400, 413]).toContain(response.status);
      expect(await dataFingerprint(app)).toEqual(before);
    }
    const page = await (await answer(first!, { q1: "9" })).text();
    expect(page).toContain("Choose an answer from 1 to 5 for question 1");

    const twice = await Promise.all([answer(first!, good), answer(first!, good)]);
    expect(twice.map((response) => response.status).sort()).toEqual([200, 409]);
    expect((await answer(first!, good)).status).toBe(409);
    expect(await (await client(app.url).get(`/survey/${first}`)).text()).toContain("This survey has been answered");
    expect((await answer(second!, good)).status).toBe(200);
    const count = await app.db
      .selectFrom("surveyAnswers")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("surveyId", "=", id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
    expect((await client(app.url).get("/survey/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).status).toBe(404);
  });

  it("keeps answers anonymous: no column joins an answer to a link, no value matches, and the event names no organisation", async () => {
    const { rows } = await sql<{
      name: string;
    }>`select column_name as name from information_schema.columns where table_name = 'survey_answers' order by ordinal_position`.execute(app.db);
    expect(rows.map((row) => row.name)).toEqual(["id", "survey_id", "answers"]);
    const links = await app.db.selectFrom("surveyLinks").selectAll().execute();
    const answers = await app.db.selectFrom("surveyAnswers").selectAll().execute();
    expect(answers.length).toBeGreaterThan(0);
    for (const row of answers) {
      const text = JSON.stringify(row.answers) + row.id;
      for (const link of links) {
        expect(text).not.toContain(link.id);
        expect(text).not.toContain(link.organisationName);
        expect(text).not.toContain(link.email);
      }
    }
    // Nor do the row versions: every link of a survey shares the transaction id of its latest answer, so none is singled out.
    const versions = await sql<{ surveyId: string; links: number; versions: number }>`
      select survey_id, count(*)::int as links, count(distinct xmin::text)::int as versions from survey_links
      where survey_id in (select survey_id from survey_answers) group by survey_id
    `.execute(app.db);
    expect(versions.rows.length).toBeGreaterThan(0);
    for (const survey of versions.rows) expect(survey.versions, `${survey.links} links`).toBe(1);
    const events = await app.db.selectFrom("auditEvents").select(["actorUserId", "actorRole", "context", "changes"]).where("verb", "=", "answered").execute();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event).toMatchObject({ actorUserId: null, actorRole: "system" });
      const text = JSON.stringify(event);
      for (const link of links) for (const secret of [link.id, link.organisationName, link.email]) expect(text).not.toContain(secret);
    }
  });

  it("shows no result under five answers, on the page or in the CSV, and closes with no reading", async () => {
    const { path, id } = await newSurvey("Small survey", 4);
    await sendSurvey(path);
    for (const token of await linksOf("Small survey")) expect((await answer(token, { q1: "5", q2: "no" })).status).toBe(200);
    expect((await leader.get(`${path}/results.csv`)).status).toBe(409);
    const closed = await leader.post(path, { intent: "close-survey" });
    expect(await closed.text()).toContain("fewer than 5, so no results are shown");
    for (const person of [leader, councillor, facilitator]) {
      const page = await (await person.get(path)).text();
      expect(page).not.toContain("Download the totals");
      expect(page).not.toContain("rated it good or very good");
    }
    const csv = await leader.get(`${path}/results.csv`);
    expect(csv.status).toBe(409);
    expect(await csv.text()).not.toContain("Very good");
    expect(await app.db.selectFrom("indicatorReadings").select("id").where("surveyId", "=", id).executeTakeFirst()).toBeUndefined();
  });

  it("refuses answers once closed, and closing with five or more records the reading with its note", async () => {
    const { path, id } = await newSurvey("Full survey", 7);
    await sendSurvey(path);
    const tokens = await linksOf("Full survey");
    const values = ["5", "4", "4", "2", "1", "3"];
    for (const [index, value] of values.entries()) expect((await answer(tokens[index]!, { q1: value, q2: index % 2 ? "yes" : "no" })).status).toBe(200);
    // Still open: no totals while answers can change them.
    expect(await (await councillor.get(path)).text()).not.toContain("rated it good or very good");
    const before = await dataFingerprint(app);
    expect((await councillor.post(path, { intent: "close-survey" })).status).toBe(403);
    expect((await facilitator.post(path, { intent: "close-survey" })).status).toBe(403);
    expect(await dataFingerprint(app)).toEqual(before);
    expect((await leader.post(path, { intent: "close-survey" })).status).toBe(200);
    const last = tokens[6]!;
    const beforeLate = await dataFingerprint(app);
    expect((await answer(last, { q1: "5", q2: "yes" })).status).toBe(409);
    expect((await client(app.url).get(`/survey/${last}`)).status).toBe(410);
    expect(await dataFingerprint(app)).toEqual(beforeLate);

    const reading = await app.db.selectFrom("indicatorReadings").selectAll().where("surveyId", "=", id).executeTakeFirstOrThrow();
    expect(reading).toMatchObject({ indicatorId, value: 50 });
    expect(reading.sourceNote).toBe("Partner survey “Full survey”: 50% rated it good or very good, 3 of 6 organisations that answered (7 invited)");
    const page = await (await councillor.get(path)).text();
    expect(page).toContain("50% rated it good or very good");
    expect(page).not.toContain("org1@example.org");
    const csv = await (await councillor.get(`${path}/results.csv`)).text();
    expect(csv).toContain('"5 Very good","1"');
    expect(csv).not.toContain("Organisation 1");
  });

  it("emails each organisation its link once, to its address, in text and HTML as typed, with no unsubscribe link, and keeps no link once sent", async () => {
    const title = "Survey <b>2026</b> & more";
    const { path } = await newSurvey(title, 0);
    expect(
      (await leader.post(path, { intent: "invite-organisations", organisationName: "O'Brien & Sons <Ltd>", organisationEmail: "obrien@example.org" })).status,
    ).toBe(200);
    await sendSurvey(path);
    const [token] = await linksOf(title);
    const smtp = await startTestSmtp();
    try {
      const report = await deliverDueEmails(app.db, { smtpUrl: process.env.SMTP_URL!, toDemoAddresses: false });
      expect(report.failed).toBe(0);
      const arrivals = smtp.received.filter((message) => message.to.includes("obrien@example.org"));
      expect(arrivals).toHaveLength(1);
      const email = readEmail(arrivals[0]!.text);
      expect(header(email, "to")).toBe("obrien@example.org");
      expect(email.headers.has("list-unsubscribe")).toBe(false);
      const text = partOf(email, "text/plain").replaceAll("\r\n", "\n");
      expect(text).toContain("Portsmouth Public Sector & Voluntary and Community Sector asks O'Brien & Sons <Ltd> to answer a short survey (2 questions)");
      expect(text).toContain("Sam Patel (voluntary and community sector) and Jordan Hughes (public sector)");
      expect(text).toContain("Your answers are anonymous");
      expect(text).toContain(`/survey/${token}`);
      expect(text).toContain("it is not a mailing list");
      const html = partOf(email, "text/html");
      expect(html).toContain("Survey &#60;b&#62;2026&#60;/b&#62; &#38; more");
      expect(html).not.toContain("<b>2026</b>");
      // Sent: the outbox no longer holds the link, so the database has it only as its hash.
      const kept = await app.db
        .selectFrom("emailOutbox")
        .select(["status", "textBody", "htmlBody"])
        .where("toAddress", "=", "obrien@example.org")
        .executeTakeFirstOrThrow();
      expect(kept.status).toBe("sent");
      expect(kept.textBody + kept.htmlBody).not.toContain(token);
      expect(kept.textBody).toContain("/survey/(link removed once sent)");
      // The admins' Emails page names the address it went to.
      expect(await (await admin.get("/p/portsmouth/emails")).text()).toContain("obrien@example.org");
    } finally {
      await smtp.close();
    }
  });
});
