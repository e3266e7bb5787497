// Screens: home, partnership, not-found (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";

test("the home page names the product and passes WCAG 2.2 AA checks", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("banner")).toContainText("Partnership Board");
  await expect(page.getByRole("main")).toBeVisible();
  await expectAccessible(page);
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to main content" });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("an unknown address shows a friendly 404 page without a stack trace", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.locator("pre")).toHaveCount(0);
  await expectAccessible(page);
});
