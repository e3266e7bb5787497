// Screens: password-reset, password-reset-token, people, login (the route folders this spec covers; `npm run test:changed` reads it)
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// Forgotten passwords without email (the test server has no SMTP_URL): the
// sign-in page says to ask an admin, the admin makes a link on People, and the
// person chooses a new password with it, once. The person is someone this
// spec invites, so the demo accounts keep their password for other specs.

test.describe.configure({ mode: "serial" });

const PERSON = { name: "Robin Ellis", email: "robin.ellis@demo.test", first: "Milton Road allotments 1972", second: "Fratton Park on a Tuesday night" };

/** The admin's one-time link for a person, as the People page shows it. */
async function issueResetLink(admin: Page, name: string): Promise<string> {
  await admin.goto("/p/portsmouth/people");
  await admin.getByRole("button", { name: `Reset link for ${name}` }).click();
  // The link shows in the person's row, focused, not a long table above.
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("status").filter({ hasText: `Reset link created for ${name}` })).toBeVisible();
  await expect(row.getByLabel("Reset link", { exact: true })).toBeFocused();
  const link = await admin.getByLabel("Reset link", { exact: true }).inputValue();
  expect(link).toMatch(/\/password-reset\/[a-z2-7]{32}$/);
  return link;
}

test("without email, the sign-in page leads to asking an admin; the admin's link sets a new password once", async ({ page: admin, browser }) => {
  // Three browsers, two argon2 hashes and six axe scans: slow on a busy machine.
  test.slow();
  // Someone new joins, with a password of their own.
  await signIn(admin, "admin@demo.test");
  await admin.goto("/p/portsmouth/people");
  const invite = admin.locator("section", { has: admin.getByRole("heading", { name: "Invite someone" }) });
  await invite.getByLabel("Their name").fill(PERSON.name);
  await invite.getByLabel("Their email address").fill(PERSON.email);
  await invite.getByRole("button", { name: "Create invitation" }).click();
  const invitation = await admin.getByLabel("Invitation link").inputValue();
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  await laptop.goto(invitation);
  await laptop.getByLabel("Choose a password").fill(PERSON.first);
  await laptop.getByRole("button", { name: "Accept and continue" }).click();
  await expect(laptop.getByRole("button", { name: "Sign out" })).toBeVisible();

  // They forget it: on another device, the sign-in page has a way back that is no dead end.
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await phone.goto("/login");
  await expectAccessible(phone);
  await phone.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Forgotten your password?" })).toBeVisible();
  await expect(phone.getByText("Ask an admin of your partnership for a reset link.")).toBeVisible();
  await expectAccessible(phone);

  // The admin makes a link (the People page shows it once) and passes it on.
  const link = await issueResetLink(admin, PERSON.name);
  await expectAccessible(admin);

  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(phone.getByText(`For ${PERSON.email}.`)).toBeVisible();
  await expectAccessible(phone);
  await phone.getByLabel("New password").fill("password1234");
  await phone.getByRole("button", { name: "Set new password" }).click();
  await expect(phone.getByRole("alert")).toContainText("Choose a password that is harder to guess");
  await expect(phone.getByRole("alert")).toBeFocused();
  await expectAccessible(phone);
  await phone.getByLabel("New password").fill(PERSON.second);
  await phone.getByRole("button", { name: "Set new password" }).click();

  // Sent to sign in, with every session ended: the laptop is signed out too.
  await expect(phone.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(phone.getByRole("status")).toHaveText(/Your password has been changed/);
  await laptop.reload();
  await expect(laptop.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  await signIn(phone, PERSON.email, PERSON.second);

  // The link works once, and says how to get another.
  const response = await phone.goto(link);
  expect(response?.status()).toBe(410);
  await expect(phone.getByRole("heading", { level: 1, name: "This reset link has already been used" })).toBeVisible();
  await expect(phone.getByRole("link", { name: "Get a new reset link" })).toHaveAttribute("href", "/password-reset");
  await expectAccessible(phone);

  // The old password no longer opens the account.
  await laptop.getByLabel("Email").fill(PERSON.email);
  await laptop.getByLabel("Password").fill(PERSON.first);
  await laptop.getByRole("button", { name: "Sign in" }).click();
  await expect(laptop.getByRole("alert")).toContainText("Enter a correct email address and password");

  await laptopContext.close();
  await phoneContext.close();
});

test("a newer link replaces an older one", async ({ page: admin, browser }) => {
  await signIn(admin, "admin@demo.test");
  const older = await issueResetLink(admin, PERSON.name);
  const newer = await issueResetLink(admin, PERSON.name);
  const context = await browser.newContext();
  const person = await context.newPage();
  const response = await person.goto(older);
  expect(response?.status()).toBe(410);
  await expect(person.getByRole("heading", { level: 1, name: "This reset link has been replaced" })).toBeVisible();
  await expectAccessible(person);
  expect((await person.goto(newer))?.status()).toBe(200);
  await context.close();
});
