import type { Kysely, Transaction } from "kysely";
import type { Database, Status } from "../../db/schema";
import { compareKeys, orderKeyFor, type Placement } from "../domain/ordering";
import { can, type Actor, type Target, type Verb } from "../domain/policy";
import { parseTimescale } from "../domain/timescale";
import { actorOf, changedFields, createdFields, recordAudit, type FieldChanges } from "./audit.server";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "./errors.server";
import { notifyPlanChanged } from "./live.server";
import { planTarget, type PlanContextData } from "./plans.server";

// Every write to a plan's objectives and actions. Each runs in one
// transaction: it locks what it changes, asks the policy with what the
// database holds at that moment, writes, appends its audit event and
// notifies the plan's viewers (delivered on commit).

type Trx = Transaction<Database>;

export interface LeadChoice {
  userIds: string[];
  groupIds: string[];
  outsideBodies: string[];
}

/** An action's editable content, as an editor saw it or as it is now. */
export interface ActionContent {
  version: number;
  title: string;
  description: string;
  dueOn: string | null;
  timescaleText: string;
  leads: LeadChoice;
}

interface LockedAction {
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

function assertCan(actor: Actor, verb: Verb, target: Target) {
  if (!can(actor, verb, target)) throw new ForbiddenError(verb);
}

async function lockAction(trx: Trx, plan: PlanContextData, actionId: string): Promise<LockedAction> {
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

async function leadsOf(trx: Kysely<Database>, actionId: string): Promise<LeadChoice> {
  const rows = await trx.selectFrom("actionLeads").select(["userId", "groupId", "outsideBody"]).where("actionId", "=", actionId).orderBy("position").execute();
  return {
    userIds: rows.flatMap((row) => (row.userId ? [row.userId] : [])),
    groupIds: rows.flatMap((row) => (row.groupId ? [row.groupId] : [])),
    outsideBodies: rows.flatMap((row) => (row.outsideBody ? [row.outsideBody] : [])),
  };
}

async function actionTarget(trx: Trx, plan: PlanContextData, action: LockedAction, extra: Omit<Target, "partnershipId" | "plan" | "action"> = {}) {
  const leads = await leadsOf(trx, action.id);
  return { leads, target: planTarget(plan, { action: { leadUserIds: leads.userIds, leadGroupIds: leads.groupIds }, ...extra }) };
}

/** Locks an objective row: moves and additions into its lane queue here. */
async function lockObjective(trx: Trx, plan: PlanContextData, objectiveId: string) {
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

async function columnOf(trx: Trx, objectiveId: string, status: Status, exceptActionId: string | null) {
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

async function nextActionNumber(trx: Trx, objectiveId: string): Promise<number> {
  const row = await trx
    .selectFrom("actions")
    .select((eb) => eb.fn.max<number | null>("number").as("highest"))
    .where("objectiveId", "=", objectiveId)
    .executeTakeFirst();
  return (row?.highest ?? 0) + 1;
}

// ── Moving ───────────────────────────────────────────────────────────────────

export interface MoveInput {
  actionId: string;
  objectiveId: string;
  status: Status;
  placement: Placement;
  /** Needed to take a confirmed action out of Done. */
  reason?: string | null;
}

/**
 * Moves a card to a column and position. The new order key comes from the
 * neighbours as they are now, under the lane's lock, so drops into the same
 * gap queue up instead of colliding. Moving into Done proposes completion;
 * moving a confirmed action out of Done reopens it and needs a reason.
 */
export async function moveAction(db: Kysely<Database>, actor: Actor, plan: PlanContextData, input: MoveInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const action = await lockAction(trx, plan, input.actionId);
    const { target } = await actionTarget(trx, plan, action);
    assertCan(actor, "action.edit", target);
    // "After this card" means wherever that card is now.
    if (input.placement.at !== "top" && input.placement.at !== "bottom" && input.placement.actionId !== action.id) {
      const anchor = await trx
        .selectFrom("actions")
        .select(["objectiveId", "status"])
        .where("id", "=", input.placement.actionId)
        .where("planId", "=", plan.id)
        .where("archivedAt", "is", null)
        .executeTakeFirst();
      if (anchor) input = { ...input, objectiveId: anchor.objectiveId, status: anchor.status };
    }
    const changesLane = input.objectiveId !== action.objectiveId;
    if (changesLane) assertCan(actor, "plan.editStructure", target);
    const reopening = action.status === "done" && input.status !== "done" && action.completionConfirmedAt !== null;
    const reason = input.reason?.trim() ?? "";
    if (reopening && !reason) throw new InputError("Give a reason for reopening a confirmed action", "reason");

    const objective = await lockObjective(trx, plan, input.objectiveId);
    const column = await columnOf(trx, input.objectiveId, input.status, action.id);
    const orderKey = orderKeyFor(column, input.placement);
    const number = changesLane ? await nextActionNumber(trx, input.objectiveId) : action.number;
    const completion =
      input.status === action.status
        ? {}
        : input.status === "done"
          ? {
              completionProposedBy: actor.userId,
              completionProposedSector: actor.sector,
              completionProposedAt: new Date(),
              completionReturnsTo: action.status as Exclude<Status, "done">,
              completionConfirmedBy: null,
              completionConfirmedAt: null,
            }
          : NO_COMPLETION;

    await trx
      .updateTable("actions")
      .set({ objectiveId: input.objectiveId, status: input.status, orderKey, number, updatedAt: new Date(), ...completion })
      .where("id", "=", action.id)
      .execute();
    if (reopening) await addNoteIn(trx, action.id, actor.userId, `Reopened: ${reason}`);

    const changes: FieldChanges = changedFields(
      { status: action.status, objectiveId: action.objectiveId, number: action.number },
      { status: input.status, objectiveId: input.objectiveId, number },
    );
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId: action.id,
      entityType: "action",
      entityId: action.id,
      verb: reopening ? "reopened" : input.status === "done" && action.status !== "done" ? "completion_proposed" : "moved",
      changes,
      context: {
        reference: `${objective.number}.${number}`,
        placement: input.placement,
        ...(reopening ? { reason } : {}),
      },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId: action.id, actorUserId: actor.userId });
  });
}

const NO_COMPLETION = {
  completionProposedBy: null,
  completionProposedSector: null,
  completionProposedAt: null,
  completionReturnsTo: null,
  completionConfirmedBy: null,
  completionConfirmedAt: null,
} as const;

// ── Completion ───────────────────────────────────────────────────────────────

/** Confirms a proposed completion: someone with edit rights, of another sector than the proposer. */
export async function confirmCompletion(db: Kysely<Database>, actor: Actor, plan: PlanContextData, actionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const action = await lockAction(trx, plan, actionId);
    if (action.status !== "done" || action.completionConfirmedAt) throw new InputError("This action is not awaiting confirmation");
    const { target } = await actionTarget(trx, plan, action, {
      completion: { proposerUserId: action.completionProposedBy, proposerSector: action.completionProposedSector },
    });
    assertCan(actor, "action.confirmCompletion", target);
    const now = new Date();
    await trx.updateTable("actions").set({ completionConfirmedBy: actor.userId, completionConfirmedAt: now, updatedAt: now }).where("id", "=", actionId).execute();
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId,
      entityType: "action",
      entityId: actionId,
      verb: "completion_confirmed",
      changes: { completion: { before: "awaiting confirmation", after: "confirmed" } },
      context: { proposerSector: action.completionProposedSector },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId, actorUserId: actor.userId });
  });
}

/** Returns a proposed completion with a reason: the card goes back where it came from, the reason becomes a note. */
export async function returnCompletion(db: Kysely<Database>, actor: Actor, plan: PlanContextData, actionId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const action = await lockAction(trx, plan, actionId);
    if (action.status !== "done" || action.completionConfirmedAt) throw new InputError("This action is not awaiting confirmation");
    const { target } = await actionTarget(trx, plan, action, {
      completion: { proposerUserId: action.completionProposedBy, proposerSector: action.completionProposedSector },
    });
    assertCan(actor, "action.confirmCompletion", target);
    if (!reason.trim()) throw new InputError("Give a reason for returning it", "reason");
    const status = action.completionReturnsTo ?? "in_progress";
    await lockObjective(trx, plan, action.objectiveId);
    const column = await columnOf(trx, action.objectiveId, status, action.id);
    await trx
      .updateTable("actions")
      .set({ status, orderKey: orderKeyFor(column, { at: "bottom" }), updatedAt: new Date(), ...NO_COMPLETION })
      .where("id", "=", actionId)
      .execute();
    await addNoteIn(trx, actionId, actor.userId, `Completion returned: ${reason.trim()}`);
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId,
      entityType: "action",
      entityId: actionId,
      verb: "completion_returned",
      changes: { status: { before: "done", after: status } },
      context: { reason: reason.trim(), proposerSector: action.completionProposedSector },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId, actorUserId: actor.userId });
  });
}

// ── Content ──────────────────────────────────────────────────────────────────

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
export async function updateActionContent(db: Kysely<Database>, actor: Actor, plan: PlanContextData, actionId: string, edit: ActionContent): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const action = await lockAction(trx, plan, actionId);
    const { leads, target } = await actionTarget(trx, plan, action);
    assertCan(actor, "action.edit", target);
    if (action.version !== edit.version) {
      throw new ConflictError<ActionContent>("Someone else saved this action while you were editing it", {
        version: action.version,
        title: action.title,
        description: action.description,
        dueOn: action.dueOn,
        timescaleText: action.timescaleText,
        leads,
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
    if (Object.keys(changes).length === 0) return action.version;

    const version = action.version + 1;
    await trx.updateTable("actions").set({ ...fields, version, updatedAt: new Date() }).where("id", "=", actionId).execute();
    if (changes.leads) await replaceLeads(trx, actionId, nextLeads);
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId,
      entityType: "action",
      entityId: actionId,
      verb: "updated",
      changes,
      context: { version },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId, actorUserId: actor.userId });
    return version;
  });
}

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
    if (members.length !== userIds.length) throw new InputError("Choose lead people from this partnership", "leads");
  }
  if (groupIds.length > 0) {
    const groups = await trx.selectFrom("groups").select("id").where("partnershipId", "=", partnershipId).where("id", "in", groupIds).execute();
    if (groups.length !== groupIds.length) throw new InputError("Choose lead groups from this partnership", "leads");
  }
  if (outsideBodies.some((name) => name.length > 200)) throw new InputError("Name outside bodies in 200 characters or fewer", "leads");
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

// ── Notes ────────────────────────────────────────────────────────────────────

async function addNoteIn(trx: Trx, actionId: string, authorId: string, body: string) {
  return trx.insertInto("progressNotes").values({ actionId, authorId, body }).returning("id").executeTakeFirstOrThrow();
}

/** Notes are append-only: a correction is a new note. */
export async function addProgressNote(db: Kysely<Database>, actor: Actor, plan: PlanContextData, actionId: string, body: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const action = await lockAction(trx, plan, actionId);
    const { target } = await actionTarget(trx, plan, action);
    assertCan(actor, "action.addNote", target);
    const note = await addNoteIn(trx, actionId, actor.userId, body);
    await trx.updateTable("actions").set({ updatedAt: new Date() }).where("id", "=", actionId).execute();
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId,
      entityType: "progress_note",
      entityId: note.id,
      verb: "added",
      changes: createdFields({ body }),
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId, actorUserId: actor.userId });
  });
}

// ── Structure (stewards) ─────────────────────────────────────────────────────

/** Adds an action at the bottom of Not started. The id comes from the browser, so a repeat is harmless. */
export async function createAction(
  db: Kysely<Database>,
  actor: Actor,
  plan: PlanContextData,
  input: { id: string; objectiveId: string; title: string },
): Promise<void> {
  assertCan(actor, "plan.editStructure", planTarget(plan));
  await db.transaction().execute(async (trx) => {
    const objective = await lockObjective(trx, plan, input.objectiveId);
    const existing = await trx.selectFrom("actions").select(["planId"]).where("id", "=", input.id).executeTakeFirst();
    if (existing) {
      if (existing.planId !== plan.id) throw new InputError("That action id is taken");
      return;
    }
    const column = await columnOf(trx, input.objectiveId, "not_started", null);
    const number = await nextActionNumber(trx, input.objectiveId);
    await trx
      .insertInto("actions")
      .values({ id: input.id, planId: plan.id, objectiveId: input.objectiveId, number, title: input.title, orderKey: orderKeyFor(column, { at: "bottom" }) })
      .execute();
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId: input.id,
      entityType: "action",
      entityId: input.id,
      verb: "created",
      changes: createdFields({ title: input.title, status: "not_started" }),
      context: { reference: `${objective.number}.${number}` },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId: input.id, actorUserId: actor.userId });
  });
}

/** Archiving hides an action from the board; nothing is ever deleted. */
export async function archiveAction(db: Kysely<Database>, actor: Actor, plan: PlanContextData, actionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const action = await lockAction(trx, plan, actionId);
    assertCan(actor, "plan.editStructure", planTarget(plan));
    await trx.updateTable("actions").set({ archivedAt: new Date(), updatedAt: new Date() }).where("id", "=", action.id).execute();
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actionId,
      entityType: "action",
      entityId: actionId,
      verb: "archived",
      changes: { archived: { before: false, after: true } },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actionId, actorUserId: actor.userId });
  });
}

async function lockPlanRow(trx: Trx, plan: PlanContextData) {
  await trx.selectFrom("plans").select("id").where("id", "=", plan.id).forNoKeyUpdate().executeTakeFirstOrThrow();
}

async function objectivesInOrder(trx: Trx, plan: PlanContextData) {
  const objectives = await trx
    .selectFrom("objectives")
    .select(["id", "orderKey", "number", "title"])
    .where("planId", "=", plan.id)
    .where("archivedAt", "is", null)
    .execute();
  return objectives.sort((a, b) => compareKeys(a.orderKey, b.orderKey));
}

export async function createObjective(db: Kysely<Database>, actor: Actor, plan: PlanContextData, input: { id: string; title: string }): Promise<void> {
  assertCan(actor, "plan.editStructure", planTarget(plan));
  await db.transaction().execute(async (trx) => {
    await lockPlanRow(trx, plan);
    if (await trx.selectFrom("objectives").select("id").where("id", "=", input.id).executeTakeFirst()) return;
    const objectives = await objectivesInOrder(trx, plan);
    const highest = await trx
      .selectFrom("objectives")
      .select((eb) => eb.fn.max<number | null>("number").as("highest"))
      .where("planId", "=", plan.id)
      .executeTakeFirst();
    const number = (highest?.highest ?? 0) + 1;
    await trx
      .insertInto("objectives")
      .values({ id: input.id, planId: plan.id, number, title: input.title, orderKey: orderKeyFor(objectives, { at: "bottom" }) })
      .execute();
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      entityType: "objective",
      entityId: input.id,
      verb: "created",
      changes: createdFields({ number, title: input.title }),
    });
    await notifyPlanChanged(trx, { planId: plan.id, actorUserId: actor.userId });
  });
}

export async function renameObjective(db: Kysely<Database>, actor: Actor, plan: PlanContextData, objectiveId: string, title: string): Promise<void> {
  assertCan(actor, "plan.editStructure", planTarget(plan));
  await db.transaction().execute(async (trx) => {
    await lockObjective(trx, plan, objectiveId);
    const before = await trx.selectFrom("objectives").select("title").where("id", "=", objectiveId).executeTakeFirstOrThrow();
    const changes = changedFields(before, { title });
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable("objectives").set({ title }).where("id", "=", objectiveId).execute();
    await recordAudit(trx, { actor: actorOf(actor), partnershipId: plan.partnershipId, planId: plan.id, entityType: "objective", entityId: objectiveId, verb: "updated", changes });
    await notifyPlanChanged(trx, { planId: plan.id, actorUserId: actor.userId });
  });
}

/** Moves a lane one place up or down. */
export async function moveObjective(db: Kysely<Database>, actor: Actor, plan: PlanContextData, objectiveId: string, direction: "up" | "down"): Promise<void> {
  assertCan(actor, "plan.editStructure", planTarget(plan));
  await db.transaction().execute(async (trx) => {
    await lockPlanRow(trx, plan);
    const objectives = await objectivesInOrder(trx, plan);
    const index = objectives.findIndex((objective) => objective.id === objectiveId);
    if (index === -1) throw new NotFoundError("That objective");
    const others = objectives.filter((objective) => objective.id !== objectiveId);
    const neighbour = direction === "up" ? objectives[index - 1] : objectives[index + 1];
    if (!neighbour) return;
    const orderKey = orderKeyFor(others, { at: direction === "up" ? "before" : "after", actionId: neighbour.id });
    await trx.updateTable("objectives").set({ orderKey }).where("id", "=", objectiveId).execute();
    await recordAudit(trx, {
      actor: actorOf(actor),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      entityType: "objective",
      entityId: objectiveId,
      verb: "reordered",
      changes: { position: { before: index + 1, after: direction === "up" ? index : index + 2 } },
    });
    await notifyPlanChanged(trx, { planId: plan.id, actorUserId: actor.userId });
  });
}
