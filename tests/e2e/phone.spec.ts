// Screens: home, account, partnership, people, groups, group, security-log, emails, plan-import, board, action, move, status, history, reviews, review, plan-settings, plan-import-into (the route folders this spec covers; `npm run test:changed` reads it)
import type { Browser, Locator, Page } from "@playwright/test";
import type { RunningServer } from "../support/server";
import { expect, serveCopyOfTemplate, test as base } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// Every page on a phone, as each role sees it: tables stack their rows or
// scroll inside a box of their own, and no page scrolls sideways. The facilitator
// publishes Portsmouth's review here, so this file runs on a copy of the data of
// its own (a worker of its own), where no other spec sees that.

const test = base.extend<object, { workerServer: RunningServer }>({
  workerServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => serveCopyOfTemplate(`phone-${workerInfo.workerIndex}`, use),
    { scope: "worker", timeout: 90_000 },
  ],
});

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 390, height: 844 } });

const ROLES = ["admin", "leader", "officer", "facilitator", "councillor"] as const;

interface Paths {
  plan: string;
  review: string;
  action: string;
  group: string;
  compactPlan: string;
}
let paths: Paths;

/** The addresses of the demo's plans, review, an action and a group, found as the admin and the councillor find them. */
async function findPaths(browser: Browser, baseURL: string): Promise<Paths> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const hrefOf = async (name: string | RegExp) => (await page.getByRole("link", { name }).first().getAttribute("href"))!;
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth");
  const plan = (await hrefOf("Status of Partnership Improvement Action Plan 2010")).replace(/\/status$/, "");
  await page.goto(`${plan}/reviews`);
  const review = await hrefOf("Six-month review");
  await page.goto(`${plan}/history`);
  const action = await page.locator(`a[href^="${plan}/actions/"]`).first().getAttribute("href");
  await page.goto("/p/portsmouth/groups");
  const group = await page.locator('a[href^="/p/portsmouth/groups/"]').first().getAttribute("href");
  await context.clearCookies();
  await signIn(page, "councillor@demo.test");
  await page.goto("/p/hertfordshire");
  const compactPlan = (await hrefOf(/^Status of /)).replace(/\/status$/, "");
  await context.close();
  return { plan, review, action: action!, group: group!, compactPlan };
}

test.beforeAll(async ({ browser, workerServer }) => {
  paths = await findPaths(browser, workerServer.url);
});

/** Every page of the partnership and its plan, whether the role may open it or meets the page that says who can. */
function everyPage({ plan, review, action, group, compactPlan }: Paths) {
  return [
    "/",
    "/account",
    "/p/portsmouth",
    "/p/portsmouth/people",
    "/p/portsmouth/groups",
    group,
    "/p/portsmouth/security-log",
    "/p/portsmouth/emails",
    "/p/portsmouth/plans/import",
    plan,
    action,
    `${action}/move`,
    `${plan}/status`,
    `${plan}/history`,
    `${plan}/reviews`,
    review,
    `${plan}/settings`,
    `${plan}/import`,
    compactPlan,
    `${compactPlan}/status`,
  ];
}

/** The pages that scroll sideways at this width, with how wide they are. */
async function pagesWiderThanTheWindow(page: Page, addresses: string[]) {
  const wide: string[] = [];
  for (const address of addresses) {
    await page.goto(address);
    const { content, visible } = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, visible: window.innerWidth }));
    if (content > visible) wide.push(`${address}: ${content} px`);
  }
  return wide;
}

/** Whether an element lies within the window's width (a stacked row), not off to its right. */
async function expectWithinWidth(page: Page, locator: Locator) {
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

for (const role of ROLES) {
  test(`as the ${role}, no page scrolls sideways at 390 px (the review a draft)`, async ({ page }) => {
    await signIn(page, `${role}@demo.test`);
    expect(await pagesWiderThanTheWindow(page, everyPage(paths))).toEqual([]);
  });
}

test("on a phone the admin reaches each person's role, Disable and Reset link without scrolling sideways", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/p/portsmouth/people");
  const row = page.getByRole("row").filter({ hasText: "leader@demo.test" });
  await expectWithinWidth(page, row.getByRole("combobox").first());
  await expectWithinWidth(page, row.getByRole("button", { name: /^Disable/ }));
  await expectWithinWidth(page, row.getByRole("button", { name: /^Reset link/ }));
  await expectAccessible(page);
  await page.goto("/account");
  await expectWithinWidth(page, page.getByRole("row").filter({ hasText: "(this browser)" }).getByRole("cell").nth(3));
  await expectAccessible(page);
});

test("on a phone the status tables stack their rows and the reviews list fits", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await page.goto(`${paths.plan}/status`);
  const firstAction = page.getByRole("table", { name: "Actions of objective 1" }).getByRole("row").nth(1);
  await expectWithinWidth(page, firstAction.getByRole("cell").last());
  await expectAccessible(page);
  await page.goto(`${paths.plan}/reviews`);
  await expectWithinWidth(
    page,
    page
      .getByRole("row", { name: /Six-month review/ })
      .getByRole("cell")
      .last(),
  );
  await expectAccessible(page);
});

test("the facilitator publishes Portsmouth's six-month review on a phone", async ({ page }) => {
  await signIn(page, "facilitator@demo.test");
  await page.goto(paths.review);
  await expectAccessible(page);
  const summary = page.getByRole("form", { name: "Overall summary" });
  await summary.getByLabel("Summary").fill("Good progress on strategy; communication between the sectors lags behind.");
  await summary.getByRole("button", { name: "Save summary" }).click();
  await expect(summary.getByRole("status")).toHaveText("Summary saved.");
  const recommendation = page.getByRole("form", { name: "Add a recommendation" });
  await recommendation.getByLabel("New recommendation").fill("Name an owner for the partnership website by October.");
  await recommendation.getByRole("button", { name: "Add recommendation" }).click();
  await expect(page.getByRole("form", { name: "Recommendation 1", exact: true })).toBeVisible();
  await page.getByText("Publish the review", { exact: true }).click();
  await page.getByRole("group", { name: "Publish the review" }).getByRole("button", { name: "Yes, publish the review" }).click();
  await expect(page.locator(".review__facts")).toContainText("StatusPublished");
});

for (const role of ROLES) {
  test(`as the ${role}, the published review, the reviews, the status and the board (each card with its assessment) fit 390 px`, async ({ page }) => {
    await signIn(page, `${role}@demo.test`);
    expect(await pagesWiderThanTheWindow(page, [paths.review, `${paths.plan}/reviews`, `${paths.plan}/status`, paths.plan, paths.action])).toEqual([]);
    if (role === "leader" || role === "councillor") {
      await page.goto(paths.review);
      await expect(page.getByRole("heading", { name: "Recommendations and responses" })).toBeVisible();
      await expectAccessible(page);
    }
  });
}
