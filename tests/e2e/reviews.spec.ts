// Screens: reviews, review, reviews-compare, review-csv (the route folders this spec covers; `npm run test:changed` reads it)
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, column, openMove, openPlan, signIn } from "./support/session";

// The Portsmouth six-month review, as its three readers meet it: the
// facilitator writes it to publication, the leader answers a recommendation,
// the councillor reads it and what has changed since. One story, in order.
test.describe.configure({ mode: "serial" });

async function openReview(page: Page) {
  await openPlan(page);
  await page.getByRole("link", { name: "Reviews", exact: true }).click();
  await page.getByRole("link", { name: "Six-month review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Six-month review" })).toBeVisible();
}

test("the facilitator finds the overdue review and assesses an action, which stays saved", async ({ page }) => {
  await signIn(page, "facilitator@demo.test");
  await openPlan(page);
  await expect(page.getByText("Six-month review was due 30 September 2010: overdue")).toBeVisible();
  await page.getByRole("link", { name: "Reviews", exact: true }).click();
  await expect(page.getByRole("row", { name: /Six-month review/ })).toContainText("In progress");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Six-month review" }).click();

  await expect(page.locator(".workspace__progress")).toContainText("3 of 9 actions assessed");
  await expectAccessible(page);

  // An assessment, saved on its own, and still there after a reload.
  const assessment = page.getByRole("form", { name: "Assessment of 1.2" });
  await assessment.getByRole("radio", { name: "Some progress" }).check();
  await assessment.getByLabel("Evidence").fill("Priorities were listed in July; the joint review has not yet met.");
  await assessment.getByRole("button", { name: "Save assessment" }).click();
  await expect(assessment.getByRole("status")).toHaveText("Assessment saved.");
  await expect(page.locator(".workspace__progress")).toContainText("4 of 9 actions assessed");
  await page.reload();
  await expect(page.getByRole("form", { name: "Assessment of 1.2" }).getByRole("radio", { name: "Some progress" })).toBeChecked();
});

test("the facilitator records a finding, a barrier, a summary and a recommendation, and publishes the review", async ({ page }) => {
  await signIn(page, "facilitator@demo.test");
  await openReview(page);

  // The action's notes and history are a click away.
  await page
    .locator("#action-" + (await actionIdOf(page, "1.6")))
    .getByText(/Notes and history since the last review/)
    .click();

  const finding = page.getByRole("form", { name: "Finding on Structure" });
  await finding.getByRole("radio", { name: "Partly addressed" }).check();
  await finding.getByLabel("Commentary").fill("The Compact Working Group meets, but the LSP link is still missing.");
  await finding.getByRole("button", { name: "Save finding" }).click();
  await expect(finding.getByRole("status")).toHaveText("Finding saved.");

  const barrier = page.getByRole("form", { name: "Add a barrier" });
  await barrier.getByLabel("Barrier").fill("In-year funding cuts");
  await barrier.getByLabel("Category").selectOption({ label: "Capacity" });
  await barrier.getByRole("button", { name: "Add barrier" }).click();
  await expect(page.getByRole("form", { name: "Barrier: In-year funding cuts" })).toBeVisible();

  const summary = page.getByRole("form", { name: "Overall summary" });
  await summary.getByLabel("Summary").fill("Good progress on strategy; communication between the sectors lags behind.");
  await summary.getByRole("button", { name: "Save summary" }).click();
  await expect(summary.getByRole("status")).toHaveText("Summary saved.");

  const recommendation = page.getByRole("form", { name: "Add a recommendation" });
  await recommendation.getByLabel("New recommendation").fill("Name an owner for the partnership website by October.");
  await recommendation.getByRole("button", { name: "Add recommendation" }).click();
  await expect(page.getByRole("form", { name: "Recommendation 1", exact: true })).toBeVisible();
  await expect(recommendation.getByLabel("New recommendation")).toHaveValue("");

  // Publishing asks first, saying what it does; the review is still open until the person says yes.
  await page.getByText("Publish the review", { exact: true }).click();
  const publish = page.getByRole("group", { name: "Publish the review" });
  await expect(publish).toContainText("It can no longer be changed");
  await expect(publish).toContainText("Everyone in the partnership who can see the plan, councillors included, can read it");
  await expect(publish).toContainText("The plan's stewards can still add responses to its recommendations");
  await expect(page.locator(".review__facts")).toContainText("StatusIn progress");
  await expectAccessible(page);
  await publish.getByRole("button", { name: "Yes, publish the review" }).click();
  await expect(page.getByRole("heading", { name: "Recommendations and responses" })).toBeVisible();
  await expect(page.locator(".review__facts")).toContainText("StatusPublished");
  await expect(page.getByRole("button", { name: "Save assessment" })).toHaveCount(0);
  await expectAccessible(page);
});

test("the facilitator adds an addendum to the published review, which prints on A4 without the site's navigation", async ({ page }) => {
  await signIn(page, "facilitator@demo.test");
  await openReview(page);
  const addendum = page.getByRole("form", { name: "Add an addendum" });
  await addendum.getByLabel("Addendum").fill("The website owner was named on 12 October.");
  await addendum.getByRole("button", { name: "Add addendum" }).click();
  await expect(page.locator(".addendum")).toContainText("Morgan Reid");

  // On paper: A4, without the site's navigation.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "All reviews of this plan" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  expect(pdf.startsWith("%PDF")).toBe(true);
  // Every page A4: 595 × 842 points.
  const pages = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => [Math.round(Number(match[1])), Math.round(Number(match[2]))]);
  expect(pages.length).toBeGreaterThan(0);
  expect(new Set(pages.map((size) => size.join("×")))).toEqual(new Set(["595×842"]));
});

test("the leader answers a recommendation, then moves an action on the board", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await openReview(page);
  await expect(page.getByRole("form", { name: "Add an addendum" })).toHaveCount(0);
  await page.getByText("Respond to recommendation 1").click();
  const response = page.getByRole("form", { name: "Response to recommendation 1" });
  await response.getByRole("radio", { name: "Accepted in part" }).check();
  await response.getByLabel("What the plan will do").fill("The Compact Working Group will name an owner; the budget waits for April.");
  await response.getByRole("button", { name: "Save response" }).click();
  // Saved: the form closes, and the response shows, with who and when, and takes focus.
  await expect(response).toBeHidden();
  const saved = page.locator(".response");
  await expect(saved).toContainText("Accepted in part");
  await expect(saved).toContainText("Sam Patel");
  await expect(saved).toContainText("The Compact Working Group will name an owner; the budget waits for April.");
  await expect(saved).toBeFocused();
  await expect(page.getByText("Respond again to recommendation 1")).toBeVisible();
  await expectAccessible(page);

  await openPlan(page);
  const move = await openMove(page, "1.2");
  await move.getByLabel("Column").selectOption({ label: "In progress" });
  await move.getByRole("button", { name: /^Move 1\.2/ }).click();
  await expect(column(page, 1, "In progress").getByRole("listitem", { name: /^1\.2 / })).toBeVisible();
  await expect(card(page, "1.2")).toContainText("Six-month review: Some progress");
});

test("the councillor reads the published review and what has changed since", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await openReview(page);
  await expect(page.getByRole("heading", { name: "Findings on the obstacles" })).toBeVisible();
  await expect(page.getByRole("table", { name: /^1\. / })).toContainText("Some progress");
  await expect(page.locator(".response")).toContainText("Accepted in part");
  const since = page.getByRole("region", { name: "Since the review" });
  await expect(since).toContainText(/1\.2 .+ to In progress/);
  await expect(page.getByRole("button", { name: /Save|Respond|Publish/ })).toHaveCount(0);
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the assessments (CSV)" }).click();
  const csv = await (await download).path().then((file) => import("node:fs").then((fs) => fs.readFileSync(file!, "utf8")));
  expect(csv.split("\r\n")[0]).toContain("assessment");
  expect(csv).toContain("Some progress");
});

test("an admin schedules the annual review with the facilitator", async ({ page: admin }) => {
  await signIn(admin, "admin@demo.test");
  await openPlan(admin);
  await admin.getByRole("link", { name: "Reviews", exact: true }).click();
  const schedule = admin.getByRole("region", { name: "Schedule a review" });
  await schedule.getByLabel("Kind of review").selectOption({ label: "Annual review" });
  await schedule.getByLabel("Title").fill("Annual review 2011");
  await schedule.getByLabel("Due date").fill("2011-03-31");
  await schedule.getByRole("checkbox", { name: "Morgan Reid" }).check();
  await schedule.getByRole("button", { name: "Schedule the review" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Annual review 2011" })).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Scheduled, not yet open" })).toBeVisible();
  await expectAccessible(admin);
});

test("the facilitator opens the annual review, takes back a barrier added by mistake, and publishes it", async ({ page, browser }) => {
  await signIn(page, "facilitator@demo.test");
  await openPlan(page);
  await page.getByRole("link", { name: "Reviews", exact: true }).click();
  await page.getByRole("link", { name: "Annual review 2011" }).click();
  await page.getByRole("button", { name: "Open the review and take the snapshot" }).click();
  await expect(page.locator(".workspace__progress")).toContainText("0 of");

  // A barrier added by mistake and removed: focus goes to the section, not the top of the page.
  const barrier = page.getByRole("form", { name: "Add a barrier" });
  await barrier.getByLabel("Barrier").fill("Added by mistake");
  await barrier.getByRole("button", { name: "Add barrier" }).click();
  await page.getByRole("button", { name: "Remove “Added by mistake”" }).click();
  await expect(page.getByRole("form", { name: "Barrier: Added by mistake" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "New barriers" })).toBeFocused();

  const assessment = page.getByRole("form", { name: "Assessment of 1.2" });
  await assessment.getByRole("radio", { name: "Achieved" }).check();
  await assessment.getByRole("button", { name: "Save assessment" }).click();
  await expect(assessment.getByRole("status")).toHaveText("Assessment saved.");
  const summary = page.getByRole("form", { name: "Overall summary" });
  await summary.getByLabel("Summary").fill("A year on, the strategy is agreed.");
  await summary.getByRole("button", { name: "Save summary" }).click();
  await expect(summary.getByRole("status")).toHaveText("Summary saved.");

  // Publishing asks first without JavaScript too.
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
  const plain = await withoutScripts.newPage();
  await signIn(plain, "facilitator@demo.test");
  await plain.goto(page.url());
  await plain.getByText("Publish the review", { exact: true }).click();
  await expect(plain.locator(".review__facts")).toContainText("StatusIn progress");
  await plain.getByRole("group", { name: "Publish the review" }).getByRole("button", { name: "Yes, publish the review" }).click();
  await expect(plain.locator(".review__facts")).toContainText("StatusPublished");
  await withoutScripts.close();
  await page.reload();
  await expect(page.locator(".review__facts")).toContainText("StatusPublished");
  await page.getByRole("link", { name: "All reviews of this plan" }).click();
  await expect(page.getByRole("button", { name: "Compare" })).toBeVisible();
});

test("anyone compares the six-month and the annual review, action by action", async ({ page }) => {
  await signIn(page, "facilitator@demo.test");
  await openPlan(page);
  await page.getByRole("link", { name: "Reviews", exact: true }).click();
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Six-month review compared with Annual review 2011" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^1\.2 / })).toContainText(/Some progress\s*Achieved\s*Changed/);
  await expectAccessible(page);
});

async function actionIdOf(page: Page, reference: string) {
  const id = await page
    .getByRole("form", { name: `Assessment of ${reference}` })
    .locator('input[name="actionId"]')
    .inputValue();
  return id;
}
