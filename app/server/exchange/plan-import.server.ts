import { generateNKeysBetween } from "fractional-indexing";
import { sql, type Insertable, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { leadMatcher, nameKey, type LeadDirectory, type MatchedLead } from "../../domain/lead-matching";
import type { DraftProblem, PlanDraft } from "../../domain/plan-draft";
import { actionReference } from "../../domain/references";
import type { Sector, Status } from "../../domain/vocabulary";
import { SYSTEM_ACTOR } from "../platform/audit.server";
import { InputError } from "../platform/errors.server";
import { MAX_INDICATORS } from "../outcomes/indicators.server";
import { insertPlan, type PlanFields } from "../plans/plans.server";
import { accountWrite, partnershipWrite, planWrite, recorded, type Trx } from "../platform/write.server";

// Importing a plan: the draft read from a table or a JSON export is matched
// to the partnership's people and groups (the preview), then written whole,
// in one transaction with one audit event, or not at all.

/** The partnership's people and groups, as an import matches leads and note authors to them. */
export interface ImportDirectory extends LeadDirectory {
  /** Everyone who has been a member (note authors may have left), by email and by name. */
  authors: Array<{ id: string; name: string; email: string }>;
}

export interface PreviewAction {
  line: number | null;
  reference: string;
  title: string;
  leads: MatchedLead[];
  timescaleText: string;
  dueOn: string | null;
  status: Status;
  notes: number;
}

export interface ImportPreview {
  objectives: Array<{ line: number | null; number: number; title: string; actions: PreviewAction[]; actionCount: number }>;
  problems: DraftProblem[];
  counts: { objectives: number; actions: number; matchedLeads: number; outsideBodies: number; undated: number; indicators: number; readings: number };
  /** False while any problem is an error: the import writes nothing until they are fixed. */
  canCommit: boolean;
}

export async function importDirectory(db: Kysely<Database> | Trx, partnershipId: string): Promise<ImportDirectory> {
  const [members, groups] = await Promise.all([
    db
      .selectFrom("partnershipMemberships as m")
      .innerJoin("users as u", "u.id", "m.userId")
      .select(["u.id", "u.displayName", "u.email", "m.disabledAt"])
      .where("m.partnershipId", "=", partnershipId)
      .orderBy("u.createdAt")
      .execute(),
    db.selectFrom("groups").select(["id", "name"]).where("partnershipId", "=", partnershipId).orderBy("createdAt").execute(),
  ]);
  return {
    people: members.filter((member) => member.disabledAt === null).map((member) => ({ id: member.id, name: member.displayName })),
    groups,
    authors: members.map((member) => ({ id: member.id, name: member.displayName, email: member.email })),
  };
}

/** The draft as it would be written: leads matched, notes' authors found, and the problems of both added to the reading's. */
export function previewImport(draft: PlanDraft, readingProblems: DraftProblem[], directory: ImportDirectory): ImportPreview {
  const matchLeads = leadMatcher(directory);
  const findAuthor = authorFinder(directory);
  const categoryNames = new Set(draft.obstacleCategories.map((category) => nameKey(category.name)));
  const problems = [...readingProblems];
  const counts = {
    objectives: draft.objectives.length,
    actions: 0,
    matchedLeads: 0,
    outsideBodies: 0,
    undated: 0,
    indicators: draft.indicators.length,
    readings: draft.indicators.reduce((sum, indicator) => sum + indicator.readings.length, 0),
  };
  if (draft.indicators.length > MAX_INDICATORS)
    problems.push({ line: null, severity: "error", message: `The plan has ${draft.indicators.length} indicators; a plan can have at most ${MAX_INDICATORS}.` });
  const objectives = draft.objectives.map((objective) => ({
    line: objective.line,
    number: objective.number,
    title: objective.title,
    actionCount: objective.actions.length,
    actions: objective.actions.map((action): PreviewAction => {
      const reference = actionReference(objective.number, action.number);
      const leads = matchLeads(action.leadNames);
      counts.actions += 1;
      counts.matchedLeads += leads.filter((lead) => lead.kind !== "outside").length;
      counts.outsideBodies += leads.filter((lead) => lead.kind === "outside").length;
      if (!action.dueOn) counts.undated += 1;
      for (const note of action.notes) {
        if (!findAuthor(note.author)) {
          problems.push({
            line: action.line,
            severity: "error",
            message: `A note on ${reference} was written by "${note.author}", who is not a member of this partnership. Invite them first, or remove the note.`,
          });
        }
      }
      for (const obstacle of action.obstacleNames) {
        if (!categoryNames.has(nameKey(obstacle))) {
          problems.push({
            line: action.line,
            severity: "error",
            message: `${reference} addresses the obstacle "${obstacle}", which is not among the plan's obstacle categories.`,
          });
        }
      }
      if (action.status === "done" && action.confirmed) {
        problems.push({
          line: action.line,
          severity: "warning",
          message: `${reference} is done and was confirmed: it stays confirmed, recorded as confirmed by this import.`,
        });
      }
      return {
        line: action.line,
        reference,
        title: action.title,
        leads,
        timescaleText: action.timescaleText,
        dueOn: action.dueOn,
        status: action.status,
        notes: action.notes.length,
      };
    }),
  }));
  return { objectives, problems, counts, canCommit: !problems.some((problem) => problem.severity === "error") };
}

function authorFinder(directory: ImportDirectory): (author: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const person of directory.authors) byKey.set(nameKey(person.name), person.id);
  for (const person of directory.authors) byKey.set(person.email.toLowerCase(), person.id);
  return (author) => byKey.get(author.includes("@") ? author.trim().toLowerCase() : nameKey(author));
}

/** Who the import is by: a person (on the web, or `--as` on the command line), or the operator. */
interface Importer {
  userId: string | null;
  sector: Sector | null;
}

interface ImportSummary {
  planId: string;
  objectives: number;
  actions: number;
  indicators: number;
  readings: number;
}

/**
 * Writes the draft into an empty plan. Matching is done again here, inside
 * the transaction, so what is written matches the people as they are now;
 * any error the preview would show refuses the whole import.
 */
async function writeDraft(
  trx: Trx,
  partnershipId: string,
  planId: string,
  draft: PlanDraft,
  problems: DraftProblem[],
  importer: Importer,
): Promise<ImportSummary> {
  const directory = await importDirectory(trx, partnershipId);
  const preview = previewImport(draft, problems, directory);
  const firstError = preview.problems.find((problem) => problem.severity === "error");
  if (firstError) throw new InputError("table", `${firstError.line ? `Line ${firstError.line}: ` : ""}${firstError.message}`);
  if (draft.objectives.length === 0) throw new InputError("table", "The table has no objectives or actions to import.");
  const needsPerson = draft.objectives.some((objective) => objective.actions.some((action) => action.status === "done"));
  if (needsPerson && (!importer.userId || !importer.sector)) {
    throw new InputError("table", "Done actions need a person to propose their completion: give --as <email> of an admin of the partnership.");
  }
  const findAuthor = authorFinder(directory);
  const now = new Date();

  if (draft.obstacleCategories.length > 0) {
    await trx
      .insertInto("obstacleCategories")
      .values(draft.obstacleCategories.map((category, position) => ({ planId, position, name: category.name, description: category.description })))
      .execute();
  }
  const categories = await trx.selectFrom("obstacleCategories").select(["id", "name"]).where("planId", "=", planId).execute();
  const categoryId = new Map(categories.map((category) => [nameKey(category.name), category.id]));

  const objectiveKeys = generateNKeysBetween(null, null, draft.objectives.length);
  const objectiveRows = await trx
    .insertInto("objectives")
    .values(draft.objectives.map((objective, index) => ({ planId, number: objective.number, title: objective.title, orderKey: objectiveKeys[index]! })))
    .returning(["id", "number"])
    .execute();
  const objectiveId = new Map(objectiveRows.map((row) => [row.number, row.id]));

  const actionRows: Array<Insertable<Database["actions"]>> = [];
  for (const objective of draft.objectives) {
    const keysByStatus = new Map<Status, string[]>();
    for (const status of new Set(objective.actions.map((action) => action.status))) {
      keysByStatus.set(status, generateNKeysBetween(null, null, objective.actions.filter((action) => action.status === status).length));
    }
    for (const action of objective.actions) {
      actionRows.push({
        planId,
        objectiveId: objectiveId.get(objective.number)!,
        number: action.number,
        title: action.title,
        description: action.description,
        status: action.status,
        orderKey: keysByStatus.get(action.status)!.shift()!,
        dueOn: action.dueOn,
        timescaleText: action.timescaleText,
        ...(action.status === "done"
          ? {
              completionProposedBy: importer.userId,
              completionProposedSector: importer.sector,
              completionProposedAt: now,
              completionReturnsTo: "in_progress" as const,
              ...(action.confirmed ? { completionConfirmedBy: importer.userId, completionConfirmedAt: now } : {}),
            }
          : {}),
      });
    }
  }
  const actionIds: string[] = [];
  for (const rows of chunks(actionRows, 500)) {
    const inserted = await trx.insertInto("actions").values(rows).returning(["id", "objectiveId", "number"]).execute();
    // PostgreSQL returns inserted rows in the order of the VALUES list.
    actionIds.push(...inserted.map((row) => row.id));
  }

  // The leads' foreign-key checks look the new actions up. Embedded Postgres
  // runs no autovacuum, so without fresh statistics it plans them for the
  // table's old size, and a second large import took twice as long as the first.
  await sql`analyze actions`.execute(trx);

  const leadRows: Array<Insertable<Database["actionLeads"]>> = [];
  const obstacleRows: Array<Insertable<Database["actionObstacles"]>> = [];
  const noteRows: Array<Insertable<Database["progressNotes"]>> = [];
  let index = 0;
  draft.objectives.forEach((objective, objectiveIndex) => {
    objective.actions.forEach((action, actionIndex) => {
      const actionId = actionIds[index++]!;
      preview.objectives[objectiveIndex]!.actions[actionIndex]!.leads.forEach((lead, position) =>
        leadRows.push({
          actionId,
          position,
          userId: lead.kind === "person" ? lead.id : null,
          groupId: lead.kind === "group" ? lead.id : null,
          outsideBody: lead.kind === "outside" ? lead.name : null,
        }),
      );
      for (const obstacle of new Set(action.obstacleNames.map(nameKey))) obstacleRows.push({ actionId, obstacleCategoryId: categoryId.get(obstacle)! });
      for (const note of action.notes) noteRows.push({ actionId, authorId: findAuthor(note.author)!, body: note.body, createdAt: note.createdAt ?? now });
    });
  });
  for (const rows of chunks(leadRows, 1000)) await trx.insertInto("actionLeads").values(rows).execute();
  for (const rows of chunks(obstacleRows, 1000)) await trx.insertInto("actionObstacles").values(rows).execute();
  for (const rows of chunks(noteRows, 1000)) await trx.insertInto("progressNotes").values(rows).execute();
  const readings = await writeIndicators(trx, planId, draft, objectiveId, importer.userId, now);
  return { planId, objectives: draft.objectives.length, actions: actionRows.length, indicators: draft.indicators.length, readings };
}

/**
 * The draft's outcome indicators, the objectives they serve and their
 * readings, a correction naming the reading it corrects as on the board. A
 * reading keeps when it was recorded (its order counts); the importer is
 * recorded as having recorded it. Returns the number of readings written.
 */
async function writeIndicators(trx: Trx, planId: string, draft: PlanDraft, objectiveId: Map<number, string>, importer: string | null, now: Date) {
  if (draft.indicators.length === 0) return 0;
  const indicatorIds = draft.indicators.map(() => crypto.randomUUID());
  await trx
    .insertInto("indicators")
    .values(
      draft.indicators.map(({ objectiveNumbers: _objectives, readings: _readings, ...indicator }, index) => ({
        id: indicatorIds[index]!,
        planId,
        ...indicator,
        // In the file's order, as the plan lists its indicators.
        createdAt: new Date(now.getTime() + index),
      })),
    )
    .execute();
  const links = draft.indicators.flatMap((indicator, index) =>
    indicator.objectiveNumbers.map((number) => ({ indicatorId: indicatorIds[index]!, objectiveId: objectiveId.get(number)! })),
  );
  if (links.length) await trx.insertInto("indicatorObjectives").values(links).execute();
  const readingRows: Array<Insertable<Database["indicatorReadings"]>> = draft.indicators.flatMap((indicator, index) => {
    const readingIds = indicator.readings.map(() => crypto.randomUUID());
    return indicator.readings.map((reading, place) => ({
      id: readingIds[place]!,
      indicatorId: indicatorIds[index]!,
      value: reading.value,
      measuredOn: reading.measuredOn,
      sourceNote: reading.sourceNote,
      correctsReadingId: reading.corrects === null ? null : readingIds[reading.corrects - 1]!,
      recordedBy: importer,
      createdAt: reading.recordedAt ?? new Date(now.getTime() + place),
    }));
  });
  // A correction refers to a reading listed before it: inserted in order, each finds its own.
  for (const rows of chunks(readingRows, 1000)) await trx.insertInto("indicatorReadings").values(rows).execute();
  return readingRows.length;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}

export interface ImportSource {
  draft: PlanDraft;
  /** The reading's own problems (warnings only, or the write refuses). */
  problems: DraftProblem[];
  /** "table" or "json", and the file's name if there was one: kept in the audit event. */
  source: { kind: "table" | "json"; fileName: string | null };
}

export type NewPlanFields = PlanFields & { creatorJoinsStewards?: boolean };

/** A new plan, created from an imported table or export by an admin. */
export const importPlan = partnershipWrite("importPlan", async ({ trx, actor, authorize }, fields: NewPlanFields, imported: ImportSource) => {
  authorize("plan.create");
  if (fields.creatorJoinsStewards) authorize("partnership.manageGroups");
  const { planId } = await insertPlan(trx, actor.partnershipId, fields, fields.creatorJoinsStewards ? actor : null);
  const summary = await writeDraft(trx, actor.partnershipId, planId, imported.draft, imported.problems, actor);
  return recorded({ planId, entityType: "plan", entityId: planId, verb: "imported", changes: {}, context: importContext(fields, summary, imported) }, summary);
});

/** A plan that has nothing in it yet, filled by its stewards from an imported table or export. */
export const importIntoPlan = planWrite("importIntoPlan", async ({ trx, actor, plan, authorize }, imported: ImportSource) => {
  authorize("plan.editStructure");
  if (!(await planIsEmpty(trx, plan.id)))
    throw new InputError("table", "This plan already has objectives or indicators. An import goes into an empty plan: create a new plan to import into.");
  const summary = await writeDraft(trx, plan.partnershipId, plan.id, imported.draft, imported.problems, actor);
  return recorded({ entityType: "plan", entityId: plan.id, verb: "imported", changes: {}, context: importContext(null, summary, imported) }, summary);
});

/**
 * `npm run import`: the operator, with shell access, creates the plan. With
 * `--as` the import is that admin's, as if made on the web; without it the
 * audit records the operator, and a Done action, which needs a proposer, is refused.
 */
export const importPlanAsOperator = accountWrite("importPlanAsOperator", async (trx, partnershipId: string, fields: NewPlanFields, imported: ImportSource) => {
  const { planId } = await insertPlan(trx, partnershipId, fields, null);
  const summary = await writeDraft(trx, partnershipId, planId, imported.draft, imported.problems, { userId: null, sector: null });
  return recorded(
    {
      actor: SYSTEM_ACTOR,
      partnershipId,
      planId,
      entityType: "plan",
      entityId: planId,
      verb: "imported",
      changes: {},
      context: importContext(fields, summary, imported),
    },
    summary,
  );
});

function importContext(fields: NewPlanFields | null, summary: ImportSummary, imported: ImportSource) {
  return {
    ...(fields ? { title: fields.title, stewardGroupIds: fields.stewardGroupIds } : {}),
    objectives: summary.objectives,
    actions: summary.actions,
    ...(summary.indicators ? { indicators: summary.indicators, readings: summary.readings } : {}),
    source: imported.source.kind,
    fileName: imported.source.fileName,
  };
}

/** An import fills only a plan with no objectives or indicators yet (archived objectives count: their numbers are spoken for). */
export async function planIsEmpty(db: Kysely<Database> | Trx, planId: string): Promise<boolean> {
  const objective = await db.selectFrom("objectives").select("id").where("planId", "=", planId).limit(1).executeTakeFirst();
  return !objective && !(await db.selectFrom("indicators").select("id").where("planId", "=", planId).limit(1).executeTakeFirst());
}
