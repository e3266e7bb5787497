import type { Status } from "../../domain/vocabulary";
import { orderKeyFor, type Placement } from "../../domain/ordering";
import { changedFields } from "../platform/audit.server";
import { addNoteIn, columnOf, leadTarget, leadsOf, lockAction, keepFormerNumber, lockObjective, NO_COMPLETION, numberJoining } from "./action-rows.server";
import { completionTarget, confirmersOf, type PersonWhoCanAct } from "../../domain/confirmers";
import type { Actor, Target } from "../../domain/policy";
import { completionProposedEmails, completionReturnedEmail, type NoticeAction } from "../mail/notice-emails.server";
import { noticeActorOf, noticePlaceOf } from "../people/audience.server";
import { peopleWhoCanAct } from "./confirmers.server";
import { InputError } from "../platform/errors.server";
import { planTarget, planVersionOf, type PlanContextData } from "../platform/plan-data.server";
import { boardCards, boardObjectives, type BoardCard, type BoardObjective } from "./board.server";
import { planWrite, recorded, type Trx } from "../platform/write.server";

// Cards moving between columns and lanes, and completion confirmed (or
// returned) across sectors.

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
export const moveAction = planWrite("moveAction", async ({ trx, actor, plan, authorize }, input: MoveInput) => {
  const action = await lockAction(trx, plan, input.actionId);
  const target = leadTarget(action.id, await leadsOf(trx, action.id));
  authorize("action.edit", target);
  // "After this card" means wherever that card is now.
  if (input.placement.at !== "top" && input.placement.at !== "bottom" && input.placement.anchorId !== action.id) {
    const anchor = await trx
      .selectFrom("actions")
      .select(["objectiveId", "status"])
      .where("id", "=", input.placement.anchorId)
      .where("planId", "=", plan.id)
      .where("archivedAt", "is", null)
      .executeTakeFirst();
    if (anchor) input = { ...input, objectiveId: anchor.objectiveId, status: anchor.status };
  }
  const changesLane = input.objectiveId !== action.objectiveId;
  if (changesLane) authorize("plan.editStructure", target);
  const reopening = action.status === "done" && input.status !== "done" && action.completionConfirmedAt !== null;
  const reason = input.reason?.trim() ?? "";
  if (reopening && !reason) throw new InputError("reason", "Give a reason for reopening a confirmed action");

  const objective = await lockObjective(trx, plan, input.objectiveId);
  const column = await columnOf(trx, input.objectiveId, input.status, action.id);
  const orderKey = orderKeyFor(column, input.placement);
  // Within its objective an action keeps its number; into another it takes
  // one by the rule of numberInObjective (domain/references.ts), and the
  // number it leaves stays its own, so "1.2" in old minutes still finds it.
  const number = changesLane ? await numberJoining(trx, input.objectiveId, action.id) : action.number;
  const formerReference = changesLane ? `${await objectiveNumberOf(trx, action.objectiveId)}.${action.number}` : null;
  if (changesLane) await keepFormerNumber(trx, action.id, action.objectiveId, action.number);
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
  const proposing = input.status === "done" && action.status !== "done";

  return recorded(
    {
      actionId: action.id,
      entityType: "action",
      entityId: action.id,
      verb: reopening ? "reopened" : proposing ? "completion_proposed" : "moved",
      changes: changedFields(
        { status: action.status, objectiveId: action.objectiveId, number: action.number },
        { status: input.status, objectiveId: input.objectiveId, number },
      ),
      context: {
        reference: `${objective.number}.${number}`,
        ...(formerReference ? { formerReference, objective: objective.number } : {}),
        placement: input.placement,
        ...(reopening ? { reason } : {}),
      },
      emails: proposing
        ? await completionProposedNotices(trx, plan, actor, { id: action.id, reference: `${objective.number}.${number}`, title: action.title }, target)
        : [],
    },
    await movedCard(trx, plan, action.id, changesLane ? [action.objectiveId, input.objectiveId] : []),
  );
});

/** What a move changed on the board, read at the end of its own transaction: the browser shows it without reading the board again. */
export interface MovedCard {
  /** The plan's version with the move made: its row is locked by the move's own version bump, so no other change is in it. */
  version: number;
  card: BoardCard;
  /** Who can act in the partnership, when the card now awaits confirmation (the board names who may confirm it). */
  peopleWhoCanAct: PersonWhoCanAct[] | null;
  /** The objectives it left and joined, with the numbers each now holds. */
  objectives: Array<Pick<BoardObjective, "id" | "heldNumbers">>;
}

async function movedCard(trx: Trx, plan: PlanContextData, actionId: string, objectiveIds: string[]): Promise<MovedCard> {
  const [[card], objectives, version] = await Promise.all([
    boardCards(trx, plan, [actionId]),
    objectiveIds.length ? boardObjectives(trx, plan.id, objectiveIds) : [],
    planVersionOf(trx, plan.id),
  ]);
  const awaiting = card!.completion !== null && !card!.completion.confirmed;
  return {
    version,
    card: card!,
    peopleWhoCanAct: awaiting ? await peopleWhoCanAct(trx, plan.partnershipId) : null,
    objectives: objectives.map(({ id, heldNumbers }) => ({ id, heldNumbers })),
  };
}

/**
 * A completion just proposed, to everyone who may confirm it: by the rule the
 * card uses to name them (domain/confirmers.ts), with the people as the
 * database holds them in this transaction. The proposer is never one of them.
 */
async function completionProposedNotices(trx: Trx, plan: PlanContextData, proposer: Actor, action: NoticeAction, leads: Omit<Target, "partnershipId">) {
  const people = await peopleWhoCanAct(trx, plan.partnershipId);
  const withLeads = planTarget(plan, leads);
  const completion = completionTarget(people, withLeads, { proposerUserId: proposer.userId, proposerSector: proposer.sector });
  const confirmers = confirmersOf(people, { ...withLeads, completion });
  if (confirmers.length === 0) return [];
  return completionProposedEmails(
    await noticePlaceOf(trx, plan),
    action,
    await noticeActorOf(trx, proposer),
    confirmers.map((confirmer) => confirmer.id),
  );
}

async function objectiveNumberOf(trx: Trx, objectiveId: string): Promise<number> {
  const row = await trx.selectFrom("objectives").select("number").where("id", "=", objectiveId).executeTakeFirstOrThrow();
  return row.number;
}

/** An action awaiting confirmation, locked, with what the policy needs to judge a confirmation. */
async function lockProposal(...[trx, plan, actionId]: Parameters<typeof lockAction>) {
  const action = await lockAction(trx, plan, actionId);
  if (action.status !== "done" || action.completionConfirmedAt || !action.completionProposedSector) {
    throw new InputError("form", "This action is not awaiting confirmation");
  }
  const leads = leadTarget(action.id, await leadsOf(trx, action.id));
  // Whether a lead or steward of another sector exists, as the database holds it now.
  const people = await peopleWhoCanAct(trx, plan.partnershipId);
  const completion = completionTarget(people, planTarget(plan, leads), {
    proposerUserId: action.completionProposedBy,
    proposerSector: action.completionProposedSector,
  });
  return { action, target: { ...leads, completion } };
}

/**
 * Confirms a proposed completion: a lead or steward of another sector than the
 * proposer's or, when there is none, anyone of another sector who acts here.
 */
export const confirmCompletion = planWrite("confirmCompletion", async ({ trx, actor, plan, authorize }, actionId: string) => {
  const { action, target } = await lockProposal(trx, plan, actionId);
  authorize("action.confirmCompletion", target);
  const now = new Date();
  await trx
    .updateTable("actions")
    .set({ completionConfirmedBy: actor.userId, completionConfirmedAt: now, updatedAt: now })
    .where("id", "=", actionId)
    .execute();
  return recorded({
    actionId,
    entityType: "action",
    entityId: actionId,
    verb: "completion_confirmed",
    changes: { completion: { before: "awaiting confirmation", after: "confirmed" } },
    context: { proposerSector: action.completionProposedSector },
  });
});

/** Returns a proposed completion with a reason: the card goes back where it came from, the reason becomes a note. */
export const returnCompletion = planWrite("returnCompletion", async ({ trx, actor, plan, authorize }, actionId: string, reason: string) => {
  const { action, target } = await lockProposal(trx, plan, actionId);
  authorize("action.confirmCompletion", target);
  if (!reason.trim()) throw new InputError("reason", "Give a reason for returning it");
  const status = action.completionReturnsTo ?? "in_progress";
  await lockObjective(trx, plan, action.objectiveId);
  const column = await columnOf(trx, action.objectiveId, status, action.id);
  await trx
    .updateTable("actions")
    .set({ status, orderKey: orderKeyFor(column, { at: "bottom" }), updatedAt: new Date(), ...NO_COMPLETION })
    .where("id", "=", actionId)
    .execute();
  await addNoteIn(trx, actionId, actor.userId, `Completion returned: ${reason.trim()}`);
  const objective = await objectiveNumberOf(trx, action.objectiveId);
  // The proposer hears of it with the reason; a proposal from before proposers were recorded has nobody to tell.
  const emails = action.completionProposedBy
    ? [
        completionReturnedEmail(
          await noticePlaceOf(trx, plan),
          { id: actionId, reference: `${objective}.${action.number}`, title: action.title },
          await noticeActorOf(trx, actor),
          { proposerUserId: action.completionProposedBy, reason: reason.trim(), backTo: status },
        ),
      ]
    : [];
  return recorded({
    actionId,
    entityType: "action",
    entityId: actionId,
    verb: "completion_returned",
    changes: { status: { before: "done", after: status } },
    context: { reason: reason.trim(), proposerSector: action.completionProposedSector },
    emails,
  });
});
