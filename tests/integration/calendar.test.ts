import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "../support/calendar";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// The deadline feed as a calendar app meets it: fetched without a cookie at
// its secret address, parsed by a kept iCalendar parser, holding only what
// the person leads and the reviews of their plans; a reset or turning it off
// makes the old address answer 404.

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

const FEED = /\/calendar\/([a-z2-7]{32})\.ics/;

/** The account page's answer to one of the calendar forms, and the link it shows once (if any). */
async function calendarForm(person: Client, intent: string) {
  const response = await person.post("/account", { intent });
  const page = (await response.text()).replaceAll("<!-- -->", "");
  const link = /id="calendar-link"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="calendar-link"/.exec(page);
  return { status: response.status, page, link: link ? (link[1] ?? link[2])! : null };
}

/** The feed as a calendar app fetches it: no cookie, nothing but the address. */
async function fetchFeed(link: string) {
  const response = await fetch(link, { redirect: "manual" });
  return { response, text: await response.text() };
}

const userId = async (email: string) => (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe(`the calendar feed, on ${engine}`, () => {
  let sam: Client;
  let samLink: string;

  it("is made on Your account, shown once, and only its hash is kept", async () => {
    sam = await signedIn(app.url, "leader@demo.test");
    const before = await (await sam.get("/account")).text();
    expect(before).toContain("Create my calendar link");

    const created = await calendarForm(sam, "create-calendar-link");
    expect(created.status).toBe(200);
    expect(created.page).toContain("Calendar link created. Copy it now");
    expect(created.link).toMatch(new RegExp(`^${app.url}/calendar/[a-z2-7]{32}\\.ics$`));
    samLink = created.link!;

    const row = await app.db
      .selectFrom("calendarFeeds")
      .selectAll()
      .where("userId", "=", await userId("leader@demo.test"))
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).toHaveLength(32);
    expect(JSON.stringify(await sql`select * from calendar_feeds`.execute(app.db))).not.toContain(FEED.exec(samLink)![1]);

    // Afterwards the page says a link exists, without showing it again.
    const after = await (await sam.get("/account")).text();
    expect(after).toContain("You have a calendar link, made");
    expect(after).not.toContain(FEED.exec(samLink)![1]);
    expect(after).toContain("Reset calendar link");

    // A second one would leave the first unknowable: that is a reset, not a create.
    const twice = await calendarForm(sam, "create-calendar-link");
    expect(twice.status).toBe(409);
    expect(twice.page).toContain("You already have a calendar link");
  });

  it("answers a calendar app without a session: the deadlines Sam Patel leads through his group, and his plan's review", async () => {
    const { response, text } = await fetchFeed(samLink);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    // Never cached: a kept copy could outlive a reset.
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Set-Cookie")).toBeNull();

    const feed = parseFeed(text);
    expect(feed.name).toBe("Partnership Board: Sam Patel's deadlines");
    const plan = await app.db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow();
    const actionId = async (title: string) => (await app.db.selectFrom("actions").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
    const review = await app.db.selectFrom("reviews").select("id").where("planId", "=", plan.id).executeTakeFirstOrThrow();
    const host = new URL(app.url).hostname;

    // The Third Sector Leadership Group leads 1.3 (no date), 1.5, 2.1 and 2.3; it stewards the plan, whose six-month review is open.
    expect(feed.events.map(({ summary, start, end, allDay }) => ({ summary, start, end, allDay }))).toEqual([
      {
        summary: "1.5 Map Portsmouth's third sector organisations and develop an online directory (Overdue)",
        start: "2010-06-30",
        end: "2010-07-01",
        allDay: true,
      },
      {
        summary: "2.3 Enable third sector infrastructure organisations to collaborate or merge (Overdue)",
        start: "2010-06-30",
        end: "2010-07-01",
        allDay: true,
      },
      { summary: "2.1 Develop a partnership website and a communication strategy (Overdue)", start: "2010-09-30", end: "2010-10-01", allDay: true },
      { summary: "Six-month review: Partnership Improvement Action Plan 2010 (Overdue)", start: "2010-09-30", end: "2010-10-01", allDay: true },
    ]);
    const website = feed.events[2]!;
    const websiteId = await actionId("Develop a partnership website and a communication strategy");
    expect(website.uid).toBe(`action-${websiteId}@${host}`);
    expect(website.url).toBe(`${app.url}/p/portsmouth/plans/${plan.id}/actions/${websiteId}`);
    expect(website.description).toMatch(/^Partnership Improvement Action Plan 2010 \(Portsmouth[^)]*\)\nStatus: Not started\nDue: 30 September 2010\n/);
    expect(website.description).toContain("Timescale in the plan: Scope by end September 2010");
    // As a steward Sam may open the review's own page.
    expect(feed.events[3]!.url).toBe(`${app.url}/p/portsmouth/plans/${plan.id}/reviews/${review.id}`);

    // The link leads to the action for a signed-in person.
    const opened = await sam.get(new URL(website.url).pathname);
    expect(opened.status).toBe(200);

    // The same events, the same UIDs, on the next fetch: calendar apps update rather than duplicate.
    expect(parseFeed((await fetchFeed(samLink)).text).events.map((event) => event.uid)).toEqual(feed.events.map((event) => event.uid));
  });

  it("leaves out a completion once confirmed, and says when one awaits confirmation", async () => {
    const id = (
      await app.db
        .selectFrom("actions")
        .select("id")
        .where("title", "=", "Enable third sector infrastructure organisations to collaborate or merge")
        .executeTakeFirstOrThrow()
    ).id;
    // Into Done as a move would put it: at the column's end, proposed by Sam, not yet confirmed.
    await sql`update actions set status = 'done', order_key = 'zz', completion_proposed_by = ${await userId("leader@demo.test")},
      completion_proposed_sector = 'voluntary_community', completion_proposed_at = now(), completion_returns_to = 'in_progress' where id = ${id}`.execute(
      app.db,
    );
    expect(parseFeed((await fetchFeed(samLink)).text).events.map((event) => event.summary)).toContain(
      "2.3 Enable third sector infrastructure organisations to collaborate or merge (Done, awaiting confirmation)",
    );
    await sql`update actions set completion_confirmed_by = ${await userId("officer@demo.test")}, completion_confirmed_at = now() where id = ${id}`.execute(
      app.db,
    );
    expect(
      parseFeed((await fetchFeed(samLink)).text)
        .events.map((event) => event.summary)
        .filter((summary) => summary.startsWith("2.3")),
    ).toEqual([]);
  });

  it("holds only what each person leads: Jordan Hughes's has 1.1, through the Compact Working Group, and none of Sam's", async () => {
    const jordan = await signedIn(app.url, "officer@demo.test");
    const { link } = await calendarForm(jordan, "create-calendar-link");
    expect(link).not.toBe(samLink);
    const feed = parseFeed((await fetchFeed(link!)).text);
    expect(feed.events.map((event) => event.summary)).toEqual([
      "1.1 Develop a written strategy for sustaining and supporting a thriving third sector (Overdue)",
      "Six-month review: Partnership Improvement Action Plan 2010 (Overdue)",
    ]);
    // He leads in the plan but does not steward it: the review's schedule, on the plan's list of reviews.
    expect(feed.events[1]!.url).toMatch(/\/reviews$/);
  });

  it("answers 404 for a malformed or unknown address, never 500", async () => {
    for (const path of [
      "/calendar/nonsense.ics",
      "/calendar/%00.ics",
      `/calendar/${"a".repeat(32)}.ics`,
      `/calendar/${FEED.exec(samLink)![1]}`,
      `/calendar/${FEED.exec(samLink)![1]!.toUpperCase()}.ics`,
      `/calendar/${"é".repeat(40)}.ics`,
    ]) {
      const response = await fetch(new URL(path, app.url));
      expect([400, 404], path).toContain(response.status);
      if (response.status === 404) expect(response.headers.get("Content-Type"), path).toBe("text/plain; charset=utf-8");
    }
    const unknown = await fetch(new URL(`/calendar/${"a".repeat(32)}.ics`, app.url));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("There is no calendar at this address");
  });

  it("stops showing a partnership's actions to someone removed from its group, and all of them once their membership is disabled", async () => {
    const sams = await userId("leader@demo.test");
    const group = await app.db.selectFrom("groups").select("id").where("name", "=", "Third Sector Leadership Group").executeTakeFirstOrThrow();
    await app.db.deleteFrom("groupMemberships").where("userId", "=", sams).where("groupId", "=", group.id).execute();
    // No longer a lead nor a steward: nothing of the plan is his.
    expect(parseFeed((await fetchFeed(samLink)).text).events).toEqual([]);
    await app.db
      .insertInto("groupMemberships")
      .values({
        groupId: group.id,
        partnershipId: (await app.db.selectFrom("groups").select("partnershipId").where("id", "=", group.id).executeTakeFirstOrThrow()).partnershipId,
        userId: sams,
        role: "chair",
      })
      .execute();
    expect(parseFeed((await fetchFeed(samLink)).text).events.length).toBeGreaterThan(0);

    await app.db.updateTable("partnershipMemberships").set({ disabledAt: new Date() }).where("userId", "=", sams).execute();
    const { response, text } = await fetchFeed(samLink);
    expect(response.status).toBe(200);
    expect(parseFeed(text).events).toEqual([]);
    await app.db.updateTable("partnershipMemberships").set({ disabledAt: null }).where("userId", "=", sams).execute();
  });

  it("is replaced by a reset, which kills the old address, and ends when turned off", async () => {
    const reset = await calendarForm(sam, "reset-calendar-link");
    expect(reset.status).toBe(200);
    expect(reset.page).toContain("Calendar link reset. The old link no longer works");
    expect(reset.link).not.toBe(samLink);
    expect((await fetchFeed(samLink)).response.status).toBe(404);
    const fresh = await fetchFeed(reset.link!);
    expect(fresh.response.status).toBe(200);
    expect(parseFeed(fresh.text).events.length).toBeGreaterThan(0);

    const off = await calendarForm(sam, "turn-off-calendar-link");
    expect(off.status).toBe(200);
    expect(off.page).toContain("Calendar link turned off");
    expect((await fetchFeed(reset.link!)).response.status).toBe(404);
    expect(await (await sam.get("/account")).text()).toContain("Create my calendar link");
    // A reset with nothing to reset says what to do instead.
    const nothing = await calendarForm(sam, "reset-calendar-link");
    expect(nothing.status).toBe(409);
    expect(nothing.page).toContain("You have no calendar link to reset");

    const verbs = await app.db
      .selectFrom("auditEvents")
      .select("verb")
      .where("actorUserId", "=", await userId("leader@demo.test"))
      .where("verb", "like", "calendar_feed_%")
      .orderBy("id")
      .execute();
    expect(verbs.map((event) => event.verb)).toEqual(["calendar_feed_created", "calendar_feed_reset", "calendar_feed_turned_off"]);
  });

  it("goes dark when the person's account is disabled, and its forms need a session", async () => {
    const jordan = await signedIn(app.url, "officer@demo.test");
    const { link } = await calendarForm(jordan, "reset-calendar-link");
    expect((await fetchFeed(link!)).response.status).toBe(200);
    await app.db
      .updateTable("users")
      .set({ disabledAt: new Date() })
      .where("id", "=", await userId("officer@demo.test"))
      .execute();
    expect((await fetchFeed(link!)).response.status).toBe(404);
    await app.db
      .updateTable("users")
      .set({ disabledAt: null })
      .where("id", "=", await userId("officer@demo.test"))
      .execute();

    const stranger = await client(app.url).post("/account", { intent: "create-calendar-link" });
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get("Location")).toContain("/login");
  });
});
