import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { demoPlan, references } from "./support/people";
import { engine } from "./support/test-database";

// A board page is rendered once per plan version and permission class, and
// sent again to everyone of that class (app/server/http/kept-pages.server.ts).
// Whatever is sent again must be exactly the page a fresh render would give
// that viewer: every control theirs to use, their own name, nothing of the
// viewer it was first rendered for.

const PEOPLE = ["admin@demo.test", "leader@demo.test", "officer@demo.test", "facilitator@demo.test", "councillor@demo.test"];
// A second observer, whose name is every character a page must escape.
const SECOND_OBSERVER = "second.observer@demo.test";
const HOSTILE_NAME = `Chris "<b>" O'Neil & Co \u2028</script>`;

let app: TestApp;
let planPath: string;
const people = new Map<string, Client>();

/** The test runs the build in its own process: what the server keeps is within reach. */
function forgetKeptPages() {
  const kept = (globalThis as Record<symbol, { pages: Map<string, unknown>; bytes: number } | undefined>)[Symbol.for("partnership-board.kept-pages")];
  kept?.pages.clear();
  if (kept) kept.bytes = 0;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Two pages as they would read alike if each response did not carry its own
 * script nonce and its own ids for forms sent without JavaScript: ids found in
 * one page and not the other are those.
 */
function comparable(page: string, other: string): [string, string] {
  const idsOf = (html: string) => new Set(html.match(UUID) ?? []);
  const [ours, theirs] = [idsOf(page), idsOf(other)];
  const own = (html: string, ids: Set<string>, elsewhere: Set<string>) =>
    html.replace(/nonce="[^"]+"/g, 'nonce=""').replace(UUID, (id) => (ids.has(id) && !elsewhere.has(id) ? "response-id" : id));
  return [own(page, ours, theirs), own(other, theirs, ours)];
}

function spareIdsIn(html: string) {
  return [...html.matchAll(/name="id" value="([0-9a-f-]{36})"/g)].map((match) => match[1]!);
}

beforeAll(async () => {
  app = await startApp();
  planPath = `/p/portsmouth/plans/${(await demoPlan(app.db)).id}`;
  const observer = await app.db
    .selectFrom("users as u")
    .innerJoin("partnershipMemberships as m", "m.userId", "u.id")
    .select(["u.passwordHash", "m.partnershipId", "m.role", "m.sector"])
    .where("u.email", "=", "councillor@demo.test")
    .executeTakeFirstOrThrow();
  const second = await app.db
    .insertInto("users")
    .values({ email: SECOND_OBSERVER, displayName: HOSTILE_NAME, passwordHash: observer.passwordHash, passwordChangedAt: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await app.db
    .insertInto("partnershipMemberships")
    .values({ partnershipId: observer.partnershipId, userId: second.id, role: observer.role, sector: observer.sector })
    .execute();
  for (const email of [...PEOPLE, SECOND_OBSERVER]) people.set(email, await signedIn(app.url, email));
});
afterAll(async () => {
  await app?.close();
});

describe(`board pages kept per permission class on ${engine}`, () => {
  it("sends each role exactly the page a fresh render gives them, sharing one render between viewers of a class", async () => {
    const fresh = new Map<string, string>();
    for (const [email, person] of people) {
      forgetKeptPages();
      const response = await person.get(planPath);
      expect(response.status).toBe(200);
      expect(response.headers.get("Server-Timing")).toBeNull();
      fresh.set(email, await response.text());
    }

    forgetKeptPages();
    const sentAgain: string[] = [];
    for (const [email, person] of people) {
      const response = await person.get(planPath);
      if (response.headers.get("Server-Timing")?.includes("kept")) sentAgain.push(email);
      const [sent, rendered] = comparable(await response.text(), fresh.get(email)!);
      expect(sent, email).toBe(rendered);
    }
    // The two observers share a class: the second is sent the first one's render, under their own name.
    expect(sentAgain).toEqual([SECOND_OBSERVER]);
    const secondPage = fresh.get(SECOND_OBSERVER)!;
    expect(secondPage).toContain("Chris &quot;&lt;b&gt;&quot; O&#x27;Neil &amp; Co \u2028&lt;/script&gt;");
    expect(secondPage).not.toContain("Cllr Chris Taylor");

    // Controls by role: an observer gets no drag handle, no Move…, no forms; a steward gets them all.
    expect(fresh.get("councillor@demo.test")).not.toMatch(/card__handle|move-link|name="intent"/);
    expect(fresh.get("leader@demo.test")).toMatch(/card__handle/);
    expect(fresh.get("leader@demo.test")).toMatch(/move-link/);

    // Forms sent without JavaScript carry ids of their own on every response, kept page or not.
    const leader = people.get("leader@demo.test")!;
    const [first, second] = [await (await leader.get(planPath)).text(), await (await leader.get(planPath)).text()];
    expect(spareIdsIn(first).length).toBeGreaterThan(0);
    expect(spareIdsIn(second).filter((id) => spareIdsIn(first).includes(id))).toEqual([]);
  });

  it("renders the page afresh once the plan changes, for everyone", async () => {
    const councillor = people.get("councillor@demo.test")!;
    const before = await (await councillor.get(planPath)).text();
    expect((await councillor.get(planPath)).headers.get("Server-Timing")).toContain("kept");

    const ids = await references(app.db, (await demoPlan(app.db)).id);
    await app.db.updateTable("actions").set({ title: "Renamed at a SQL prompt" }).where("id", "=", ids["1.1"]!).execute();
    const after = await councillor.get(planPath);
    expect(after.headers.get("Server-Timing")).toBeNull();
    const page = await after.text();
    expect(page).toContain("Renamed at a SQL prompt");
    expect(before).not.toContain("Renamed at a SQL prompt");
  });
});
