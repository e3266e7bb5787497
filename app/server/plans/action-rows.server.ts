import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Status } from "../../domain/vocabulary";
import type { Actor } from "../../domain/policy";
import { compareKeys } from "../../domain/ordering";
import { numberInObjective } from "../../domain/references";
import { NotFoundError } from "../platform/errors.server";
import type { PlanContextData } from "../platform/plan-data.server";
import type { Trx } from "../platform/write.server";

// Reads and small writes that the writes to objectives and actions share:
// locking rows, reading a column in order, an action's leads, a note.

export interface LeadChoice {
  userIds: string[];
  groupIds: string[];
  outsideBodies: string[];
}

export interface LockedAction {
  id: string;
  objectiveId: string;
  number: number;
  status: Status;
  orderKey: string;
  version: number;
  title: string;
  description: string;
  dueOn: string | null;
  timescaleText: string;
  completionProposedBy: string | null;
  completionProposedSector: Actor["sector"] | null;
  completionReturnsTo: Exclude<Status, "done"> | null;
  completionConfirmedAt: Date | null;
}

/** The action, locked for this transaction; archived ones are gone. */
export async function lockAction(trx: Trx, plan: PlanContextData, actionId: string): Promise<LockedAction> {
  const action = await trx
    .selectFrom("actions")
    .select([
      "id",
      "objectiveId",
      "number",
      "status",
      "orderKey",
      "version",
      "title",
      "description",
      "dueOn",
      "timescaleText",
      "completionProposedBy",
      "completionProposedSector",
      "completionReturnsTo",
      "completionConfirmedAt",
    ])
    .where("id", "=", actionId)
    .where("planId", "=", plan.id)
    .where("archivedAt", "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (!action) throw new NotFoundError("That action");
  return action;
}

/** Locks an objective row: moves and additions into its lane queue here. */
export async function lockObjective(trx: Trx, plan: PlanContextData, objectiveId: string) {
  const objective = await trx
    .selectFrom("objectives")
    .select(["id", "number"])
    .where("id", "=", objectiveId)
    .where("planId", "=", plan.id)
    .where("archivedAt", "is", null)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!objective) throw new NotFoundError("That objective");
  return objective;
}

export async function lockPlanRow(trx: Trx, plan: PlanContextData) {
  await trx.selectFrom("plans").select("id").where("id", "=", plan.id).forNoKeyUpdate().executeTakeFirstOrThrow();
}

/** The cards of one column in board order, leaving out the one being moved. */
export async function columnOf(trx: Trx, objectiveId: string, status: Status, exceptActionId: string | null) {
  let query = trx
    .selectFrom("actions")
    .select(["id", "orderKey"])
    .where("objectiveId", "=", objectiveId)
    .where("status", "=", status)
    .where("archivedAt", "is", null);
  if (exceptActionId) query = query.where("id", "!=", exceptActionId);
  const cards = await query.execute();
  // Sorted here as well as by COLLATE "C", so both engines agree byte for byte.
  return cards.sort((a, b) => compareKeys(a.orderKey, b.orderKey));
}

/**
 * The number an action takes in an objective it joins (a new action has no
 * id yet): the rule is numberInObjective's. Numbers held now and numbers held
 * before are read in one statement, so one snapshot; the caller holds the
 * objective's lock, so joiners queue.
 */
export async function numberJoining(trx: Trx, objectiveId: string, actionId: string | null): Promise<number> {
  const rows = await trx
    .selectFrom("actions")
    .select(["id as actionId", "number"])
    .where("objectiveId", "=", objectiveId)
    .unionAll(trx.selectFrom("formerActionNumbers").select(["actionId", "number"]).where("objectiveId", "=", objectiveId))
    .execute();
  return numberInObjective({
    heldByOthers: rows.filter((row) => row.actionId !== actionId).map((row) => row.number),
    heldBefore: rows.filter((row) => row.actionId === actionId).map((row) => row.number),
  });
}

/** Keeps the number an action leaves, so its old reference still finds it (once, however often it leaves). */
export async function keepFormerNumber(trx: Trx, actionId: string, objectiveId: string, number: number) {
  await trx
    .insertInto("formerActionNumbers")
    .values({ actionId, objectiveId, number })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/**
 * The references an action held before, oldest first, leaving out the one it
 * holds again now: for a query whose actions are `a`.
 */
export const FORMER_REFERENCES = sql<string | null>`(
  select string_agg(fo.number || '.' || f.number, ' ' order by f.left_at, fo.number, f.number)
  from former_action_numbers f join objectives fo on fo.id = f.objective_id
  where f.action_id = a.id and (f.objective_id, f.number) <> (a.objective_id, a.number)
)`;

/** FORMER_REFERENCES as a list. */
export function formerReferenceList(references: string | null): string[] {
  return references ? references.split(" ") : [];
}

export async function leadsOf(db: Kysely<Database>, actionId: string): Promise<LeadChoice> {
  const rows = await db.selectFrom("actionLeads").select(["userId", "groupId", "outsideBody"]).where("actionId", "=", actionId).orderBy("position").execute();
  return {
    userIds: rows.flatMap((row) => (row.userId ? [row.userId] : [])),
    groupIds: rows.flatMap((row) => (row.groupId ? [row.groupId] : [])),
    outsideBodies: rows.flatMap((row) => (row.outsideBody ? [row.outsideBody] : [])),
  };
}

/** What the policy needs to know of an action: who leads it (and which it is, for a refusal's record). */
export function leadTarget(actionId: string, leads: LeadChoice) {
  return { action: { id: actionId, leadUserIds: leads.userIds, leadGroupIds: leads.groupIds } };
}

export async function addNoteIn(trx: Trx, actionId: string, authorId: string, body: string) {
  return trx.insertInto("progressNotes").values({ actionId, authorId, body }).returning("id").executeTakeFirstOrThrow();
}

export const NO_COMPLETION = {
  completionProposedBy: null,
  completionProposedSector: null,
  completionProposedAt: null,
  completionReturnsTo: null,
  completionConfirmedBy: null,
  completionConfirmedAt: null,
} as const;
