import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { PlanExportSource } from "../../domain/plan-json";
import { loadBoard, type BoardData } from "../plans/board.server";
import { obstacleCategoriesOf } from "../plans/obstacles.server";
import { indicatorsOf } from "../outcomes/indicators.server";
import type { PlanContextData } from "../platform/plan-data.server";

// What a plan's exports read (…/actions.csv and …/plan.json): the board's read
// model, plus what the board leaves out (descriptions, every note, the leads'
// email addresses, the categories' descriptions) and the outcome indicators
// with every reading, in a fixed number of queries.

export interface PlanExport {
  board: BoardData;
  source: PlanExportSource;
}

export async function loadPlanExport(db: Kysely<Database>, plan: PlanContextData, now: Date): Promise<PlanExport> {
  const [board, descriptions, notes, leadEmails, obstacleCategories, indicators] = await Promise.all([
    loadBoard(db, plan.id, plan.partnershipId),
    db.selectFrom("actions").select(["id", "description"]).where("planId", "=", plan.id).where("archivedAt", "is", null).execute(),
    db
      .selectFrom("progressNotes as n")
      .innerJoin("actions as a", "a.id", "n.actionId")
      .innerJoin("users as u", "u.id", "n.authorId")
      .select(["n.actionId", "n.body", "n.createdAt", "u.email as authorEmail", "u.displayName as authorName"])
      .where("a.planId", "=", plan.id)
      .where("a.archivedAt", "is", null)
      .orderBy("n.createdAt")
      .orderBy("n.id")
      .execute(),
    db
      .selectFrom("actionLeads as l")
      .innerJoin("actions as a", "a.id", "l.actionId")
      .innerJoin("users as u", "u.id", "l.userId")
      .select(["u.id", "u.email"])
      .distinct()
      .where("a.planId", "=", plan.id)
      .execute(),
    obstacleCategoriesOf(db, plan.id),
    indicatorsOf(db, plan.id),
  ]);
  const descriptionOf = new Map(descriptions.map((row) => [row.id, row.description]));
  const emailOf = new Map(leadEmails.map((row) => [row.id, row.email]));
  return {
    board,
    source: {
      plan: { title: plan.title, periodStart: plan.periodStart, periodEnd: plan.periodEnd },
      exportedAt: now,
      obstacleCategories,
      objectives: board.objectives,
      actions: board.cards.map((card) => ({
        id: card.id,
        objectiveId: card.objectiveId,
        number: card.number,
        title: card.title,
        description: descriptionOf.get(card.id) ?? "",
        status: card.status,
        confirmed: card.completion?.confirmed ?? false,
        dueOn: card.dueOn,
        timescaleText: card.timescaleText,
        leads: card.leads.map((lead) => ({
          kind: lead.kind,
          name: lead.name,
          email: lead.kind === "person" && lead.id ? (emailOf.get(lead.id) ?? null) : null,
        })),
        obstacleIds: card.obstacleIds,
      })),
      notes,
      // Who recorded each reading stays behind: the import records the importer.
      indicators: indicators.map(({ id: _id, ...indicator }) => ({
        ...indicator,
        readings: indicator.readings.map(({ recordedByName: _name, surveyId: _survey, ...reading }) => reading),
      })),
    },
  };
}
