import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Assessment, GroupSector, Role, Sector, Status } from "../../domain/vocabulary";
import { compareKeys } from "../../domain/ordering";
import { membersOf, groupsOf } from "../people/partnerships.server";
import { obstacleIdsOfActions, obstaclesForBoard } from "./obstacles.server";
import { FORMER_REFERENCES, formerReferenceList } from "./action-rows.server";

// The board's read model, in a fixed number of queries however many actions
// the plan holds: objectives, actions (with note counts), leads, obstacle
// categories and which actions address them, and the
// partnership's people and groups (for filters and lead choices).

export interface BoardLead {
  kind: "person" | "group" | "outside";
  id: string | null;
  name: string;
  sector: GroupSector | null;
}

export interface BoardCard {
  id: string;
  objectiveId: string;
  number: number;
  title: string;
  status: Status;
  orderKey: string;
  dueOn: string | null;
  timescaleText: string;
  noteCount: number;
  /** The references it held before it moved between objectives ("1.2"), oldest first. */
  formerReferences?: string[];
  updatedAt: string;
  leads: BoardLead[];
  /** The obstacle categories the action addresses, in the plan's order. */
  obstacleIds: string[];
  /** How the plan's latest published review assessed the action, if it did. */
  assessment: Assessment | null;
  completion: null | {
    proposedBy: string;
    proposerId: string | null;
    proposerSector: Sector;
    confirmed: boolean;
    confirmedBy: string | null;
  };
}

export interface BoardObjective {
  id: string;
  number: number;
  title: string;
  orderKey: string;
  /** The numbers its actions hold now or have held, so the board can say what a card moved in would be numbered. */
  heldNumbers: number[];
}

export interface BoardData {
  objectives: BoardObjective[];
  cards: BoardCard[];
  people: Array<{ id: string; name: string; sector: Sector; role: Role }>;
  groups: Array<{ id: string; name: string; sector: GroupSector }>;
  /** The plan's obstacle categories in order, once for the whole board (filters, cards). */
  obstacles: Array<{ id: string; name: string }>;
  /** The plan's latest published review, whose assessments the cards show. */
  latestReview: { id: string; title: string } | null;
}

export async function loadBoard(db: Kysely<Database>, planId: string, partnershipId: string): Promise<BoardData> {
  const obstacles = obstaclesForBoard(db, planId);
  const latestReview = latestPublishedAssessments(db, planId);
  const [objectives, cards, people, groups, { categories }, review] = await Promise.all([
    boardObjectives(db, planId),
    readCards(db, { planId, partnershipId, obstacleIds: obstacles.then((found) => found.idsByAction), assessments: latestReview }),
    membersOf(db, partnershipId),
    groupsOf(db, partnershipId),
    obstacles,
    latestReview,
  ]);
  return {
    objectives,
    cards,
    people,
    groups,
    obstacles: categories,
    latestReview: review ? { id: review.id, title: review.title } : null,
  };
}

/**
 * The board's cards of the given actions (archived ones aside), as the whole
 * board shows them: a move's reply carries the card it moved from here.
 */
export function boardCards(db: Kysely<Database>, plan: { id: string; partnershipId: string }, actionIds: readonly string[]): Promise<BoardCard[]> {
  if (actionIds.length === 0) return Promise.resolve([]);
  return readCards(db, {
    planId: plan.id,
    partnershipId: plan.partnershipId,
    actionIds,
    obstacleIds: obstacleIdsOfActions(db, actionIds),
    assessments: latestPublishedAssessments(db, plan.id, actionIds),
  });
}

/** The plan's objectives in order, or those named, with the numbers each holds. */
export async function boardObjectives(db: Kysely<Database>, planId: string, objectiveIds?: readonly string[]): Promise<BoardObjective[]> {
  let query = db
    .selectFrom("objectives as o")
    .select([
      "o.id",
      "o.number",
      "o.title",
      "o.orderKey",
      // Every number its actions hold or have held (archived ones too), once per holder: what a card moving in would be numbered.
      sql<
        number[]
      >`array(select a.number from actions a where a.objective_id = o.id union all select f.number from former_action_numbers f where f.objective_id = o.id)`.as(
        "heldNumbers",
      ),
    ])
    .where("o.planId", "=", planId)
    .where("o.archivedAt", "is", null);
  if (objectiveIds) query = query.where("o.id", "in", objectiveIds.length ? [...objectiveIds] : [""]);
  const objectives = await query.execute();
  return objectives.sort((a, b) => compareKeys(a.orderKey, b.orderKey));
}

/** Where a card's obstacles and its latest assessment come from: the whole board reads them once for every card. */
interface CardSources {
  planId: string;
  partnershipId: string;
  /** All the plan's actions when absent. */
  actionIds?: readonly string[];
  obstacleIds: Promise<Map<string, string[]>>;
  assessments: Promise<{ assessments: Map<string, Assessment> } | null>;
}

/** The one definition of a card: an action with its leads, note count, former references, obstacles, assessment and completion. */
async function readCards(db: Kysely<Database>, { planId, partnershipId, actionIds, obstacleIds, assessments }: CardSources): Promise<BoardCard[]> {
  let actionQuery = db
    .selectFrom("actions as a")
    .leftJoin("users as proposer", "proposer.id", "a.completionProposedBy")
    .leftJoin("users as confirmer", "confirmer.id", "a.completionConfirmedBy")
    .select([
      "a.id",
      "a.objectiveId",
      "a.number",
      "a.title",
      "a.status",
      "a.orderKey",
      "a.dueOn",
      "a.timescaleText",
      "a.updatedAt",
      "a.completionProposedBy",
      "a.completionProposedSector",
      "a.completionConfirmedAt",
      "proposer.displayName as proposerName",
      "confirmer.displayName as confirmerName",
      sql<number>`(select count(*) from progress_notes n where n.action_id = a.id)`.as("noteCount"),
      FORMER_REFERENCES.as("formerReferences"),
    ])
    .where("a.planId", "=", planId)
    .where("a.archivedAt", "is", null);
  let leadQuery = db
    .selectFrom("actionLeads as l")
    .innerJoin("actions as a", "a.id", "l.actionId")
    .leftJoin("users as u", "u.id", "l.userId")
    .leftJoin("partnershipMemberships as m", (join) => join.onRef("m.userId", "=", "l.userId").on("m.partnershipId", "=", partnershipId))
    .leftJoin("groups as g", "g.id", "l.groupId")
    .select([
      "l.actionId",
      "l.position",
      "l.userId",
      "l.groupId",
      "l.outsideBody",
      "u.displayName",
      "m.sector as personSector",
      "g.name as groupName",
      "g.sector as groupSector",
    ])
    .where("a.planId", "=", planId)
    .where("a.archivedAt", "is", null);
  if (actionIds) {
    actionQuery = actionQuery.where("a.id", "in", [...actionIds]);
    leadQuery = leadQuery.where("a.id", "in", [...actionIds]);
  }
  const [actions, leads, obstaclesByAction, latestReview] = await Promise.all([actionQuery.execute(), leadQuery.execute(), obstacleIds, assessments]);

  const leadsByAction = new Map<string, Array<BoardLead & { position: number }>>();
  for (const lead of leads) {
    const list = leadsByAction.get(lead.actionId) ?? [];
    list.push(
      lead.userId
        ? { kind: "person", id: lead.userId, name: lead.displayName ?? "Former member", sector: lead.personSector ?? null, position: lead.position }
        : lead.groupId
          ? { kind: "group", id: lead.groupId, name: lead.groupName ?? "Group", sector: lead.groupSector ?? null, position: lead.position }
          : { kind: "outside", id: null, name: lead.outsideBody ?? "", sector: null, position: lead.position },
    );
    leadsByAction.set(lead.actionId, list);
  }

  return actions
    .sort((a, b) => compareKeys(a.orderKey, b.orderKey))
    .map((action) => ({
      id: action.id,
      objectiveId: action.objectiveId,
      number: action.number,
      title: action.title,
      status: action.status,
      orderKey: action.orderKey,
      dueOn: action.dueOn,
      timescaleText: action.timescaleText,
      noteCount: Number(action.noteCount),
      // Only where there are some: most cards have none, and the board is sent whole.
      ...(action.formerReferences ? { formerReferences: formerReferenceList(action.formerReferences) } : {}),
      updatedAt: action.updatedAt.toISOString(),
      leads: (leadsByAction.get(action.id) ?? []).sort((a, b) => a.position - b.position).map(({ position: _position, ...lead }) => lead),
      obstacleIds: obstaclesByAction.get(action.id) ?? [],
      assessment: latestReview?.assessments.get(action.id) ?? null,
      completion:
        action.status === "done" && action.completionProposedSector
          ? {
              proposedBy: action.proposerName ?? "Someone",
              proposerId: action.completionProposedBy,
              proposerSector: action.completionProposedSector,
              confirmed: action.completionConfirmedAt !== null,
              confirmedBy: action.confirmerName ?? null,
            }
          : null,
    }));
}

/** The plan's most recently published review and its assessment of each action. */
async function latestPublishedAssessments(db: Kysely<Database>, planId: string, actionIds?: readonly string[]) {
  const review = await latestPublishedReviewOf(db, planId);
  if (!review) return null;
  let query = db.selectFrom("reviewAssessments").select(["actionId", "assessment"]).where("reviewId", "=", review.id);
  if (actionIds) query = query.where("actionId", "in", [...actionIds]);
  const rows = await query.execute();
  return { ...review, assessments: new Map(rows.map((row) => [row.actionId, row.assessment])) };
}

/**
 * The plan's most recently published review. Published reviews are part of the
 * plan's record the board shows, so this query sits here, below the reviews
 * room that writes them (status and the plan's layout read it too).
 */
export function latestPublishedReviewOf(db: Kysely<Database>, planId: string) {
  return db
    .selectFrom("reviews")
    .select(["id", "title", "publishedAt"])
    .where("planId", "=", planId)
    .where("status", "=", "published")
    .orderBy("publishedAt", "desc")
    .limit(1)
    .executeTakeFirst();
}
