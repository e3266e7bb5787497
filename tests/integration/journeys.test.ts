import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmCompletion, moveAction } from "../../app/server/plans/moves.server";
import { ForbiddenError } from "../../app/server/platform/errors.server";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn, type Client } from "./support/http";
import { actorFor, demoPlan, references } from "./support/people";
import { engine } from "./support/test-database";

// Journeys that used to stop dead: a completion nobody could confirm, a new
// plan nobody could fill, a named lead nobody could invite.

let app: TestApp;
let admin: Client;
let plan: PlanContextData;
let ids: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  plan = await demoPlan(app.db);
  ids = await references(app.db, plan.id);
});
afterAll(() => app?.close());

const actionPath = (reference: string) => `/p/portsmouth/plans/${plan.id}/actions/${ids[reference]}`;
const toDone = async (email: string, reference: string) =>
  moveAction(app.db, await actorFor(app.db, email), plan, {
    actionId: ids[reference]!,
    objectiveId: ids[`objective ${reference[0]}`]!,
    status: "done",
    placement: { at: "bottom" },
  });
const confirmedAt = async (reference: string) =>
  (await app.db.selectFrom("actions").select("completionConfirmedAt").where("id", "=", ids[reference]!).executeTakeFirstOrThrow()).completionConfirmedAt;
const eventCount = async () =>
  Number(
    (
      await app.db
        .selectFrom("auditEvents")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`a completion no lead or steward of another sector can confirm, on ${engine}`, () => {
  it("goes to anyone of another sector who acts here; never to the proposer or the proposer's sector", async () => {
    // 2.3 is led by the Third Sector Leadership Group, and the plan's stewards are all voluntary sector.
    await toDone("leader@demo.test", "2.3");
    const page = await (await admin.get(actionPath("2.3"))).text();
    expect(page).toContain("Jordan Hughes or Priya Shah can confirm.");
    expect(page).toContain("Confirm it is done");
    const board = await (await admin.get(`/p/portsmouth/plans/${plan.id}`)).text();
    expect(board).toContain("Jordan Hughes or Priya Shah can confirm.");

    await expect(confirmCompletion(app.db, await actorFor(app.db, "leader@demo.test"), plan, ids["2.3"]!)).rejects.toBeInstanceOf(ForbiddenError);
    // Nicola Youern: voluntary sector, in the steward group, not the proposer.
    await expect(confirmCompletion(app.db, await actorFor(app.db, "nicola.youern@portsmouth.demo.test"), plan, ids["2.3"]!)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // An observer of another sector still only reads.
    await expect(confirmCompletion(app.db, await actorFor(app.db, "councillor@demo.test"), plan, ids["2.3"]!)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await confirmedAt("2.3")).toBeNull();

    const officer = await signedIn(app.url, "officer@demo.test");
    const confirmed = await officer.post(actionPath("2.3"), { intent: "confirm" });
    expect(confirmed.status).toBe(200);
    expect(await confirmedAt("2.3")).not.toBeNull();
    const [event] = await app.db
      .selectFrom("auditEvents")
      .select(["verb", "actorSector"])
      .where("actionId", "=", ids["2.3"]!)
      .orderBy("id", "desc")
      .limit(1)
      .execute();
    expect(event).toEqual({ verb: "completion_confirmed", actorSector: "public" });
  });

  it("stays with the leads while one of another sector can sign in", async () => {
    // 1.1 is led by the Compact Working Group, which Jordan Hughes (public sector) chairs.
    await toDone("leader@demo.test", "1.1");
    expect(await (await admin.get(actionPath("1.1"))).text()).toContain("Jordan Hughes can confirm.");
    await expect(confirmCompletion(app.db, await actorFor(app.db, "admin@demo.test"), plan, ids["1.1"]!)).rejects.toBeInstanceOf(ForbiddenError);
    const refused = await admin.post(actionPath("1.1"), { intent: "confirm" });
    expect(refused.status).toBe(403);
    expect(await confirmedAt("1.1")).toBeNull();
  });
});

describe(`creating a plan someone can fill, on ${engine}`, () => {
  const groupId = async (name: string) => (await app.db.selectFrom("groups").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

  it("adds the admin to the steward groups they chose, in the one audited write, and they can add an objective", async () => {
    const adminId = (await actorFor(app.db, "admin@demo.test")).userId;
    const communityFirst = await groupId("Community First");
    const created = await admin.post("/p/portsmouth/plans/new", {
      title: "Community plan 2011",
      stewardGroupIds: [communityFirst],
      creatorJoinsStewards: "on",
    });
    expect(created.status).toBe(302);
    const planPath = created.headers.get("Location")!;
    const newPlanId = planPath.split("/").at(-1)!;
    const membership = await app.db
      .selectFrom("groupMemberships")
      .select("role")
      .where("groupId", "=", communityFirst)
      .where("userId", "=", adminId)
      .executeTakeFirst();
    expect(membership).toEqual({ role: "member" });
    const events = await app.db.selectFrom("auditEvents").select(["verb", "changes"]).where("planId", "=", newPlanId).execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toMatchObject({ creatorJoinedGroupIds: { before: null, after: [communityFirst] } });

    const board = await (await admin.get(planPath)).text();
    expect(board).toContain("This plan has no objectives yet. Add the first one below, or");
    const objective = await admin.post(planPath, { intent: "create-objective", id: crypto.randomUUID(), title: "Grow volunteering" });
    expect(objective.status).toBe(200);
  });

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const before = await eventCount();
    const plansBefore = await app.db.selectFrom("plans").select("id").execute();
    const noGroup = await admin.post("/p/portsmouth/plans/new", { title: "Nobody's plan", creatorJoinsStewards: "on" });
    expect(noGroup.status).toBe(400);
    expect(await noGroup.text()).toContain("Choose a steward group to join");
    const foreignGroup = await admin.post("/p/portsmouth/plans/new", {
      title: "Stray plan",
      stewardGroupIds: [crypto.randomUUID()],
      creatorJoinsStewards: "on",
    });
    expect(foreignGroup.status).toBe(400);
    const noTitle = await admin.post("/p/portsmouth/plans/new", {
      title: " ",
      stewardGroupIds: [await groupId("Community First")],
      creatorJoinsStewards: "on",
    });
    expect(noTitle.status).toBe(400);
    expect(await app.db.selectFrom("plans").select("id").execute()).toHaveLength(plansBefore.length);
    expect(await eventCount()).toBe(before);
  });

  it("tells an admin who is not a steward who the stewards are and how to become one", async () => {
    const created = await admin.post("/p/portsmouth/plans/new", { title: "Compact plan 2012", stewardGroupIds: [await groupId("Compact Working Group")] });
    const board = await (await admin.get(created.headers.get("Location")!)).text();
    expect(board).toContain("Only its stewards add them: the members of");
    expect(board).toContain("(Jordan Hughes).");
    expect(board).toContain("join one of these groups on its page");
  });
});

describe(`inviting a named lead who has not signed up, on ${engine}`, () => {
  it("fills the form in for them, and the invitation signs in as them with their leads kept", async () => {
    const mandy = await app.db.selectFrom("users").select(["id", "email"]).where("displayName", "=", "Mandy Lindley").executeTakeFirstOrThrow();
    const people = await (await admin.get("/p/portsmouth/people")).text();
    expect(people).toContain(`?invite=${mandy.id}#invite-heading`);
    const prefilled = await (await admin.get(`/p/portsmouth/people?invite=${mandy.id}`)).text();
    expect(prefilled).toContain("Invite Mandy Lindley");
    expect(prefilled).toContain(`value="${mandy.email}"`);

    const sent = await admin.post(`/p/portsmouth/people?invite=${mandy.id}`, {
      intent: "invite",
      existingUserId: mandy.id,
      displayName: "Mandy Lindley",
      email: "mandy@council.example",
      role: "member",
      sector: "public",
    });
    expect(sent.status).toBe(200);
    const link = /\/invitations\/([a-z2-7]{32})/.exec(await sent.text())![0];
    const event = await app.db
      .selectFrom("auditEvents")
      .select("changes")
      .where("entityType", "=", "invitation")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event.changes).toMatchObject({ inviteeEmail: { before: mandy.email, after: "mandy@council.example" } });

    const accepted = await client(app.url).post(link, { displayName: "Mandy Lindley", password: "Compact refresh since 2010" });
    expect(accepted.status).toBe(302);
    const user = await app.db.selectFrom("users").select(["id", "passwordHash"]).where("email", "=", "mandy@council.example").executeTakeFirstOrThrow();
    expect(user.id).toBe(mandy.id);
    expect(user.passwordHash).not.toBeNull();
    const leads = await app.db.selectFrom("actionLeads").select("actionId").where("userId", "=", mandy.id).execute();
    expect(leads.length).toBeGreaterThan(0);
  });

  it("refuses someone who can already sign in, and an email someone else has, writing nothing", async () => {
    const before = await eventCount();
    const officer = await actorFor(app.db, "officer@demo.test");
    const signedUp = await admin.post("/p/portsmouth/people", {
      intent: "invite",
      existingUserId: officer.userId,
      displayName: "Jordan Hughes",
      email: "officer@demo.test",
      role: "member",
      sector: "public",
    });
    expect(signedUp.status).toBe(409);
    const david = await app.db.selectFrom("users").select("id").where("displayName", "=", "David Williams").executeTakeFirstOrThrow();
    const taken = await admin.post("/p/portsmouth/people", {
      intent: "invite",
      existingUserId: david.id,
      displayName: "David Williams",
      email: "leader@demo.test",
      role: "member",
      sector: "public",
    });
    expect(taken.status).toBe(409);
    const notAnId = await admin.post("/p/portsmouth/people", {
      intent: "invite",
      existingUserId: "not-an-id",
      displayName: "David Williams",
      email: "david@council.example",
      role: "member",
      sector: "public",
    });
    expect(notAnId.status).toBe(400);
    expect(await eventCount()).toBe(before);
  });
});
