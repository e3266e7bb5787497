// Screens: home, partnership, status, history (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { card, openPlan, signIn } from "./support/session";

// The Portsmouth demo reads as 2010: its cards changed then, and an action's
// history tells its year in order, not the day the demo was loaded. No earlier
// spec changes 2.2 (the specs share one database).

test("the demo's cards and history carry their 2010 dates", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await openPlan(page);
  await expect(card(page, "2.2")).toContainText("Updated 30 Apr 2010");

  await card(page, "2.2")
    .getByRole("link", { name: /^2\.2 / })
    .click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("tab", { name: "History" }).click();
  const events = dialog.getByRole("tabpanel").getByRole("listitem");
  await expect(events).toHaveText([
    /Mandy Lindley \(public sector\) moved 2\.2 to Done from In progress, proposing it as complete.*30 Apr 2010/,
    /Mandy Lindley \(public sector\) moved 2\.2 from Not started to In progress.*15 Mar 2010/,
    /added action 2\.2 .*1 Mar 2010/,
  ]);
});
