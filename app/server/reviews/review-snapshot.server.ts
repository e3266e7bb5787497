import type { Kysely } from "kysely";
import type { Database, ReviewSnapshot } from "../../../db/schema";
import { loadBoard } from "../plans/board.server";
import type { PlanContextData } from "../platform/plan-data.server";

// What a review freezes when it opens: the plan as the board reads it, with
// each action's latest note and the obstacle categories' descriptions.

/**
 * The plan as it stands, as a review freezes it when it opens: every action's
 * place, status, leads, obstacle categories and latest progress note, and the
 * plan's obstacle categories.
 */
export async function snapshotOfPlan(db: Kysely<Database>, plan: PlanContextData): Promise<ReviewSnapshot> {
  const [board, obstacles, notes] = await Promise.all([
    loadBoard(db, plan.id, plan.partnershipId),
    db.selectFrom("obstacleCategories").select(["id", "name", "description"]).where("planId", "=", plan.id).orderBy("position").execute(),
    db
      .selectFrom("progressNotes as n")
      .innerJoin("actions as a", "a.id", "n.actionId")
      .innerJoin("users as u", "u.id", "n.authorId")
      .distinctOn("n.actionId")
      .select(["n.actionId", "n.body", "n.createdAt", "u.displayName as author"])
      .where("a.planId", "=", plan.id)
      .orderBy("n.actionId")
      .orderBy("n.createdAt", "desc")
      .orderBy("n.id", "desc")
      .execute(),
  ]);
  const objectives = new Map(board.objectives.map((objective) => [objective.id, objective]));
  const latestNote = new Map(notes.map((note) => [note.actionId, { body: note.body, author: note.author, at: note.createdAt.toISOString() }]));
  const actions = board.objectives.flatMap((objective) =>
    board.cards
      .filter((card) => card.objectiveId === objective.id)
      .sort((a, b) => a.number - b.number)
      .map((card) => ({
        actionId: card.id,
        objectiveId: card.objectiveId,
        objectiveNumber: objectives.get(card.objectiveId)!.number,
        objectiveTitle: objectives.get(card.objectiveId)!.title,
        number: card.number,
        title: card.title,
        status: card.status,
        confirmedDone: card.completion?.confirmed ?? false,
        dueOn: card.dueOn,
        timescaleText: card.timescaleText,
        leads: card.leads.map((lead) => ({ name: lead.name, sector: lead.sector })),
        obstacleIds: card.obstacleIds,
        latestNote: latestNote.get(card.id) ?? null,
      })),
  );
  return { takenAt: new Date().toISOString(), actions, obstacles };
}
