// Screens: account, calendar-feed (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { parseFeed } from "../support/calendar";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// The deadline feed from Your account: made, shown once, copied, fetched as a
// calendar app would (no cookies), reset. It is turned off at the end, so the
// specs after this one find Sam Patel's account as it was.

test("a person makes a calendar link on Your account, copies it, and a reset kills the old one", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "leader@demo.test");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Your deadlines in your calendar" });
  await section.getByRole("button", { name: "Create my calendar link" }).click();

  await expect(section.getByRole("status").first()).toContainText("Calendar link created. Copy it now");
  const field = section.getByLabel("Your calendar link");
  // Focused, so Ctrl+C copies it at once.
  await expect(field).toBeFocused();
  const link = await field.inputValue();
  expect(link).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);
  await expectAccessible(page);

  await section.getByRole("button", { name: "Copy link" }).click();
  await expect(section.getByText("Link copied. Paste it into your calendar app.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // A calendar app's fetch carries no cookie: the request fixture shares none with the page.
  const feed = await request.get(link);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const { events } = parseFeed(await feed.text());
  expect(events.map((event) => event.summary)).toContain("1.5 Map Portsmouth's third sector organisations and develop an online directory (Overdue)");
  const directory = events.find((event) => event.summary.startsWith("1.5 "))!;
  expect(directory).toMatchObject({ start: "2010-06-30", allDay: true });
  // Its link opens the action over the board.
  await page.goto(directory.url);
  await expect(page.getByRole("dialog", { name: /^1\.5 / })).toBeVisible();

  // Back on the page, the link is not shown again; resetting shows a new one and ends the old.
  await page.goto("/account");
  await expect(section.getByText(/You have a calendar link, made/)).toBeVisible();
  await expect(section.getByLabel("Your calendar link")).toHaveCount(0);
  await section.getByRole("button", { name: "Reset calendar link" }).click();
  await expect(section.getByRole("status").first()).toContainText("Calendar link reset. The old link no longer works");
  const fresh = await section.getByLabel("Your calendar link").inputValue();
  expect(fresh).not.toBe(link);
  expect((await request.get(link)).status()).toBe(404);
  expect((await request.get(fresh)).status()).toBe(200);
  await expectAccessible(page);

  await section.getByRole("button", { name: "Turn off calendar link" }).click();
  await expect(section.getByRole("status").first()).toContainText("Calendar link turned off");
  expect((await request.get(fresh)).status()).toBe(404);
  await expect(section.getByRole("button", { name: "Create my calendar link" })).toBeVisible();
});
