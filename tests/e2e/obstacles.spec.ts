// Screens: plan-settings, action, board (the route folders this spec covers; `npm run test:changed` reads it)
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, openPlan, signIn } from "./support/session";

/** The plan's settings, where its obstacle categories are listed and edited. */
async function openSettings(page: Page) {
  await openPlan(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings for Partnership Improvement Action Plan 2010" })).toBeVisible();
}

function categoryList(page: Page) {
  return page.getByRole("list").filter({ has: page.getByRole("heading", { level: 3, name: "Timescales" }) });
}

// Sam Patel chairs the Third Sector Leadership Group, which stewards the Portsmouth plan.
// One category's life, a test a step: each step starts where the last left it.
test.describe("a steward's new obstacle category", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeEach(async ({ page }) => {
    await signIn(page, "leader@demo.test");
  });

  test("is added in the plan's settings; a nameless one is refused at the field and in the summary, on accessible pages", async ({ page }) => {
    await openSettings(page);
    const list = categoryList(page);
    await expect(list.getByRole("listitem")).toHaveCount(6);
    await expectAccessible(page);

    // Nothing typed: the message is at the field and in the summary, which takes focus.
    const add = page.getByRole("form", { name: "Add an obstacle category" });
    await add.getByRole("button", { name: "Add obstacle category" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toContainText("Enter a name for the obstacle category");
    await expect(summary).toBeFocused();
    await expect(add.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);

    await add.getByLabel("Name").fill("Trust between sectors");
    await add.getByLabel("Description (optional)").fill("Old suspicions make joint decisions slow.");
    await add.getByRole("button", { name: "Add obstacle category" }).click();
    await expect(page.getByRole("status")).toHaveText("Obstacle category “Trust between sectors” added.");
    await expect(list.getByRole("listitem")).toHaveCount(7);
    await expect(list.getByRole("listitem").last()).toContainText("Trust between sectors");
    await expect(add.getByLabel("Name")).toHaveValue("");
  });

  test("moves up one place by a button, focus staying with it, and opens for editing", async ({ page }) => {
    await openSettings(page);
    const list = categoryList(page);
    await page.getByRole("button", { name: "Move up Trust between sectors" }).click();
    await expect(page.getByRole("status")).toHaveText("Obstacle category moved up.");
    await expect(list.getByRole("listitem").nth(5)).toContainText("Trust between sectors");
    await expect(page.getByRole("button", { name: "Move up Trust between sectors" })).toBeFocused();
    await page.locator("summary").filter({ hasText: "Edit Trust between sectors" }).click();
    await expect(page.getByRole("button", { name: "Save Trust between sectors" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Back to the board" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Partnership Improvement Action Plan 2010" })).toBeVisible();
  });

  test("is ticked on an action in its dialog, and the action's history says so", async ({ page }) => {
    await openPlan(page);
    await card(page, "1.5")
      .getByRole("link", { name: /^1\.5 / })
      .click();
    const dialog = page.getByRole("dialog");
    const obstacles = dialog.getByRole("group", { name: "Obstacles it addresses" });
    await expect(obstacles.getByLabel("Communications")).toBeChecked();
    await expect(obstacles.getByLabel("Structure")).not.toBeChecked();
    await obstacles.getByLabel("Trust between sectors").check();
    await dialog.getByRole("button", { name: "Save obstacles" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Obstacle categories saved.");
    await expect(obstacles.getByLabel("Trust between sectors")).toBeChecked();
    await expectAccessible(page);
    await dialog.getByRole("tab", { name: "History" }).click();
    await expect(dialog.getByRole("tabpanel")).toContainText("changed the obstacle categories of 1.5 (now");
    await dialog.getByRole("link", { name: /^Close/ }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });

  test("filters the board to the actions that address it, on an accessible page", async ({ page }) => {
    await openPlan(page);
    await page.getByLabel("Obstacle", { exact: true }).selectOption({ label: "Trust between sectors" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]obstacle=[0-9a-f-]{36}/);
    await expect(card(page, "1.5")).toBeVisible();
    await expect(page.getByRole("listitem", { name: /^\d+\.\d+ / })).toHaveCount(1);
    await expectAccessible(page);
  });
});

test("an admin who stewards nothing reads the categories and is told who edits them", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await openPlan(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Obstacle categories" })).toBeVisible();
  await expect(page.getByText("The plan's stewards edit these: members of Community First and Third Sector Leadership Group.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add an obstacle category" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Move (up|down)/ })).toHaveCount(0);
  await expectAccessible(page);
});
