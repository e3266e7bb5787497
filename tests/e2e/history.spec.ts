// Screens: history, history-csv, action (the route folders this spec covers; `npm run test:changed` reads it)
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { openPlan, signIn } from "./support/session";

// One note to find, then two ways to read it: the facilitator's filtered page and its CSV.
test.describe.configure({ mode: "serial" });

async function openHistory(page: Page) {
  await signIn(page, "facilitator@demo.test");
  await openPlan(page);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "History of Partnership Improvement Action Plan 2010" })).toBeVisible();
}

async function showPublicSectorNotes(page: Page) {
  await page.getByLabel("Sector").selectOption({ label: "Public sector" });
  await page.getByLabel("Kind of change").selectOption({ label: "Progress notes" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/sector=public/);
}

test("the officer adds a progress note to 1.1, which the Compact Working Group leads", async ({ page: officer }) => {
  // Something to find in the history.
  await signIn(officer, "officer@demo.test");
  await openPlan(officer);
  await officer
    .getByRole("listitem", { name: /^1\.1 / })
    .getByRole("link", { name: /^1\.1 / })
    .click();
  await officer
    .getByRole("dialog")
    .getByRole("tab", { name: /^Progress notes/ })
    .click();
  await officer.getByRole("dialog").getByLabel("Add a progress note").fill("Draft shared with the PCT board.");
  await officer.getByRole("dialog").getByRole("button", { name: "Add note" }).click();
  await expect(officer.getByRole("dialog").getByRole("status")).toHaveText("Note added.");
});

test("a facilitator filters the history by sector and kind of change, and a change links to its action", async ({ page }) => {
  await openHistory(page);
  await expectAccessible(page);
  await showPublicSectorNotes(page);
  const rows = page.getByRole("list", { name: "Changes, newest first" }).getByRole("listitem");
  await expect(rows.first()).toContainText(/^Jordan Hughes \(public sector\) added a progress note to 1\.1 · \d+ \w+ \d{4} \d\d:\d\d/);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("(public sector) added a progress note");
  await expectAccessible(page);

  // The row links to the action.
  await rows
    .first()
    .getByRole("link", { name: /^Open the action/ })
    .click();
  await expect(page.getByRole("dialog").getByRole("heading", { name: /^1\.1 / })).toBeVisible();
});

test("a facilitator downloads the filtered history as CSV", async ({ page }) => {
  await openHistory(page);
  await showPublicSectorNotes(page);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these events as CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("partnership-improvement-action-plan-2010-history.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("event_id,occurred_at_utc,actor,actor_role,actor_sector,action,kind,description,changes,actor_role_code,actor_sector_code");
  expect(lines.length).toBeGreaterThan(1);
  // Sectors in words, as the page gives them; their codes at the end.
  for (const line of lines.slice(1)) expect(line).toContain('"Public sector","1.');
  expect(lines[1]).toContain(
    '"Jordan Hughes","Member","Public sector","1.1","progress_note.added","Jordan Hughes (public sector) added a progress note to 1.1"',
  );
  expect(lines[1]).toMatch(/,"member","public"$/);
});
