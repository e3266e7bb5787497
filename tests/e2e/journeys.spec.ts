// Screens: plan-new, plan-settings, board, action, people (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, openMove, openPlan, signIn } from "./support/session";

// Journeys that used to stop dead. Later specs share this database: the plan
// and group made here are new, 2.3 is touched by no later spec, and the lead
// invited here is left with an invitation, not an account.

test("a completion no public-sector lead or steward could confirm names who can, and the officer confirms it", async ({ browser }) => {
  // Two people signed in, two boards live, axe over the board: slow on a busy machine.
  test.slow();
  const leaderContext = await browser.newContext();
  const officerContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  const officer = await officerContext.newPage();
  await signIn(leader, "leader@demo.test");
  await signIn(officer, "officer@demo.test");

  // 2.3 is led by the Third Sector Leadership Group; the plan's stewards are all voluntary sector.
  await openPlan(leader);
  const move = await openMove(leader, "2.3");
  await move.getByLabel("Column").selectOption({ label: "Done" });
  await move.getByRole("button", { name: /^Move 2\.3/ }).click();
  await expect(card(leader, "2.3")).toContainText("Awaiting confirmation from the public sector");
  await expect(card(leader, "2.3")).toContainText("Jordan Hughes or Priya Shah can confirm.");
  await expect(card(leader, "2.3").getByRole("link", { name: /^Confirm or return/ })).toHaveCount(0);

  await openPlan(officer);
  await expect(card(officer, "2.3")).toContainText("Jordan Hughes or Priya Shah can confirm.");
  await card(officer, "2.3")
    .getByRole("link", { name: /^Confirm or return 2\.3/ })
    .click();
  const dialog = officer.getByRole("dialog", { name: /^2\.3 / });
  await expect(dialog).toContainText("Jordan Hughes or Priya Shah can confirm.");
  await expectAccessible(officer);
  await dialog.getByRole("button", { name: "Confirm it is done" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Confirmed as done.");
  await dialog.getByRole("link", { name: /^Close/ }).click();
  await expect(card(officer, "2.3")).toContainText("Confirmed done by Jordan Hughes");
  await leaderContext.close();
  await officerContext.close();
});

test("an admin creates a plan, joins its steward group from the form, and adds its first objective", async ({ page }) => {
  test.slow();
  await signIn(page, "admin@demo.test");
  // A group of its own, so no demo plan gains a steward.
  await page.goto("/p/portsmouth/groups");
  await page.getByLabel("Name").fill("Neighbourhood Forum");
  await page.getByLabel("Sector").selectOption({ label: "Voluntary and community sector" });
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("status")).toHaveText("Group Neighbourhood Forum created. Add its members next.");

  await page.goto("/p/portsmouth");
  await page.getByRole("link", { name: "Create a plan" }).click();
  await page.getByLabel("Title").fill("Neighbourhood action plan 2011");
  await page.getByLabel(/^Neighbourhood Forum/).check();
  await page.getByLabel("Add me to the steward groups I chose").check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Neighbourhood action plan 2011" })).toBeVisible();
  await expect(page.getByText(/^This plan has no objectives yet\. Add the first one below, or import them from a table/)).toBeVisible();
  await page.getByLabel("Add an objective").fill("More residents take part in local decisions");
  await page.getByRole("button", { name: "Add objective" }).click();
  await expect(page.getByRole("region", { name: /^Objective 1: More residents take part/ })).toBeVisible();
  await expectAccessible(page);

  // Its stewards are all voluntary sector: the settings say who will confirm their completions.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("note")).toContainText("Every steward group is of the voluntary and community sector and single-sector sign-off is off.");
  await expect(page.getByRole("note")).toContainText("Jordan Hughes or Priya Shah can confirm.");
  await expectAccessible(page);
});

test("an admin who creates a plan without joining is told who fills it and how to join", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth/plans/new");
  await page.getByLabel("Title").fill("Compact monitoring 2011");
  await page.getByLabel(/^Compact Working Group/).check();
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(
    page.getByText("This plan has no objectives yet. Only its stewards add them: the members of Compact Working Group (Jordan Hughes)."),
  ).toBeVisible();
  await expect(page.getByText("To add them yourself, join one of these groups on its page, or change who stewards the plan.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Compact Working Group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compact Working Group" })).toBeVisible();
});

test("an admin invites a named lead from the People list, and the form is empty afterwards", async ({ page }) => {
  test.slow();
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth/people");
  const david = page.getByRole("row").filter({ hasText: "David Williams" });
  await expect(david).toContainText("Not yet signed up");
  await david.getByRole("link", { name: "Invite David Williams" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Invite David Williams" })).toBeVisible();
  await expect(page.getByLabel("Their name")).toHaveValue("David Williams");
  await expect(page.getByLabel("Their email address")).toHaveValue("david.williams@portsmouth.demo.test");
  await expectAccessible(page);

  await page.getByLabel("Their email address").fill("david.williams@council.example");
  await page.getByRole("button", { name: "Create invitation" }).click();
  // The link shows by the form the admin used, focused, not a long table above it.
  const invitation = page.getByRole("region", { name: "Invite someone" });
  await expect(invitation.getByRole("status").filter({ hasText: "Invitation created for David Williams." })).toBeVisible();
  await expect(invitation.getByLabel("Invitation link")).toHaveValue(/\/invitations\/[a-z2-7]{32}$/);
  await expect(invitation.getByLabel("Invitation link")).toBeFocused();
  await expect(invitation.getByLabel("Invitation link")).toBeInViewport();
  await expect(page.getByRole("heading", { level: 2, name: "Invite someone" })).toBeVisible();
  await expect(page.getByLabel("Their name")).toHaveValue("");
  await expect(page.getByLabel("Their email address")).toHaveValue("");
  await expect(page.getByRole("listitem").filter({ hasText: "David Williams (david.williams@council.example)" })).toBeVisible();
  await expectAccessible(page);
});

test("the lead picker offers the people who can act on an action", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await openPlan(page);
  await card(page, "1.5")
    .getByRole("link", { name: /^1\.5 / })
    .click();
  const leads = page.getByRole("dialog").getByRole("group", { name: "Leads" });
  await expect(leads.getByRole("checkbox", { name: /^Sam Patel/ })).toBeVisible();
  await expect(leads.getByRole("checkbox", { name: /^Mandy Lindley/ })).toBeVisible();
  await expect(leads.getByRole("checkbox", { name: /Chris Taylor/ })).toHaveCount(0);
  await expect(leads.getByRole("checkbox", { name: /Morgan Reid/ })).toHaveCount(0);
  await expectAccessible(page);
});
