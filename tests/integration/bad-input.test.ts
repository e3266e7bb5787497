import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// Input no form would send, as someone poking at the app might: each gets a
// 4xx or is ignored, never a 500.

let app: TestApp;
let admin: Client;
let planPath: string;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
});
afterAll(() => app?.close());

describe(`bad input on ${engine}`, () => {
  it.each([
    ["an intent named after an object property", () => admin.post(planPath, { intent: "toString" }), 400],
    ["a move with no fields", () => admin.post(planPath, { intent: "move" }), 400],
    ["a group id that is not an id", () => admin.get("/p/portsmouth/groups/not-an-id"), 404],
    ["a post to a group id that is not an id", () => admin.post("/p/portsmouth/groups/not-an-id", { intent: "remove-member", userId: "x" }), 404],
    ["an action id that is not an id", () => admin.get(`${planPath}/actions/123`), 404],
    ["a plan id that is not an id", () => admin.get("/p/portsmouth/plans/123"), 404],
    ["an impossible plan period", () => admin.post("/p/portsmouth/plans/new", { title: "Plan", periodStart: "2024-13-45" }), 400],
    ["a year 0 plan period", () => admin.post("/p/portsmouth/plans/new", { title: "Plan", periodStart: "0000-01-01" }), 400],
    ["an unknown role", () => admin.post("/p/portsmouth/people", { intent: "change", userId: crypto.randomUUID(), role: "owner", sector: "public" }), 400],
    ["a very long email at sign-in", () => client(app.url).post("/login", { email: `${"a".repeat(500)}@demo.test`, password: "x" }), 400],
  ])("%s → %i", async (_what, send, status) => {
    expect((await send()).status).toBe(status);
  });

  it("ignores history filters it does not understand, rather than failing", async () => {
    for (const query of ["kind=toString", "kind=constructor", "from=2024-13-45", "to=2010-02-30", "person=nope", "before=-5"]) {
      expect((await admin.get(`${planPath}/history?${query}`)).status, query).toBe(200);
      expect((await admin.get(`${planPath}/history.csv?${query}`)).status, query).toBe(200);
    }
  });

  it("treats the same steward group sent twice as once", async () => {
    const group = await app.db.selectFrom("groups").select("id").where("name", "=", "Compact Working Group").executeTakeFirstOrThrow();
    const response = await admin.post("/p/portsmouth/plans/new", { title: "Doubled stewards", stewardGroupIds: [group.id, group.id] });
    expect(response.status).toBe(302);
  });

  it("treats a mangled session cookie as no session", async () => {
    const mangled = client(app.url);
    mangled.cookie = "pb_session=%E0%A4%A";
    expect((await mangled.get("/login")).status).toBe(200);
    expect((await mangled.get("/account")).status).toBe(302);
  });
});
