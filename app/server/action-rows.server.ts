import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Status } from "../domain/vocabulary";
import type { Actor } from "../domain/policy";
import { compareKeys } from "../domain/ordering";
import { NotFoundError } from "./errors.server";
import type { PlanContextData } from "./plan-data.server";
import type { Trx } from "./write.server";

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
      "id", "objectiveId", "number", "status", "orderKey", "version", "title", "description", "dueOn", "timescaleText",
      "completionProposedBy", "completionProposedSector", "completionReturnsTo", "completionConfirmedAt",
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

export async function nextActionNumber(trx: Trx, objectiveId: string): Promise<number> {
  const row = await trx
    .selectFrom("actions")
    .select((eb) => eb.fn.max<number | null>("number").as("highest"))
    .where("objectiveId", "=", objectiveId)
    .executeTakeFirst();
  return (row?.highest ?? 0) + 1;
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
