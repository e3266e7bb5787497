import { expect, test } from "@playwright/test";
import { card, openPlan, signIn } from "./support/session";

// The Portsmouth demo reads as 2010: its cards changed then, and an action's
// history tells its year in order, not the day the demo was loaded.

test("the demo's cards and history carry their 2010 dates", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await openPlan(page);
  await expect(card(page, "1.6")).toContainText("Updated 6 May 2010");
  await expect(card(page, "1.5")).toContainText("Updated 5 Jul 2010");

  await card(page, "1.6").getByRole("link", { name: /^1\.6 / }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("tab", { name: "History" }).click();
  const events = dialog.getByRole("tabpanel").getByRole("listitem");
  await expect(events).toHaveText([
    /Jordan Hughes \(public sector\) confirmed that 1\.6 is done.*6 May 2010/,
    /Sam Patel \(voluntary and community sector\) moved 1\.6 to Done from In progress, proposing it as complete.*28 Apr 2010/,
    /Sam Patel \(voluntary and community sector\) moved 1\.6 from Not started to In progress.*8 Mar 2010/,
    /Sam Patel \(voluntary and community sector\) added action 1\.6 .*1 Mar 2010/,
  ]);
});
