import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProgressNote } from "../../app/server/plans/action-content.server";
import { renameObjective } from "../../app/server/plans/objectives.server";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn } from "./support/http";
import { actorFor, portsmouthFixture } from "./support/people";
import { engine } from "./support/test-database";
import { SECTOR_LABELS } from "../../app/domain/words";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";

// A published plan as the open web meets it: what the page and its feed may
// say, and everything they must never say (searched for in the bytes sent);
// one answer for every plan that is not public; no cookie read or set; and
// an ETag that holds until the plan changes.

let app: TestApp;
let plan: PlanContextData;
let ids: Record<string, string>;
let page: string;

beforeAll(async () => {
  app = await startApp();
  ({ plan, ids } = await portsmouthFixture(app.db));
  page = `/public/portsmouth/${plan.id}`;
});
afterAll(() => app?.close());

/** Sets the plan as both sectors' agreement leaves it (the consent steps have tests of their own). */
async function publishedByBothSectors(published: boolean) {
  const people = await app.db
    .selectFrom("partnershipMemberships")
    .select(["userId", "sector"])
    .where("partnershipId", "=", plan.partnershipId)
    .where("role", "in", ["admin", "member"])
    .execute();
  const proposer = people.find((person) => person.sector === "public")!;
  const agreer = people.find((person) => person.sector === "voluntary_community")!;
  await app.db
    .updateTable("plans")
    .set(
      published
        ? {
            publicationProposedBy: proposer.userId,
            publicationProposedSector: "public",
            publicationProposedAt: new Date(),
            publicationAgreedBy: agreer.userId,
            publicationAgreedSector: "voluntary_community",
            publishedAt: new Date(),
          }
        : {
            publicationProposedBy: null,
            publicationProposedSector: null,
            publicationProposedAt: null,
            publicationAgreedBy: null,
            publicationAgreedSector: null,
            publishedAt: null,
          },
    )
    .where("id", "=", plan.id)
    .execute();
  // Tell the app's kept pages, as every write through the write helper does.
  await sql`select pg_notify('plan_changes', ${JSON.stringify({ planId: plan.id })})`.execute(app.db);
}

const anonymous = () => client(app.url);

/** Polls (never sleeps) until `check` holds, for at most a second: notifications arrive in milliseconds. */
async function within1s<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 1_000;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe(`a plan's public page, on ${engine}`, () => {
  it("is not there until both sectors publish it: the same 404 as a plan that never existed", async () => {
    const unpublished = await anonymous().get(page);
    const madeUp = await anonymous().get("/public/portsmouth/00000000-0000-4000-8000-000000000000");
    const notAnId = await anonymous().get("/public/portsmouth/not-a-plan");
    const elsewhere = await anonymous().get(`/public/hertfordshire/${plan.id}`);
    const list = await anonymous().get("/public/portsmouth");
    const bodies = await Promise.all([unpublished, madeUp, notAnId, elsewhere, list].map((response) => response.text()));
    expect([unpublished, madeUp, notAnId, elsewhere, list].map((response) => response.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain("There is no public page at this address");
    expect(unpublished.headers.get("Cache-Control")).toBe("no-store");
    expect((await anonymous().get(`${page}/feed.atom`)).status).toBe(404);
  });

  it("once published, shows progress, every action's facts and the published review, and names only those who said yes", async () => {
    await publishedByBothSectors(true);
    // One person who leads an action in person said yes under Your account; nobody else did.
    const consenting = await app.db
      .selectFrom("actionLeads as l")
      .innerJoin("actions as a", "a.id", "l.actionId")
      .innerJoin("users as u", "u.id", "l.userId")
      .innerJoin("partnershipMemberships as m", (join) => join.onRef("m.userId", "=", "u.id").on("m.partnershipId", "=", plan.partnershipId))
      .select(["u.id", "u.displayName", "m.sector"])
      .where("a.planId", "=", plan.id)
      .orderBy("u.displayName")
      .executeTakeFirstOrThrow();
    await app.db.updateTable("users").set({ nameShownPublicly: true }).where("id", "=", consenting.id).execute();
    await sql`select pg_notify('plan_changes', ${JSON.stringify({ planId: plan.id })})`.execute(app.db);

    const response = await within1s(
      () => anonymous().get(page),
      (answer) => answer.status === 200,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Partnership Improvement Action Plan 2010: progress");
    expect(html).toMatch(/\d+ of \d+ actions confirmed done/);
    expect(html).toContain("Objective 1:");
    expect(html).toContain("Develop a written strategy for sustaining and supporting a thriving third sector");
    expect(html).toMatch(/class="rag rag--(red|amber|green|grey)"/);
    expect(html).toContain(`${consenting.displayName} (${SECTOR_LABELS[consenting.sector]})`);
    expect(html).toContain("a public sector lead");
    expect(html).not.toContain("<script");
    expect(html).toContain('<meta property="og:title"');
    expect(html).toContain(`<link rel="canonical" href="${page}"/>`);
    expect(html).toContain('<meta name="robots" content="index, follow"/>');

    // Portsmouth's six-month review is still being written: the page says none is published, and shows nothing of it.
    expect(html).toContain("No review of this plan has been published yet.");
  });

  it("never shows a note, a draft review, an email address, or the name of anyone who did not say yes: in the page, the list and the feed", async () => {
    const [pageHtml, listHtml, feedXml] = await Promise.all(
      [page, "/public/portsmouth", `${page}/feed.atom`].map(async (path) => (await anonymous().get(path)).text()),
    );
    const sent = [pageHtml, listHtml, feedXml].join("\n");

    const people = await app.db.selectFrom("users").select(["displayName", "email", "nameShownPublicly"]).execute();
    const notes = await app.db.selectFrom("progressNotes").select("body").execute();
    const drafts = await app.db.selectFrom("reviews").select(["id", "summary"]).where("planId", "=", plan.id).where("status", "!=", "published").execute();
    const draftIds = drafts.map((draft) => draft.id);
    const draftTexts = [
      ...drafts.map((draft) => draft.summary),
      ...(draftIds.length
        ? [
            ...(await app.db.selectFrom("reviewAssessments").select("evidence as text").where("reviewId", "in", draftIds).execute()),
            ...(await app.db.selectFrom("reviewObstacleFindings").select("commentary as text").where("reviewId", "in", draftIds).execute()),
            ...(await app.db.selectFrom("reviewRecommendations").select("body as text").where("reviewId", "in", draftIds).execute()),
          ].map((row) => row.text)
        : []),
    ];
    // Enough to search for: the demo must hold some of each, or this test proves nothing.
    expect(people.length).toBeGreaterThan(4);
    expect(notes.length).toBeGreaterThan(2);
    expect(draftTexts.filter((text) => text.trim().length >= 6).length).toBeGreaterThan(0);

    const forbidden = [
      ...people.map((person) => person.email),
      ...people.filter((person) => !person.nameShownPublicly).map((person) => person.displayName),
      ...notes.map((note) => note.body),
      ...draftTexts,
    ].filter((text) => text.trim().length >= 6);
    for (const text of forbidden) expect(sent, `public pages must not contain ${JSON.stringify(text.slice(0, 60))}`).not.toContain(escaped(text.slice(0, 80)));
    expect(sent).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(sent).not.toContain("/p/portsmouth");
  });

  it("ignores a session cookie and sets none, so every visitor gets the same page", async () => {
    const signedInLeader = await signedIn(app.url, "leader@demo.test");
    const withSession = await signedInLeader.get(page);
    const withStaleCookie = await anonymous().get(page, { headers: { Cookie: "__Host-pb_session=stale.token; pb_session=stale.token" } });
    const without = await anonymous().get(page);
    for (const response of [withSession, withStaleCookie, without]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
    const [a, b, c] = await Promise.all([withSession, withStaleCookie, without].map((response) => response.text()));
    expect(a).toBe(c);
    expect(b).toBe(c);
    expect(a).not.toContain("Sign out");
  });

  it("is cacheable: an ETag and a date, 304 when they match, public cache headers, compressed once", async () => {
    const first = await anonymous().get(page, { headers: { "Accept-Encoding": "br" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(first.headers.get("Vary")).toBe("Accept-Encoding");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const lastModified = first.headers.get("Last-Modified")!;
    expect(new Date(lastModified).getTime()).toBeLessThanOrEqual(Date.now());

    const again = await anonymous().get(page, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    const byDate = await anonymous().get(page, { headers: { "If-Modified-Since": lastModified } });
    expect(byDate.status).toBe(304);
    const otherTag = await anonymous().get(page, { headers: { "If-None-Match": 'W/"something-else"' } });
    expect(otherTag.status).toBe(200);

    const feed = await anonymous().get(`${page}/feed.atom`);
    expect(feed.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    expect((await anonymous().get(`${page}/feed.atom`, { headers: { "If-None-Match": feed.headers.get("ETag")! } })).status).toBe(304);
  });

  it("changes its ETag when the plan changes, and shows nothing of a private change", async () => {
    const before = await anonymous().get(page);
    const leader = await actorFor(app.db, "leader@demo.test");
    await renameObjective(app.db, leader, plan, ids["objective 1"]!, "A thriving third sector, renamed by its stewards");
    const after = await within1s(
      () => anonymous().get(page),
      (response) => response.headers.get("ETag") !== before.headers.get("ETag"),
    );
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
    expect(await after.text()).toContain("Objective 1: A thriving third sector, renamed by its stewards");

    // A note changes the plan but not its public page: the page, and so its tag, stay as they were.
    await addProgressNote(app.db, leader, plan, ids["1.1"]!, "A private word about the strategy's second draft, not for the public page");
    const afterNote = await anonymous().get(page);
    expect(await afterNote.text()).not.toContain("A private word about the strategy");
  });

  it("carries confirmed completions and published reviews in its Atom feed, the partners' words escaped", async () => {
    const xml = await (await anonymous().get(`${page}/feed.atom`)).text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain(`<id>urn:uuid:${plan.id}</id>`);
    const confirmed = await app.db.selectFrom("auditEvents").select("id").where("planId", "=", plan.id).where("verb", "=", "completion_confirmed").execute();
    expect((xml.match(/<entry>/g) ?? []).length).toBeGreaterThanOrEqual(Math.min(confirmed.length, 50));
    expect(xml).toContain(": done, confirmed");
    expect(xml).not.toMatch(/<title type="html"><!\[CDATA\[[^\]]*</);
  });

  it("answers 404 at once when either sector withdraws it, on the page, the list and the feed", async () => {
    expect((await anonymous().get(page)).status).toBe(200);
    await publishedByBothSectors(false);
    const answers = await within1s(
      () => Promise.all([page, "/public/portsmouth", `${page}/feed.atom`].map((path) => anonymous().get(path))),
      (responses) => responses.every((response) => response.status === 404),
    );
    expect(answers.map((response) => response.status)).toEqual([404, 404, 404]);
  });
});

/** Text as React and the feed write it into HTML. */
function escaped(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
}
