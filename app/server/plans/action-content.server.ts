import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { orderKeyFor } from "../../domain/ordering";
import { parseTimescale } from "../../domain/timescale";
import { changedFields, createdFields, type FieldChanges } from "../platform/audit.server";
import {
  addNoteIn,
  columnOf,
  FORMER_REFERENCES,
  formerReferenceList,
  leadTarget,
  leadsOf,
  lockAction,
  lockObjective,
  numberJoining,
  type LeadChoice,
} from "./action-rows.server";
import { ConflictError, InputError } from "../platform/errors.server";
import type { PlanContextData } from "../platform/plan-data.server";
import { planWrite, recorded, unchanged, type Trx } from "../platform/write.server";

// What an action says (title, description, leads, dates), its progress notes,
// and adding or archiving actions.

/** An action's editable content, as an editor saw it or as it is now. */
export interface ActionContent {
  version: number;
  title: string;
  description: string;
  dueOn: string | null;
  timescaleText: string;
  leads: LeadChoice;
}

/** An action as its dialog shows it: where it sits, and who proposed its completion; null once archived. */
export async function actionSummary(db: Kysely<Database>, plan: PlanContextData, actionId: string) {
  const action = await db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .leftJoin("users as proposer", "proposer.id", "a.completionProposedBy")
    .select([
      "a.id",
      "a.number",
      "a.title",
      "a.description",
      "a.status",
      "a.dueOn",
      "a.timescaleText",
      "a.version",
      "a.objectiveId",
      "a.completionProposedBy",
      "a.completionProposedSector",
      "a.completionConfirmedAt",
      "o.number as objectiveNumber",
      "o.title as objectiveTitle",
      "proposer.displayName as proposerName",
      FORMER_REFERENCES.as("formerReferences"),
    ])
    .where("a.id", "=", actionId)
    .where("a.planId", "=", plan.id)
    .where("a.archivedAt", "is", null)
    .executeTakeFirst();
  return action && { ...action, formerReferences: formerReferenceList(action.formerReferences) };
}

/** An action's progress notes, newest first, with who wrote them. */
export function progressNotesOf(db: Kysely<Database>, actionId: string) {
  return db
    .selectFrom("progressNotes as n")
    .innerJoin("users as u", "u.id", "n.authorId")
    .select(["n.id", "n.body", "n.createdAt", "u.displayName as author"])
    .where("n.actionId", "=", actionId)
    .orderBy("n.createdAt", "desc")
    .orderBy("n.id")
    .execute();
}

export async function currentContent(db: Kysely<Database>, plan: PlanContextData, actionId: string): Promise<ActionContent | null> {
  const action = await db
    .selectFrom("actions")
    .select(["id", "version", "title", "description", "dueOn", "timescaleText"])
    .where("id", "=", actionId)
    .where("planId", "=", plan.id)
    .executeTakeFirst();
  if (!action) return null;
  const { id: _id, ...content } = action;
  return { ...content, leads: await leadsOf(db, actionId) };
}

/**
 * Saves title, description, leads, due date and timescale wording. The editor
 * sends the version they saw; if someone saved since, nothing is written and
 * a ConflictError carries the current content to set beside theirs.
 */
export const updateActionContent = planWrite("updateActionContent", async ({ trx, plan, authorize }, actionId: string, edit: ActionContent) => {
  const action = await lockAction(trx, plan, actionId);
  const leads = await leadsOf(trx, action.id);
  authorize("action.edit", leadTarget(action.id, leads));
  if (action.version !== edit.version) {
    throw new ConflictError<ActionContent>("Someone else saved this action while you were editing it", {
      current: {
        version: action.version,
        title: action.title,
        description: action.description,
        dueOn: action.dueOn,
        timescaleText: action.timescaleText,
        leads,
      },
    });
  }
  const nextLeads = await validLeads(trx, plan.partnershipId, edit.leads);
  const timescale = parseTimescale(edit.timescaleText);
  const fields = {
    title: edit.title,
    description: edit.description,
    timescaleText: timescale.text,
    // A date given wins; otherwise the wording's date, as the plan meant it.
    dueOn: edit.dueOn ?? timescale.dueOn,
  };
  const changes: FieldChanges = {
    ...changedFields({ title: action.title, description: action.description, timescaleText: action.timescaleText, dueOn: action.dueOn }, fields),
    ...changedFields({ leads: await leadLabels(trx, leads) }, { leads: await leadLabels(trx, nextLeads) }),
  };
  if (Object.keys(changes).length === 0) return unchanged(action.version);

  const version = action.version + 1;
  await trx
    .updateTable("actions")
    .set({ ...fields, version, updatedAt: new Date() })
    .where("id", "=", actionId)
    .execute();
  if (changes.leads) await replaceLeads(trx, actionId, nextLeads);
  return recorded({ actionId, entityType: "action", entityId: actionId, verb: "updated", changes, context: { version } }, version);
});

/** Lead people must be active members, lead groups the partnership's own; outside bodies are free text. */
async function validLeads(trx: Trx, partnershipId: string, leads: LeadChoice): Promise<LeadChoice> {
  const userIds = [...new Set(leads.userIds)];
  const groupIds = [...new Set(leads.groupIds)];
  // The first spelling of each outside body wins ("JSNA team", not a later "jsna team").
  const outsideBodies = leads.outsideBodies
    .map((name) => name.trim())
    .filter((name, index, names) => name && names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === index);
  if (userIds.length > 0) {
    const members = await trx
      .selectFrom("partnershipMemberships")
      .select("userId")
      .where("partnershipId", "=", partnershipId)
      .where("disabledAt", "is", null)
      .where("userId", "in", userIds)
      .execute();
    if (members.length !== userIds.length) throw new InputError("leads", "Choose lead people from this partnership");
  }
  if (groupIds.length > 0) {
    const groups = await trx.selectFrom("groups").select("id").where("partnershipId", "=", partnershipId).where("id", "in", groupIds).execute();
    if (groups.length !== groupIds.length) throw new InputError("leads", "Choose lead groups from this partnership");
  }
  if (outsideBodies.some((name) => name.length > 200)) throw new InputError("leads", "Name outside bodies in 200 characters or fewer");
  return { userIds, groupIds, outsideBodies };
}

async function replaceLeads(trx: Trx, actionId: string, leads: LeadChoice) {
  await trx.deleteFrom("actionLeads").where("actionId", "=", actionId).execute();
  const rows = [
    ...leads.userIds.map((userId) => ({ userId, groupId: null, outsideBody: null })),
    ...leads.groupIds.map((groupId) => ({ userId: null, groupId, outsideBody: null })),
    ...leads.outsideBodies.map((outsideBody) => ({ userId: null, groupId: null, outsideBody })),
  ].map((lead, position) => ({ ...lead, actionId, position }));
  if (rows.length > 0) await trx.insertInto("actionLeads").values(rows).execute();
}

/** Leads as people read them, for the history: names, not ids. */
async function leadLabels(trx: Trx, leads: LeadChoice): Promise<string[]> {
  const [users, groups] = await Promise.all([
    leads.userIds.length ? trx.selectFrom("users").select(["id", "displayName"]).where("id", "in", leads.userIds).execute() : [],
    leads.groupIds.length ? trx.selectFrom("groups").select(["id", "name"]).where("id", "in", leads.groupIds).execute() : [],
  ]);
  return [
    ...leads.userIds.map((id) => users.find((user) => user.id === id)?.displayName ?? id),
    ...leads.groupIds.map((id) => groups.find((group) => group.id === id)?.name ?? id),
    ...leads.outsideBodies,
  ];
}

/** Notes are append-only: a correction is a new note. */
export const addProgressNote = planWrite("addProgressNote", async ({ trx, actor, plan, authorize }, actionId: string, body: string) => {
  const action = await lockAction(trx, plan, actionId);
  authorize("action.addNote", leadTarget(action.id, await leadsOf(trx, action.id)));
  const note = await addNoteIn(trx, actionId, actor.userId, body);
  await trx.updateTable("actions").set({ updatedAt: new Date() }).where("id", "=", actionId).execute();
  return recorded({ actionId, entityType: "progress_note", entityId: note.id, verb: "added", changes: createdFields({ body }) });
});

/** Adds an action at the bottom of Not started. The id comes from the browser, so a repeat is harmless. */
export const createAction = planWrite("createAction", async ({ trx, plan, authorize }, input: { id: string; objectiveId: string; title: string }) => {
  authorize("plan.editStructure");
  const objective = await lockObjective(trx, plan, input.objectiveId);
  const existing = await trx.selectFrom("actions").select(["planId"]).where("id", "=", input.id).executeTakeFirst();
  if (existing) {
    if (existing.planId !== plan.id) throw new InputError("form", "That action id is taken");
    return unchanged();
  }
  const column = await columnOf(trx, input.objectiveId, "not_started", null);
  const number = await numberJoining(trx, input.objectiveId, null);
  await trx
    .insertInto("actions")
    .values({ id: input.id, planId: plan.id, objectiveId: input.objectiveId, number, title: input.title, orderKey: orderKeyFor(column, { at: "bottom" }) })
    .execute();
  return recorded({
    actionId: input.id,
    entityType: "action",
    entityId: input.id,
    verb: "created",
    changes: createdFields({ title: input.title, status: "not_started" }),
    context: { reference: `${objective.number}.${number}` },
  });
});

/** Archiving hides an action from the board; nothing is ever deleted. */
export const archiveAction = planWrite("archiveAction", async ({ trx, plan, authorize }, actionId: string) => {
  const action = await lockAction(trx, plan, actionId);
  authorize("plan.editStructure");
  await trx.updateTable("actions").set({ archivedAt: new Date(), updatedAt: new Date() }).where("id", "=", action.id).execute();
  return recorded({ actionId, entityType: "action", entityId: actionId, verb: "archived", changes: { archived: { before: false, after: true } } });
});
