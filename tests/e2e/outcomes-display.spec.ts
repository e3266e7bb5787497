// Screens: status, partnership, indicators-csv (the route folders this spec covers; `npm run test:changed` reads it)
import { openDatabase } from "../../db/client";
import { addDaysTo, formatDueDate, ukToday } from "../../app/domain/dates";
import { addReading, createIndicator } from "../../app/server/outcomes/indicators.server";
import type { RunningServer } from "../support/server";
import { actorFor, portsmouthFixture } from "../integration/support/people";
import { expect, serveCopyOfTemplate, test as base } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/session";

// A councillor reads a plan's outcomes on its Status page: each indicator's
// state in a word and an icon with its reason, a chart for the eye and the
// same figures as a table for everyone, on a phone and on paper. The
// indicator is made by Sam Patel's own write, in this file's copy of the data.

const today = ukToday();
const day = (offset: number) => addDaysTo(today, offset);
const PLAN = "Partnership Improvement Action Plan 2010";

async function addIndicator(dataFolder: string) {
  const { db, close } = await openDatabase({ dataDir: dataFolder });
  try {
    const { plan, ids } = await portsmouthFixture(db);
    const sam = await actorFor(db, "leader@demo.test");
    const indicatorId = await createIndicator(db, sam, plan, {
      name: "Organisations that feel heard",
      measures: "Share of VCS organisations who say the council listens to them",
      unit: "percent",
      better: "higher",
      baselineValue: 40,
      baselineOn: day(-365),
      targetValue: 60,
      targetOn: day(365),
      source: "Partner survey",
      comparisonValue: 52,
      comparisonLabel: "National average",
      objectiveIds: [ids["objective 1"]!],
    });
    await addReading(db, sam, plan, indicatorId, { value: 45, measuredOn: day(-200), sourceNote: "Spring survey", correctsReadingId: null });
    await addReading(db, sam, plan, indicatorId, { value: 42, measuredOn: day(-30), sourceNote: "Autumn survey", correctsReadingId: null });
  } finally {
    await close();
  }
}

const test = base.extend<object, { workerServer: RunningServer }>({
  workerServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => serveCopyOfTemplate(`outcomes-display-${workerInfo.workerIndex}`, use, addIndicator),
    { scope: "worker", timeout: 90_000 },
  ],
});

test("a councillor reads each outcome's state, chart and figures on the Status page, on a phone and on paper", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await page.goto("/p/portsmouth");
  // The overview: a line per indicator, the demo's own first.
  await expect(page.getByRole("list", { name: `Outcomes of ${PLAN}` }).getByRole("listitem")).toHaveText([
    /^Third sector satisfaction with partnership working: /,
    `Organisations that feel heard: ! Behind, latest 42%, target 60% by ${formatDueDate(day(365))}.`,
  ]);
  await page.getByRole("link", { name: `Status of ${PLAN}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Status: ${PLAN}` })).toBeVisible();

  const outcomes = page.getByRole("region", { name: "Outcomes", exact: true });
  const indicator = outcomes.getByRole("region", { name: "Organisations that feel heard", exact: true });
  await expect(indicator).toContainText(`Behind 42% on ${formatDueDate(day(-30))}, behind the 49.2% the path expects by then`);
  await expect(indicator).toContainText("Objectives served1. To identify future joint priorities");
  // The chart is for the eye; its figures follow as a table, which is what a screen reader reads.
  const chart = indicator.locator("svg.outcome-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-hidden", "true");
  const table = indicator.getByRole("table", { name: "Organisations that feel heard, as figures" });
  await expect(table.getByRole("row")).toHaveText([
    "FigureDateValueSource note",
    `Baseline${formatDueDate(day(-365))}40%`,
    `Reading${formatDueDate(day(-200))}45%Spring surveyRecorded by Sam Patel.`,
    `Reading${formatDueDate(day(-30))}42%Autumn surveyRecorded by Sam Patel.`,
    `Target${formatDueDate(day(365))}60%`,
    "National average52%",
  ]);
  await expect(outcomes.getByRole("link", { name: "Download the indicators and readings as a spreadsheet (CSV)" })).toHaveAttribute(
    "href",
    /\/indicators\.csv$/,
  );
  await expectAccessible(page);

  // On a phone the chart scales to the width it has.
  await page.setViewportSize({ width: 390, height: 844 });
  const box = (await chart.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expectAccessible(page, "section.outcomes");

  // On paper: the chart and its table print; the download link does not.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ media: "print" });
  await expect(chart).toBeVisible();
  await expect(table).toBeVisible();
  await expect(outcomes.getByRole("link", { name: /spreadsheet/ })).toBeHidden();
});
