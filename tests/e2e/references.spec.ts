// Screens: board, action, move, history (the route folders this spec covers; `npm run test:changed` reads it)
import type { Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, lane, openMove, openPlan, signIn } from "./support/session";

// An action moved to another objective takes a number there, and its old
// reference still finds it: on the card, in the board's search, in its dialog.
// The test moves 1.3 away and back, so the other tests find it where it was.

/** Chooses objective `number` in a Move… form. */
async function chooseObjective(move: Locator, number: number) {
  const field = move.getByLabel("Objective");
  const label = await field
    .locator("option")
    .filter({ hasText: new RegExp(`^${number}\\. `) })
    .textContent();
  await field.selectOption({ label: label! });
}

const TITLE = "Communicate and jointly review commissioning priorities";

test("an action moved to another objective is found by its former number, and says what it was", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await openPlan(page);

  const move = await openMove(page, "1.3");
  await chooseObjective(move, 2);
  await move.getByLabel("Position").selectOption({ label: "Top of the column" });
  await move.getByRole("button", { name: /^Move 1\.3/ }).click();
  const moved = lane(page, 2).getByRole("listitem", { name: new RegExp(`^2\\.\\d+ ${TITLE}$`) });
  await expect(moved).toContainText("Formerly 1.3");
  // Once the server has numbered it, nothing on the board is called 1.3.
  await expect(card(page, "1.3")).toHaveCount(0);
  const reference = (await moved.getByRole("link", { name: new RegExp(TITLE) }).innerText()).split(" ")[0]!;

  await page.getByLabel("Search").fill("1.3");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=1\.3/);
  await expect(page.getByRole("listitem", { name: /^\d\.\d+ / }).filter({ has: page.getByRole("link") })).toHaveCount(1);
  await moved.getByRole("link", { name: new RegExp(`^${reference.replace(".", "\\.")} `) }).click();

  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText(`Formerly 1.3`)).toBeVisible();
  await dialog.getByRole("tab", { name: "History" }).click();
  await expect(dialog.getByRole("tabpanel")).toContainText(`moved 1.3 to objective 2 as ${reference}`);
  await expectAccessible(page);
  await dialog.getByRole("link", { name: /^Close/ }).click();

  // Back to objective 1: it takes back 1.3, and remembers the number it had.
  await page.getByRole("link", { name: "Clear filters" }).click();
  // The whole board again before a card is opened: a click during the navigation can be lost.
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeHidden();
  const back = await openMove(page, reference);
  await chooseObjective(back, 1);
  await back.getByRole("button", { name: new RegExp(`^Move ${reference.replace(".", "\\.")}`) }).click();
  await expect(lane(page, 1).getByRole("listitem", { name: new RegExp(`^1\\.3 ${TITLE}$`) })).toContainText(`Formerly ${reference}`);
});
