import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/portsmouth-data.server";
import { seedCompactDemo } from "../../app/demo/compact-seed.server";
import { hashPassword } from "../../app/server/auth/passwords.server";
import { hashSecret } from "../../app/server/auth/sessions.server";
import { startApp, type TestApp } from "./support/app";
import { startTestSmtp } from "./support/smtp";
import { client, signedIn } from "./support/http";
import { engine } from "./support/test-database";

// Forgotten passwords, as a person, an admin and an attacker meet them: a link
// by email (against a real SMTP server) or from an admin, single-use and
// expiring; the same answer for any address; every session ends on a reset.

const PUBLIC_URL = "https://board.example.org";
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let app: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  process.env.PUBLIC_URL = PUBLIC_URL;
  app = await startApp();
  // Morgan Reid and Cllr Chris Taylor also belong to the Hertfordshire Compact, which Priya Shah does not run.
  await seedCompactDemo(app.db, await hashPassword(DEMO_PASSWORD), new Date());
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});
// Every request here comes from one client address; each test starts with fresh counters.
beforeEach(() => app.db.deleteFrom("loginThrottles").execute());

/** Mails sent to an address, unfolded (long header lines, quoted-printable soft breaks). */
function mailsTo(email: string): string[] {
  return smtp.received
    .filter((mail) => mail.to.includes(email))
    .map((mail) =>
      mail.text
        .replace(/\r\n[ \t]+/g, " ")
        .replace(/=\r\n/g, "")
        .replace(/=3D/g, "="),
    );
}

/** Asks for a reset email as a stranger would, and returns the page's answer. */
async function requestReset(email: string) {
  const response = await client(app.url).post("/password-reset", { email });
  // The CSP nonce differs per response; nothing else may.
  return { status: response.status, page: (await readPage(response)).replaceAll(/nonce="[^"]*"/g, "") };
}

/** The page's HTML without the comments React puts between adjoining pieces of text. */
async function readPage(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}

/** The token of the latest reset email to an address, once it has arrived. */
async function tokenMailedTo(email: string, count = 1): Promise<string> {
  await expect.poll(() => mailsTo(email).length, { timeout: 5_000 }).toBe(count);
  const mail = mailsTo(email).at(-1)!;
  expect(mail).toContain("Subject: Reset your Partnership Board password");
  const link = new RegExp(`${PUBLIC_URL.replaceAll(".", "\\.")}/password-reset/([a-z2-7]{32})`).exec(mail);
  expect(link, mail).not.toBeNull();
  return link![1]!;
}

const userId = async (email: string) => (await app.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const resetRows = async (email: string) =>
  app.db
    .selectFrom("passwordResets")
    .selectAll()
    .where("userId", "=", await userId(email))
    .execute();

describe(`password reset by email, on ${engine}`, () => {
  it("offers a way back from the sign-in page", async () => {
    const signIn = await (await client(app.url).get("/login")).text();
    expect(signIn).toContain('href="/password-reset"');
    expect(signIn).toContain("Forgot your password?");
    const page = await (await client(app.url).get("/password-reset")).text();
    expect(page).toContain("Enter the email address you sign in with");
    expect(page).toContain("ask an admin of your partnership for a reset link");
  });

  it("mails a single-use link that sets a new password and ends every session", async () => {
    const laptop = await signedIn(app.url, "officer@demo.test");
    const phone = await signedIn(app.url, "officer@demo.test");
    const { status, page } = await requestReset("Officer@Demo.test ");
    expect(status).toBe(200);
    expect(page).toContain("If officer@demo.test belongs to an account, we have sent it a link");
    const token = await tokenMailedTo("officer@demo.test");
    // Only the token's hash is stored.
    const [row] = await resetRows("officer@demo.test");
    expect(row).toMatchObject({ via: "email", issuedBy: null, usedAt: null });
    expect(Buffer.from(row!.tokenHash)).toEqual(Buffer.from(hashSecret(token)));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(3_600_000);

    const form = await client(app.url).get(`/password-reset/${token}`);
    expect(form.status).toBe(200);
    expect(await readPage(form)).toContain("For officer@demo.test");

    const stranger = client(app.url);
    const weak = await stranger.post(`/password-reset/${token}`, { password: "password1234" });
    expect(weak.status).toBe(400);
    expect(await readPage(weak)).toContain("Choose a password that is harder to guess");

    const done = await stranger.post(`/password-reset/${token}`, { password: "kettle harbour violet ninety" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?passwordReset=1");
    const signInPage = await readPage(await client(app.url).get("/login?passwordReset=1"));
    expect(signInPage).toContain("Your password has been changed");

    // Both earlier sessions answer as signed out.
    for (const device of [laptop, phone]) {
      const account = await device.get("/account");
      expect(account.status).toBe(302);
      expect(account.headers.get("Location")).toContain("/login");
    }
    expect((await client(app.url).post("/login", { email: "officer@demo.test", password: DEMO_PASSWORD })).status).toBe(401);
    await signedIn(app.url, "officer@demo.test", "kettle harbour violet ninety");

    // The link is spent.
    const again = await client(app.url).post(`/password-reset/${token}`, { password: "another long passphrase" });
    expect(again.status).toBe(410);
    const reopened = await client(app.url).get(`/password-reset/${token}`);
    expect(reopened.status).toBe(410);
    const spent = await readPage(reopened);
    expect(spent).toContain("This reset link has already been used");
    expect(spent).toContain('href="/password-reset"');
    await signedIn(app.url, "officer@demo.test", "kettle harbour violet ninety");

    const events = await app.db
      .selectFrom("auditEvents")
      .select(["verb", "context", "partnershipId"])
      .where("actorUserId", "=", await userId("officer@demo.test"))
      .where("verb", "=", "password_reset")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.context).toMatchObject({ via: "email", sessionsEnded: 2 });
  });

  it("refuses an expired link with a way to ask for a new one, and changes nothing", async () => {
    await requestReset("leader@demo.test");
    const token = await tokenMailedTo("leader@demo.test");
    // Move the clock: the link was made two hours ago and ran out one hour later.
    await sql`update password_resets set created_at = now() - interval '2 hours', expires_at
      = now() - interval '1 hour' where user_id = ${await userId("leader@demo.test")}`.execute(app.db);

    const page = await client(app.url).get(`/password-reset/${token}`);
    expect(page.status).toBe(410);
    const text = await readPage(page);
    expect(text).toContain("This reset link has expired");
    expect(text).toContain('href="/password-reset"');
    const attempt = await client(app.url).post(`/password-reset/${token}`, { password: "kettle harbour violet ninety" });
    expect(attempt.status).toBe(410);
    await signedIn(app.url, "leader@demo.test");
  });

  it("answers the same for an address with no account, or one not yet signed up, and mails neither", async () => {
    const known = await requestReset("facilitator@demo.test");
    const unknown = await requestReset("nobody@demo.test");
    const notSignedUp = await requestReset("mandy.lindley@portsmouth.demo.test");
    expect([unknown.status, notSignedUp.status]).toEqual([known.status, known.status]);
    const withoutAddress = (answer: { page: string }, email: string) => answer.page.replaceAll(email, "EMAIL");
    expect(withoutAddress(unknown, "nobody@demo.test")).toBe(withoutAddress(known, "facilitator@demo.test"));
    expect(withoutAddress(notSignedUp, "mandy.lindley@portsmouth.demo.test")).toBe(withoutAddress(known, "facilitator@demo.test"));

    // Sent after those two: by the time it arrives, theirs would have been sent too.
    await requestReset("councillor@demo.test");
    await tokenMailedTo("councillor@demo.test");
    await tokenMailedTo("facilitator@demo.test");
    expect(mailsTo("nobody@demo.test")).toEqual([]);
    expect(mailsTo("mandy.lindley@portsmouth.demo.test")).toEqual([]);
    expect(await resetRows("mandy.lindley@portsmouth.demo.test")).toEqual([]);
  });

  it("throttles requests per address, with the same answer, and a new link spends the earlier one", async () => {
    const before = mailsTo("councillor@demo.test").length;
    const answers = [];
    for (let request = 0; request < 6; request++) answers.push(await requestReset("councillor@demo.test"));
    expect(new Set(answers.map((answer) => `${answer.status} ${answer.page}`)).size).toBe(1);
    expect(answers[0]!.status).toBe(200);
    // Three a while are free; the fourth starts a block; the fifth and sixth make no link.
    const rows = await resetRows("councillor@demo.test");
    expect(rows.length).toBe(before + 4);
    const latest = await tokenMailedTo("councillor@demo.test", before + 4);
    expect(rows.filter((row) => row.revokedAt === null)).toHaveLength(1);

    const earlier = /\/password-reset\/([a-z2-7]{32})/.exec(mailsTo("councillor@demo.test").at(-2)!)![1]!;
    const replaced = await client(app.url).get(`/password-reset/${earlier}`);
    expect(replaced.status).toBe(410);
    expect(await readPage(replaced)).toContain("This reset link has been replaced");
    expect((await client(app.url).get(`/password-reset/${latest}`)).status).toBe(200);
  });

  it("throttles requests per client, whatever the addresses", async () => {
    for (let request = 0; request < 11; request++) expect((await requestReset(`guess${request}@demo.test`)).status).toBe(200);
    const before = (await resetRows("facilitator@demo.test")).length;
    expect((await requestReset("facilitator@demo.test")).status).toBe(200);
    expect(await resetRows("facilitator@demo.test")).toHaveLength(before);
  });

  it("sets one password when a link is used twice at once", async () => {
    await requestReset("leader@demo.test");
    const token = await tokenMailedTo("leader@demo.test", 2);
    const passwords = ["first long passphrase here", "second long passphrase here"];
    const answers = await Promise.all(passwords.map((password) => client(app.url).post(`/password-reset/${token}`, { password })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([302, 410]);
    const winner = passwords[answers.findIndex((answer) => answer.status === 302)]!;
    await signedIn(app.url, "leader@demo.test", winner);
    expect((await client(app.url).post("/login", { email: "leader@demo.test", password: passwords.find((password) => password !== winner)! })).status).toBe(
      401,
    );
  });
});

describe(`password reset by an admin's link, on ${engine}`, () => {
  async function issue(admin: Awaited<ReturnType<typeof signedIn>>, email: string) {
    const response = await admin.post("/p/portsmouth/people", { intent: "reset-link", userId: await userId(email) });
    return { status: response.status, page: await readPage(response) };
  }

  it("offers a Reset link beside each person who can sign in, other than the admin", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const page = await readPage(await admin.get("/p/portsmouth/people"));
    expect(page).toContain('Reset link<span class="visually-hidden"> for Jordan Hughes</span>');
    expect(page).not.toContain('Reset link<span class="visually-hidden"> for Mandy Lindley');
    expect(page).not.toContain('Reset link<span class="visually-hidden"> for Priya Shah');
    // Cllr Chris Taylor also belongs to the Compact, which Priya Shah does not run: no link, and why beside them.
    expect(page).not.toContain('Reset link<span class="visually-hidden"> for Cllr Chris Taylor');
    expect(page).toContain("Also in a partnership you are not an admin of");
  });

  it("shows the admin a link, good for 24 hours, that sets a new password and ends every session", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const officer = await signedIn(app.url, "officer@demo.test", "kettle harbour violet ninety");
    const first = await issue(admin, "officer@demo.test");
    expect(first.status).toBe(200);
    const second = await issue(admin, "officer@demo.test");
    expect(second.page).toContain("Reset link created for Jordan Hughes");
    const [firstToken, token] = [first, second].map(
      (answer) => new RegExp(`${PUBLIC_URL.replaceAll(".", "\\.")}/password-reset/([a-z2-7]{32})`).exec(answer.page)![1]!,
    );
    const [row] = (await resetRows("officer@demo.test")).filter((reset) => reset.usedAt === null && reset.revokedAt === null);
    expect(row).toMatchObject({ via: "admin", issuedBy: await userId("admin@demo.test") });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(24 * 3_600_000);
    // The People page shows it once: reloading it does not.
    expect(await readPage(await admin.get("/p/portsmouth/people"))).not.toContain(token);

    expect((await client(app.url).get(`/password-reset/${firstToken}`)).status).toBe(410);
    expect((await client(app.url).post(`/password-reset/${token}`, { password: "granite sparrow lantern" })).status).toBe(302);
    expect((await officer.get("/account")).status).toBe(302);
    await signedIn(app.url, "officer@demo.test", "granite sparrow lantern");
    expect((await client(app.url).post(`/password-reset/${token}`, { password: "granite sparrow lantern two" })).status).toBe(410);

    const issued = await app.db
      .selectFrom("auditEvents")
      .select(["actorUserId", "actorRole", "partnershipId"])
      .where("verb", "=", "password_reset_link_created")
      .where("entityId", "=", await userId("officer@demo.test"))
      .execute();
    expect(issued).toHaveLength(2);
    expect(issued[0]).toMatchObject({ actorUserId: await userId("admin@demo.test"), actorRole: "admin" });
  });

  it("refuses anyone but an admin", async () => {
    for (const email of ["facilitator@demo.test", "councillor@demo.test"]) {
      const { status } = await issue(await signedIn(app.url, email), "officer@demo.test");
      expect(status, email).toBe(403);
    }
    const byAdmin = await app.db
      .selectFrom("passwordResets")
      .select("id")
      .where("via", "=", "admin")
      .where("userId", "=", await userId("officer@demo.test"))
      .execute();
    expect(byAdmin).toHaveLength(2);
  });

  it("refuses someone who also belongs to a partnership the admin does not run, saying why", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const { status, page } = await issue(admin, "councillor@demo.test");
    expect(status).toBe(403);
    expect(page).toContain("Cllr Chris Taylor also belongs to a partnership you are not an admin of");
    expect(
      await app.db
        .selectFrom("passwordResets")
        .select("id")
        .where("via", "=", "admin")
        .where("userId", "=", await userId("councillor@demo.test"))
        .execute(),
    ).toEqual([]);
    const refusal = await app.db
      .selectFrom("auditEvents")
      .select("context")
      .where("verb", "=", "refused")
      .where("actorUserId", "=", await userId("admin@demo.test"))
      .execute();
    expect(refusal.at(-1)?.context).toMatchObject({ permission: "partnership.manageMembers" });
  });

  it("says what to do instead for oneself, someone not signed up, and someone unknown", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const self = await issue(admin, "admin@demo.test");
    expect(self.status).toBe(409);
    expect(self.page).toContain("go to Your account");
    const notSignedUp = await issue(admin, "mandy.lindley@portsmouth.demo.test");
    expect(notSignedUp.status).toBe(409);
    expect(notSignedUp.page).toContain("invite them instead");
    const unknown = await admin.post("/p/portsmouth/people", { intent: "reset-link", userId: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
  });
});

describe(`an admin's reset link for someone who then joins another partnership, on ${engine}`, () => {
  it("is refused when used, saying why, and the password stays as it was", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const issued = await admin.post("/p/portsmouth/people", { intent: "reset-link", userId: await userId("officer@demo.test") });
    expect(issued.status).toBe(200);
    const token = new RegExp(`${PUBLIC_URL.replaceAll(".", "\\.")}/password-reset/([a-z2-7]{32})`).exec(await readPage(issued))![1]!;
    expect((await client(app.url).get(`/password-reset/${token}`)).status).toBe(200);

    // The Compact's admin invites Jordan Hughes, who accepts while signed in: a partnership Priya Shah does not run.
    const helen = "helen.marsh@hertfordshire.demo.test";
    await app.db
      .updateTable("users")
      .set({ passwordHash: await hashPassword(DEMO_PASSWORD) })
      .where("email", "=", helen)
      .execute();
    const compactAdmin = await signedIn(app.url, helen);
    const invited = await compactAdmin.post("/p/hertfordshire/people", {
      intent: "invite",
      email: "officer@demo.test",
      displayName: "Jordan Hughes",
      role: "member",
      sector: "public",
    });
    const invitation = /\/invitations\/([a-z2-7]+)/.exec(await readPage(invited))![1]!;
    const jordan = await signedIn(app.url, "officer@demo.test", "granite sparrow lantern");
    expect((await jordan.post(`/invitations/${invitation}`, { displayName: "Jordan Hughes" })).status).toBe(302);

    const { passwordHash } = await app.db.selectFrom("users").select("passwordHash").where("email", "=", "officer@demo.test").executeTakeFirstOrThrow();
    const shown = await client(app.url).get(`/password-reset/${token}`);
    expect(shown.status).toBe(403);
    expect(await readPage(shown)).toContain("This reset link can no longer be used");
    const used = await client(app.url).post(`/password-reset/${token}`, { password: "lighthouse pepper orchard" });
    expect(used.status).toBe(403);
    const page = await readPage(used);
    expect(page).toContain("This reset link can no longer be used");
    expect(page).toContain("does not run every partnership you belong to");
    expect(await app.db.selectFrom("users").select("passwordHash").where("email", "=", "officer@demo.test").executeTakeFirstOrThrow()).toEqual({
      passwordHash,
    });
    expect((await client(app.url).post("/login", { email: "officer@demo.test", password: "lighthouse pepper orchard" })).status).toBe(401);
    await signedIn(app.url, "officer@demo.test", "granite sparrow lantern");

    // Nor is the link offered for Jordan any more: the People page says why instead.
    const people = await readPage(await admin.get("/p/portsmouth/people"));
    expect(people).not.toContain('Reset link<span class="visually-hidden"> for Jordan Hughes</span>');
    expect(people).toContain("Also in a partnership you are not an admin of");
  });
});

describe(`password reset under bad input, on ${engine}`, () => {
  it("answers 4xx with a message, never 5xx, and changes no password", async () => {
    const anonymous = client(app.url);
    const admin = await signedIn(app.url, "admin@demo.test");
    const mailed = mailsTo("facilitator@demo.test").length;
    await requestReset("facilitator@demo.test");
    const token = await tokenMailedTo("facilitator@demo.test", mailed + 1);
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ["NUL in the email", anonymous.post("/password-reset", { email: "leader@demo.test\u0000" }), 400, "NUL character"],
      ["no email", anonymous.post("/password-reset", {}), 400, "Enter an email address"],
      ["a huge email", anonymous.post("/password-reset", { email: `${"a".repeat(100_000)}@demo.test` }), 400, "254 characters or fewer"],
      ["two emails", anonymous.post("/password-reset", { email: ["leader@demo.test", "officer@demo.test"] }), 400, "Enter an email address"],
      ["NUL in the password", anonymous.post(`/password-reset/${token}`, { password: "kettle\u0000harbour violet" }), 400, "NUL character"],
      ["no password", anonymous.post(`/password-reset/${token}`, {}), 400, "Enter a new password"],
      ["a huge password", anonymous.post(`/password-reset/${token}`, { password: "x".repeat(500_000) }), 400, "256 characters or fewer"],
      ["an unknown token", anonymous.post("/password-reset/abcdefghijklmnopqrstuvwxyz234567", { password: "kettle harbour violet" }), 404, "not valid"],
      ["a token that is no token", anonymous.get("/password-reset/not-a-token"), 404, "not valid"],
      ["NUL in the token", anonymous.get("/password-reset/a%00b"), 400, "contains a character"],
      ["no such person", admin.post("/p/portsmouth/people", { intent: "reset-link", userId: "not-an-id" }), 400, "Choose a person"],
      ["NUL in the person", admin.post("/p/portsmouth/people", { intent: "reset-link", userId: `${crypto.randomUUID()}\u0000` }), 400, "NUL character"],
    ];
    for (const [what, answer, status, message] of cases) {
      const response = await answer;
      expect(response.status, what).toBe(status);
      expect(await readPage(response), what).toContain(message);
    }
    // The link still works, once.
    expect((await client(app.url).get(`/password-reset/${token}`)).status).toBe(200);
    await signedIn(app.url, "facilitator@demo.test");
  });
});
