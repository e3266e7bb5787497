// Screens: person-erase, people, member-data-json, history (the route folders this spec covers; `npm run test:changed` reads it)
import fs from "node:fs";
import type { RunningServer } from "../support/server";
import { expect, serveCopyOfTemplate, test as base } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { openPlan, signIn } from "./support/session";

// A person asks for their data, then for its erasure: Priya Shah (admin)
// downloads what Portsmouth holds about Jordan Hughes, then erases it from
// People. Erasure changes what every later spec would see, so this file runs
// on a copy of the data of its own.

const test = base.extend<object, { workerServer: RunningServer }>({
  workerServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => serveCopyOfTemplate(`erasure-${workerInfo.workerIndex}`, use),
    { scope: "worker", timeout: 90_000 },
  ],
});

test("an admin downloads a member's data, then erases it at their request; the history reads Former member 1", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth/people");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download data of Jordan Hughes" }).click();
  const data = JSON.parse(fs.readFileSync((await (await download).path())!, "utf8"));
  expect(data.profile).toMatchObject({ name: "Jordan Hughes", email: "officer@demo.test" });
  expect(data.scope.wholeAccount).toBe(false);

  await page.getByRole("link", { name: "Erase this person's data… (Jordan Hughes)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Erase Jordan Hughes's data" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Their progress notes: text replaced by “Removed at the person's request” 1/ })).toBeVisible();
  await expectAccessible(page);

  // A mistyped address erases nothing, and says so.
  const confirm = page.getByLabel("Type Jordan Hughes's email address to confirm");
  await confirm.fill("jordan@example.org");
  await page.getByRole("button", { name: "Erase Jordan Hughes's data" }).click();
  await expect(page.getByRole("alert").first()).toBeFocused();
  await expect(confirm).toHaveValue("jordan@example.org");
  await expect(page.getByRole("heading", { level: 1, name: "Erase Jordan Hughes's data" })).toBeVisible();

  await confirm.fill("officer@demo.test");
  await page.getByRole("button", { name: "Erase Jordan Hughes's data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data erased" })).toBeFocused();
  await expect(page.getByText("Their data is erased: they now appear as Former member 1 everywhere, and can no longer sign in.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to People" }).click();
  await expect(page.getByText("Erased at their request")).toBeVisible();
  await expect(page.getByText("Jordan Hughes")).toHaveCount(0);

  await openPlan(page);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByText(/Former member 1 \(public sector\) added a progress note to 1\.1/)).toBeVisible();
  await expect(page.getByText("Jordan Hughes")).toHaveCount(0);

  // Jordan's password is gone with the rest.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill("officer@demo.test");
  await page.getByLabel("Password").fill("partnership-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});
