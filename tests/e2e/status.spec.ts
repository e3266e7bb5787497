// Screens: status, status-paper-css, actions-csv, plan-json (the route folders this spec covers; `npm run test:changed` reads it)
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// The councillor's journey: every plan at a glance, one plan's status, the
// changes since their last meeting, and the status on paper for committee.

const TITLE = "Hertfordshire Compact implementation plan";

/** The councillor sits on both demo partnerships; the Hertfordshire Compact's plan runs now. */
async function openCompactOverview(page: Page) {
  await signIn(page, "councillor@demo.test");
  await page.getByRole("link", { name: "Hertfordshire Compact", exact: true }).click();
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
}

async function openCompactStatus(page: Page) {
  const plan = await openCompactOverview(page);
  await plan.getByRole("link", { name: `Status of ${TITLE}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Status: ${TITLE}` })).toBeVisible();
}

test("the councillor reads every plan at a glance on the partnership's overview", async ({ page }) => {
  // The partnership overview: each plan's ratings, progress, next review and last change.
  const plan = await openCompactOverview(page);
  await expect(plan).toContainText(/\d+ of 56 actions confirmed done; \d+ overdue\./);
  await expect(plan).toContainText(/Six-month review due \d+ \w+ \d{4}\./);
  await expect(plan).toContainText(/Last change \d+ \w+ \d{4} \d\d:\d\d\./);
  await expect(plan.getByRole("list")).toContainText(/Red \d+.*Amber \d+.*Green \d+.*Grey \d+/);
  await expectAccessible(page);
});

test("a plan's status says what is late, due and waiting, what changed, and each sector's share, in words and figures", async ({ page }) => {
  await openCompactStatus(page);
  await expect(page.getByText(/^As of \d+ \w+ \d{4} \d\d:\d\d\. Six-month review due \d+ \w+ \d{4}\.$/)).toBeVisible();

  // What is late, what is due, what waits for the other sector.
  const attention = page.getByRole("region", { name: "What needs attention" });
  await expect(attention.getByRole("heading", { name: /^Overdue \(\d+\)$/ })).toBeVisible();
  await expect(attention.getByRole("heading", { name: /^Due in the next 30 days \(\d+\)$/ })).toBeVisible();
  await expect(attention.getByRole("heading", { name: "Completions awaiting confirmation (1)" })).toBeVisible();
  await expect(attention).toContainText(/done by Tom Whitfield, to be confirmed by the public sector; it was due/);

  // Since the last meeting (30 days ago unless the reader picks): what changed, and the latest notes.
  const lastMonth = page.getByRole("region", { name: /^Since / });
  await expect(lastMonth.getByText("Progress notes added")).toBeVisible();
  await expect(lastMonth.getByRole("heading", { name: "Latest progress notes" })).toBeVisible();

  // Every rating says itself in words, and why.
  const confirmed = page.getByRole("row").filter({ hasText: "Done and confirmed" }).first();
  await expect(confirmed).toContainText("Green");

  // Both sectors' shares, and the burn-up, as figures beside their charts.
  const balance = page.getByRole("table", { name: "Sector balance, as figures" });
  await expect(balance.getByRole("row", { name: /^Public sector \d+%/ })).toBeVisible();
  await expect(balance.getByRole("row", { name: /^Voluntary and community sector \d+%/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Burn-up, as figures" })).toBeVisible();
  await expectAccessible(page);
});

test("the councillor picks the last meeting's date for the changes since; a date in the future is refused", async ({ page }) => {
  await openCompactStatus(page);
  const lastMonth = page.getByRole("region", { name: /^Since / });
  // A date in the future is refused with a message; a real one is used.
  await lastMonth.getByLabel("Changes since (the date of the last meeting)").fill("2099-01-01");
  await lastMonth.getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByText("Choose a date that is not in the future")).toBeVisible();
  await expect(page.getByLabel("Changes since (the date of the last meeting)")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Changes since (the date of the last meeting)").fill("2026-01-01");
  await page.getByRole("button", { name: "Show changes" }).click();
  await expect(page).toHaveURL(/since=2026-01-01/);
  await expect(page.getByRole("heading", { level: 2, name: "Since 1 January 2026" })).toBeVisible();
});

test("each action on a plan's status opens over the board, with its notes and history", async ({ page }) => {
  await openCompactStatus(page);
  const attention = page.getByRole("region", { name: "What needs attention" });
  const late = attention.getByRole("listitem").first().getByRole("link");
  const lateTitle = (await late.textContent())!;
  await late.click();
  await expect(page).toHaveURL(/\/actions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("dialog")).toContainText(lateTitle.replace(/^\S+ /, ""));
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: `Status: ${TITLE}` })).toBeVisible();
});

test("a plan's status prints as a committee paper: A4, several pages, no control or navigation, the title and date on every page", async ({ page }) => {
  await openCompactStatus(page);
  // Since the last meeting the councillor picked, as a committee paper would be.
  await page.getByLabel("Changes since (the date of the last meeting)").fill("2026-01-01");
  await page.getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Since 1 January 2026" })).toBeVisible();

  // On paper: A4, several pages, no control and no navigation; the plan's title and date head every page.
  const paperCss = await page.request.get(`${new URL(page.url()).pathname}/paper.css?on=2026-11-23`);
  expect(paperCss.headers()["content-type"]).toContain("text/css");
  expect(await paperCss.text()).toContain(`@top-left { content: "${TITLE}"`);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("button:visible, input:visible, select:visible, nav:visible, .plan-bar:visible")).toHaveCount(0);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const pages = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => `${Math.round(Number(match[1]))}×${Math.round(Number(match[2]))}`);
  expect(pages.length).toBeGreaterThan(2);
  expect(new Set(pages)).toEqual(new Set(["595×842"]));
});

test("what needs attention names who leads each action, with their sector in words, on screen and on paper", async ({ page }) => {
  await openCompactStatus(page);
  const attention = page.getByRole("region", { name: "What needs attention" });
  const lists = ["Overdue", "Due in the next 30 days", "Completions awaiting confirmation"];
  for (const media of ["screen", "print"] as const) {
    await page.emulateMedia({ media });
    for (const heading of lists) {
      const items = attention.getByRole("heading", { name: new RegExp(`^${heading} \\(\\d+\\)$`) }).locator("xpath=following-sibling::ul[1]/li");
      expect(await items.count(), heading).toBeGreaterThan(0);
      for (const item of await items.all())
        await expect(item).toHaveText(
          /\. (Led by .+ \((public sector|voluntary and community sector|independent|cross-sector|outside body)\)\.|No lead named\.)$/,
        );
    }
  }
  await expect(attention).toContainText("to be confirmed by the public sector; it was due");
  await expect(attention).toContainText(/Led by Compact Steering Group \(cross-sector\)\./);
  await page.emulateMedia({ media: "screen" });
  await expectAccessible(page);
});

for (const plan of [
  { slug: "portsmouth", title: "Partnership Improvement Action Plan 2010" },
  { slug: "hertfordshire", title: TITLE },
]) {
  test(`${plan.title} on paper: each objective's heading on the page of its first actions, the page's width used, the burn-up a row a month`, async ({
    page,
  }) => {
    await signIn(page, "councillor@demo.test");
    await page.goto(`/p/${plan.slug}`);
    await page.getByRole("link", { name: `Status of ${plan.title}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Status: ${plan.title}` })).toBeVisible();

    // The screen keeps every point of the burn-up; paper has a row a month: the start, month ends, today.
    await expect(page.getByRole("table", { name: "Burn-up, as figures" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Burn-up by month, as figures" })).toBeHidden();
    await page.emulateMedia({ media: "print" });
    // The width page.pdf lays out in: A4 less its side margins (178 mm).
    await page.setViewportSize({ width: 673, height: 950 });
    await expect(page.getByRole("table", { name: "Burn-up, as figures" })).toBeHidden();
    const byMonth = page.getByRole("table", { name: "Burn-up by month, as figures" });
    await expect(byMonth).toBeVisible();
    const days = (await byMonth.locator("tbody th").allTextContents()).map((text) => new Date(`${text} 12:00Z`));
    expect(days.length).toBeGreaterThan(2);
    expect(days.length).toBeLessThanOrEqual(8);
    for (const day of days.slice(1, -1)) expect(new Date(day.getTime() + 86_400_000).getUTCDate(), `${day.toDateString()} ends its month`).toBe(1);

    // The leads' column has room for a lead's sector on one line ("Cross-sector" wrapped in a narrow one).
    for (const table of await page.locator(".status__table").all()) {
      const widths = await table.evaluate((element) => ({
        table: element.getBoundingClientRect().width,
        page: element.closest("article")!.getBoundingClientRect().width,
        leads: element.querySelector("thead th:nth-child(4)")!.getBoundingClientRect().width,
      }));
      expect(widths.table).toBeGreaterThanOrEqual(widths.page - 1);
      expect(widths.leads / widths.table).toBeGreaterThanOrEqual(0.2);
    }
    const wrapped = await page
      .locator(".status__table .sector-tag")
      .evaluateAll((tags) =>
        tags.filter((tag) => tag.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(tag).lineHeight)).map((tag) => tag.textContent),
      );
    expect(wrapped).toEqual([]);

    // Printed: each objective's heading is on the page of its table's first action, and each list of what needs attention starts where its heading is.
    const paper = readPrintedPaper(await page.pdf({ preferCSSPageSize: true, outline: true, tagged: true }));
    const kept: { heading: string; page: number | undefined; firstAction: number | undefined }[] = [];
    const firstLinkAfter = async (heading: Locator, link: Locator) => {
      const title = (await heading.textContent())!.trim();
      const uri = new URL((await link.first().getAttribute("href"))!, page.url()).href;
      // The outline loses the space where a heading wraps ("programmesand"): compare without spaces.
      const onPage = paper.headings.find((entry) => entry.title.replace(/\s/g, "") === title.replace(/\s/g, ""))?.page;
      // What needs attention links to some of the same actions, earlier: the link that counts is the first on or after the heading's page.
      const firstAction = paper.links.find((entry) => entry.uri === uri && entry.page >= (onPage ?? 0))?.page;
      kept.push({ heading: title, page: onPage, firstAction });
    };
    for (const objective of await page.locator(".status__objective").all()) await firstLinkAfter(objective.locator("h3"), objective.locator("tbody a"));
    for (const list of await page.locator(".status__attention").all()) await firstLinkAfter(list.locator("h3"), list.locator("li a"));
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.filter((entry) => entry.page === undefined || entry.page !== entry.firstAction)).toEqual([]);
  });
}

/**
 * Where things fell on the pages Chromium printed: the page of each heading (from
 * the PDF's outline) and of each link. Chromium writes the objects uncompressed.
 */
function readPrintedPaper(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const objects = new Map([...text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)\nendobj/g)].map((match) => [match[1]!, match[2]!]));
  const refs = (body: string, key: string) =>
    [...(body.match(new RegExp(`/${key} \\[([^\\]]*)\\]`))?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map((match) => match[1]!);
  const isPages = (body: string) => /\/Type \/Pages\b/.test(body);
  const pageIds: string[] = [];
  const walk = (id: string): void => (isPages(objects.get(id)!) ? refs(objects.get(id)!, "Kids").forEach(walk) : void pageIds.push(id));
  walk([...objects].find(([, body]) => isPages(body) && !body.includes("/Parent "))![0]);
  const pageOf = new Map(pageIds.map((id, index) => [id, index + 1]));
  const links = pageIds.flatMap((id, index) =>
    refs(objects.get(id)!, "Annots")
      .map((annotation) => objects.get(annotation)!.match(/\/URI \(([^)]*)\)/)?.[1])
      .filter((uri) => uri !== undefined)
      .map((uri) => ({ uri, page: index + 1 })),
  );
  const headings = [...objects.values()]
    .map((body) => body.match(/\/Title (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)\s*\/Dest \[(\d+) 0 R/))
    .filter((match) => match !== null)
    .map((match) => ({ title: pdfText(match[1]!), page: pageOf.get(match[2]!) }));
  return { pages: pageIds.length, links, headings };
}

/** A PDF string: "(literal)" with backslash escapes, or "<FEFF…>" as UTF-16. */
function pdfText(string: string): string {
  if (string.startsWith("<")) return Buffer.from(string.slice(5, -1), "hex").swap16().toString("utf16le");
  return string.slice(1, -1).replace(/\\([()\\])/g, "$1");
}

test("whoever reads a plan's status may take the plan out, as a spreadsheet or as the whole plan", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await page.goto("/p/portsmouth");
  await page.getByRole("link", { name: "Status of Partnership Improvement Action Plan 2010" }).click();
  const spreadsheet = page.getByRole("link", { name: "the actions as a spreadsheet (CSV)" });
  const whole = page.getByRole("link", { name: "the whole plan as JSON, to import elsewhere" });
  await expect(spreadsheet).toBeVisible();
  await expect(whole).toBeVisible();
  await expectAccessible(page);

  // A click downloads the file under the plan's name, and the page stays.
  const download = page.waitForEvent("download");
  await spreadsheet.click();
  expect((await download).suggestedFilename()).toBe("partnership-improvement-action-plan-2010-actions.csv");
  await expect(page.getByRole("heading", { level: 1, name: "Status: Partnership Improvement Action Plan 2010" })).toBeVisible();

  const csv = await page.request.get((await spreadsheet.getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toContain('"2.3","Enable third sector infrastructure organisations to collaborate or merge"');
  const json = await page.request.get((await whole.getAttribute("href"))!);
  expect(json.status()).toBe(200);
  expect(json.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(((await json.json()) as { format: string }).format).toBe("partnership-board-plan");
});
