import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapAdmin } from "../../app/server/people/first-admin.server";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// People, groups and plans, managed by a partnership admin over HTTP; every
// change leaves one audit event with the admin's role and sector.

let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
});
afterAll(() => app?.close());

async function userId(email: string) {
  return (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

/** Runs `change`, then returns the audit events it added (security events aside). */
async function eventsOf(change: () => Promise<Response>, expectedStatus = 200) {
  const before = await app.db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirstOrThrow();
  const response = await change();
  expect(response.status).toBe(expectedStatus);
  return app.db
    .selectFrom("auditEvents")
    .select(["entityType", "verb", "actorRole", "actorSector", "changes"])
    .where("id", ">", Number(before.last ?? 0))
    .where("entityType", "!=", "user")
    .execute();
}

describe(`partnership administration on ${engine}`, () => {
  it("invites someone: a single-use link that expires in 7 days, accepted with a name and password", async () => {
    const events = await eventsOf(() =>
      admin.post("/p/portsmouth/people", {
        intent: "invite",
        displayName: "Ian Piper",
        email: "Ian.Piper@Demo.test",
        role: "member",
        sector: "voluntary_community",
      }),
    );
    expect(events).toEqual([
      {
        entityType: "invitation",
        verb: "created",
        actorRole: "admin",
        actorSector: "public",
        changes: {
          email: { before: null, after: "ian.piper@demo.test" },
          role: { before: null, after: "member" },
          sector: { before: null, after: "voluntary_community" },
        },
      },
    ]);
    const invitation = await app.db
      .selectFrom("invitations")
      .select(["expiresAt", "createdAt"])
      .where("email", "=", "ian.piper@demo.test")
      .executeTakeFirstOrThrow();
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBeCloseTo(7 * 24 * 3_600_000, -4);

    const page = await (
      await admin.post("/p/portsmouth/people", {
        intent: "invite",
        displayName: "Ian Piper",
        email: "ian.piper@demo.test",
        role: "member",
        sector: "voluntary_community",
      })
    ).text();
    const link = /\/invitations\/([a-z2-7]{32})/.exec(page)![0];
    const newcomer = client(app.url);
    expect((await newcomer.get(link)).status).toBe(200);
    expect((await newcomer.post(link, { displayName: "Ian Piper", password: "qwerty123456" })).status).toBe(400);
    const accepted = await newcomer.post(link, { displayName: "Ian Piper", password: "Community First since 1999" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/p/portsmouth");
    expect((await newcomer.get("/p/portsmouth")).status).toBe(200);
    expect((await client(app.url).post(link, { displayName: "Someone else", password: "Community First since 1999" })).status).toBe(409);
    expect((await client(app.url).get("/invitations/notarealtokenatallnotarealtoken")).status).toBe(404);
  });

  it("lets someone whose only membership was disabled accept an invitation to another partnership with their password, and no one else", async () => {
    const invite = async (inviter: Client, slug: string) => {
      const page = await (
        await inviter.post(`/p/${slug}/people`, {
          intent: "invite",
          displayName: "Dee Parted",
          email: "dee@demo.test",
          role: "member",
          sector: "voluntary_community",
        })
      ).text();
      return /\/invitations\/[a-z2-7]{32}/.exec(page)![0];
    };
    const dee = client(app.url);
    expect((await dee.post(await invite(admin, "portsmouth"), { displayName: "Dee Parted", password: "Community First since 1999" })).status).toBe(302);
    expect((await admin.post("/p/portsmouth/people", { intent: "disable", userId: await userId("dee@demo.test") })).status).toBe(200);
    expect((await client(app.url).post("/login", { email: "dee@demo.test", password: "Community First since 1999" })).status).toBe(401);

    // Another partnership, with an admin of its own, invites her.
    const { token } = await bootstrapAdmin(app.db, {
      partnershipSlug: "solent",
      partnershipName: "Solent Partnership",
      email: "sol@demo.test",
      displayName: "Sol Admin",
      sector: "public",
    });
    const solAdmin = client(app.url);
    expect((await solAdmin.post(`/invitations/${token}`, { displayName: "Sol Admin", password: "Solent partnership admin" })).status).toBe(302);
    const link = await invite(solAdmin, "solent");
    expect(await (await client(app.url).get(link)).text()).toContain("Enter its password to open it again");

    // The admin who made the link sees it too, but cannot open her account with it.
    const takeover = await client(app.url).post(link, { displayName: "Dee Parted", password: "Chosen by the Solent admin" });
    expect(takeover.status).toBe(400);
    expect(await takeover.text()).toContain("That is not the password of this account");
    expect(
      await app.db.selectFrom("invitations").select("acceptedAt").where("email", "=", "dee@demo.test").where("acceptedAt", "is not", null).execute(),
    ).toHaveLength(1);

    const accepted = await dee.post(link, { displayName: "Dee Parted", password: "Community First since 1999" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/p/solent");
    expect((await dee.get("/p/solent")).status).toBe(200);
    // Her Portsmouth membership stays disabled; her account signs in again, with its own password.
    expect((await dee.get("/p/portsmouth")).status).toBe(404);
    expect((await client(app.url).post("/login", { email: "dee@demo.test", password: "Community First since 1999" })).status).toBe(302);
  });

  it("does not accept an expired invitation", async () => {
    const page = await (
      await admin.post("/p/portsmouth/people", { intent: "invite", displayName: "Late Comer", email: "late@demo.test", role: "observer", sector: "public" })
    ).text();
    const link = /\/invitations\/([a-z2-7]{32})/.exec(page)![0];
    await app.db
      .updateTable("invitations")
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where("email", "=", "late@demo.test")
      .execute();
    expect(await (await client(app.url).get(link)).text()).toContain("This invitation has expired");
    expect((await client(app.url).post(link, { displayName: "Late Comer", password: "a long enough passphrase" })).status).toBe(409);
  });

  it("changes a member's role and sector, and keeps at least one admin", async () => {
    const councillor = await userId("councillor@demo.test");
    const events = await eventsOf(() => admin.post("/p/portsmouth/people", { intent: "change", userId: councillor, role: "member", sector: "public" }));
    expect(events).toEqual([
      { entityType: "membership", verb: "updated", actorRole: "admin", actorSector: "public", changes: { role: { before: "observer", after: "member" } } },
    ]);
    await eventsOf(() => admin.post("/p/portsmouth/people", { intent: "change", userId: councillor, role: "observer", sector: "public" }));

    const me = await userId("admin@demo.test");
    const refused = await eventsOf(() => admin.post("/p/portsmouth/people", { intent: "change", userId: me, role: "member", sector: "public" }), 409);
    expect(refused).toEqual([]);
    expect((await admin.post("/p/portsmouth/people", { intent: "change", userId: me, role: "owner", sector: "public" })).status).toBe(400);
  });

  it("creates a group, renames it, adds members and a chair, and removes them", async () => {
    const created = await eventsOf(() => admin.post("/p/portsmouth/groups", { name: "Commissioning Forum", sector: "cross_sector", description: "" }));
    expect(created.map((event) => [event.entityType, event.verb])).toEqual([["group", "created"]]);
    expect((await admin.post("/p/portsmouth/groups", { name: "commissioning forum", sector: "public" })).status).toBe(409);
    const group = await app.db.selectFrom("groups").select("id").where("name", "=", "Commissioning Forum").executeTakeFirstOrThrow();
    const path = `/p/portsmouth/groups/${group.id}`;
    const leader = await userId("leader@demo.test");
    const officer = await userId("officer@demo.test");

    expect(
      (
        await eventsOf(() =>
          admin.post(path, { intent: "update", name: "Joint Commissioning Forum", sector: "cross_sector", description: "PCC and PCT with the VCS" }),
        )
      ).map((event) => event.verb),
    ).toEqual(["updated"]);
    expect((await eventsOf(() => admin.post(path, { intent: "add-member", userId: leader, role: "member" }))).map((event) => event.verb)).toEqual(["added"]);
    expect((await eventsOf(() => admin.post(path, { intent: "add-member", userId: officer, role: "chair" }))).map((event) => event.verb)).toEqual(["added"]);
    await eventsOf(() => admin.post(path, { intent: "set-role", userId: leader, role: "chair" }));
    const chairs = await app.db.selectFrom("groupMemberships").select("userId").where("groupId", "=", group.id).where("role", "=", "chair").execute();
    expect(chairs).toEqual([{ userId: leader }]);
    expect((await eventsOf(() => admin.post(path, { intent: "remove-member", userId: officer }))).map((event) => event.verb)).toEqual(["removed"]);

    // Members see groups; only admins change them.
    const member = await signedIn(app.url, "officer@demo.test");
    expect((await member.get(path)).status).toBe(200);
    expect((await member.post(path, { intent: "remove-member", userId: leader })).status).toBe(403);
  });

  it("creates a plan with steward groups, and allows single-sector sign-off only for single-sector stewards", async () => {
    const groups = await app.db.selectFrom("groups").select(["id", "name"]).execute();
    const idOf = (name: string) => groups.find((group) => group.name === name)!.id;
    const created = await admin.post("/p/portsmouth/plans/new", {
      title: "Compact refresh 2011",
      periodStart: "2011-04-01",
      periodEnd: "2012-03-31",
      stewardGroupIds: [idOf("Compact Working Group")],
    });
    expect(created.status).toBe(302);
    const planPath = created.headers.get("Location")!;
    expect((await admin.post("/p/portsmouth/plans/new", { title: "Backwards", periodStart: "2012-01-01", periodEnd: "2011-01-01" })).status).toBe(400);

    const crossSector = await admin.post(`${planPath}/settings`, {
      intent: "update-plan",
      title: "Compact refresh 2011",
      stewardGroupIds: [idOf("Compact Working Group")],
      singleSectorSignoff: "on",
    });
    expect(crossSector.status).toBe(400);
    const events = await eventsOf(() =>
      admin.post(`${planPath}/settings`, {
        intent: "update-plan",
        title: "Compact refresh 2011",
        stewardGroupIds: [idOf("Third Sector Leadership Group"), idOf("Community First")],
        singleSectorSignoff: "on",
      }),
    );
    expect(events.map((event) => [event.entityType, event.verb, Object.keys(event.changes as object).sort()])).toEqual([
      ["plan", "updated", ["periodEnd", "periodStart", "singleSectorSignoff", "stewardGroupIds"]],
    ]);

    const leader = await signedIn(app.url, "leader@demo.test");
    expect((await leader.post(`${planPath}/settings`, { intent: "update-plan", title: "Taken over" })).status).toBe(403);
    expect((await leader.post("/p/portsmouth/plans/new", { title: "Mine" })).status).toBe(403);
  });

  it('takes two "make chair" requests at once in turn: one chair, no error page', async () => {
    const group = await app.db.selectFrom("groups").select("id").where("name", "=", "Providers Network").executeTakeFirstOrThrow();
    const path = `/p/portsmouth/groups/${group.id}`;
    const people = await Promise.all(["leader@demo.test", "officer@demo.test", "facilitator@demo.test"].map(userId));
    const answers = await Promise.all(people.map((person) => admin.post(path, { intent: "set-role", userId: person, role: "chair" })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const chairs = await app.db.selectFrom("groupMemberships").select("userId").where("groupId", "=", group.id).where("role", "=", "chair").execute();
    expect(chairs).toHaveLength(1);
  });

  it("answers two identical new groups sent at once with one group and a 409 that names the field", async () => {
    const answers = await Promise.all([1, 2].map(() => admin.post("/p/portsmouth/groups", { name: "Twice Forum", sector: "public", description: "" })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = await answers.find((answer) => answer.status === 409)!.text();
    expect(refused).toMatch(/There is already a group (called Twice Forum|with that name)/);
    expect(await app.db.selectFrom("groups").select("id").where("name", "=", "Twice Forum").execute()).toHaveLength(1);
  });
});
