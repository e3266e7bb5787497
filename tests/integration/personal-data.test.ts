import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCompactDemo } from "../../app/demo/compact-seed.server";
import { hashPassword } from "../../app/server/auth/passwords.server";
import { client, signedIn } from "./support/http";
import { startApp, type TestApp } from "./support/app";
import { demoPlan, references } from "./support/people";
import { engine } from "./support/test-database";
import { DEMO_PASSWORD, demoPartnership } from "../../app/demo/portsmouth-data.server";

// "Download my data" (UK GDPR subject access) as a person, an admin and an
// attacker meet it: the person's own notes and memberships, nobody else's
// address or secrets; an admin's download of a member recorded once; anyone
// else refused.

let app: TestApp;
let planPath: string;
let ids: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  // Morgan Reid also belongs to the Hertfordshire Compact, which Priya Shah does not run; its admin, Helen Marsh, may sign in here.
  await seedCompactDemo(app.db, await hashPassword(DEMO_PASSWORD), new Date());
  const leader = await app.db.selectFrom("users").select("passwordHash").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow();
  await app.db.updateTable("users").set({ passwordHash: leader.passwordHash }).where("email", "=", "helen.marsh@hertfordshire.demo.test").execute();
  const plan = await demoPlan(app.db);
  planPath = `/p/portsmouth/plans/${plan.id}`;
  ids = await references(app.db, plan.id);
});
afterAll(() => app?.close());

const userIdOf = async (email: string) => (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const eventCount = async () =>
  Number(
    (
      await app.db
        .selectFrom("auditEvents")
        .select((eb) => eb.fn.countAll().as("count"))
        .executeTakeFirstOrThrow()
    ).count,
  );
const lastEvents = async (count: number) =>
  (
    await app.db
      .selectFrom("auditEvents as e")
      .leftJoin("users as u", "u.id", "e.actorUserId")
      .select(["u.email", "e.entityType", "e.entityId", "e.verb"])
      .orderBy("e.id", "desc")
      .limit(count)
      .execute()
  ).reverse();

/** Every other person's address, and every secret the database holds, that a download must never show. */
async function forbiddenIn(ownEmail: string): Promise<string[]> {
  const users = await app.db.selectFrom("users").select(["email", "passwordHash"]).execute();
  const sessions = await app.db.selectFrom("sessions").select("id").execute();
  return [
    ...users.filter((user) => user.email !== ownEmail).map((user) => user.email.toLowerCase()),
    ...users.flatMap((user) => (user.passwordHash ? [user.passwordHash] : [])),
    ...sessions.map((session) => session.id),
  ];
}

function expectNoneIn(body: string, forbidden: string[]) {
  const lower = body.toLowerCase();
  for (const secret of forbidden) expect(lower.includes(secret.toLowerCase()), secret).toBe(false);
  expect(body).not.toMatch(/passwordHash|secretHash|tokenHash|"token"/i);
}

describe(`downloading personal data on ${engine}`, () => {
  it("gives a signed-in person their own notes and memberships as a file, and nothing of anyone else's", async () => {
    const sam = await signedIn(app.url, "leader@demo.test");
    const jordan = await signedIn(app.url, "officer@demo.test");
    expect(
      (await sam.post(`${planPath}/actions/${ids["1.3"]}`, { intent: "add-note", body: "Sam's note: the commissioners moved their meeting." })).status,
    ).toBe(200);
    expect((await jordan.post(`${planPath}/actions/${ids["1.1"]}`, { intent: "add-note", body: "Jordan's note, not Sam's." })).status).toBe(200);

    const account = await sam.get("/account");
    expect(await account.text()).toContain('href="/account/my-data.json"');
    const response = await sam.get("/account/my-data.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="partnership-board-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const body = await response.text();
    const data = JSON.parse(body);

    expect(data.scope.wholeAccount).toBe(true);
    expect(data.profile).toMatchObject({ name: "Sam Patel", email: "leader@demo.test" });
    expect(data.partnershipMemberships).toEqual([expect.objectContaining({ role: "Member", sector: "Voluntary and community sector" })]);
    expect(data.groupMemberships).toContainEqual(expect.objectContaining({ group: "Third Sector Leadership Group", role: "Chair" }));
    expect(data.progressNotes).toContainEqual(expect.objectContaining({ action: "1.3", text: "Sam's note: the commissioners moved their meeting." }));
    expect(body).not.toContain("Jordan's note");
    expect(data.auditEvents.map((event: { kind: string }) => event.kind)).toEqual(expect.arrayContaining(["user.signed_in", "progress_note.added"]));
    expect(data.auditEvents).toContainEqual(expect.objectContaining({ kind: "user.signed_in", description: "Sam Patel signed in" }));
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.calendarLink).toEqual({ exists: false, createdAt: null });

    expectNoneIn(body, [...(await forbiddenIn("leader@demo.test")), sam.cookie!.split("=")[1]!]);

    // Jordan Hughes chairs the Compact Working Group, which leads 1.1: theirs to download, with the note they wrote.
    const jordans = JSON.parse(await (await jordan.get("/account/my-data.json")).text());
    expect(jordans.actionsLed).toContainEqual(expect.objectContaining({ action: "1.1", leads: "As a member of Compact Working Group" }));
    expect(jordans.progressNotes.map((note: { text: string }) => note.text)).toContain("Jordan's note, not Sam's.");
  });

  it("names the invitee of an invitation the person sent, never their address", async () => {
    const priya = await signedIn(app.url, "admin@demo.test");
    const invited = await priya.post("/p/portsmouth/people", {
      intent: "invite",
      email: "nia.newcomer@example.org",
      displayName: "Nia Newcomer",
      role: "member",
      sector: "public",
    });
    expect(invited.status).toBe(200);

    const body = await (await priya.get("/account/my-data.json")).text();
    expect(body).not.toContain("nia.newcomer@example.org");
    const invitation = JSON.parse(body).auditEvents.find((event: { kind: string }) => event.kind === "invitation.created");
    expect(invitation.changes.email).toEqual({ before: null, after: "Nia Newcomer" });
    expectNoneIn(body, await forbiddenIn("admin@demo.test"));
  });

  it("sends someone not signed in to sign in, and gives them nothing", async () => {
    const response = await client(app.url).get("/account/my-data.json");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/account/my-data.json")}`);
  });

  it("lets an admin download what the partnership holds about a member, recorded once, and nothing of their other partnership", async () => {
    const morgan = await userIdOf("facilitator@demo.test");
    const priya = await signedIn(app.url, "admin@demo.test");
    expect(await (await priya.get("/p/portsmouth/people")).text()).toContain(`href="/p/portsmouth/people/${morgan}/data.json"`);
    const before = await eventCount();

    const response = await priya.get(`/p/portsmouth/people/${morgan}/data.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="partnership-board-data-of-morgan-reid-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const body = await response.text();
    const data = JSON.parse(body);
    expect(data.scope).toMatchObject({ wholeAccount: false, partnership: demoPartnership.name });
    expect(data.profile.name).toBe("Morgan Reid");
    expect(data.partnershipMemberships).toEqual([expect.objectContaining({ partnership: demoPartnership.name, role: "Facilitator" })]);
    expect([data.sessions, data.calendarLink, data.emailPreferences, data.passwordResetLinks]).toEqual([null, null, null, null]);
    expect(body).not.toContain("Hertfordshire");
    expectNoneIn(body, await forbiddenIn("facilitator@demo.test"));

    expect(await eventCount()).toBe(before + 1);
    expect(await lastEvents(1)).toEqual([{ email: "admin@demo.test", entityType: "user", entityId: morgan, verb: "personal_data_downloaded" }]);

    // Morgan sees it in their own download, with the rest of their account.
    const own = JSON.parse(await (await (await signedIn(app.url, "facilitator@demo.test")).get("/account/my-data.json")).text());
    expect(own.auditEvents).toContainEqual(expect.objectContaining({ description: "Priya Shah (public sector) downloaded the personal data of Morgan Reid" }));
    expect(own.partnershipMemberships.map((membership: { partnership: string }) => membership.partnership).sort()).toEqual([
      "Hertfordshire Compact",
      demoPartnership.name,
    ]);
  });

  it("refuses a member asking for someone else's data, and logs only the refusal", async () => {
    const jordan = await userIdOf("officer@demo.test");
    for (const email of ["leader@demo.test", "facilitator@demo.test", "councillor@demo.test"]) {
      const person = await signedIn(app.url, email);
      const before = await eventCount();
      const response = await person.get(`/p/portsmouth/people/${jordan}/data.json`);
      expect(response.status, email).toBe(403);
      expect(await response.text()).not.toContain("officer@demo.test");
      expect(await eventCount()).toBe(before + 1);
      expect(await lastEvents(1)).toEqual([{ email, entityType: "request", entityId: `/p/portsmouth/people/${jordan}/data.json`, verb: "refused" }]);
    }
  });

  it("refuses an admin a person outside their partnership, and an address that names nobody, writing nothing", async () => {
    const sam = await userIdOf("leader@demo.test");
    const helen = await signedIn(app.url, "helen.marsh@hertfordshire.demo.test");
    const priya = await signedIn(app.url, "admin@demo.test");
    const before = await eventCount();

    expect((await helen.get(`/p/hertfordshire/people/${sam}/data.json`)).status).toBe(404);
    expect((await helen.get(`/p/portsmouth/people/${sam}/data.json`)).status).toBe(404);
    expect((await priya.get(`/p/portsmouth/people/${await userIdOf("helen.marsh@hertfordshire.demo.test")}/data.json`)).status).toBe(404);
    expect((await priya.get("/p/portsmouth/people/not-a-person/data.json")).status).toBe(404);
    expect((await priya.get("/p/portsmouth/people/00000000-0000-4000-8000-000000000000/data.json")).status).toBe(404);
    expect(await eventCount()).toBe(before);
  });
});
