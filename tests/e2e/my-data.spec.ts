// Screens: account, my-data-json (the route folders this spec covers; `npm run test:changed` reads it)
import fs from "node:fs";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// "Download my data" under Your account: one click, one file, the person's own.

test("a person downloads their data from Your account", async ({ page }) => {
  await signIn(page, "officer@demo.test");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Your data" });
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await section.getByRole("link", { name: "Download my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^partnership-board-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync((await file.path())!, "utf8"));
  expect(data.profile).toMatchObject({ name: "Jordan Hughes", email: "officer@demo.test" });
  // The page stays where it was.
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
});
