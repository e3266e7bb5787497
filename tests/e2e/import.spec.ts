// Screens: plan-import, plan-import-into, plan-json, plan-new (the route folders this spec covers; `npm run test:changed` reads it)
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// Bringing a plan in from a table. Later specs share this database: the plans
// made here have titles of their own, the demo plan is not touched, and the
// admin joins no group (in one of the demo plan's steward groups, she would
// change who confirms its completions).

test("an admin pastes a table, fixes the problem the preview flags, imports it and lands on the new board", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth");
  await page.getByRole("link", { name: "Import a plan from a table" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a plan" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Title").fill("Volunteering plan 2011");
  await page.getByRole("checkbox", { name: /Community First/ }).check();
  const table = page.getByLabel("Paste the table");
  await table.fill(
    [
      "Objective\tAction\tLead person/group\tTimescale\tStatus",
      "1. More people volunteer\t1. Run a volunteering fair\tCommunity First & Mandy Lindley\tJune 2011\tSomeday",
      "\t2. Publish a directory of roles\tProviders Network\tAutumn 2011\t",
      "2. Volunteers are thanked\t1. Hold an awards evening\tPCC communications team/Local press\tDecember 2011\tIn progress",
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Preview" })).toBeFocused();
  await expect(preview).toContainText("2 objectives, 3 actions.");
  await expect(preview).toContainText("1 problem to fix before importing");
  await expect(preview).toContainText('Line 2: "Someday" is not a status we know.');
  await expect(preview).toContainText("Mandy Lindley (person)");
  await expect(preview).toContainText("Local press (outside body)");
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectAccessible(page);

  // The fix is made in the box, where the table still is.
  await table.fill((await table.inputValue()).replace("Someday", "Not started"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(preview).toContainText("Nothing has been written yet. Check the preview, then import.");
  await expect(preview).not.toContainText("to fix before importing");
  await page.getByRole("button", { name: "Import 3 actions" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Volunteering plan 2011" })).toBeVisible();
  await expect(page.getByRole("listitem", { name: /^1\.1 Run a volunteering fair/ })).toBeVisible();
  await expect(page.getByRole("listitem", { name: /^2\.1 Hold an awards evening/ })).toBeVisible();
});

test("a steward fills an empty plan from Appendix A saved as a file", async ({ browser }) => {
  // An admin makes an empty plan with the leader's group as its steward.
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, "admin@demo.test");
  await adminPage.goto("/p/portsmouth/plans/new");
  await adminPage.getByLabel("Title").fill("Appendix A, from the file");
  await adminPage.getByRole("checkbox", { name: /Third Sector Leadership Group/ }).check();
  await adminPage.getByRole("button", { name: "Create plan" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Appendix A, from the file" })).toBeVisible();
  const boardUrl = adminPage.url();

  const page = await (await browser.newContext()).newPage();
  await signIn(page, "leader@demo.test");
  await page.goto(boardUrl);
  await page.getByRole("link", { name: "import them from a table" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import into Appendix A, from the file" })).toBeVisible();
  await page.getByLabel("Or choose a file").setInputFiles(path.resolve(import.meta.dirname, "../fixtures/appendix-a.tsv"));
  await page.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText(
    "2 objectives, 9 actions. 19 leads matched to people and groups of the partnership, 2 named as outside bodies; 2 actions without a due date.",
  );
  await expect(page.getByText("Read from appendix-a.tsv; the box above now holds its text.")).toBeVisible();
  await expect(page.getByLabel("Paste the table")).toHaveValue(/^Objectives\tActions\tLead person\/group\tTimescale/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Import 9 actions" }).click();
  await expect(page.getByRole("listitem", { name: /^1\.5 Map Portsmouth's third sector organisations/ })).toBeVisible();
  await expect(page).toHaveURL(/\?imported=9$/);
});
