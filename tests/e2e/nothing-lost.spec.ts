// Screens: action, board (the route folders this spec covers; `npm run test:changed` reads it)
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, lane, openPlan, signIn } from "./support/session";

// Nothing a person types is lost without their say: not by closing the action,
// not by a limit that cuts a paste short, not by a timescale read as no date.
// Later specs share this database: only 1.4's timescale wording is saved here.

async function openAction(page: Page, reference: string) {
  await card(page, reference)
    .getByRole("link", { name: new RegExp(`^${reference.replace(".", "\\.")} `) })
    .click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`^${reference.replace(".", "\\.")} `) });
  await expect(dialog.getByRole("tab", { name: "Details" })).toBeVisible();
  return dialog;
}

test.describe("the action dialog, as the Third Sector Leadership Group's chair", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "leader@demo.test");
    await openPlan(page);
  });

  test("asks before throwing away unsaved details or a note, and keeps them unless told to discard", async ({ page }) => {
    // Nothing changed: Escape closes at once, as before.
    let dialog = await openAction(page, "1.5");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);

    dialog = await openAction(page, "1.5");
    const original = await dialog.getByLabel("Description").inputValue();
    await dialog.getByLabel("Description").fill("A draft nobody has saved yet.");
    await page.keyboard.press("Escape");
    const ask = page.getByRole("alertdialog", { name: "Discard your unsaved changes?" });
    await expect(ask).toBeVisible();
    await expect(ask.getByRole("button", { name: "Keep editing" })).toBeFocused();
    await expectAccessible(page);
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await expect(ask).toHaveCount(0);
    await expect(dialog.getByLabel("Description")).toHaveValue("A draft nobody has saved yet.");
    await expect(dialog.getByLabel("Description")).toBeFocused();

    // Close asks too; Discard closes and leaves the action as it was.
    await dialog.getByRole("link", { name: /^Close/ }).click();
    await expect(ask).toBeVisible();
    await ask.getByRole("button", { name: "Discard" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(card(page, "1.5").getByRole("link", { name: /^1\.5 / })).toBeFocused();
    dialog = await openAction(page, "1.5");
    await expect(dialog.getByLabel("Description")).toHaveValue(original);

    // A note typed and not added: Escape asks, and Escape again keeps it.
    await dialog.getByRole("tab", { name: /^Progress notes/ }).click();
    await dialog.getByLabel("Add a progress note").fill("Spoke to Community First about the directory.");
    await page.keyboard.press("Escape");
    await expect(ask).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(ask).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Add a progress note")).toHaveValue("Spoke to Community First about the directory.");

    // The browser's Back asks as well.
    await page.goBack();
    await expect(ask).toBeVisible();
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await expect(dialog.getByLabel("Add a progress note")).toHaveValue("Spoke to Community First about the directory.");

    // Leaving the page itself (closing the tab, a reload) asks through the browser; staying keeps the note.
    const browserAsks = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    expect((await browserAsks).type()).toBe("beforeunload");
    await (await browserAsks).dismiss();
    expect(page.isClosed()).toBe(false);
    await expect(dialog.getByLabel("Add a progress note")).toHaveValue("Spoke to Community First about the directory.");
  });

  test("a title over its limit is counted and refused, never cut short", async ({ page }) => {
    const dialog = await openAction(page, "1.4");
    const title = dialog.getByLabel("Title");
    const original = await title.inputValue();

    // Far from the limit, the count shows but is not read out as the person types.
    await title.fill("A short title");
    await expect(dialog.getByText("13 of 500 characters", { exact: true })).toBeVisible();
    await expect(dialog.locator('[aria-live="polite"]', { hasText: "of 500 characters" })).toHaveCount(0);
    // Near it, it is.
    await title.fill("x".repeat(480));
    await expect(dialog.getByText("480 of 500 characters", { exact: true })).toBeVisible();
    await expect(dialog.locator('[aria-live="polite"]', { hasText: "480 of 500 characters" })).toHaveCount(1);

    // A paste of 600 characters stays whole, and the count says how far over it is.
    const pasted = "Promote the Joint Strategic Needs Assessment ".repeat(14).slice(0, 600);
    await title.fill(pasted);
    await expect(title).toHaveValue(pasted);
    await expect(dialog.getByText("600 of 500 characters: 100 too many", { exact: true })).toBeVisible();
    await expectAccessible(page);

    // Saved anyway: refused, with the reason at the field, and the text still there to shorten.
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByText("Title must be 500 characters or fewer").first()).toBeVisible();
    await expect(title).toHaveValue(pasted);
    await title.fill(original);
    await expect(dialog.getByText(`${original.length} of 500 characters`, { exact: true })).toBeVisible();
  });

  test("a new action's title over its limit is counted, and kept in the box when refused", async ({ page }) => {
    const objective = lane(page, 2);
    const box = objective.getByLabel("New action for objective 2");
    const pasted = "Hold a partnership values event ".repeat(20).slice(0, 600);
    await box.fill(pasted);
    await expect(box).toHaveValue(pasted);
    await expect(objective.getByText("600 of 500 characters: 100 too many", { exact: true })).toBeVisible();
    await objective.getByRole("button", { name: "Add action to objective 2" }).click();
    await expect(objective.getByText("Title must be 500 characters or fewer")).toBeVisible();
    await expect(box).toHaveValue(pasted);
    await expect(page.getByRole("listitem", { name: /Hold a partnership values event Hold/ })).toHaveCount(0);
  });

  test("what is typed after saving stays when the saved action arrives a moment later", async ({ page }) => {
    const dialog = await openAction(page, "1.4");
    const history = dialog.locator(".timeline__item").filter({ hasText: " · " });
    const eventsBefore = await history.count();
    // The save's reply comes first and the saved action after it: hold the latter until the person has typed on.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\.data\?/, async (route) => {
      if (route.request().method() === "GET") await held;
      await route.continue();
    });
    await dialog.getByLabel("Title").fill("Promote the JSNA to the third sector");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Changes saved.");
    await dialog.getByLabel("Description").fill("Typed after saving");

    release();
    // The saved action has arrived once the dialog's history shows the save.
    await expect(history).toHaveCount(eventsBefore + 1);
    await expect(dialog.getByLabel("Description")).toHaveValue("Typed after saving");
    await expect(dialog.getByLabel("Title")).toHaveValue("Promote the JSNA to the third sector");
  });

  test("a timescale with no date it can read is warned about at the field, in the import's words, and after saving", async ({ page }) => {
    const warning = 'No date found in the timescale "31/02/2011"; the action will be undated, with the wording kept.';
    const dialog = await openAction(page, "1.4");
    // At the field, "Warning:" is said before it, not shown.
    const atTheField = dialog.getByText(`Warning: ${warning}`, { exact: true });
    await expect(dialog.getByLabel("Due date")).toHaveValue("");
    const timescale = dialog.getByLabel("Timescale, as the plan words it");
    await timescale.fill("31/02/2011");
    await timescale.blur();
    await expect(atTheField).toBeVisible();
    await expect(timescale).toHaveAccessibleDescription(new RegExp(warning.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
    await expectAccessible(page);

    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByRole("status")).toHaveText(`Changes saved. ${warning}`);
    await expect(atTheField).toBeVisible();
    await expect(timescale).toHaveValue("31/02/2011");

    // Wording it can read takes the warning away as it is typed.
    await timescale.fill("End March 2011");
    await expect(atTheField).toHaveCount(0);
  });
});
