import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// A plan's outcome indicators over HTTP, as browsers send the forms: Sam
// Patel, a steward, adds an indicator, edits it, records readings and a
// correction, each one audited write that the history tells in words;
// members who do not steward the plan, admins, facilitators, observers and
// other partnerships' people are refused and nothing is written; bad input
// gets a message and writes nothing; readings are append-only in the database.

let app: TestApp;
let planPath: string;
let outcomesPath: string;
let leader: Client;

const INDICATOR = {
  intent: "create-indicator",
  name: "Third sector satisfaction",
  measures: "Organisations rating partnership working good or very good",
  unit: "percent",
  better: "higher",
  baselineValue: "24",
  baselineOn: "2025-04-01",
  targetValue: "40%",
  targetOn: "2027-04-01",
  source: "Annual VCS survey",
  comparisonValue: "16.3",
  comparisonLabel: "National average, 2008",
};

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  outcomesPath = `${planPath}/outcomes`;
  leader = await signedIn(app.url, "leader@demo.test");
});
afterAll(() => app?.close());

/** Everything these forms can change, and how many events (refusals aside) the history holds. */
async function snapshot() {
  const [indicators, objectives, readings, events] = await Promise.all([
    app.db.selectFrom("indicators").selectAll().orderBy("id").execute(),
    app.db.selectFrom("indicatorObjectives").selectAll().orderBy("indicatorId").orderBy("objectiveId").execute(),
    app.db.selectFrom("indicatorReadings").selectAll().orderBy("id").execute(),
    app.db.selectFrom("auditEvents").select("id").where("verb", "!=", "refused").where("entityType", "!=", "user").execute(),
  ]);
  return { indicators, objectives, readings, events: events.length };
}

async function indicatorId(name: string) {
  return (await app.db.selectFrom("indicators").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}

/** Whether the plan's history, filtered to a kind, holds the sentence (as the page escapes it). */
async function historySays(text: string, kind = "outcomes") {
  const history = await (await signedIn(app.url, "admin@demo.test")).get(`${planPath}/history?kind=${kind}`);
  expect(history.status).toBe(200);
  return (await history.text()).includes(text.replaceAll("'", "&#x27;"));
}

describe(`outcome indicators over HTTP, on ${engine}`, () => {
  it("lets a steward add an indicator, with the objectives it serves, and tells the history", async () => {
    const objective = await app.db.selectFrom("objectives").select("id").where("number", "=", 2).executeTakeFirstOrThrow();
    const response = await leader.post(outcomesPath, { ...INDICATOR, objectiveIds: objective.id });
    expect(response.status).toBe(200);
    const stored = await app.db.selectFrom("indicators").selectAll().where("name", "=", INDICATOR.name).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ unit: "percent", better: "higher", baselineValue: 24, targetValue: 40, comparisonValue: 16.3, targetOn: "2027-04-01" });
    expect(await app.db.selectFrom("indicatorObjectives").select("objectiveId").where("indicatorId", "=", stored.id).execute()).toEqual([
      { objectiveId: objective.id },
    ]);
    const page = await (await leader.get(outcomesPath)).text();
    expect(page).toContain("No recent reading");
    expect(page).toContain("24% on 1 April 2025");
    expect(page).toContain("40% by 1 April 2027");
    expect(page).toContain("16.3%, National average, 2008");
    expect(await historySays("added the outcome indicator “Third sector satisfaction”")).toBe(true);
  });

  it("records a reading and a correction, keeping the corrected reading in the record but out of the figures", async () => {
    const id = await indicatorId(INDICATOR.name);
    expect(
      (await leader.post(outcomesPath, { intent: "add-reading", indicatorId: id, value: "17", measuredOn: "2026-04-01", sourceNote: "Typo" })).status,
    ).toBe(200);
    const wrong = await app.db.selectFrom("indicatorReadings").select("id").where("indicatorId", "=", id).executeTakeFirstOrThrow();
    let page = await (await leader.get(outcomesPath)).text();
    expect(page).toContain("Behind");

    const correction = {
      intent: "add-reading",
      indicatorId: id,
      value: "32",
      measuredOn: "2026-04-01",
      sourceNote: "Survey, 41 organisations",
      correctsReadingId: wrong.id,
    };
    expect((await leader.post(outcomesPath, correction)).status).toBe(200);
    page = await (await leader.get(outcomesPath)).text();
    // Halfway along the path, 32% is the 32% expected.
    expect(page).toContain("32% on 1 April 2026, near the 32% the path expects by then");
    expect(page).toContain("corrected later, not counted");
    expect(page).toContain("Corrects the reading of 1 April 2026 (17%)");
    expect(await historySays("corrected a reading of “Third sector satisfaction” to 32% on 1 April 2026")).toBe(true);
    expect(await historySays("recorded 17% on 1 April 2026 for “Third sector satisfaction”")).toBe(true);
  });

  it("saves an edit, and records nothing for an edit that changes nothing", async () => {
    const id = await indicatorId(INDICATOR.name);
    const edit = { ...INDICATOR, intent: "update-indicator", indicatorId: id, targetValue: "45" };
    expect((await leader.post(outcomesPath, edit)).status).toBe(200);
    expect(await historySays("changed the outcome indicator “Third sector satisfaction” (target and objectives served)")).toBe(true);
    const before = await snapshot();
    expect((await leader.post(outcomesPath, edit)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses everyone but the plan's stewards, writing nothing", async () => {
    const id = await indicatorId(INDICATOR.name);
    const forms: Array<Record<string, string>> = [
      { ...INDICATOR, name: "Another" },
      { intent: "add-reading", indicatorId: id, value: "30", measuredOn: "2026-05-01" },
      { ...INDICATOR, intent: "update-indicator", indicatorId: id, name: "Renamed" },
    ];
    const before = await snapshot();
    // A member of another sector who stewards nothing here, the admin, the facilitator and the councillor.
    for (const email of ["officer@demo.test", "admin@demo.test", "facilitator@demo.test", "councillor@demo.test"]) {
      const person = await signedIn(app.url, email);
      for (const form of forms) expect((await person.post(outcomesPath, form)).status, `${email} ${form.intent}`).toBe(403);
      // Each may read the page, and is offered no form.
      const page = await (await person.get(outcomesPath)).text();
      expect(page).toContain("Third sector satisfaction");
      expect(page).not.toContain("Record reading");
    }

    const other = await app.db.insertInto("partnerships").values({ slug: "southampton", name: "Southampton" }).returning("id").executeTakeFirstOrThrow();
    const passwordHash = (await app.db.selectFrom("users").select("passwordHash").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow())
      .passwordHash;
    const user = await app.db
      .insertInto("users")
      .values({ email: "outsider@demo.test", displayName: "Outsider", passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("partnershipMemberships").values({ partnershipId: other.id, userId: user.id, role: "admin", sector: "public" }).execute();
    const outsider = await signedIn(app.url, "outsider@demo.test");
    expect((await outsider.get(outcomesPath)).status).toBe(404);
    for (const form of forms) expect((await outsider.post(outcomesPath, form)).status).toBe(404);

    expect(await snapshot()).toEqual(before);
    expect(await historySays("tried to change the plan's outcome indicators or their readings but may not", "refusals")).toBe(true);
  });

  it("answers bad input with a message and a 400, writing nothing", async () => {
    const id = await indicatorId(INDICATOR.name);
    const before = await snapshot();
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...INDICATOR, name: "" }, "Enter a name for the indicator"],
      [{ ...INDICATOR, name: "Twice", targetValue: "20" }, "The target must be higher than the baseline (24%), as higher is better"],
      [{ ...INDICATOR, name: "Twice", targetOn: "2024-01-01" }, "The target&#x27;s date must be after the baseline&#x27;s date"],
      [{ ...INDICATOR, name: "Twice", baselineValue: "120" }, "Enter a percentage from 0 to 100"],
      [{ ...INDICATOR, name: "Twice", baselineValue: "a lot" }, "Enter the baseline as a number, like 62 or 12500"],
      [{ ...INDICATOR, name: "Twice", baselineOn: "2025-02-30" }, "Enter the baseline&#x27;s date as a real date, like 2026-04-01"],
      [{ ...INDICATOR, name: "THIRD SECTOR satisfaction" }, "This plan already has an indicator called “Third sector satisfaction”"],
      [{ ...INDICATOR, name: "Twice", unit: "euros" }, "Choose what the indicator counts in"],
      [{ ...INDICATOR, name: "x".repeat(201) }, "Name must be 200 characters or fewer"],
      [{ intent: "add-reading", indicatorId: id, value: "-3", measuredOn: "2026-05-01" }, "Enter a percentage from 0 to 100"],
      [{ intent: "add-reading", indicatorId: id, value: "30", measuredOn: "" }, "Enter the date it was measured as a real date"],
      [
        { intent: "add-reading", indicatorId: id, value: "30", measuredOn: "2026-05-01", correctsReadingId: crypto.randomUUID() },
        "The reading to correct is not one of this indicator&#x27;s",
      ],
    ];
    for (const [form, message] of cases) {
      const response = await leader.post(outcomesPath, form);
      const page = await response.text();
      expect(response.status, message).toBe(400);
      expect(page, message).toContain(message);
    }
    // An indicator of another plan, or none at all.
    expect((await leader.post(outcomesPath, { intent: "add-reading", indicatorId: crypto.randomUUID(), value: "30", measuredOn: "2026-05-01" })).status).toBe(
      404,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to change or remove a reading in the database itself, whoever asks", async () => {
    const reading = await app.db.selectFrom("indicatorReadings").select("id").executeTakeFirstOrThrow();
    await expect(sql`update indicator_readings set value = 99 where id = ${reading.id}`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from indicator_readings where id = ${reading.id}`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate indicator_readings`.execute(app.db)).rejects.toThrow(/append-only/);
  });
});
