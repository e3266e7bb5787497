// Screens: people, groups, group, security-log, plan-new, partnership (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn, signInWithForm } from "./support/session";

// A group, then a plan it stewards, then that plan's settings: each test starts where the last left off.
test.describe("an admin's new group and the plan it stewards", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin@demo.test");
  });

  test("an admin creates a group and makes a member its chair, on accessible pages", async ({ page }) => {
    await expectAccessible(page);
    await page.goto("/p/portsmouth");
    await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Groups" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Name").fill("Faith Communities Forum");
    await page.getByLabel("Sector").selectOption({ label: "Voluntary and community sector" });
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("status")).toHaveText("Group Faith Communities Forum created. Add its members next.");
    await page.getByRole("link", { name: "Faith Communities Forum" }).click();
    await page.getByLabel("Add a member").selectOption({ label: "Sam Patel" });
    await page.getByRole("button", { name: "Add to group" }).click();
    await expect(page.getByRole("status")).toHaveText("Member added.");
    await page.getByRole("button", { name: "Make Sam Patel the chair" }).click();
    await expect(page.getByText("Sam Patel (chair)")).toBeVisible();
    await expectAccessible(page);
  });

  test("an admin creates a plan with the group as its steward, on an accessible page", async ({ page }) => {
    await page.goto("/p/portsmouth");
    await page.getByRole("link", { name: "Create a plan" }).click();
    await expectAccessible(page);
    await page.getByLabel("Title").fill("Faith and community action plan 2011");
    await page.getByLabel(/^Faith Communities Forum/).check();
    await page.getByRole("button", { name: "Create plan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Faith and community action plan 2011" })).toBeVisible();
    await expect(
      page.getByText("This plan has no objectives yet. Only its stewards add them: the members of Faith Communities Forum (Sam Patel)."),
    ).toBeVisible();
  });

  test("an admin allows single-sector sign-off in the new plan's settings, on an accessible page", async ({ page }) => {
    await page.goto("/p/portsmouth");
    await page.getByRole("link", { name: "Faith and community action plan 2011", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Faith and community action plan 2011" })).toBeVisible();
    await page.getByRole("link", { name: "Settings" }).click();
    await expectAccessible(page);
    await page.getByLabel("Allow single-sector sign-off").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");
  });
});

test("a member does not see the people page and is refused it", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await page.goto("/p/portsmouth");
  await expect(page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "People" })).toHaveCount(0);
  const response = await page.goto("/p/portsmouth/people");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to do that");
  await expectAccessible(page);
});

test("an admin reads a member's refused visit in the security log, in words", async ({ page }) => {
  // Through the form: the leader signs out, which must not end the saved session.
  await signInWithForm(page, "leader@demo.test");
  await page.goto("/p/portsmouth/people");
  await page.getByRole("button", { name: "Sign out" }).click();
  // Signed out before the admin's cookie goes in: the sign-out's reply clears the cookie, and going on sooner cancels it.
  await expect(page.getByText("You have signed out.")).toBeVisible();

  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth");
  await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Security log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Security log" })).toBeVisible();
  const newest = page.getByRole("region", { name: "Refused requests" }).getByRole("row").nth(1);
  await expect(newest).toContainText("Sam Patel (voluntary and community sector)");
  await expect(newest).toContainText("tried to manage the partnership's people but may not");
  await expect(newest).toContainText("/p/portsmouth/people");
  await expectAccessible(page);
});

test("an admin is offered a reset link only for whom they may make one, and reads why not beside the others", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth/people");
  const rowOf = (name: string) => page.locator("tr", { has: page.locator("strong", { hasText: name }) });
  await expect(rowOf("Jordan Hughes").getByRole("button", { name: "Reset link for Jordan Hughes" })).toBeVisible();
  // Cllr Chris Taylor also belongs to the Hertfordshire Compact, which Priya Shah does not run.
  const councillor = rowOf("Cllr Chris Taylor");
  await expect(councillor.getByRole("button", { name: /Reset link/ })).toHaveCount(0);
  await expect(councillor).toContainText("Also in a partnership you are not an admin of, so no reset link from here");
  await expectAccessible(page);
});
