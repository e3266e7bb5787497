// Screens: board, action, move, partnership, plan, not-found (the route folders this spec covers; `npm run test:changed` reads it)
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, column, drag, lane, openPlan, signIn } from "./support/session";

// Keeping the person's place: focus after moves and after the action dialog,
// forms that clear once they are done with, keyboard drags that stay in their
// objective, visible labels, and a board that works on a phone.

const COLUMNS = ["Not started", "In progress", "At risk", "Done"] as const;
type ColumnName = (typeof COLUMNS)[number];

/** The column a card is in now (earlier tests move cards about). */
async function columnOf(page: Page, reference: string): Promise<ColumnName> {
  return (await card(page, reference).locator("xpath=ancestor::ul[1]").getAttribute("aria-label")) as ColumnName;
}

function handleOf(page: Page, reference: string) {
  return card(page, reference).getByRole("button", { name: `Drag ${reference}`, exact: true });
}

function titleLinkOf(page: Page, reference: string) {
  return card(page, reference).getByRole("link", { name: new RegExp(`^${reference.replace(".", "\\.")} `) });
}

/** What dnd-kit's live region says last. */
function lastAnnouncement(page: Page) {
  return page.locator("[id^='DndLiveRegion-']");
}

test.describe("keeping the place of the Third Sector Leadership Group's chair", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "leader@demo.test");
    await openPlan(page);
  });

  test("after a mouse drag, focus is on the moved card's handle in its new column", async ({ page }) => {
    const from = await columnOf(page, "1.3");
    const to: ColumnName = from === "At risk" ? "In progress" : "At risk";
    await drag(page, handleOf(page, "1.3"), column(page, 1, to));
    await expect(column(page, 1, to).getByRole("listitem", { name: /^1\.3 / })).toBeVisible();
    await expect(handleOf(page, "1.3")).toBeFocused();
  });

  test("a keyboard drag moves between columns with ←/→, stays in its objective with ↑/↓, and leaves focus on the handle", async ({ page }) => {
    const from = await columnOf(page, "1.5");
    const index = COLUMNS.indexOf(from);
    const [key, to] = index > 0 ? (["ArrowLeft", COLUMNS[index - 1]!] as const) : (["ArrowRight", COLUMNS[index + 1]!] as const);

    await handleOf(page, "1.5").focus();
    await page.keyboard.press("Space");
    await expect(page.locator(".card--overlay")).toBeVisible();
    await page.keyboard.press(key);
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`is over ${to}, objective 1, position 1 of \\d+\\.$`));
    // Down, more times than the column has cards: never into objective 2.
    for (let press = 0; press < 6; press += 1) {
      await page.keyboard.press("ArrowDown");
      await expect(lastAnnouncement(page)).toHaveText(new RegExp(`objective 1, position \\d+ of \\d+\\.$`));
    }
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`is over ${to}, objective 1, position (\\d+) of \\1\\.$`));
    await page.keyboard.press("Space");
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`was dropped into ${to}, objective 1, position (\\d+) of \\1\\.$`));
    await expect(
      column(page, 1, to)
        .getByRole("listitem", { name: /^\d\.\d+ / })
        .last(),
    ).toHaveAccessibleName(/^1\.5 /);
    await expect(handleOf(page, "1.5")).toBeFocused();

    // Up past the top of the column: still objective 1, at the top.
    await page.keyboard.press("Space");
    // Picked up again. dnd-kit listens for keys a moment after the pick-up: an arrow sent sooner is lost.
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`is over ${to}, objective 1, position \\d+ of \\d+\\.$`));
    for (let press = 0; press < 6; press += 1) await page.keyboard.press("ArrowUp");
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`is over ${to}, objective 1, position 1 of \\d+\\.$`));
    await page.keyboard.press("Space");
    await expect(
      column(page, 1, to)
        .getByRole("listitem", { name: /^\d\.\d+ / })
        .first(),
    ).toHaveAccessibleName(/^1\.5 /);
    await expect(handleOf(page, "1.5")).toBeFocused();
  });

  test("a steward asks for another objective with Shift and ↑/↓, and the instructions say so", async ({ page }) => {
    await expect(page.getByText(/Shift and the Up or Down arrow moves it to the objective above or below/).first()).toBeAttached();
    const from = await columnOf(page, "1.6");
    await handleOf(page, "1.6").focus();
    await page.keyboard.press("Space");
    // Picked up. dnd-kit listens for keys a moment after the pick-up: an arrow sent sooner is lost.
    await expect(page.locator(".card--overlay")).toBeVisible();
    await page.keyboard.press("Shift+ArrowDown");
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`is over ${from}, objective 2, position 1 of \\d+\\.$`));
    await page.keyboard.press("Shift+ArrowUp");
    await expect(lastAnnouncement(page)).toHaveText(new RegExp(`is over ${from}, objective 1, position \\d+ of \\d+\\.$`));
    await page.keyboard.press("Escape");
    await expect(column(page, 1, from).getByRole("listitem", { name: /^1\.6 / })).toBeVisible();
  });

  test("closing the action dialog, by Escape or by Close, puts focus back on the card that opened it", async ({ page }) => {
    await titleLinkOf(page, "1.5").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(titleLinkOf(page, "1.5")).toBeFocused();

    await titleLinkOf(page, "2.1").click();
    await page
      .getByRole("dialog")
      .getByRole("link", { name: /^Close/ })
      .click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(titleLinkOf(page, "2.1")).toBeFocused();

    // Opened at its own address, as from a link in an email: closing lands on its card too.
    await titleLinkOf(page, "1.4").click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Live: changes by others appear here")).toBeVisible();
    await page
      .getByRole("dialog")
      .getByRole("link", { name: /^Close/ })
      .click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(titleLinkOf(page, "1.4")).toBeFocused();
  });

  test("Add note clears the note box, so a second click cannot post it twice; a refused note keeps its text", async ({ page }) => {
    await titleLinkOf(page, "2.1").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("tab", { name: /^Progress notes/ }).click();
    const box = dialog.getByLabel("Add a progress note");
    const text = "The Consortium agreed the values statement on 12 July.";
    await box.fill(text);
    await dialog.getByRole("button", { name: "Add note" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Note added.");
    await expect(box).toHaveValue("");
    await dialog.getByRole("button", { name: "Add note" }).click();
    await page.reload();
    await expect(page.getByText("Live: changes by others appear here")).toBeVisible();
    await page
      .getByRole("dialog")
      .getByRole("tab", { name: /^Progress notes/ })
      .click();
    await expect(page.getByRole("dialog").getByText(text, { exact: true })).toHaveCount(1);

    const tooLong = "Too long. ".repeat(1001);
    await page.getByRole("dialog").getByLabel("Add a progress note").fill(tooLong);
    await page.getByRole("dialog").getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("dialog").getByText("Notes must be 10,000 characters or fewer").first()).toBeVisible();
    await expect(page.getByRole("dialog").getByLabel("Add a progress note")).toHaveValue(tooLong);
  });

  test("after Save changes, the confirmation is in view, in a status region that was there before", async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 600 });
    await titleLinkOf(page, "2.1").click();
    const dialog = page.getByRole("dialog");
    // The live region exists, empty, before anything is said in it: screen readers announce what later appears.
    await expect(dialog.getByRole("status")).toHaveCount(1);
    await expect(dialog.getByRole("status")).toHaveText("");
    await dialog.getByLabel("Description").fill("A values statement both sectors sign, agreed at a joint event.");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Changes saved.");
    await expect(dialog.getByRole("status")).toBeInViewport();
    // Focus stays in the dialog, on the confirmation.
    await expect(dialog.getByRole("status")).toBeFocused();
  });

  test("every field on the board has a visible label, the same words as its name", async ({ page }) => {
    const objective = lane(page, 2);
    const field = objective.getByRole("textbox", { name: "New action for objective 2", exact: true });
    await expect(field).toBeVisible();
    await expect(field).not.toHaveAttribute("placeholder");
    const label = objective.locator(`label[for="${await field.getAttribute("id")}"]`);
    await expect(label).toHaveText("New action for objective 2");
    const box = (await label.boundingBox())!;
    expect(box.width).toBeGreaterThan(50);
    expect(box.height).toBeGreaterThan(10);
    await expectAccessible(page);
  });
});

test.describe("on a phone, 390 by 844", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the filters fold behind a Filters disclosure that counts the active ones, and a card shows on the first screen", async ({ page }) => {
    await signIn(page, "leader@demo.test");
    await openPlan(page);
    const disclosure = page.getByText(/^Filters/, { exact: false }).and(page.locator("summary"));
    await expect(disclosure).toHaveText("Filters");
    await expect(page.getByLabel("Search")).toBeHidden();
    await page.evaluate(() => window.scrollTo(0, 0));
    // Whichever column the first card is in now (earlier tests empty some), it starts on the first screen.
    await expect(page.getByRole("listitem", { name: /^\d\.\d+ / }).first()).toBeInViewport();
    await expectAccessible(page);

    await disclosure.click();
    await page.getByLabel("Status").selectOption({ label: "In progress" });
    await page.getByLabel("My actions").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    await expect(disclosure).toHaveText("Filters (2 active)");
    await expect(page.getByLabel("Search")).toBeHidden();
    await expectAccessible(page);
  });

  test("the action dialog's Close fits, and the 403 page keeps the partnership's navigation", async ({ page }) => {
    await signIn(page, "leader@demo.test");
    await openPlan(page);
    await titleLinkOf(page, "1.5").click();
    const dialog = page.getByRole("dialog");
    const close = dialog.getByRole("link", { name: /^Close/ });
    await expect(close).toBeVisible();
    const fits = await close.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const frame = element.closest("dialog")!.getBoundingClientRect();
      return { overflow: element.scrollWidth - element.clientWidth, inside: box.left >= frame.left && box.right <= frame.right };
    });
    expect(fits).toEqual({ overflow: 0, inside: true });
    await expectAccessible(page);

    await page.goto("/p/portsmouth/people");
    await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to do that" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Partnership" });
    await expect(nav.getByRole("link", { name: "Plans" })).toBeVisible();
    await expectAccessible(page);
  });
});

test("the 403 page keeps the partnership's navigation on a wide screen too", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await page.goto("/p/portsmouth/people");
  await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to do that" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Groups" })).toBeVisible();
  await expectAccessible(page);
});
