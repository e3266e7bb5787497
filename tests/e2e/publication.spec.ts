// Screens: plan-settings, account (the route folders this spec covers; `npm run test:changed` reads it)
import type { Browser, Locator, Page } from "@playwright/test";
import type { RunningServer } from "../support/server";
import { expect, serveCopyOfTemplate, test as base } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { openPlan, signIn } from "./support/session";

// Consent to publish, by keyboard alone: Priya Shah (admin, public sector)
// proposes publishing Portsmouth's plan in its Settings and Sam Patel (steward,
// voluntary and community sector) agrees. Publishing changes what every spec
// after it would see, so this file runs on a copy of the data of its own.

const test = base.extend<object, { workerServer: RunningServer }>({
  workerServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => serveCopyOfTemplate(`publication-${workerInfo.workerIndex}`, use),
    { scope: "worker", timeout: 90_000 },
  ],
});

test.describe.configure({ mode: "serial" });

/** Presses Tab until `target` has focus, as a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, most = 150) {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function settingsAs(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await openPlan(page);
  const planPath = new URL(page.url()).pathname;
  await page.goto(`${planPath}/settings`);
  await expect(page.getByRole("heading", { level: 2, name: "Public page" })).toBeVisible();
  return { context, page, planPath };
}

test("the admin proposes publishing and a steward of the other sector agrees, by keyboard, on accessible pages", async ({ browser, workerServer }) => {
  const admin = await settingsAs(browser, workerServer.url, "admin@demo.test");
  const section = admin.page.locator("section", { has: admin.page.getByRole("heading", { level: 2, name: "Public page" }) });
  await expect(section).toContainText("Not published.");
  await expect(section).toContainText("It never shows progress notes, drafts of reviews, the plan's history or anyone's email address.");
  await expectAccessible(admin.page);

  await tabTo(admin.page, section.getByRole("button", { name: "Propose publishing" }));
  await admin.page.keyboard.press("Enter");
  await expect(section.getByRole("status")).toContainText("Publishing proposed.");
  // The button pressed has gone: focus is on the section's heading, not lost.
  await expect(section.getByRole("heading", { name: "Public page" })).toBeFocused();
  await expect(section).toContainText("Proposed by Priya Shah (public sector) on");
  await expect(section).toContainText("Someone of the voluntary and community sector who is an admin or steward of this plan must agree.");
  await expect(section.getByRole("button", { name: "Agree and publish" })).toHaveCount(0);
  await expectAccessible(admin.page);

  const leader = await settingsAs(browser, workerServer.url, "leader@demo.test");
  const leaderSection = leader.page.locator("section", { has: leader.page.getByRole("heading", { level: 2, name: "Public page" }) });
  await tabTo(leader.page, leaderSection.getByRole("button", { name: "Agree and publish" }));
  await leader.page.keyboard.press("Enter");
  const address = `/public/portsmouth/${leader.planPath.split("/").at(-1)}`;
  await expect(leaderSection.getByRole("status")).toContainText(`Published. Anyone can now read the plan at ${address}.`);
  await expect(leaderSection.getByRole("link", { name: address })).toHaveAttribute("href", address);
  await expect(leaderSection).toContainText("agreed by Sam Patel (voluntary and community sector)");
  await expect(leaderSection.getByRole("button", { name: "Withdraw from the public page" })).toBeVisible();
  await expectAccessible(leader.page);

  await admin.context.close();
  await leader.context.close();
});

test("a lead says yes to their name on public pages under Your account, by keyboard, and it is kept", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await page.goto("/account");
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Your name on public pages" }) });
  await expect(section.getByRole("radio", { name: "No, show my sector only" })).toBeChecked();
  // A radio group is one Tab stop, at the chosen radio; the arrow keys choose.
  await tabTo(page, section.getByRole("radio", { name: "No, show my sector only" }));
  await page.keyboard.press("ArrowUp");
  await expect(section.getByRole("radio", { name: "Yes, show my name" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(section.getByRole("button", { name: "Save your choice" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(section.getByRole("status")).toContainText("Saved: public pages show your name beside the actions you lead.");
  await expectAccessible(page);

  await page.reload();
  await expect(section.getByRole("radio", { name: "Yes, show my name" })).toBeChecked();
});
