import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { addDaysTo, ukToday } from "../domain/dates";
import { demoPartnership, demoPlan } from "./portsmouth-data.server";
import { loadActor } from "../server/platform/actors.server";
import { loadPlan } from "../server/platform/plan-data.server";
import { addReading, createIndicator } from "../server/outcomes/indicators.server";

// Portsmouth's outcome: the sector's satisfaction with partnership working,
// which the plan exists to raise. The plan gives no figure for it, so the
// figures are illustrative and say so; the national comparison is NI 7's
// 2008 average as Thurrock's plan quotes it. The dates count from the day the
// demo loads, so the indicator is read as current: a baseline from the spring
// before last, a target two springs on, and a reading from last autumn.

export const demoIndicator = {
  name: "Third sector satisfaction with partnership working",
  measures:
    "Share of the city's voluntary and community organisations rating partnership working with the public sector good or very good. " +
    "Illustrative figures: Portsmouth's plan gives no baseline or target for it.",
  source: "Annual VCS survey (illustrative)",
  comparisonLabel: "National average, NI 7 (2008 national survey)",
  stewardEmail: "leader@demo.test",
};

/** The spring (1 April) `yearsOn` years after the one on or before `today`. */
function springOf(today: string, yearsOn: number): string {
  const year = Number(today.slice(0, 4)) - (today.slice(5) < "04-01" ? 1 : 0);
  return `${year + yearsOn}-04-01`;
}

/** The indicator and its first reading, made through the writes stewards use, so the history tells it. */
export async function seedPortsmouthOutcomes(db: Kysely<Database>, now: Date) {
  const today = ukToday(now);
  const partnership = await db.selectFrom("partnerships").select("id").where("slug", "=", demoPartnership.slug).executeTakeFirstOrThrow();
  const planRow = await db
    .selectFrom("plans")
    .select("id")
    .where("partnershipId", "=", partnership.id)
    .where("title", "=", demoPlan.title)
    .executeTakeFirstOrThrow();
  const plan = (await loadPlan(db, partnership.id, planRow.id))!;
  const steward = await db.selectFrom("users").select("id").where("email", "=", demoIndicator.stewardEmail).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, steward.id, partnership.id))!;
  const objectives = await db.selectFrom("objectives").select(["id", "number"]).where("planId", "=", plan.id).orderBy("number").execute();

  const baselineOn = springOf(today, -1);
  const indicatorId = await createIndicator(db, actor, plan, {
    name: demoIndicator.name,
    measures: demoIndicator.measures,
    unit: "percent",
    better: "higher",
    baselineValue: 24,
    baselineOn,
    targetValue: 40,
    targetOn: springOf(today, 1),
    source: demoIndicator.source,
    comparisonValue: 16.3,
    comparisonLabel: demoIndicator.comparisonLabel,
    // Objective 2: the culture, behaviours and structures of partnership working.
    objectiveIds: objectives.filter((objective) => objective.number === 2).map((objective) => objective.id),
  });
  await addReading(db, actor, plan, indicatorId, {
    value: 29,
    measuredOn: addDaysTo(baselineOn, 183),
    sourceNote: "Annual VCS survey, 36 organisations (illustrative)",
    correctsReadingId: null,
  });
  return { plan, indicatorId };
}
