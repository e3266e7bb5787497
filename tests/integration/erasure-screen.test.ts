import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// An admin of every partnership a person belongs to erases their data from
// the People page, after seeing what would change and typing their email.

let app: TestApp;
let admin: Client;
let erasePath: string;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  const sam = await app.db.selectFrom("users").select("id").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow();
  erasePath = `/p/portsmouth/people/${sam.id}/erase`;
});
afterAll(() => app?.close());

/** The page's text, tags stripped, so sentences read as a person sees them. */
async function textOf(response: Response) {
  return (await response.text())
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

describe(`erasing a person from the People page on ${engine}`, () => {
  it("is offered to an admin of all their partnerships, showing what would change", async () => {
    const people = await admin.get("/p/portsmouth/people");
    expect(await people.text()).toContain(`href="${erasePath}"`);
    const page = await admin.get(erasePath);
    expect(page.status).toBe(200);
    const text = await textOf(page);
    expect(text).toContain("Erase Sam Patel's data");
    expect(text).toContain("replaced everywhere by “Former member 1”");
    expect(text).toContain("Their progress notes: text replaced by “Removed at the person's request” 2");
    expect(text).toContain("Type Sam Patel's email address to confirm");
  });

  it("is refused to anyone who is not an admin, and logged", async () => {
    const leader = await signedIn(app.url, "officer@demo.test");
    expect((await leader.get(erasePath)).status).toBe(403);
    expect((await leader.post(erasePath, { email: "leader@demo.test" })).status).toBe(403);
    const refusals = await app.db.selectFrom("auditEvents").select("entityId").where("verb", "=", "refused").where("entityId", "=", erasePath).execute();
    expect(refusals).toHaveLength(2);
    expect(await app.db.selectFrom("users").select("displayName").where("email", "=", "leader@demo.test").executeTakeFirst()).toEqual({
      displayName: "Sam Patel",
    });
  });

  it("asks for their email again when it is mistyped, and erases nothing", async () => {
    const wrong = await admin.post(erasePath, { email: "someone@demo.test" });
    expect(wrong.status).toBe(400);
    expect(await textOf(wrong)).toContain("Type Sam Patel's email address, as shown, to confirm");
    const empty = await admin.post(erasePath, { email: " " });
    expect(empty.status).toBe(400);
    expect(await textOf(empty)).toContain("Type their email address to confirm");
    expect(await app.db.selectFrom("users").select("erasedAt").where("email", "=", "leader@demo.test").executeTakeFirst()).toEqual({ erasedAt: null });
  });

  it("erases them once confirmed, as the admin's act, and says so", async () => {
    const done = await admin.post(erasePath, { email: "Leader@demo.test" });
    expect(done.status).toBe(200);
    expect(await textOf(done)).toContain("Their data is erased: they now appear as Former member 1 everywhere, and can no longer sign in.");
    const event = await app.db
      .selectFrom("auditEvents as e")
      .innerJoin("users as u", "u.id", "e.actorUserId")
      .select(["u.email", "e.actorRole", "e.context"])
      .where("e.verb", "=", "erased")
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ email: "admin@demo.test", actorRole: "admin", context: { formerMember: 1, notesTextRemoved: 2 } });
    const people = await textOf(await admin.get("/p/portsmouth/people"));
    expect(people).toContain("Former member 1");
    expect(people).toContain("Erased at their request");
    expect(people).not.toContain("Sam Patel");
    expect(await textOf(await admin.get(erasePath))).toContain("Former member 1's data was erased already.");
    expect((await admin.post(erasePath, { email: "former-member-1@erased.invalid" })).status).toBe(409);
  });
});
