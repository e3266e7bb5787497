// Screens: account, emails, unsubscribe, plan-settings (the route folders this spec covers; `npm run test:changed` reads it)
import { openDatabase } from "../../db/client";
import { unsubscribeToken } from "../../app/server/mail/unsubscribe.server";
import type { RunningServer } from "../support/server";
import { expect, serveCopyOfTemplate, test as base } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { openPlan, signIn } from "./support/session";

// Emails as people meet them: a member's choices under Your account made with
// the keyboard alone, the next digest's preview, an admin's Emails page and its
// Retry, and the unsubscribe link from an email's footer. Outbox rows no screen
// makes (a failed email) are written into this file's own copy of the data
// before its server starts, so no other spec sees them.

let councillorDigestToken = "";

async function addEmails(dataFolder: string) {
  const { db, close } = await openDatabase({ dataDir: dataFolder });
  try {
    const id = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const portsmouth = await db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
    const email = {
      textBody: "Dear Jordan,\n\n1.1 awaits your confirmation.",
      htmlBody: "<p>1.1 awaits your confirmation.</p>",
      claimedUntil: null,
      dedupeKey: null,
    };
    await db
      .insertInto("emailOutbox")
      .values([
        {
          ...email,
          userId: await id("officer@demo.test"),
          partnershipId: portsmouth.id,
          kind: "completion_proposed",
          subject: "1.1 awaits your confirmation — Portsmouth",
          status: "failed",
          attempts: 8,
          lastError: "Refused by the mail server: 550 No such mailbox",
          sentAt: null,
          createdAt: new Date(Date.now() - 3_600_000),
        },
        {
          ...email,
          userId: await id("leader@demo.test"),
          partnershipId: null,
          kind: "digest",
          subject: "3 actions need you this week — Portsmouth",
          textBody: "Sam Patel, 3 actions need you this week.\n\nOverdue\n- 1.5 Map Portsmouth's third sector organisations",
          status: "sent",
          attempts: 1,
          lastError: null,
          sentAt: new Date(Date.now() - 1_800_000),
          createdAt: new Date(Date.now() - 1_900_000),
        },
      ])
      .execute();
    councillorDigestToken = await unsubscribeToken(db, await id("councillor@demo.test"), "digest");
  } finally {
    await close();
  }
}

const test = base.extend<object, { workerServer: RunningServer }>({
  workerServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => serveCopyOfTemplate(`emails-${workerInfo.workerIndex}`, use, addEmails),
    { scope: "worker", timeout: 90_000 },
  ],
});
test.describe.configure({ mode: "serial" });

test("a member chooses their emails with the keyboard alone, and the choice is kept", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Emails" });
  await expect(section.getByText("This site sends no emails yet: your choices apply once it does.")).toBeVisible();
  const group = section.getByRole("group", { name: "Emails you get" });
  for (const label of [
    "Weekly digest",
    "A completion to confirm",
    "A completion returned",
    "A review published",
    "A review assigned to you",
    "Due date reminders",
  ])
    await expect(group.getByRole("checkbox", { name: label })).toBeChecked();
  await expect(group.getByRole("checkbox", { name: "A review published" })).toHaveAccessibleDescription(/When a review of a plan you see is published/);

  // From the section's heading (where the footer of every email leads), Tab, Space, arrow keys and Enter.
  await section.getByRole("heading", { name: "Emails" }).focus();
  await page.keyboard.press("Tab");
  await expect(group.getByRole("checkbox", { name: "Weekly digest" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(group.getByRole("checkbox", { name: "A completion to confirm" })).not.toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(group.getByRole("checkbox", { name: "A review published" })).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const day = section.getByRole("combobox", { name: "Day of your weekly digest" });
  await expect(day).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(day).toHaveValue("3");
  await page.keyboard.press("Tab");
  const save = section.getByRole("button", { name: "Save email preferences" });
  await expect(save).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(section.getByRole("status")).toHaveText("Email preferences saved.");
  // Focus stays where the person was.
  await expect(save).toBeFocused();
  await expectAccessible(page);

  await page.reload();
  await expect(group.getByRole("checkbox", { name: "A completion to confirm" })).not.toBeChecked();
  await expect(group.getByRole("checkbox", { name: "A review published" })).not.toBeChecked();
  await expect(group.getByRole("checkbox", { name: "Weekly digest" })).toBeChecked();
  await expect(group.getByRole("checkbox", { name: "Due date reminders" })).toBeChecked();
  await expect(day).toHaveValue("3");
  await expect(day.locator("option:checked")).toHaveText("Wednesday");
});

test("a member opens the preview of their next digest", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Emails" });
  await expect(section.getByRole("heading", { name: "Your next digest" })).toBeVisible();
  // Portsmouth's 2010 plan is long overdue: Sam's digest has plenty to say.
  const summary = section.locator("details.email-preview > summary");
  await expect(summary).toContainText("need you this week");
  const text = section.locator(".email-preview__text");
  await expect(text).toBeHidden();
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(text).toBeVisible();
  await expect(text).toContainText("1.5 Map Portsmouth's third sector organisations");
  await expectAccessible(page);
});

test("an admin opens Emails from the partnership's navigation, filters it and retries a failed email", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth");
  await page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Emails" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Emails" })).toBeVisible();
  await expect(page.getByText("No mail server is set (SMTP_URL): these emails wait here and are not sent.")).toBeVisible();
  await expect(page.getByText(/1 failed/)).toBeVisible();
  const failedRow = page.getByRole("row").filter({ hasText: "1.1 awaits your confirmation — Portsmouth" });
  await expect(failedRow).toContainText("Jordan Hughes");
  await expect(failedRow).toContainText("A completion to confirm");
  await expect(failedRow).toContainText("Failed: Refused by the mail server: 550 No such mailbox");
  const digestRow = page.getByRole("row").filter({ hasText: "3 actions need you this week — Portsmouth" });
  await expect(digestRow).toContainText("Sam Patel");
  await expect(digestRow).toContainText("Sent");
  // A digest spans partnerships: its body is not shown.
  await expect(page.getByText("1.5 Map Portsmouth's third sector organisations")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("Status").selectOption("sent");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/status=sent/);
  await expect(page.getByRole("row").filter({ hasText: "1.1 awaits your confirmation" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "3 actions need you this week" })).toBeVisible();

  await page.getByLabel("Status").selectOption("all");
  await page.getByRole("button", { name: "Show" }).click();
  await failedRow.getByRole("button", { name: "Retry the email to Jordan Hughes" }).click();
  await expect(page.getByRole("status")).toContainText("Email queued to send again.");
  await expect(failedRow).toContainText("Waiting to send");
  await expect(failedRow.getByRole("button", { name: /^Retry/ })).toHaveCount(0);
  // The pressed button is gone: focus is on what took its place.
  await expect(failedRow.getByText("Queued again")).toBeFocused();
  await expectAccessible(page);
});

test("other roles have no Emails link, and the page says who can", async ({ page }) => {
  await signIn(page, "officer@demo.test");
  await page.goto("/p/portsmouth");
  await expect(page.getByRole("navigation", { name: "Partnership" }).getByRole("link", { name: "Emails" })).toHaveCount(0);
  const response = await page.goto("/p/portsmouth/emails");
  expect([403, 404]).toContain(response!.status());
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Partnership" })).toBeVisible();
});

test("the unsubscribe link from an email turns the digest off with one button, signed in or not", async ({ page }) => {
  const address = `/unsubscribe/${councillorDigestToken}`;
  await page.goto(address);
  await expect(page.getByRole("heading", { level: 1, name: "Stop getting “Weekly digest” emails?" })).toBeVisible();
  await expect(page.getByText("This link is for the emails Partnership Board sends to")).toContainText("Cllr Chris Taylor");
  await expect(page.getByText("councillor@demo.test")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Turn off these emails" }).focus();
  await page.keyboard.press("Enter");
  const done = page.getByRole("heading", { level: 1, name: "Emails turned off" });
  await expect(done).toBeFocused();
  await expect(page.getByRole("status")).toContainText("you will no longer get “Weekly digest” emails");
  await expectAccessible(page);

  // The councillor sees it under Your account.
  await signIn(page, "councillor@demo.test");
  await page.goto("/account");
  await expect(page.getByRole("group", { name: "Emails you get" }).getByRole("checkbox", { name: "Weekly digest" })).not.toBeChecked();

  const forged = await page.goto(`/unsubscribe/${"A".repeat(44)}`);
  expect(forged!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This unsubscribe link is not valid" })).toBeVisible();
  await expectAccessible(page);
});

test("a steward sets how many days before a due date leads are reminded", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await openPlan(page);
  await page.goto(`${new URL(page.url()).pathname.replace(/\/$/, "")}/settings`);
  const section = page.getByRole("region", { name: "Due date reminders" });
  await expect(section.getByText("Leads are reminded by email 7 days before an action they lead is due.")).toBeVisible();
  await section.getByLabel("Days before the due date").fill("10");
  await section.getByRole("button", { name: "Save reminders" }).click();
  await expect(section.getByRole("status")).toHaveText("Due date reminders saved: leads are reminded 10 days before.");
  await expect(section.getByText("Leads are reminded by email 10 days before an action they lead is due.")).toBeVisible();

  await section.getByLabel("Days before the due date").fill("90");
  await section.getByRole("button", { name: "Save reminders" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a whole number of days from 1 to 60");
  await expect(section.getByLabel("Days before the due date")).toHaveValue("90");
  await expectAccessible(page);

  await section.getByRole("radio", { name: "Do not remind them" }).check();
  await section.getByRole("button", { name: "Save reminders" }).click();
  await expect(section.getByRole("status")).toHaveText("Due date reminders turned off.");
  await expect(section.getByText("Leads are not reminded by email before their actions are due.")).toBeVisible();
});
