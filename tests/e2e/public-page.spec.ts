// Screens: public (the route folders this spec covers; `npm run test:changed` reads it)
import type { Browser } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";

// A published plan as a resident meets it, signed out and with JavaScript
// off: found from the partnership's list, readable on a desktop and on a
// phone without sideways scrolling, accessible, and leaving no cookie behind.
// Hertfordshire's plan is published in the demo; Portsmouth's is not. axe and
// the measuring run as scripts in the page, so they check the same page in a
// second window with scripts on (the page has none of its own to run).

/** The page as axe and a ruler see it: the same address and width, scripts allowed for them alone. */
async function checkLayoutAndAccessibility(browser: Browser, baseURL: string, path: string, width: number) {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(path);
  await expectAccessible(page);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways, "no sideways scrolling").toBeLessThanOrEqual(0);
  await context.close();
}

for (const width of [1366, 390]) {
  test(`the Hertfordshire plan's public page at ${width} px, without JavaScript`, async ({ browser, workerServer }) => {
    const context = await browser.newContext({ baseURL: workerServer.url, javaScriptEnabled: false, viewport: { width, height: 900 } });
    const page = await context.newPage();

    await page.goto("/public/hertfordshire");
    await expect(page.getByRole("heading", { level: 1, name: "Hertfordshire Compact: published plans" })).toBeVisible();
    await checkLayoutAndAccessibility(browser, workerServer.url, "/public/hertfordshire", width);
    await page.getByRole("link", { name: "Hertfordshire Compact implementation plan" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Hertfordshire Compact implementation plan: progress" })).toBeVisible();
    await expect(page.getByText(/\d+ of \d+ actions confirmed done/).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Objectives and actions" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Reviews" })).toBeVisible();
    // The published first-quarter check, with the stewards' answer, and nobody's name but Fiona Gallagher's, who said yes.
    await expect(page.getByRole("heading", { level: 3, name: "First-quarter check" })).toBeVisible();
    await expect(page.getByText("Accepted in part", { exact: false }).first()).toBeVisible();
    await expect(page.getByText("Fiona Gallagher (Voluntary and community sector)").first()).toBeVisible();
    const text = await page.locator("body").innerText();
    for (const name of ["Helen Marsh", "Grace Okafor", "Morgan Reid", "Priya Shah", "Sam Patel", "@"]) expect(text).not.toContain(name);
    // A rating is a word and an icon, never colour alone.
    await expect(page.locator(".rag").first()).toHaveText(/(Red|Amber|Green|Grey)/);
    await expect(page.getByRole("link", { name: "Follow completions and reviews (Atom feed)" })).toBeVisible();
    await checkLayoutAndAccessibility(browser, workerServer.url, new URL(page.url()).pathname, width);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
}

test("a plan that is not published answers as one that does not exist", async ({ browser, workerServer }) => {
  const context = await browser.newContext({ baseURL: workerServer.url, javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto("/public/portsmouth");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "There is no public page at this address" })).toBeVisible();
  await checkLayoutAndAccessibility(browser, workerServer.url, "/public/portsmouth", 1366);
  await context.close();
});
