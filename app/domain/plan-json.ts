import { z } from "zod";
import { isRealDate } from "./dates";
import type { IndicatorDefinition } from "./indicators";
import { MAX_LEADS, MAX_OBSTACLES } from "./form-lists";
import { DRAFT_LIMITS, type DraftAction, type DraftIndicator, type DraftObjective, type PlanDraft } from "./plan-draft";
import { BETTER_DIRECTIONS, INDICATOR_UNITS, STATUSES, type Status } from "./vocabulary";
import { TEXT_LIMITS } from "./limits";

// A whole plan as JSON (…/plan.json), and back into a PlanDraft for the
// import: both directions live here so that they cannot drift apart. The
// README's "Taking a plan out" documents the format; version 1 is its only one.

export const PLAN_JSON_FORMAT = "partnership-board-plan";
export const PLAN_JSON_VERSION = 1;

export type LeadKind = "person" | "group" | "outside";

export interface PlanJsonDocument {
  format: typeof PLAN_JSON_FORMAT;
  version: typeof PLAN_JSON_VERSION;
  exportedAt: string;
  plan: { title: string; periodStart: string | null; periodEnd: string | null };
  obstacleCategories: Array<{ name: string; description: string }>;
  objectives: Array<{
    number: number;
    title: string;
    actions: Array<
      ActionFields & {
        leads: Array<{ kind: LeadKind; name: string; email?: string }>;
        obstacles: string[];
        notes: Array<{ author: string; authorName: string; body: string; createdAt: string }>;
      }
    >;
  }>;
  /** Outcome indicators, the objectives they serve by number, and every reading (corrections as such). No survey, link or address. */
  indicators: Array<
    IndicatorFields & {
      objectives: number[];
      readings: Array<{
        value: number;
        measuredOn: string;
        sourceNote: string;
        recordedAt: string;
        /** The reading it corrects, by its place in this list (1 for the first); null if none. */
        corrects: number | null;
      }>;
    }
  >;
}

/** An indicator's own fields, alike in what the server reads and in the document. */
type IndicatorFields = IndicatorDefinition;

/** An action's own fields, alike in what the server reads and in the document. */
interface ActionFields {
  number: number;
  title: string;
  description: string;
  status: Status;
  confirmed: boolean;
  dueOn: string | null;
  timescaleText: string;
}

/** What the server reads for an export, by id; the document names things instead. */
export interface PlanExportSource {
  plan: { title: string; periodStart: string | null; periodEnd: string | null };
  exportedAt: Date;
  obstacleCategories: Array<{ id: string; name: string; description: string }>;
  objectives: Array<{ id: string; number: number; title: string }>;
  actions: Array<
    ActionFields & {
      id: string;
      objectiveId: string;
      leads: Array<{ kind: LeadKind; name: string; email: string | null }>;
      /** In the plan's order of categories. */
      obstacleIds: string[];
    }
  >;
  /** Oldest first. */
  notes: Array<{ actionId: string; authorEmail: string | null; authorName: string; body: string; createdAt: Date }>;
  /** In the order created, each with every reading in the order recorded. */
  indicators: Array<
    IndicatorFields & {
      objectiveIds: readonly string[];
      readings: ReadonlyArray<{ id: string; value: number; measuredOn: string; sourceNote: string; correctsReadingId: string | null; recordedAt: Date }>;
    }
  >;
}

/** The export document: objectives by number, their actions by number, each action's notes oldest first. */
export function planJsonDocument(source: PlanExportSource): PlanJsonDocument {
  const obstacleNames = new Map(source.obstacleCategories.map((category) => [category.id, category.name]));
  const notesByAction = groupBy(source.notes, (note) => note.actionId);
  const actionsByObjective = groupBy(source.actions, (action) => action.objectiveId);
  const objectiveNumber = new Map(source.objectives.map((objective) => [objective.id, objective.number]));
  return {
    format: PLAN_JSON_FORMAT,
    version: PLAN_JSON_VERSION,
    exportedAt: source.exportedAt.toISOString(),
    plan: { title: source.plan.title, periodStart: source.plan.periodStart, periodEnd: source.plan.periodEnd },
    obstacleCategories: source.obstacleCategories.map(({ name, description }) => ({ name, description })),
    objectives: source.objectives
      .toSorted((a, b) => a.number - b.number)
      .map((objective) => ({
        number: objective.number,
        title: objective.title,
        actions: (actionsByObjective.get(objective.id) ?? [])
          .toSorted((a, b) => a.number - b.number)
          .map((action) => ({
            number: action.number,
            title: action.title,
            description: action.description,
            status: action.status,
            confirmed: action.status === "done" && action.confirmed,
            dueOn: action.dueOn,
            timescaleText: action.timescaleText,
            leads: action.leads.map(({ kind, name, email }) => (email ? { kind, name, email } : { kind, name })),
            obstacles: action.obstacleIds.flatMap((id) => obstacleNames.get(id) ?? []),
            notes: (notesByAction.get(action.id) ?? []).map((note) => ({
              author: note.authorEmail ?? note.authorName,
              authorName: note.authorName,
              body: note.body,
              createdAt: note.createdAt.toISOString(),
            })),
          })),
      })),
    indicators: source.indicators.map(({ objectiveIds, readings, ...indicator }) => {
      const place = new Map(readings.map((reading, index) => [reading.id, index + 1]));
      return {
        name: indicator.name,
        measures: indicator.measures,
        unit: indicator.unit,
        better: indicator.better,
        baselineValue: indicator.baselineValue,
        baselineOn: indicator.baselineOn,
        targetValue: indicator.targetValue,
        targetOn: indicator.targetOn,
        source: indicator.source,
        comparisonValue: indicator.comparisonValue,
        comparisonLabel: indicator.comparisonLabel,
        objectives: objectiveIds.flatMap((id) => objectiveNumber.get(id) ?? []).toSorted((a, b) => a - b),
        readings: readings.map((reading) => ({
          value: reading.value,
          measuredOn: reading.measuredOn,
          sourceNote: reading.sourceNote,
          recordedAt: reading.recordedAt.toISOString(),
          corrects: reading.correctsReadingId ? (place.get(reading.correctsReadingId) ?? null) : null,
        })),
      };
    }),
  };
}

export interface PlanJsonProblem {
  /** JSON has no lines worth naming once parsed: problems say where by objective and action instead. */
  line: number | null;
  message: string;
}

export type PlanJsonResult =
  { ok: true; draft: PlanDraft; title: string; periodStart: string | null; periodEnd: string | null } | { ok: false; problems: PlanJsonProblem[] };

const MAX_NUMBER = 9_999;

const text = (what: string, max: number, { required }: { required: boolean }) => {
  const base = z.string({ error: `Give ${what} as text` }).trim();
  const limited = base.max(max, `${capitalise(what)} must be ${max.toLocaleString("en-GB")} characters or fewer`);
  return required ? limited.min(1, `Give ${what}`) : limited;
};

const date = (what: string) =>
  z
    .string({ error: `Give ${what} as a date (YYYY-MM-DD) or null` })
    .refine(isRealDate, { error: (issue) => `${capitalise(what)} “${String(issue.input)}” is not a real date: write it as YYYY-MM-DD` })
    .nullable();

const number = (what: string) =>
  z
    .number({ error: `Give the ${what} number as a whole number` })
    .int(`Give the ${what} number as a whole number`)
    .min(1, `Number ${what}s from 1`)
    .max(MAX_NUMBER, `Number ${what}s up to ${MAX_NUMBER.toLocaleString("en-GB")}`);

const Lead = z.object({
  kind: z.enum(["person", "group", "outside"], { error: "Give each lead's kind as “person”, “group” or “outside”" }),
  name: text("the lead's name", DRAFT_LIMITS.leadName, { required: true }),
  email: z.string({ error: "Give the lead's email address as text" }).trim().max(254, "The lead's email address must be 254 characters or fewer").optional(),
});

const Note = z.object({
  author: text("the note's author", 254, { required: true }),
  body: text("the note", DRAFT_LIMITS.note, { required: true }),
  createdAt: z.iso.datetime({ offset: true, error: "Give when the note was written as a date and time (ISO 8601), or null" }).nullable().default(null),
});

const Action = z
  .object({
    number: number("action"),
    title: text("the action's title", DRAFT_LIMITS.actionTitle, { required: true }),
    description: text("the description", DRAFT_LIMITS.description, { required: false }).default(""),
    status: z.enum(STATUSES, { error: `Give the status as one of ${STATUSES.map((status) => `“${status}”`).join(", ")}` }),
    confirmed: z.boolean({ error: "Give confirmed as true or false" }).default(false),
    dueOn: date("the due date").default(null),
    timescaleText: text("the timescale wording", DRAFT_LIMITS.timescaleText, { required: false }).default(""),
    leads: z.array(Lead).max(MAX_LEADS, `Name at most ${MAX_LEADS} leads`).default([]),
    obstacles: z.array(z.string().trim()).max(MAX_OBSTACLES, `Name at most ${MAX_OBSTACLES} obstacle categories`).default([]),
    notes: z.array(Note).default([]),
  })
  .refine((action) => !action.confirmed || action.status === "done", { error: "Only a done action can be confirmed", path: ["confirmed"] });

const Objective = z.object({
  number: number("objective"),
  title: text("the objective's title", DRAFT_LIMITS.objectiveTitle, { required: true }),
  actions: z.array(Action).default([]),
});

const figure = (what: string) => z.number({ error: `Give ${what} as a number` });
const day = (what: string) =>
  z
    .string({ error: `Give ${what} as a date (YYYY-MM-DD)` })
    .refine(isRealDate, { error: (issue) => `${capitalise(what)} “${String(issue.input)}” is not a real date: write it as YYYY-MM-DD` });

const Reading = z.object({
  value: figure("the reading's value"),
  measuredOn: day("the date it was measured"),
  sourceNote: text("the reading's source note", TEXT_LIMITS.readingNote, { required: false }).default(""),
  recordedAt: z.iso.datetime({ offset: true, error: "Give when the reading was recorded as a date and time (ISO 8601), or null" }).nullable().default(null),
  corrects: z
    .number({ error: "Give the reading it corrects by its place in the list (1 for the first), or null" })
    .int("Give the reading it corrects by its place in the list (1 for the first), or null")
    .min(1, "Give the reading it corrects by its place in the list (1 for the first), or null")
    .nullable()
    .default(null),
});

const IndicatorJson = z.object({
  name: text("the indicator's name", TEXT_LIMITS.indicatorName, { required: true }),
  measures: text("what the indicator measures", TEXT_LIMITS.indicatorMeasures, { required: false }).default(""),
  unit: z.enum(INDICATOR_UNITS, { error: `Give the unit as one of ${INDICATOR_UNITS.map((unit) => `“${unit}”`).join(", ")}` }),
  better: z.enum(BETTER_DIRECTIONS, { error: "Give which way is better as “higher” or “lower”" }),
  baselineValue: figure("the baseline"),
  baselineOn: day("the baseline's date"),
  targetValue: figure("the target"),
  targetOn: day("the target's date"),
  source: text("the indicator's source", TEXT_LIMITS.indicatorSource, { required: false }).default(""),
  comparisonValue: figure("the comparison").nullable().default(null),
  comparisonLabel: text("the comparison's label", TEXT_LIMITS.comparisonLabel, { required: false }).default(""),
  objectives: z.array(z.number({ error: "Give the objectives it serves by number" }).int("Give the objectives it serves by number")).default([]),
  readings: z.array(Reading).default([]),
});

const Document = z.object({
  plan: z.object({
    title: text("the plan's title", TEXT_LIMITS.planTitle, { required: true }),
    periodStart: date("the start of the plan's period").default(null),
    periodEnd: date("the end of the plan's period").default(null),
  }),
  obstacleCategories: z
    .array(
      z.object({
        name: text("the obstacle category's name", TEXT_LIMITS.obstacleName, { required: true }),
        description: text("the obstacle category's description", TEXT_LIMITS.obstacleDescription, { required: false }).default(""),
      }),
    )
    .max(MAX_OBSTACLES, `A plan can have at most ${MAX_OBSTACLES} obstacle categories`)
    .default([]),
  objectives: z.array(Objective, { error: "Give the plan's objectives as a list" }),
  // Optional: an export made before outcomes had none.
  indicators: z.array(IndicatorJson, { error: "Give the plan's indicators as a list" }).default([]),
});

/** A JSON export read back as a plan draft, or every problem with it, each saying where. */
export function planDraftFromJson(source: string): PlanJsonResult {
  let raw: unknown;
  try {
    raw = JSON.parse(source.replace(/^\uFEFF/, ""));
  } catch {
    return fail("This file is not valid JSON. Export the plan again, or check the file was not cut short or edited by hand");
  }
  if (!isRecord(raw) || raw.format !== PLAN_JSON_FORMAT) {
    return fail(`This JSON is not a Partnership Board plan: its "format" should be "${PLAN_JSON_FORMAT}". Export the plan from its Status page`);
  }
  if (raw.version !== PLAN_JSON_VERSION) {
    return fail(
      `This plan was exported in version ${JSON.stringify(raw.version ?? null)} of the format; this Partnership Board reads version ${PLAN_JSON_VERSION}`,
    );
  }
  const parsed = Document.safeParse(raw);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ line: null, message: `${placeOf(raw, issue.path)}${issue.message}` })) };

  const { plan, obstacleCategories, objectives, indicators } = parsed.data;
  const problems: string[] = [];
  if (plan.periodStart && plan.periodEnd && plan.periodEnd < plan.periodStart) problems.push("Plan: the end of the period must be on or after its start");
  const categoryNames = new Set<string>();
  for (const category of obstacleCategories) {
    const key = category.name.toLowerCase();
    if (categoryNames.has(key)) problems.push(`Obstacle categories: “${category.name}” is listed twice`);
    categoryNames.add(key);
  }
  const objectiveNumbers = new Set<number>();
  for (const objective of objectives) {
    if (objectiveNumbers.has(objective.number)) problems.push(`Objective ${objective.number}: another objective has the same number`);
    objectiveNumbers.add(objective.number);
    const actionNumbers = new Set<number>();
    for (const action of objective.actions) {
      const where = `Action ${objective.number}.${action.number}`;
      if (actionNumbers.has(action.number)) problems.push(`${where}: another action of objective ${objective.number} has the same number`);
      actionNumbers.add(action.number);
      for (const name of action.obstacles) {
        if (!categoryNames.has(name.toLowerCase())) problems.push(`${where}: addresses “${name}”, which is not one of the plan's obstacle categories`);
      }
    }
  }
  problems.push(...indicatorProblems(indicators, objectiveNumbers));
  if (problems.length) return { ok: false, problems: problems.map((message) => ({ line: null, message })) };

  return {
    ok: true,
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    draft: {
      obstacleCategories: obstacleCategories.map(({ name, description }) => ({ name, description })),
      objectives: objectives.map((objective): DraftObjective => ({
        line: null,
        number: objective.number,
        title: objective.title,
        actions: objective.actions.map((action): DraftAction => ({
          line: null,
          number: action.number,
          title: action.title,
          description: action.description,
          // People by display name, as the import matches every lead by name.
          leadNames: action.leads.map((lead) => lead.name),
          timescaleText: action.timescaleText,
          dueOn: action.dueOn,
          status: action.status,
          confirmed: action.confirmed,
          obstacleNames: action.obstacles,
          notes: action.notes.map((note) => ({ author: note.author, body: note.body, createdAt: note.createdAt })),
        })),
      })),
      indicators: indicators.map(({ objectives: objectiveNumbers, ...indicator }): DraftIndicator => ({
        ...indicator,
        objectiveNumbers: [...new Set(objectiveNumbers)],
      })),
    },
  };
}

/** The rules the indicator form keeps (app/server/outcomes), said of the file: each problem names its indicator. */
function indicatorProblems(indicators: z.infer<typeof IndicatorJson>[], objectiveNumbers: Set<number>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  indicators.forEach((indicator, index) => {
    const where = `Indicator ${index + 1} (“${indicator.name}”)`;
    const key = indicator.name.toLowerCase();
    if (names.has(key)) problems.push(`${where}: another indicator has the same name`);
    names.add(key);
    if (indicator.targetOn <= indicator.baselineOn) problems.push(`${where}: the target's date must be after the baseline's date`);
    const better = indicator.better === "higher" ? indicator.targetValue > indicator.baselineValue : indicator.targetValue < indicator.baselineValue;
    if (!better) problems.push(`${where}: the target must be ${indicator.better} than the baseline, as ${indicator.better} is better`);
    if (indicator.comparisonValue === null && indicator.comparisonLabel) problems.push(`${where}: the comparison has a label but no value`);
    for (const number of indicator.objectives) {
      if (!objectiveNumbers.has(number)) problems.push(`${where}: serves objective ${number}, which is not one of the plan's objectives`);
    }
    indicator.readings.forEach((reading, place) => {
      if (reading.corrects !== null && reading.corrects > place)
        problems.push(`${where}, reading ${place + 1}: it can correct only a reading listed before it`);
    });
  });
  return problems;
}

/** Map.groupBy, which Node 20 (our oldest) lacks. */
function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

function fail(message: string): PlanJsonResult {
  return { ok: false, problems: [{ line: null, message }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function capitalise(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Action 1.3, lead 2: " from a path into the document, by the numbers the document itself gives where they are usable. */
function placeOf(raw: Record<string, unknown>, path: ReadonlyArray<PropertyKey>): string {
  const at = (value: unknown, key: PropertyKey): unknown =>
    isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const numberOf = (value: unknown): number | null => {
    const given = at(value, "number");
    return typeof given === "number" && Number.isInteger(given) && given >= 1 ? given : null;
  };
  const parts: string[] = [];
  let objectiveNumber: number | null = null;
  let node: unknown = raw;
  for (let step = 0; step < path.length; step += 1) {
    const key = path[step]!;
    const next = at(node, key);
    const index = typeof path[step + 1] === "number" ? (path[step + 1] as number) : null;
    if (key === "plan") parts.push("Plan");
    else if (key === "obstacleCategories" && index !== null) parts.push(`Obstacle category ${index + 1}`);
    else if (key === "objectives" && index !== null) {
      objectiveNumber = numberOf(at(next, index));
      parts.push(objectiveNumber === null ? `Objective ${index + 1} in the list` : `Objective ${objectiveNumber}`);
    } else if (key === "actions" && index !== null) {
      const actionNumber = numberOf(at(next, index));
      if (objectiveNumber !== null && actionNumber !== null) parts.splice(-1, 1, `Action ${objectiveNumber}.${actionNumber}`);
      else parts.push(actionNumber === null ? `action ${index + 1} in the list` : `action ${actionNumber}`);
    } else if (key === "leads" && index !== null) parts.push(`lead ${index + 1}`);
    else if (key === "notes" && index !== null) parts.push(`note ${index + 1}`);
    else if (key === "indicators" && index !== null) parts.push(`Indicator ${index + 1}`);
    else if (key === "readings" && index !== null) parts.push(`reading ${index + 1}`);
    node = next;
  }
  return parts.length ? `${parts.join(", ")}: ` : "";
}
