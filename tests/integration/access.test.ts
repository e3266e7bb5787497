import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, client } from "./support/http";
import { startApp, type TestApp } from "./support/app";
import { engine } from "./support/test-database";

// Forged requests, as an attacker would send them: each is refused with the
// right status and nothing is written.

let app: TestApp;
let planPath: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  const actions = await app.db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.objectiveId", "a.version", "o.number as objective", "a.number"])
    .execute();
  for (const action of actions) {
    ids[`${action.objective}.${action.number}`] = action.id;
    ids[`objective ${action.objective}`] = action.objectiveId;
  }
});
afterAll(() => app?.close());

async function snapshot() {
  const [actions, notes, events] = await Promise.all([
    app.db.selectFrom("actions").select(["id", "status", "orderKey", "objectiveId", "title", "version"]).orderBy("id").execute(),
    app.db.selectFrom("progressNotes").select("id").execute(),
    app.db.selectFrom("auditEvents").select("id").where("verb", "!=", "refused").where("entityType", "!=", "user").execute(),
  ]);
  return { actions, notes: notes.length, events: events.length };
}

async function refusals() {
  return app.db.selectFrom("auditEvents").select(["actorUserId", "context"]).where("verb", "=", "refused").execute();
}

const moveOf = (reference: string, status = "at_risk") => ({
  intent: "move",
  actionId: ids[reference]!,
  objectiveId: ids[`objective ${reference.split(".")[0]}`]!,
  status,
  placement: "top",
});

describe(`forged requests on ${engine}`, () => {
  it("refuses an observer's move with 403 before reading it, and writes nothing", async () => {
    const councillor = await signedIn(app.url, "councillor@demo.test");
    const before = await snapshot();
    const refusedBefore = (await refusals()).length;

    const response = await councillor.post(planPath, moveOf("1.5"));

    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await refusals()).length).toBe(refusedBefore + 1);
  });

  it("refuses an observer's progress note and edit on the action's own address", async () => {
    const councillor = await signedIn(app.url, "councillor@demo.test");
    const before = await snapshot();
    expect((await councillor.post(`${planPath}/actions/${ids["1.5"]}`, { intent: "add-note", body: "Sneaky" })).status).toBe(403);
    expect((await councillor.post(`${planPath}/actions/${ids["1.5"]}`, { intent: "update", version: "1", title: "Sneaky" })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a member editing an action they do not lead (and do not steward)", async () => {
    // Jordan Hughes chairs the Compact Working Group, which leads 1.1 but not 1.5.
    const officer = await signedIn(app.url, "officer@demo.test");
    const before = await snapshot();

    const move = await officer.post(planPath, moveOf("1.5"));
    const edit = await officer.post(`${planPath}/actions/${ids["1.5"]}`, { intent: "update", version: "1", title: "Rewritten by the council" });
    const note = await officer.post(`${planPath}/actions/${ids["1.5"]}`, { intent: "add-note", body: "Not mine" });

    expect([move.status, edit.status, note.status]).toEqual([403, 403, 403]);
    expect(await snapshot()).toEqual(before);
  });

  it("lets the same member move the action their group leads", async () => {
    const officer = await signedIn(app.url, "officer@demo.test");
    const response = await officer.post(planPath, moveOf("1.1", "at_risk"));
    expect(response.status).toBe(200);
    const action = await app.db.selectFrom("actions").select("status").where("id", "=", ids["1.1"]!).executeTakeFirstOrThrow();
    expect(action.status).toBe("at_risk");
  });

  it("refuses a same-sector confirmation of a completion, and accepts one from the other sector", async () => {
    const leader = await signedIn(app.url, "leader@demo.test");
    expect((await leader.post(planPath, moveOf("1.1", "done"))).status).toBe(200);
    const before = await snapshot();

    const sameSector = await leader.post(`${planPath}/actions/${ids["1.1"]}`, { intent: "confirm" });
    expect(sameSector.status).toBe(403);
    expect(await snapshot()).toEqual(before);

    const officer = await signedIn(app.url, "officer@demo.test");
    expect((await officer.post(`${planPath}/actions/${ids["1.1"]}`, { intent: "confirm" })).status).toBe(200);
    const action = await app.db.selectFrom("actions").select("completionConfirmedAt").where("id", "=", ids["1.1"]!).executeTakeFirstOrThrow();
    expect(action.completionConfirmedAt).not.toBeNull();
  });

  it("refuses a facilitator's and an admin's edits: neither leads nor stewards", async () => {
    const before = await snapshot();
    for (const email of ["facilitator@demo.test", "admin@demo.test"]) {
      const person = await signedIn(app.url, email);
      expect((await person.post(planPath, moveOf("2.3"))).status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 to a member of another partnership, for the partnership, the plan and its actions", async () => {
    const other = await app.db.insertInto("partnerships").values({ slug: "southampton", name: "Southampton" }).returning("id").executeTakeFirstOrThrow();
    const user = await app.db
      .insertInto("users")
      .values({
        email: "outsider@demo.test",
        displayName: "Outsider",
        passwordHash: (await app.db.selectFrom("users").select("passwordHash").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow()).passwordHash,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("partnershipMemberships").values({ partnershipId: other.id, userId: user.id, role: "admin", sector: "public" }).execute();
    const outsider = await signedIn(app.url, "outsider@demo.test");
    const before = await snapshot();

    for (const path of ["/p/portsmouth", planPath, `${planPath}/actions/${ids["1.5"]}`, `${planPath}/events`, "/p/portsmouth/people"]) {
      expect((await outsider.get(path)).status, path).toBe(404);
    }
    expect((await outsider.post(planPath, moveOf("1.5"))).status).toBe(404);
    // The same answer as for a partnership that does not exist: nothing leaks.
    expect((await outsider.get("/p/no-such-partnership")).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a POST without Origin, from another site, or marked cross-site, resource routes included", async () => {
    const leader = await signedIn(app.url, "leader@demo.test");
    const before = await snapshot();

    const noOrigin = await leader.post(planPath, moveOf("1.5"), { origin: null });
    const otherSite = await leader.post(planPath, moveOf("1.5"), { origin: "https://evil.example" });
    const crossSite = await leader.post(planPath, moveOf("1.5"), { headers: { "Sec-Fetch-Site": "cross-site" } });
    const logout = await leader.post("/logout", {}, { origin: "https://evil.example" });

    expect([noOrigin.status, otherSite.status, crossSite.status, logout.status]).toEqual([403, 403, 403, 403]);
    expect(await snapshot()).toEqual(before);
    expect((await leader.get("/account")).status).toBe(200);
  });

  it("sends people who are not signed in to sign in, and writes nothing for them", async () => {
    const anonymous = client(app.url);
    const page = await anonymous.get(planPath);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(planPath)}`);
    const before = await snapshot();
    expect((await anonymous.post(planPath, moveOf("1.5"))).status).toBe(302);
    expect(await snapshot()).toEqual(before);
  });

  it("sets the security headers on every response", async () => {
    const response = await client(app.url).get("/login");
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await response.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html.match(/<script(?![^>]*nonce=)[^>]*>/g) ?? []).toEqual([]);
  });
});
