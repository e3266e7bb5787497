import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// The councillor's journey: every plan at a glance, one plan's status, the
// changes since their last meeting, and the status on paper for committee.

test("the councillor reads the overview and a plan's status, picks the last meeting's date, and prints a committee paper", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await page.getByRole("link", { name: "Portsmouth Public Sector & Voluntary and Community Sector" }).click();

  // The partnership overview: each plan's ratings, progress, next review and last change.
  const plan = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Partnership Improvement Action Plan 2010" }) });
  await expect(plan).toContainText(/\d+ of \d+ actions confirmed done; \d+ overdue/);
  await expect(plan).toContainText("Six-month review was due 30 September 2010: overdue.");
  await expect(plan).toContainText(/Last change \d+ \w+ \d{4}/);
  await expect(plan.getByRole("list")).toContainText(/Red \d+.*Amber \d+.*Green \d+.*Grey \d+/);
  await expectAccessible(page);

  await plan.getByRole("link", { name: "Status of Partnership Improvement Action Plan 2010" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Status: Partnership Improvement Action Plan 2010" })).toBeVisible();
  await expect(page.getByText(/^As of \d+ \w+ \d{4} \d\d:\d\d\. Six-month review was due 30 September 2010: overdue\.$/)).toBeVisible();

  // What is late, what is due, what waits for the other sector.
  const attention = page.getByRole("region", { name: "What needs attention" });
  await expect(attention.getByRole("heading", { name: /^Overdue \(\d+\)$/ })).toBeVisible();
  await expect(attention).toContainText("1.5 Map Portsmouth's third sector organisations and develop an online directory: due 30 June 2010, at risk");
  await expect(attention).toContainText("2.2 Bring more organisations together to realise their joint potential: done by Mandy Lindley, to be confirmed by the voluntary and community sector");

  // Every rating says itself in words, and why.
  const objectiveOne = page.getByRole("region", { name: /^1\. To identify future joint priorities/ });
  const row = objectiveOne.getByRole("row", { name: /1\.6 Support third sector partnerships/ });
  await expect(row).toContainText("Green");
  await expect(row).toContainText("Done and confirmed");

  // Charts come with their figures as tables.
  await expect(page.getByRole("table", { name: "Sector balance, as figures" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Burn-up, as figures" })).toBeVisible();
  await expectAccessible(page);

  // Since the last meeting: a date in the future is refused with a message, a real one is used.
  const since = page.getByRole("region", { name: /^Since / });
  await since.getByLabel("Changes since (the date of the last meeting)").fill("2099-01-01");
  await since.getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByText("Choose a date that is not in the future")).toBeVisible();
  await expect(page.getByLabel("Changes since (the date of the last meeting)")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Changes since (the date of the last meeting)").fill("2010-03-01");
  await page.getByRole("button", { name: "Show changes" }).click();
  await expect(page).toHaveURL(/since=2010-03-01/);
  await expect(page.getByRole("heading", { level: 2, name: "Since 1 March 2010" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Since 1 March 2010" }).getByRole("heading", { name: "Latest progress notes" })).toBeVisible();

  // On paper: A4, several pages, no control and no navigation; the plan's title and date head every page.
  const paperCss = await page.request.get(`${new URL(page.url()).pathname}/paper.css?on=2026-11-23`);
  expect(paperCss.headers()["content-type"]).toContain("text/css");
  expect(await paperCss.text()).toContain('@top-left { content: "Partnership Improvement Action Plan 2010"');
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("button:visible, input:visible, select:visible, nav:visible, .plan-bar:visible")).toHaveCount(0);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const pages = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => `${Math.round(Number(match[1]))}×${Math.round(Number(match[2]))}`);
  expect(pages.length).toBeGreaterThan(2);
  expect(new Set(pages)).toEqual(new Set(["595×842"]));
});
