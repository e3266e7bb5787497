import { z } from "zod";
import { formatDateTime, formatDueDate, isRealDate, ukToday } from "~/domain/dates";
import { MAX_OBJECTIVES_SERVED } from "~/domain/form-lists";
import { formatIndicatorValue } from "~/domain/indicators";
import { OUTCOME_INTENT } from "~/domain/intents";
import { TEXT_LIMITS } from "~/domain/limits";
import { can } from "~/domain/policy";
import { BETTER_DIRECTIONS, INDICATOR_UNITS } from "~/domain/vocabulary";
import { idList } from "~/domain/form-lists";
import { intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { succeeded } from "~/server/http/write-result.server";
import { addReading, createIndicator, outcomesOf, updateIndicator, type IndicatorOutcome } from "~/server/outcomes/indicators.server";
import { objectivesOf } from "~/server/plans/objectives.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { OutcomesPage } from "./outcomes-page";
import { INDICATOR_TEXT_FIELDS, type IndicatorRow, type OutcomesReply } from "./types";
import statusStyles from "~/styles/status.css?url";
import type { Route } from "./+types/route";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: statusStyles }];

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Outcomes of ${loaderData?.planTitle ?? "the plan"} – Partnership Board` }];

// The plan's outcome indicators: everyone who sees the plan reads where each
// stands; its stewards add and edit indicators and record readings.

export const loader = pageLoader(planScope("plan.view"), async ({ membership, plan, db }) => {
  const [outcomes, objectives] = await Promise.all([outcomesOf(db, plan.id, ukToday()), objectivesOf(db, plan.id)]);
  const objectiveWords = new Map(objectives.map((objective) => [objective.id, `${objective.number}. ${objective.title}`]));
  return {
    slug: membership.partnership.slug,
    planId: plan.id,
    planTitle: plan.title,
    editable: can(membership.actor, "outcome.edit", planTarget(plan)),
    mayRunSurveys: can(membership.actor, "survey.manage", planTarget(plan)),
    objectives: objectives.map((objective) => ({ id: objective.id, label: objectiveWords.get(objective.id)! })),
    indicators: outcomes.map((outcome) => indicatorRow(outcome, objectiveWords)),
  };
});

function indicatorRow(outcome: IndicatorOutcome, objectiveWords: Map<string, string>): IndicatorRow {
  const value = (figure: number) => formatIndicatorValue(outcome.unit, figure);
  const byId = new Map(outcome.readings.map((reading) => [reading.id, reading]));
  const corrected = new Set(outcome.readings.map((reading) => reading.correctsReadingId).filter(Boolean));
  return {
    id: outcome.id,
    name: outcome.name,
    measures: outcome.measures,
    unit: outcome.unit,
    better: outcome.better,
    state: outcome.assessment.state,
    reason: outcome.assessment.reason,
    baselineWords: `${value(outcome.baselineValue)} on ${formatDueDate(outcome.baselineOn)}`,
    targetWords: `${value(outcome.targetValue)} by ${formatDueDate(outcome.targetOn)}`,
    comparisonWords:
      outcome.comparisonValue === null ? null : `${value(outcome.comparisonValue)}${outcome.comparisonLabel ? `, ${outcome.comparisonLabel}` : ""}`,
    source: outcome.source,
    objectiveWords: outcome.objectiveIds.map((id) => objectiveWords.get(id)).filter((words): words is string => Boolean(words)),
    fields: {
      name: outcome.name,
      measures: outcome.measures,
      unit: outcome.unit,
      better: outcome.better,
      baselineValue: String(outcome.baselineValue),
      baselineOn: outcome.baselineOn,
      targetValue: String(outcome.targetValue),
      targetOn: outcome.targetOn,
      source: outcome.source,
      comparisonValue: outcome.comparisonValue === null ? "" : String(outcome.comparisonValue),
      comparisonLabel: outcome.comparisonLabel,
      objectiveIds: outcome.objectiveIds,
    },
    readings: [...outcome.readings].reverse().map((reading) => {
      const original = reading.correctsReadingId ? byId.get(reading.correctsReadingId) : undefined;
      return {
        id: reading.id,
        valueWords: value(reading.value),
        measuredOn: reading.measuredOn,
        measuredOnWords: formatDueDate(reading.measuredOn),
        sourceNote: reading.sourceNote,
        recordedWords: `Recorded ${formatDateTime(reading.recordedAt)}${reading.recordedByName ? ` by ${reading.recordedByName}` : ""}`,
        correctsWords: original ? `Corrects the reading of ${formatDueDate(original.measuredOn)} (${value(original.value)})` : null,
        corrected: corrected.has(reading.id),
        fromSurvey: reading.surveyId !== null,
      };
    }),
  };
}

/** A figure as people type it ("62%", "£12,500", "1,240"): the number, or a message. */
const figure = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(30, `Enter ${what} as a number, like 62 or 12500`)
    .transform((typed) => Number(typed.replace(/[£%,\s]/g, "")))
    .pipe(
      z
        .number({ error: `Enter ${what} as a number, like 62 or 12500` })
        .min(-1e12, `Enter ${what} as a smaller number`)
        .max(1e12, `Enter ${what} as a smaller number`),
    );
const optionalFigure = (what: string) =>
  z
    .string()
    .trim()
    .max(30, `Enter ${what} as a number, like 62 or 12500`)
    .default("")
    .transform((typed) => (typed === "" ? null : Number(typed.replace(/[£%,\s]/g, ""))))
    .pipe(
      z
        .number({ error: `Enter ${what} as a number, like 62 or 12500` })
        .min(-1e12, `Enter ${what} as a smaller number`)
        .max(1e12, `Enter ${what} as a smaller number`)
        .nullable(),
    );
const date = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .refine(isRealDate, `Enter ${what} as a real date, like 2026-04-01`);
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .default("");

const IndicatorForm = z
  .object({
    name: z
      .string({ error: "Enter a name for the indicator" })
      .trim()
      .min(1, "Enter a name for the indicator")
      .max(TEXT_LIMITS.indicatorName, `Name must be ${TEXT_LIMITS.indicatorName} characters or fewer`),
    measures: text(TEXT_LIMITS.indicatorMeasures, "What it measures"),
    unit: z.enum(INDICATOR_UNITS, { error: "Choose what the indicator counts in" }),
    better: z.enum(BETTER_DIRECTIONS, { error: "Choose whether higher or lower is better" }),
    baselineValue: figure("the baseline"),
    baselineOn: date("the baseline's date"),
    targetValue: figure("the target"),
    targetOn: date("the target's date"),
    source: text(TEXT_LIMITS.indicatorSource, "The source"),
    comparisonValue: optionalFigure("the comparison"),
    comparisonLabel: text(TEXT_LIMITS.comparisonLabel, "The comparison's label"),
    objectiveIds: idList(MAX_OBJECTIVES_SERVED, `Choose at most ${MAX_OBJECTIVES_SERVED} objectives`),
  })
  .superRefine((fields, context) => {
    if (fields.unit !== "percent") return;
    for (const field of ["baselineValue", "targetValue", "comparisonValue"] as const) {
      const value = fields[field];
      if (value !== null && (value < 0 || value > 100)) context.addIssue({ code: "custom", path: [field], message: "Enter a percentage from 0 to 100" });
    }
  });
const IndicatorId = z.uuid({ error: "Choose an indicator. Reload the page, and try again" });
const EditIndicatorForm = IndicatorForm.and(z.object({ indicatorId: IndicatorId }));
const ReadingForm = z.object({
  indicatorId: IndicatorId,
  value: figure("the reading"),
  measuredOn: date("the date it was measured"),
  sourceNote: text(TEXT_LIMITS.readingNote, "The note"),
  correctsReadingId: z
    .string()
    .default("")
    .transform((id) => id || null)
    .pipe(z.uuid({ error: "Choose the reading to correct from the list" }).nullable()),
});

type ReplyContext = Pick<OutcomesReply, "intent" | "indicatorId" | "sent">;

/** Which form a reply answers, and what it sent, whole: a refused form comes back as typed. */
function replyContext(formData: FormData): ReplyContext {
  const textOf = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const indicatorId = textOf("indicatorId");
  const sent: NonNullable<OutcomesReply["sent"]> = {};
  for (const field of [...INDICATOR_TEXT_FIELDS, "value", "measuredOn", "sourceNote", "correctsReadingId"] as const) sent[field] = textOf(field);
  sent.objectiveIds = formData
    .getAll("objectiveIds")
    .filter((id): id is string => typeof id === "string")
    .slice(0, MAX_OBJECTIVES_SERVED);
  return {
    intent: textOf("intent")?.slice(0, 100) as OutcomesReply["intent"],
    indicatorId: indicatorId && z.uuid().safeParse(indicatorId).success ? indicatorId : undefined,
    sent,
  };
}

export const action = intentAction({
  // Each write asks the policy for the stewards' right (the plan's middleware has refused observers already).
  scope: planScope(),
  sent: replyContext,
  forms: {
    [OUTCOME_INTENT.createIndicator]: IndicatorForm,
    [OUTCOME_INTENT.updateIndicator]: EditIndicatorForm,
    [OUTCOME_INTENT.addReading]: ReadingForm,
  },
  run: {
    [OUTCOME_INTENT.createIndicator]: async (fields, { write, db, membership, plan, sent }) => {
      const result = await write(() => createIndicator(db, membership.actor, plan, fields));
      return result.ok ? succeeded(`Indicator “${fields.name}” added.`, { intent: sent?.intent, indicatorId: result.value }) : result.response;
    },
    [OUTCOME_INTENT.updateIndicator]: async ({ indicatorId, ...fields }, { write, db, membership, plan, sent }) => {
      const result = await write(() => updateIndicator(db, membership.actor, plan, indicatorId, fields));
      return result.ok ? succeeded(`Indicator “${fields.name}” saved.`, { intent: sent?.intent, indicatorId }) : result.response;
    },
    [OUTCOME_INTENT.addReading]: async ({ indicatorId, ...fields }, { write, db, membership, plan, sent }) => {
      const result = await write(() => addReading(db, membership.actor, plan, indicatorId, fields));
      const what = fields.correctsReadingId ? "Correction recorded" : "Reading recorded";
      return result.ok ? succeeded(`${what}.`, { intent: sent?.intent, indicatorId }) : result.response;
    },
  },
});

export default function Outcomes({ loaderData }: Route.ComponentProps) {
  return <OutcomesPage {...loaderData} />;
}
