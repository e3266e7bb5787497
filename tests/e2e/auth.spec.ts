// Screens: login, logout, invitation, home, account (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn, signInWithForm } from "./support/session";

const PERSONAS = [
  { email: "admin@demo.test", name: "Priya Shah", identity: /You act as partnership admin,\s*Public sector/ },
  { email: "leader@demo.test", name: "Sam Patel", identity: /You act as member,\s*Voluntary and community sector/ },
  { email: "officer@demo.test", name: "Jordan Hughes", identity: /You act as member,\s*Public sector/ },
  { email: "facilitator@demo.test", name: "Morgan Reid", identity: /You act as facilitator,\s*Independent/ },
  { email: "councillor@demo.test", name: "Cllr Chris Taylor", identity: /You act as observer,\s*Public sector/ },
];

for (const persona of PERSONAS) {
  test(`${persona.email} signs in, sees who they act as, and signs out`, async ({ page }) => {
    // Through the form: signing out ends the session, so it must not be the saved one.
    await signInWithForm(page, persona.email);
    await expect(page.getByRole("navigation", { name: "Your account" })).toContainText(persona.name);
    await expect(page.getByRole("heading", { name: "Your partnerships" })).toBeVisible();
    await page.getByRole("link", { name: "Portsmouth Public Sector & Voluntary and Community Sector" }).click();
    await expect(page.locator(".context-bar__identity")).toHaveText(persona.identity);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/p/portsmouth");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fp%2Fportsmouth$/);
  });
}

test("the sign-in page explains a mistake and passes WCAG 2.2 AA checks", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page);
  await page.getByLabel("Email").fill("leader@demo.test");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter a correct email address and password");
  await expect(summary).toBeFocused();
  await expectAccessible(page);
});

test("after sign-in, people land on the page they asked for", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await page.getByLabel("Email").fill("facilitator@demo.test");
  await page.getByLabel("Password").fill("partnership-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expectAccessible(page);
});

test("an invitation goes from the admin to the new person's first sign-in", async ({ page, browser }) => {
  // One story across two browsers: a password hashed, a sign-in through the form, two axe scans; slow on a busy machine.
  test.slow();
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth/people");
  await expectAccessible(page);
  const invite = page
    .getByRole("region", { name: "Invite someone" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "Invite someone" }) }));
  await invite.getByLabel("Their name").fill("Kaye Checkley");
  await invite.getByLabel("Their email address").fill("kaye.checkley@demo.test");
  await invite.getByLabel("Role").selectOption("member");
  await invite.getByLabel("Sector they act in").selectOption("voluntary_community");
  await invite.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invitations\/[a-z2-7]{32}$/);

  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: "Join Portsmouth Public Sector & Voluntary and Community Sector" })).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel("Choose a password").fill("short");
  await newcomer.getByRole("button", { name: "Accept and continue" }).click();
  await expect(newcomer.getByRole("alert")).toContainText("Enter a password of at least 12 characters");
  await newcomer.getByLabel("Choose a password").fill("Age Concern in Southsea 1948");
  await newcomer.getByRole("button", { name: "Accept and continue" }).click();
  await expect(newcomer.locator(".context-bar__identity")).toHaveText(/You act as member,\s*Voluntary and community sector/);

  // The link works once.
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

  // Signing out and in again with the chosen password works.
  await newcomer.getByRole("button", { name: "Sign out" }).click();
  // Signed out before the form is opened: going to it sooner cancels the sign-out, and it sends a signed-in person home.
  await expect(newcomer.getByText("You have signed out.")).toBeVisible();
  await signIn(newcomer, "kaye.checkley@demo.test", "Age Concern in Southsea 1948");
  await expect(newcomer.getByRole("link", { name: "Partnership Improvement Action Plan 2010" })).toBeVisible();
  await newcomerContext.close();
});
