import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysTo, formatDueDate, ukToday } from "../../app/domain/dates";
import { addReading, createIndicator } from "../../app/server/outcomes/indicators.server";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn, type Client } from "./support/http";
import { actorFor, portsmouthFixture } from "./support/people";
import { engine } from "./support/test-database";

// A plan's outcomes where people look: the Status page (and so the committee
// paper), the partnership's overview, indicators.csv, the public page, and
// plan.json out and back in. The indicators are made through the stewards'
// own writes; their dates hang on today, so each state is known by hand:
// a path from 40% a year ago to 60% a year ahead expects 49.2% thirty days ago.

let app: TestApp;
let plan: PlanContextData;
let ids: Record<string, string>;
let planPath: string;
let councillor: Client;
let leader: Client;
let objectiveOne: string;
const today = ukToday();
const day = (offset: number) => addDaysTo(today, offset);

beforeAll(async () => {
  app = await startApp();
  ({ plan, ids } = await portsmouthFixture(app.db));
  planPath = `/p/portsmouth/plans/${plan.id}`;
  councillor = await signedIn(app.url, "councillor@demo.test");
  leader = await signedIn(app.url, "leader@demo.test");
  objectiveOne = (await app.db.selectFrom("objectives").select("title").where("id", "=", ids["objective 1"]!).executeTakeFirstOrThrow()).title;
});
afterAll(() => app?.close());

/** A page's words, as a screen reader reads them: no tags, no React's text separators. */
const wordsOf = async (response: Response) =>
  (await response.text())
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replaceAll("<!-- -->", "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

/** The page's Outcomes section, as HTML. */
const outcomesSection = (html: string) =>
  /<section aria-labelledby="outcomes"[\s\S]*?<h2 id="outcomes">[\s\S]*?(?=<section aria-labelledby="(?:status-balance|public-reviews)")/.exec(html)?.[0] ?? "";
const words = (html: string) =>
  html
    .replaceAll("<!-- -->", "")
    .replaceAll("&#x27;", "'")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

async function addIndicators() {
  const sam = await actorFor(app.db, "leader@demo.test");
  const heardId = await createIndicator(app.db, sam, plan, {
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
  await addReading(app.db, sam, plan, heardId, { value: 45, measuredOn: day(-200), sourceNote: "Spring survey", correctsReadingId: null });
  await addReading(app.db, sam, plan, heardId, { value: 58, measuredOn: day(-30), sourceNote: "Autumn survey", correctsReadingId: null });
  const wrong = await app.db.selectFrom("indicatorReadings").select("id").where("indicatorId", "=", heardId).where("value", "=", 58).executeTakeFirstOrThrow();
  await addReading(app.db, sam, plan, heardId, { value: 42, measuredOn: day(-30), sourceNote: "Autumn survey, recounted", correctsReadingId: wrong.id });
  await createIndicator(app.db, sam, plan, {
    name: "Complaints about grant delays",
    measures: "",
    unit: "number",
    better: "lower",
    baselineValue: 120,
    baselineOn: day(-100),
    targetValue: 60,
    targetOn: day(265),
    source: "",
    comparisonValue: null,
    comparisonLabel: "",
    objectiveIds: [],
  });
}

/** Sets the plan as both sectors' agreement leaves it, and tells the kept pages (the consent steps have tests of their own). */
async function publish() {
  const people = await app.db.selectFrom("partnershipMemberships").select(["userId", "sector"]).where("partnershipId", "=", plan.partnershipId).execute();
  await app.db
    .updateTable("plans")
    .set({
      publicationProposedBy: people.find((person) => person.sector === "public")!.userId,
      publicationProposedSector: "public",
      publicationProposedAt: new Date(),
      publicationAgreedBy: people.find((person) => person.sector === "voluntary_community")!.userId,
      publicationAgreedSector: "voluntary_community",
      publishedAt: new Date(),
    })
    .where("id", "=", plan.id)
    .execute();
  await sql`select pg_notify('plan_changes', ${JSON.stringify({ planId: plan.id })})`.execute(app.db);
}

describe(`a plan's outcomes on ${engine}`, () => {
  it("before any indicator, Status says so, and sends only those who may add them to the Outcomes page", async () => {
    const asSteward = await (await leader.get(`${planPath}/status`)).text();
    expect(words(outcomesSection(asSteward))).toContain("This plan has no outcome indicators yet. Add them on the plan's Outcomes page");
    expect(outcomesSection(asSteward)).toContain(`href="${planPath}/outcomes"`);
    const asCouncillor = await (await councillor.get(`${planPath}/status`)).text();
    expect(words(outcomesSection(asCouncillor))).toContain("This plan has no outcome indicators yet. The plan's stewards add them");
    expect(outcomesSection(asCouncillor)).not.toContain(`${planPath}/outcomes`);
  });

  it("shows each indicator on Status: its state in a word, an icon and why, its chart with the figures as a table, source and objectives", async () => {
    await addIndicators();
    const html = outcomesSection(await (await councillor.get(`${planPath}/status`)).text());
    const text = words(html);
    expect(text).toContain("Organisations that feel heard Share of VCS organisations who say the council listens to them");
    expect(text).toContain(
      `State ! Behind 42% on ${formatDueDate(day(-30))}, behind the 49.2% the path expects by then Target 60% by ${formatDueDate(day(365))} (higher is better)`,
    );
    expect(text).toContain(`Objectives served 1. ${objectiveOne}`);
    expect(text).toContain("Source Partner survey");
    // The chart is drawn for the eye; the table says the same to everyone.
    expect(html).toMatch(/<svg class="chart outcome-chart" viewBox="0 0 480 230" aria-hidden="true"/);
    expect(text).toContain(
      `Organisations that feel heard, as figures Figure Date Value Source note Baseline ${formatDueDate(day(-365))} 40% ` +
        `Reading ${formatDueDate(day(-200))} 45% Spring survey Recorded by Sam Patel. ` +
        `Reading ${formatDueDate(day(-30))} 42% Autumn survey, recounted Corrects 58% recorded for ${formatDueDate(day(-30))}. Recorded by Sam Patel. ` +
        `Target ${formatDueDate(day(365))} 60% National average 52%`,
    );
    // The corrected reading stays in the record, not in the figures.
    expect(text).not.toContain(`${formatDueDate(day(-30))} 58% Autumn survey`);
    expect(text).toContain(`Complaints about grant delays State – No recent reading No reading yet Target 60 by ${formatDueDate(day(265))} (lower is better)`);
    expect(text).toContain("Objectives served None named Source Not given");
    expect(html).toContain(`href="${planPath}/indicators.csv"`);
  });

  it("puts a line per indicator on the partnership's overview", async () => {
    // wordsOf() reads each tag as a space: the badge's end leaves one before the comma.
    const text = await wordsOf(await councillor.get("/p/portsmouth"));
    expect(text).toContain(`Organisations that feel heard: ! Behind , latest 42%, target 60% by ${formatDueDate(day(365))}.`);
    expect(text).toContain(`Complaints about grant delays: – No recent reading , no reading yet, target 60 by ${formatDueDate(day(265))}.`);
  });

  it("downloads indicators.csv: a row per standing reading, one for an indicator with none, with the state in words", async () => {
    const response = await councillor.get(`${planPath}/indicators.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="partnership-improvement-action-plan-2010-indicators.csv"');
    const rows = parse(await response.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.indicator, row.state, row.reading_date, row.reading, row.reading_correction])).toEqual([
      ["Organisations that feel heard", "Behind", day(-200), "45", ""],
      ["Organisations that feel heard", "Behind", day(-30), "42", `Corrects 58% recorded for ${formatDueDate(day(-30))}`],
      ["Complaints about grant delays", "No recent reading", "", "", ""],
    ]);
    expect(rows[0]).toMatchObject({
      unit: "Percent (%)",
      better: "Higher is better",
      baseline: "40",
      baseline_date: day(-365),
      target: "60",
      target_date: day(365),
      comparison: "52",
      comparison_label: "National average",
      source: "Partner survey",
      objectives: "1",
      reading_source_note: "Spring survey",
    });
    // As Status: anyone who may see the plan, and no one else.
    expect((await client(app.url).get(`${planPath}/indicators.csv`)).status).toBe(302);
  });

  it("shows the outcomes on the public page once published, without who recorded a reading, and follows a new reading", async () => {
    await publish();
    const page = `/public/portsmouth/${plan.id}`;
    const html = await (await client(app.url).get(page)).text();
    const text = words(outcomesSection(html));
    expect(text).toContain(`State ! Behind 42% on ${formatDueDate(day(-30))}, behind the 49.2% the path expects by then`);
    expect(text).toContain("Organisations that feel heard, as figures");
    expect(html).not.toContain("Recorded by");

    const sam = await actorFor(app.db, "leader@demo.test");
    const heard = await app.db.selectFrom("indicators").select("id").where("name", "=", "Organisations that feel heard").executeTakeFirstOrThrow();
    await addReading(app.db, sam, plan, heard.id, { value: 55, measuredOn: day(-1), sourceNote: "Winter survey", correctsReadingId: null });
    // The kept page is forgotten when the plan changes: poll (never sleep) until the notification lands.
    const until = Date.now() + 2_000;
    let again = "";
    while (Date.now() < until && !again.includes("Winter survey")) again = await (await client(app.url).get(page)).text();
    expect(words(outcomesSection(again))).toMatch(/State ▲ Ahead 55% on .*, ahead of the/);
  });

  it("takes the indicators out in plan.json and back into a new plan: the same indicators, objectives and readings", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const exported = await (await admin.get(`${planPath}/plan.json`)).text();
    const document = JSON.parse(exported) as {
      plan: { title: string; periodStart: string; periodEnd: string };
      exportedAt: string;
      indicators: Array<{ name: string; objectives: number[]; readings: Array<{ value: number; corrects: number | null; sourceNote: string }> }>;
    };
    expect(document.indicators.map((indicator) => indicator.name)).toEqual(["Organisations that feel heard", "Complaints about grant delays"]);
    expect(document.indicators[0]!.objectives).toEqual([1]);
    expect(document.indicators[0]!.readings.map((reading) => [reading.value, reading.corrects])).toEqual([
      [45, null],
      [58, null],
      [42, 2],
      [55, null],
    ]);
    // No survey, link, address or recorder leaves with it.
    expect(exported).not.toMatch(/survey(Id|s)"|recordedBy|@demo\.test"[^\n]*reading/);

    const form = new FormData();
    for (const [name, value] of Object.entries({
      intent: "import",
      title: "Outcomes, imported",
      periodStart: document.plan.periodStart,
      periodEnd: document.plan.periodEnd,
    }))
      form.append(name, value);
    form.append("file", new Blob([exported]), "plan.json");
    const response = await fetch(new URL("/p/portsmouth/plans/import", app.url), {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { Origin: new URL(app.url).origin, Cookie: admin.cookie ?? "" },
    });
    expect(response.status).toBe(302);
    const importedPath = response.headers.get("Location")!.replace(/\?.*$/, "");
    const again = JSON.parse(await (await admin.get(`${importedPath}/plan.json`)).text()) as typeof document;
    expect({ ...again, plan: null, exportedAt: null }).toEqual({ ...document, plan: null, exportedAt: null });

    // The imported plan's Status says what the original's says, and the import is one audited write.
    const original = words(outcomesSection(await (await admin.get(`${planPath}/status`)).text())).replace(/Recorded by [^.]+\./g, "");
    const imported = words(outcomesSection(await (await admin.get(`${importedPath}/status`)).text())).replace(/Recorded by [^.]+\./g, "");
    expect(imported).toBe(original);
    const importedId = importedPath.split("/").at(-1)!;
    const events = await app.db.selectFrom("auditEvents").select(["verb", "context"]).where("planId", "=", importedId).execute();
    expect(events).toEqual([{ verb: "imported", context: expect.objectContaining({ indicators: 2, readings: 4 }) }]);
  });
});
