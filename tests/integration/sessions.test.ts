import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../app/server/auth/sign-in.server";
import { createSession, hashSecret, validateSessionToken } from "../../app/server/auth/sessions.server";
import { client, signedIn } from "./support/http";
import { startApp, type TestApp } from "./support/app";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe(`sign-in and sessions over HTTP on ${engine}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  it("signs in with a fresh session and an HttpOnly, SameSite=Lax cookie, then goes where it was asked", async () => {
    const person = client(app.url);
    const response = await person.post("/login", { email: "Leader@Demo.test ", password: "partnership-demo", redirectTo: "/account" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^pb_session=[a-z2-7]{32}\.[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax$/);

    const again = await person.post("/login", { email: "leader@demo.test", password: "partnership-demo" });
    expect(again.status).toBe(302);
  });

  it("records sign-in, failure and sign-out as security events, without passwords or tokens", async () => {
    const from = Number(
      (
        await app.db
          .selectFrom("auditEvents")
          .select((eb) => eb.fn.max("id").as("last"))
          .executeTakeFirstOrThrow()
      ).last,
    );
    await client(app.url).post("/login", { email: "admin@demo.test", password: "a wrong password" });
    const person = await signedIn(app.url, "admin@demo.test");
    const token = person.cookie!.split("=")[1]!;
    await person.post("/logout", {});
    const events = await app.db.selectFrom("auditEvents").selectAll().where("id", ">", from).orderBy("id").execute();
    expect(events.map((event) => event.verb)).toEqual(["sign_in_failed", "signed_in", "signed_out"]);
    const recorded = JSON.stringify(events);
    expect(recorded).not.toContain("a wrong password");
    expect(recorded).not.toContain(token.split(".")[1]);
    expect(recorded).not.toContain(token.split(".")[0]);
  });

  it("never sends anyone to another site after sign-in", async () => {
    const response = await client(app.url).post("/login", { email: "leader@demo.test", password: "partnership-demo", redirectTo: "//evil.example/phish" });
    expect(response.headers.get("Location")).toBe("/");
  });

  it("gives one generic answer for an unknown email and for a wrong password", async () => {
    const unknown = await client(app.url).post("/login", { email: "nobody@demo.test", password: "partnership-demo" }, { headers: { "X-Test": "1" } });
    const wrong = await client(app.url).post("/login", { email: "facilitator@demo.test", password: "not the password" });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    const [unknownText, wrongText] = await Promise.all([unknown.text(), wrong.text()]);
    expect(unknownText).toContain("Enter a correct email address and password");
    expect(wrongText).toContain("Enter a correct email address and password");
  });

  it("keeps no usable token in the database", async () => {
    const person = await signedIn(app.url, "officer@demo.test");
    const [sessionId, secret] = person.cookie!.split("=")[1]!.split(".");
    // Every column of every session, as a dump would have it.
    const { rows } = await sql<{ row: string }>`select row_to_json(s)::text as row from sessions s`.execute(app.db);
    const dump = rows.map((row) => row.row).join("\n");
    const storedHash = Buffer.from(hashSecret(secret!)).toString("hex");
    expect(dump).not.toContain(secret);
    expect(dump).toContain(storedHash);

    // What the database does hold does not open a session.
    const forged = client(app.url);
    forged.cookie = `pb_session=${sessionId}.${storedHash}`;
    expect((await forged.get("/account")).status).toBe(302);
    expect((await person.get("/account")).status).toBe(200);
  });

  it("ends the session on sign-out: the row goes and the old cookie stops working", async () => {
    const person = await signedIn(app.url, "facilitator@demo.test");
    const cookie = person.cookie;
    const sessionId = cookie!.split("=")[1]!.split(".")[0]!;
    const response = await person.post("/logout", {});
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await app.db.selectFrom("sessions").select("id").where("id", "=", sessionId).execute()).toEqual([]);
    person.cookie = cookie;
    expect((await person.get("/account")).status).toBe(302);
  });

  it("ends every other session when the password changes, after checking the current one", async () => {
    const laptop = await signedIn(app.url, "councillor@demo.test");
    const phone = await signedIn(app.url, "councillor@demo.test");

    const wrong = await laptop.post("/account", { intent: "change-password", currentPassword: "wrong", newPassword: "a brand new passphrase" });
    expect(wrong.status).toBe(400);
    const weak = await laptop.post("/account", { intent: "change-password", currentPassword: "partnership-demo", newPassword: "qwerty123456" });
    expect(weak.status).toBe(400);
    expect((await phone.get("/account")).status).toBe(200);

    const changed = await laptop.post("/account", { intent: "change-password", currentPassword: "partnership-demo", newPassword: "a brand new passphrase" });
    expect(changed.status).toBe(200);
    expect((await laptop.get("/account")).status).toBe(200);
    expect((await phone.get("/account")).status).toBe(302);
    await signedIn(app.url, "councillor@demo.test", "a brand new passphrase");
  });

  it("lets people see their sessions and end one of them, but not someone else's", async () => {
    const first = await signedIn(app.url, "admin@demo.test");
    const second = await signedIn(app.url, "admin@demo.test");
    const secondId = second.cookie!.split("=")[1]!.split(".")[0]!;
    const page = await (await first.get("/account")).text();
    expect(page).toContain("(this browser)");

    const stranger = await signedIn(app.url, "leader@demo.test");
    expect((await stranger.post("/account", { intent: "end-session", sessionId: secondId })).status).toBe(404);
    expect((await second.get("/account")).status).toBe(200);

    expect((await first.post("/account", { intent: "end-session", sessionId: secondId })).status).toBe(200);
    expect((await second.get("/account")).status).toBe(302);
  });

  it("ends a disabled person's sessions at once", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const officer = await signedIn(app.url, "officer@demo.test");
    const officerId = (await app.db.selectFrom("users").select("id").where("email", "=", "officer@demo.test").executeTakeFirstOrThrow()).id;

    expect((await admin.post("/p/portsmouth/people", { intent: "disable", userId: officerId })).status).toBe(200);
    expect((await officer.get("/account")).status).toBe(302);
    expect((await client(app.url).post("/login", { email: "officer@demo.test", password: "partnership-demo" })).status).toBe(401);

    expect((await admin.post("/p/portsmouth/people", { intent: "enable", userId: officerId })).status).toBe(200);
    await signedIn(app.url, "officer@demo.test");
  });

  it("answers 429 with the time to try again once an account has failed too often", async () => {
    const attacker = client(app.url);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await attacker.post("/login", { email: "leader@demo.test", password: `guess ${attempt}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const blocked = await attacker.post("/login", { email: "leader@demo.test", password: "partnership-demo" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/Too many failed attempts to sign in\. Wait until \d\d:\d\d, then try again\./);
  });
});

describe(`session lifetime and throttling on ${engine}`, () => {
  let database: TestDatabase;
  let userId: string;
  beforeAll(async () => {
    database = await createTestDatabase({ from: "demo" });
    userId = (await database.db.selectFrom("users").select("id").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => database?.close());

  const browser = { address: "203.0.113.7", userAgent: "test" };

  it("ends a session after two idle hours, and refreshes activity at most hourly", async () => {
    const start = new Date("2026-01-05T09:00:00Z");
    const { token, sessionId } = await createSession(database.db, userId, browser, start);
    const lastActive = async () =>
      (await database.db.selectFrom("sessions").select("lastActiveAt").where("id", "=", sessionId).executeTakeFirstOrThrow()).lastActiveAt;

    expect(await validateSessionToken(database.db, token, new Date(start.getTime() + 30 * MINUTE))).not.toBeNull();
    expect(await lastActive()).toEqual(start);
    expect(await validateSessionToken(database.db, token, new Date(start.getTime() + 61 * MINUTE))).not.toBeNull();
    expect(await lastActive()).toEqual(new Date(start.getTime() + 61 * MINUTE));

    expect(await validateSessionToken(database.db, token, new Date(start.getTime() + 61 * MINUTE + 2 * HOUR))).toBeNull();
    expect(await database.db.selectFrom("sessions").select("id").where("id", "=", sessionId).execute()).toEqual([]);
  });

  it("ends a busy session at its absolute lifetime of 12 hours", async () => {
    const start = new Date("2026-01-06T08:00:00Z");
    const { token } = await createSession(database.db, userId, browser, start);
    for (let hour = 1; hour < 12; hour += 1) {
      expect(await validateSessionToken(database.db, token, new Date(start.getTime() + hour * HOUR))).not.toBeNull();
    }
    expect(await validateSessionToken(database.db, token, new Date(start.getTime() + 12 * HOUR))).toBeNull();
  });

  it("refuses a token with the right id and the wrong secret", async () => {
    const { sessionId } = await createSession(database.db, userId, browser);
    expect(await validateSessionToken(database.db, `${sessionId}.${"a".repeat(32)}`)).toBeNull();
    expect(await validateSessionToken(database.db, sessionId)).toBeNull();
  });

  it("blocks an account after repeated failures with growing delays, and lets it in again after the wait", async () => {
    const email = "facilitator@demo.test";
    const start = new Date("2026-02-01T10:00:00Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect((await signIn(database.db, { email, password: "wrong" }, browser, at(attempt))).outcome).toBe("refused");
    }
    const blocked = await signIn(database.db, { email, password: "partnership-demo" }, browser, at(10));
    expect(blocked).toEqual({ outcome: "throttled", retryAt: at(5 + 30) });

    // The next failure after the wait doubles the delay.
    expect((await signIn(database.db, { email, password: "wrong" }, browser, at(36))).outcome).toBe("refused");
    expect(await signIn(database.db, { email, password: "partnership-demo" }, browser, at(40))).toEqual({ outcome: "throttled", retryAt: at(36 + 60) });

    const recovered = await signIn(database.db, { email, password: "partnership-demo" }, browser, at(97));
    expect(recovered.outcome).toBe("signed-in");
    // Success clears the account's count: one more mistake is not blocked.
    expect((await signIn(database.db, { email, password: "wrong" }, browser, at(98))).outcome).toBe("refused");
    expect((await signIn(database.db, { email, password: "partnership-demo" }, browser, at(99))).outcome).toBe("signed-in");
  });

  it("counts parallel guesses before checking them, so a burst cannot get past the limit", async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        signIn(database.db, { email: "officer@demo.test", password: `guess ${attempt}` }, { address: "203.0.113.99", userAgent: "burst" }),
      ),
    );
    const checked = burst.filter((result) => result.outcome === "refused").length;
    expect(checked).toBeLessThanOrEqual(6);
    expect(burst.filter((result) => result.outcome === "throttled").length).toBe(20 - checked);
  });

  it("blocks an address that fails across many accounts", async () => {
    const start = new Date("2026-03-01T10:00:00Z");
    const attacker = { address: "198.51.100.9", userAgent: "bot" };
    for (let attempt = 0; attempt < 21; attempt += 1) {
      await signIn(database.db, { email: `person${attempt}@demo.test`, password: "guess" }, attacker, new Date(start.getTime() + attempt));
    }
    const result = await signIn(database.db, { email: "admin@demo.test", password: "partnership-demo" }, attacker, new Date(start.getTime() + 100));
    expect(result.outcome).toBe("throttled");
    const elsewhere = await signIn(database.db, { email: "admin@demo.test", password: "partnership-demo" }, browser, new Date(start.getTime() + 100));
    expect(elsewhere.outcome).toBe("signed-in");
  });
});
