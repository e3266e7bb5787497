import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEventStream } from "../support/event-stream";
import { agreePublication, proposePublication, withdrawPublication } from "../../app/server/plans/publication.server";
import { loadPlan } from "../../app/server/platform/plan-data.server";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { dataFingerprint } from "./support/forms";
import { actorFor } from "./support/people";
import { engine } from "./support/test-database";

// Publishing a plan takes both sectors, over HTTP as browsers send the forms:
// Priya Shah (admin, public sector) and Sam Patel (steward, voluntary and
// community sector). One sector alone never makes the plan public; either
// withdraws it alone; each step, and each refusal, is in the history in words.

let app: TestApp;
let planId: string;
let planPath: string;
let settingsPath: string;
let admin: Client;
let leader: Client;

beforeAll(async () => {
  app = await startApp();
  planId = (await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow()).id;
  planPath = `/p/portsmouth/plans/${planId}`;
  settingsPath = `${planPath}/settings`;
  admin = await signedIn(app.url, "admin@demo.test");
  leader = await signedIn(app.url, "leader@demo.test");
});
afterAll(() => app?.close());

async function publication() {
  return app.db
    .selectFrom("plans as p")
    .leftJoin("users as proposer", "proposer.id", "p.publicationProposedBy")
    .leftJoin("users as agreer", "agreer.id", "p.publicationAgreedBy")
    .select([
      "proposer.email as proposedBy",
      "p.publicationProposedSector as proposedSector",
      "p.publicationProposedAt as proposedAt",
      "agreer.email as agreedBy",
      "p.publicationAgreedSector as agreedSector",
      "p.publishedAt",
    ])
    .where("p.id", "=", planId)
    .executeTakeFirstOrThrow();
}

/** Runs the request, and returns its answer with the events it appended, refusals included. */
async function withEvents(request: () => Promise<Response>) {
  const last = await app.db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirstOrThrow();
  const response = await request();
  const page = await response.text();
  const events = await app.db
    .selectFrom("auditEvents as e")
    .leftJoin("users as u", "u.id", "e.actorUserId")
    .select(["e.entityType", "e.entityId", "e.verb", "e.changes", "e.context", "e.planId", "e.actorSector", "u.email"])
    .where("e.id", ">", Number(last.last ?? 0))
    .orderBy("e.id")
    .execute();
  return { status: response.status, page, events };
}

const propose = (person: Client) => withEvents(() => person.post(settingsPath, { intent: "propose-publication" }));
const agree = (person: Client) => withEvents(() => person.post(settingsPath, { intent: "agree-publication" }));
const withdraw = (person: Client) => withEvents(() => person.post(settingsPath, { intent: "withdraw-publication" }));

async function history() {
  const facilitator = await signedIn(app.url, "facilitator@demo.test");
  return (await (await facilitator.get(`${planPath}/history?kind=publication`)).text()).replaceAll("&#x27;", "'");
}

describe(`consent to publish a plan, on ${engine}`, () => {
  it("starts private, and Settings says what the public page would show and never show", async () => {
    expect(await publication()).toMatchObject({ proposedBy: null, publishedAt: null });
    const page = (await (await admin.get(settingsPath)).text()).replaceAll("&#x27;", "'");
    expect(page).toContain("Public page</h2>");
    expect(page).toContain("Not published.");
    expect(page).toContain("It never shows progress notes, drafts of reviews, the plan's history or anyone's email address.");
    expect(page).toContain(">Propose publishing</button>");
    expect(page).not.toContain("Agree and publish");
  });

  it("lets one sector propose, but not publish alone", async () => {
    const proposed = await propose(admin);
    expect(proposed.status).toBe(200);
    expect(proposed.page).toContain("Publishing proposed.");
    expect(await publication()).toMatchObject({ proposedBy: "admin@demo.test", proposedSector: "public", agreedBy: null, publishedAt: null });
    expect(proposed.events).toEqual([
      expect.objectContaining({ entityType: "plan", entityId: planId, planId, verb: "publication_proposed", email: "admin@demo.test", actorSector: "public" }),
    ]);
    // Pressed twice: nothing more is recorded.
    expect((await propose(admin)).events).toEqual([]);

    // The proposer cannot agree to their own proposal: refused, recorded as a refusal, nothing written.
    const settings = (await (await admin.get(settingsPath)).text()).replaceAll("&#x27;", "'");
    expect(settings).toContain("waiting for the voluntary and community sector to agree");
    expect(settings).toContain("Someone of the voluntary and community sector who is an admin or steward of this plan must agree.");
    expect(settings).not.toContain("Agree and publish");
    const before = await publication();
    const fingerprint = await dataFingerprint(app);
    const own = await agree(admin);
    expect(own.status).toBe(403);
    expect(await publication()).toEqual(before);
    expect(await dataFingerprint(app)).toEqual(fingerprint);
    expect(own.events).toEqual([
      expect.objectContaining({ verb: "refused", email: "admin@demo.test", planId, context: expect.objectContaining({ permission: "plan.agreePublication" }) }),
    ]);
  });

  it("publishes once someone of the other sector agrees", async () => {
    expect(await (await leader.get(settingsPath)).text()).toContain(">Agree and publish</button>");
    const agreed = await agree(leader);
    expect(agreed.status).toBe(200);
    const address = `/public/portsmouth/${planId}`;
    expect(agreed.page).toContain(`Published. Anyone can now read the plan at ${address}.`);
    const now = await publication();
    expect(now).toMatchObject({ proposedBy: "admin@demo.test", agreedBy: "leader@demo.test", agreedSector: "voluntary_community" });
    expect(now.publishedAt).toBeInstanceOf(Date);
    expect(agreed.events).toEqual([
      expect.objectContaining({
        verb: "published",
        email: "leader@demo.test",
        actorSector: "voluntary_community",
        context: expect.objectContaining({ address }),
      }),
    ]);
    const page = await (await admin.get(settingsPath)).text();
    expect(page).toContain(`href="${address}"`);
    expect(page).toContain(">Withdraw from the public page</button>");
    // Agreeing again changes nothing.
    expect((await agree(leader)).events).toEqual([]);
  });

  it("lets either sector withdraw alone, a published plan or a proposal", async () => {
    const fromPublic = await withdraw(leader);
    expect(fromPublic.status).toBe(200);
    expect(fromPublic.page).toContain("Withdrawn. The plan is no longer on a public page.");
    expect(await publication()).toEqual({ proposedBy: null, proposedSector: null, proposedAt: null, agreedBy: null, agreedSector: null, publishedAt: null });
    expect(fromPublic.events).toEqual([expect.objectContaining({ verb: "publication_withdrawn", context: { withdrew: "published" } })]);

    expect((await propose(leader)).status).toBe(200);
    const proposal = await withdraw(admin);
    expect(proposal.page).toContain("Proposal withdrawn.");
    expect(await publication()).toMatchObject({ proposedBy: null, publishedAt: null });
    expect(proposal.events).toEqual([expect.objectContaining({ verb: "publication_withdrawn", email: "admin@demo.test", context: { withdrew: "proposal" } })]);
    // Nothing stands: nothing to withdraw, nothing recorded; and nothing to agree to.
    expect((await withdraw(admin)).events).toEqual([]);
    const nothing = await agree(leader);
    expect(nothing.status).toBe(409);
    expect(nothing.page).toContain("Nobody has proposed publishing this plan, or it was withdrawn. Reload the page.");
    expect(nothing.events).toEqual([]);
  });

  it("under single-sector sign-off, lets another person of the proposer's sector agree, never the proposer", async () => {
    await app.db.updateTable("plans").set({ singleSectorSignoff: true }).where("id", "=", planId).execute();
    try {
      expect((await propose(leader)).status).toBe(200);
      expect((await agree(leader)).status).toBe(403);
      // Nicola Youern, of the voluntary and community sector too, sits in the steward group.
      const plan = (await loadPlan(app.db, (await actorFor(app.db, "leader@demo.test")).partnershipId, planId))!;
      const nicola = await app.db.selectFrom("users").select("email").where("displayName", "=", "Nicola Youern").executeTakeFirstOrThrow();
      await agreePublication(app.db, await actorFor(app.db, nicola.email), plan);
      expect(await publication()).toMatchObject({ proposedSector: "voluntary_community", agreedSector: "voluntary_community", agreedBy: nicola.email });
      await withdrawPublication(app.db, await actorFor(app.db, nicola.email), plan);
    } finally {
      await app.db.updateTable("plans").set({ singleSectorSignoff: false }).where("id", "=", planId).execute();
    }
  });

  it("refuses an observer, a facilitator, a member who does not steward the plan and another partnership's admin, writing nothing", async () => {
    expect((await propose(leader)).status).toBe(200);
    const other = await app.db.insertInto("partnerships").values({ slug: "southsea", name: "Southsea" }).returning("id").executeTakeFirstOrThrow();
    const { passwordHash } = await app.db.selectFrom("users").select("passwordHash").where("email", "=", "admin@demo.test").executeTakeFirstOrThrow();
    const outsider = await app.db
      .insertInto("users")
      .values({ email: "southsea.admin@demo.test", displayName: "Southsea Admin", passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("partnershipMemberships").values({ partnershipId: other.id, userId: outsider.id, role: "admin", sector: "public" }).execute();

    const before = await publication();
    const fingerprint = await dataFingerprint(app);
    // Inside the partnership: 403, and the refusal recorded. Outside it: 404, as for everything there, so nothing leaks.
    for (const [email, status] of [
      ["councillor@demo.test", 403],
      ["facilitator@demo.test", 403],
      ["officer@demo.test", 403],
      ["southsea.admin@demo.test", 404],
    ] as const) {
      const person = await signedIn(app.url, email);
      for (const step of [propose, agree, withdraw]) {
        const answer = await step(person);
        expect(answer.status, `${email} ${step.name}`).toBe(status);
        expect(answer.events.map((event) => event.verb)).toEqual(status === 403 ? ["refused"] : []);
      }
    }
    expect(await publication()).toEqual(before);
    expect(await dataFingerprint(app)).toEqual(fingerprint);

    // The writes refuse them too, whatever a route lets through.
    const plan = (await loadPlan(app.db, (await actorFor(app.db, "leader@demo.test")).partnershipId, planId))!;
    for (const email of ["councillor@demo.test", "facilitator@demo.test", "officer@demo.test"]) {
      const actor = await actorFor(app.db, email);
      await expect(proposePublication(app.db, actor, plan), email).rejects.toThrow("Not allowed");
      await expect(agreePublication(app.db, actor, plan), email).rejects.toThrow("Not allowed");
      await expect(withdrawPublication(app.db, actor, plan), email).rejects.toThrow("Not allowed");
    }
    expect(await publication()).toEqual(before);
    await withdraw(leader);
  });

  it("tells each step and the refusal in the plan's history, in words", async () => {
    const page = await history();
    expect(page).toContain("Priya Shah (public sector) proposed publishing the plan on its public page");
    expect(page).toContain("Sam Patel (voluntary and community sector) agreed, and the plan was published at");
    expect(page).toContain(`agreed, and the plan was published at /public/portsmouth/${planId}`);
    expect(page).toContain("withdrew the plan from its public page");
    expect(page).toContain("withdrew the proposal to publish the plan");
    const all = (await (await (await signedIn(app.url, "facilitator@demo.test")).get(`${planPath}/history?kind=refusals`)).text()).replaceAll("&#x27;", "'");
    expect(all).toContain("tried to agree to publish the plan but may not");
  });
});

describe(`what tells each instance that a public page changed, on ${engine}`, () => {
  // Public pages are kept per plan and dropped on the plan's change notification,
  // so every step of publishing, and a lead's yes or no, must announce the plan.
  it("announces the plan on each publishing step, and on a yes or no of someone who leads an action there in person", async () => {
    const viewer = await signedIn(app.url, "councillor@demo.test");
    const stream = await openEventStream(`${app.url}${planPath}/events`, viewer.cookie);
    try {
      expect(stream.response.status).toBe(200);
      expect((await propose(admin)).status).toBe(200);
      expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: expect.any(Number) });
      expect((await withdraw(admin)).status).toBe(200);
      expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: expect.any(Number) });

      const action = await app.db.selectFrom("actions").select("id").where("planId", "=", planId).orderBy("id").executeTakeFirstOrThrow();
      const sam = await app.db.selectFrom("users").select("id").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow();
      const lead = await app.db
        .insertInto("actionLeads")
        .values({ actionId: action.id, userId: sam.id, position: 99 })
        .returning("id")
        .executeTakeFirstOrThrow();
      try {
        expect((await leader.post("/account", { intent: "set-public-name", nameShownPublicly: "yes" })).status).toBe(200);
        expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: expect.any(Number) });
        expect((await leader.post("/account", { intent: "set-public-name", nameShownPublicly: "no" })).status).toBe(200);
        expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: expect.any(Number) });
      } finally {
        await app.db.deleteFrom("actionLeads").where("id", "=", lead.id).execute();
      }
    } finally {
      stream.close();
    }
  });
});

describe(`a person's name on public pages, on ${engine}`, () => {
  it("is no until they say yes under Your account, and each yes or no is recorded", async () => {
    const sam = await app.db.selectFrom("users").select(["id", "nameShownPublicly"]).where("email", "=", "leader@demo.test").executeTakeFirstOrThrow();
    expect(sam.nameShownPublicly).toBe(false);
    const account = await (await leader.get("/account")).text();
    expect(account).toContain("Your name on public pages");

    const yes = await withEvents(() => leader.post("/account", { intent: "set-public-name", nameShownPublicly: "yes" }));
    expect(yes.status).toBe(200);
    expect(yes.page).toContain("Saved: public pages show your name beside the actions you lead.");
    expect((await app.db.selectFrom("users").select("nameShownPublicly").where("id", "=", sam.id).executeTakeFirstOrThrow()).nameShownPublicly).toBe(true);
    expect(yes.events).toEqual([
      expect.objectContaining({
        entityType: "user",
        entityId: sam.id,
        verb: "public_name_changed",
        email: "leader@demo.test",
        changes: { nameShownPublicly: { before: false, after: true } },
      }),
    ]);
    // The same again records nothing; a choice that is not yes or no is refused.
    expect((await withEvents(() => leader.post("/account", { intent: "set-public-name", nameShownPublicly: "yes" }))).events).toEqual([]);
    const odd = await withEvents(() => leader.post("/account", { intent: "set-public-name", nameShownPublicly: "maybe" }));
    expect([odd.status, odd.events]).toEqual([400, []]);
    expect(odd.page).toContain("Choose whether to show your name on public pages");

    const no = await withEvents(() => leader.post("/account", { intent: "set-public-name", nameShownPublicly: "no" }));
    expect(no.events).toEqual([expect.objectContaining({ changes: { nameShownPublicly: { before: true, after: false } } })]);
  });
});
