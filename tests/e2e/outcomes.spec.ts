// Screens: outcomes (the route folders this spec covers; `npm run test:changed` reads it)
import type { Locator, Page } from "@playwright/test";
import type { RunningServer } from "../support/server";
import { expect, serveCopyOfTemplate, test as base } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { openPlan, signIn } from "./support/session";

// The plan's Outcomes page: Sam Patel, a steward, adds an indicator and
// records a reading by keyboard alone; the councillor reads where it stands
// and gets no forms. Adding indicators changes what later specs would see,
// so this file runs on a copy of the data of its own.

const test = base.extend<object, { workerServer: RunningServer }>({
  workerServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => serveCopyOfTemplate(`outcomes-${workerInfo.workerIndex}`, use),
    { scope: "worker", timeout: 90_000 },
  ],
});

test.describe.configure({ mode: "serial" });

/** Presses Tab until `target` has focus, as a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, most = 200) {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Tabs to the field, then types into it. */
async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field, 5);
  await page.keyboard.type(text);
}

/**
 * Tabs to a date field and types the date's digits, in the order the browser's
 * own locale shows the field (day first in the UK, month first in the US).
 */
async function typeDate(page: Page, field: Locator, isoDate: string) {
  await tabTo(page, field, 5);
  const [year, month, day] = isoDate.split("-");
  const monthFirst = await field.evaluate(() => new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2000, 0, 2))[0]!.type === "month");
  await page.keyboard.type(monthFirst ? `${month}${day}${year}` : `${day}${month}${year}`);
  await expect(field).toHaveValue(isoDate);
}

async function outcomesAs(page: Page, email: string) {
  await signIn(page, email);
  await openPlan(page);
  await page.getByRole("link", { name: "Outcomes", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Outcomes of/ })).toBeVisible();
}

test("a steward adds an indicator and records a reading with the keyboard alone", async ({ page }) => {
  await outcomesAs(page, "leader@demo.test");
  const add = page.locator("form", { has: page.getByRole("button", { name: "Add indicator" }) });
  await expectAccessible(page);

  await tabTo(page, add.getByLabel("Name"));
  await page.keyboard.type("Volunteering rate");
  await typeInto(page, add.getByLabel("What it measures (optional)"), "Adults who volunteered at least once a month");
  // The selects keep their first choices (percent, higher is better): Tab passes them.
  await typeInto(page, add.getByRole("group", { name: "Baseline" }).getByLabel("Value"), "20");
  await typeDate(page, add.getByLabel("Measured on"), "2025-04-01");
  await typeInto(page, add.getByRole("group", { name: "Target" }).getByLabel("Value"), "30");
  await typeDate(page, add.getByLabel("To reach by"), "2027-04-01");
  await typeInto(page, add.getByLabel("Source (optional)"), "Annual VCS survey");
  await tabTo(page, add.getByRole("button", { name: "Add indicator" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status")).toHaveText("Indicator “Volunteering rate” added.");
  const heading = page.getByRole("heading", { level: 2, name: "Volunteering rate" });
  await expect(heading).toBeFocused();
  const section = page.locator("section", { has: heading });
  await expect(section).toContainText("No recent reading No reading yet.");
  await expect(section).toContainText("20% on 1 April 2025");
  await expect(section).toContainText("30% by 1 April 2027 (higher is better)");

  // From the heading, on to the reading's disclosure and its form.
  await tabTo(page, section.getByText("Record a reading"));
  await page.keyboard.press("Enter");
  const reading = section.locator("form", { has: page.getByRole("button", { name: "Record reading of Volunteering rate" }) });
  await typeInto(page, reading.getByLabel("Value"), "26");
  await typeDate(page, reading.getByLabel("Measured on"), "2026-04-01");
  await typeInto(page, reading.getByLabel("Note (optional)"), "Annual VCS survey, 38 organisations");
  await tabTo(page, section.getByRole("button", { name: "Record reading of Volunteering rate" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status")).toHaveText("Reading recorded.");
  await expect(heading).toBeFocused();
  // Halfway through the two years, 25% expected: 26% is on track.
  await expect(section).toContainText("On track 26% on 1 April 2026, near the 25% the path expects by then.");
  await expect(section.getByRole("table", { name: /Readings of Volunteering rate/ })).toContainText("Annual VCS survey, 38 organisations");
  await expectAccessible(page);
});

test("a refused reading keeps what was typed and says why", async ({ page }) => {
  await outcomesAs(page, "leader@demo.test");
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Volunteering rate" }) });
  await section.getByText("Record a reading").click();
  const reading = section.locator("form", { has: page.getByRole("button", { name: "Record reading of Volunteering rate" }) });
  await reading.getByLabel("Value").fill("140");
  await reading.getByLabel("Measured on").fill("2026-05-01");
  await reading.getByLabel("Note (optional)").fill("Typed by mistake");
  await reading.getByRole("button", { name: "Record reading of Volunteering rate" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a percentage from 0 to 100");
  await expect(reading.getByLabel("Value")).toHaveValue("140");
  await expect(reading.getByLabel("Note (optional)")).toHaveValue("Typed by mistake");
  // Nothing was written: the record still holds the one reading.
  await expect(section.getByRole("table", { name: /Readings of Volunteering rate/ }).getByRole("row")).toHaveCount(2);
});

test("the councillor reads the outcome and gets no forms", async ({ page }) => {
  await outcomesAs(page, "councillor@demo.test");
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Volunteering rate" }) });
  await expect(section).toContainText("On track");
  await expect(page.getByRole("button", { name: /Add indicator|Record reading|Save/ })).toHaveCount(0);
  await expect(page.getByText("Record a reading")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add an indicator" })).toHaveCount(0);
  await expectAccessible(page);
});
