import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { formatDueDate } from "../../domain/dates";
import { formatIndicatorValue, indicatorStateOf, standingReadings, type IndicatorAssessment, type IndicatorDefinition } from "../../domain/indicators";
import type { IndicatorUnit } from "../../domain/vocabulary";
import { changedFields, createdFields } from "../platform/audit.server";
import { InputError, NotFoundError } from "../platform/errors.server";
import { planWrite, recorded, unchanged, type Trx } from "../platform/write.server";
import { lockPlanRow } from "../plans/action-rows.server";

// A plan's outcome indicators and their readings: stewards create and edit
// indicators and add readings; readings are never changed (the database
// refuses), a correction is a new reading naming the one it corrects. Every
// page, paper, export and feed reads outcomes through outcomesOf(), so an
// indicator's state is worked out once, in app/domain/indicators.ts.

/** How many indicators a plan may hold: a handful is what a committee can read. */
export const MAX_INDICATORS = 20;

export interface IndicatorFields extends IndicatorDefinition {
  /** The objectives it serves, by id; each must be one of the plan's. */
  objectiveIds: readonly string[];
}

export interface IndicatorReading {
  id: string;
  value: number;
  measuredOn: string;
  sourceNote: string;
  correctsReadingId: string | null;
  /** The partner survey whose result it is, if any. */
  surveyId: string | null;
  recordedAt: Date;
  recordedByName: string | null;
}

export interface Indicator extends Omit<IndicatorFields, "objectiveIds"> {
  id: string;
  objectiveIds: string[];
  /** Every reading, corrected ones too, in the order recorded. */
  readings: IndicatorReading[];
}

export interface IndicatorOutcome extends Indicator {
  assessment: IndicatorAssessment;
  /** The readings that stand (corrections applied), oldest first: what the chart draws. */
  standing: IndicatorReading[];
}

/** The plan's indicators in the order created, each with every reading. */
export async function indicatorsOf(db: Kysely<Database>, planId: string): Promise<Indicator[]> {
  const [indicators, objectives, readings] = await Promise.all([
    db
      .selectFrom("indicators")
      .select([
        "id",
        "name",
        "measures",
        "unit",
        "better",
        "baselineValue",
        "baselineOn",
        "targetValue",
        "targetOn",
        "source",
        "comparisonValue",
        "comparisonLabel",
      ])
      .where("planId", "=", planId)
      .orderBy("createdAt")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("indicatorObjectives as io")
      .innerJoin("indicators as i", "i.id", "io.indicatorId")
      .innerJoin("objectives as o", "o.id", "io.objectiveId")
      .select(["io.indicatorId", "io.objectiveId"])
      .where("i.planId", "=", planId)
      .orderBy("o.number")
      .execute(),
    db
      .selectFrom("indicatorReadings as r")
      .innerJoin("indicators as i", "i.id", "r.indicatorId")
      .leftJoin("users as u", "u.id", "r.recordedBy")
      .select([
        "r.id",
        "r.indicatorId",
        "r.value",
        "r.measuredOn",
        "r.sourceNote",
        "r.correctsReadingId",
        "r.surveyId",
        "r.createdAt as recordedAt",
        "u.displayName as recordedByName",
      ])
      .where("i.planId", "=", planId)
      .orderBy("r.createdAt")
      .orderBy("r.id")
      .execute(),
  ]);
  return indicators.map((indicator) => ({
    ...indicator,
    objectiveIds: objectives.filter((row) => row.indicatorId === indicator.id).map((row) => row.objectiveId),
    readings: readings.filter((row) => row.indicatorId === indicator.id).map(({ indicatorId: _indicatorId, ...reading }) => reading),
  }));
}

/** The plan's indicators with where each stands on the UK date `today`: the one reading of outcomes every screen uses. */
export async function outcomesOf(db: Kysely<Database>, planId: string, today: string): Promise<IndicatorOutcome[]> {
  const indicators = await indicatorsOf(db, planId);
  return indicators.map((indicator) => ({
    ...indicator,
    assessment: indicatorStateOf(indicator, indicator.readings, today),
    standing: standingReadings(indicator.readings),
  }));
}

/** The figures' rules that a form's schema cannot see alone: the target better than the baseline, and later. */
function checkFigures(fields: IndicatorFields) {
  if (fields.targetOn <= fields.baselineOn) throw new InputError("targetOn", "The target's date must be after the baseline's date");
  const better = fields.better === "higher" ? fields.targetValue > fields.baselineValue : fields.targetValue < fields.baselineValue;
  if (!better)
    throw new InputError(
      "targetValue",
      `The target must be ${fields.better === "higher" ? "higher" : "lower"} than the baseline (${formatIndicatorValue(fields.unit, fields.baselineValue)}), as ${fields.better} is better`,
    );
  if (fields.comparisonValue === null && fields.comparisonLabel)
    throw new InputError("comparisonValue", "Enter the comparison's value, or leave its label empty");
}

async function checkObjectives(trx: Trx, planId: string, objectiveIds: readonly string[]) {
  if (objectiveIds.length === 0) return;
  const found = await trx.selectFrom("objectives").select("id").where("planId", "=", planId).where("id", "in", objectiveIds).execute();
  if (found.length !== new Set(objectiveIds).size)
    throw new InputError("objectiveIds", "One of the objectives chosen is not in this plan. Reload the page, and try again");
}

async function ensureNameFree(trx: Trx, planId: string, name: string, exceptId: string | null) {
  let query = trx.selectFrom("indicators").select("name").where("planId", "=", planId);
  if (exceptId) query = query.where("id", "<>", exceptId);
  const taken = (await query.execute()).find((row) => row.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new InputError("name", `This plan already has an indicator called “${taken.name}”. Choose another name`);
}

/** The indicator, locked, if it is this plan's (a survey's closing locks it too). */
export async function lockedIndicator(trx: Trx, planId: string, indicatorId: string) {
  const indicator = await trx.selectFrom("indicators").selectAll().where("id", "=", indicatorId).where("planId", "=", planId).forUpdate().executeTakeFirst();
  if (!indicator) throw new NotFoundError("That indicator");
  return indicator;
}

const storedFields = ({ objectiveIds: _objectiveIds, ...fields }: IndicatorFields) => fields;

export const createIndicator = planWrite("createIndicator", async ({ trx, plan, authorize }, fields: IndicatorFields) => {
  authorize("outcome.edit");
  await lockPlanRow(trx, plan);
  checkFigures(fields);
  const count = await trx
    .selectFrom("indicators")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("planId", "=", plan.id)
    .executeTakeFirstOrThrow();
  if (Number(count.count) >= MAX_INDICATORS) throw new InputError("name", `A plan can have at most ${MAX_INDICATORS} indicators`);
  await ensureNameFree(trx, plan.id, fields.name, null);
  await checkObjectives(trx, plan.id, fields.objectiveIds);
  const indicator = await trx
    .insertInto("indicators")
    .values({ planId: plan.id, ...storedFields(fields) })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (fields.objectiveIds.length)
    await trx
      .insertInto("indicatorObjectives")
      .values([...new Set(fields.objectiveIds)].map((objectiveId) => ({ indicatorId: indicator.id, objectiveId })))
      .execute();
  return recorded({ entityType: "indicator", entityId: indicator.id, verb: "created", changes: createdFields({ ...storedFields(fields) }) }, indicator.id);
});

export const updateIndicator = planWrite("updateIndicator", async ({ trx, plan, authorize }, indicatorId: string, fields: IndicatorFields) => {
  authorize("outcome.edit");
  const before = await lockedIndicator(trx, plan.id, indicatorId);
  checkFigures(fields);
  await ensureNameFree(trx, plan.id, fields.name, indicatorId);
  await checkObjectives(trx, plan.id, fields.objectiveIds);
  const objectivesBefore = (await trx.selectFrom("indicatorObjectives").select("objectiveId").where("indicatorId", "=", indicatorId).execute()).map(
    (row) => row.objectiveId,
  );
  const changes = changedFields(before, storedFields(fields));
  const objectivesAfter = [...new Set(fields.objectiveIds)];
  const objectivesChanged = objectivesBefore.length !== objectivesAfter.length || objectivesAfter.some((id) => !objectivesBefore.includes(id));
  if (objectivesChanged) changes.objectiveIds = { before: objectivesBefore, after: objectivesAfter };
  if (Object.keys(changes).length === 0) return unchanged();
  await trx.updateTable("indicators").set(storedFields(fields)).where("id", "=", indicatorId).execute();
  if (objectivesChanged) {
    await trx.deleteFrom("indicatorObjectives").where("indicatorId", "=", indicatorId).execute();
    if (objectivesAfter.length)
      await trx
        .insertInto("indicatorObjectives")
        .values(objectivesAfter.map((objectiveId) => ({ indicatorId, objectiveId })))
        .execute();
  }
  return recorded({ entityType: "indicator", entityId: indicatorId, verb: "updated", changes, context: { name: before.name } });
});

export interface ReadingFields {
  value: number;
  measuredOn: string;
  sourceNote: string;
  /** The reading this one corrects, if it is a correction. */
  correctsReadingId: string | null;
}

/**
 * Inserts a reading of an indicator already locked by the caller and returns
 * what its audit event says; a partner survey's closing uses it too.
 */
export async function insertReading(
  trx: Trx,
  indicator: { id: string; name: string; unit: IndicatorUnit },
  fields: ReadingFields & { surveyId?: string | null },
  recordedBy: string,
) {
  if (indicator.unit === "percent" && (fields.value < 0 || fields.value > 100)) throw new InputError("value", "Enter a percentage from 0 to 100");
  if (fields.correctsReadingId) {
    const corrected = await trx
      .selectFrom("indicatorReadings")
      .select(["id", "value", "measuredOn"])
      .where("id", "=", fields.correctsReadingId)
      .where("indicatorId", "=", indicator.id)
      .executeTakeFirst();
    if (!corrected) throw new InputError("correctsReadingId", "The reading to correct is not one of this indicator's. Reload the page, and try again");
  }
  const reading = await trx
    .insertInto("indicatorReadings")
    .values({
      indicatorId: indicator.id,
      value: fields.value,
      measuredOn: fields.measuredOn,
      sourceNote: fields.sourceNote,
      correctsReadingId: fields.correctsReadingId,
      surveyId: fields.surveyId ?? null,
      recordedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    entityType: "indicator",
    entityId: indicator.id,
    verb: fields.correctsReadingId ? "reading_corrected" : "reading_added",
    changes: createdFields({ value: fields.value, measuredOn: fields.measuredOn, sourceNote: fields.sourceNote }),
    context: {
      name: indicator.name,
      readingId: reading.id,
      valueWords: formatIndicatorValue(indicator.unit, fields.value),
      measuredOnWords: formatDueDate(fields.measuredOn),
      ...(fields.correctsReadingId ? { correctsReadingId: fields.correctsReadingId } : {}),
      ...(fields.surveyId ? { surveyId: fields.surveyId } : {}),
    },
  };
}

/** Adds a reading; a correction names the reading it corrects, which stays in the record. */
export const addReading = planWrite("addReading", async ({ trx, actor, plan, authorize }, indicatorId: string, fields: ReadingFields) => {
  authorize("outcome.edit");
  const indicator = await lockedIndicator(trx, plan.id, indicatorId);
  return recorded(await insertReading(trx, indicator, fields, actor.userId));
});
