import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { changedFields, createdFields } from "../platform/audit.server";
import { lockAction, lockPlanRow } from "./action-rows.server";
import { ConflictError, InputError, NotFoundError } from "../platform/errors.server";
import type { PlanContextData } from "../platform/plan-data.server";
import { planWrite, recorded, unchanged, type Trx } from "../platform/write.server";

// A plan's obstacle categories (the barriers the plan set out to address):
// stewards add, edit, reorder and remove them, and say which ones each action
// addresses. Everyone who can view the plan reads them.

/** How many obstacle categories a plan may hold: far above Portsmouth's six. */
export const MAX_OBSTACLE_CATEGORIES = 50;

export interface ObstacleCategory {
  id: string;
  name: string;
  description: string;
}

/** A plan's obstacle categories, in the plan's order. */
export function obstacleCategoriesOf(db: Kysely<Database>, planId: string): Promise<ObstacleCategory[]> {
  return db.selectFrom("obstacleCategories").select(["id", "name", "description"]).where("planId", "=", planId).orderBy("position").execute();
}

/** The ids of the categories one action addresses, in the plan's order. */
export async function obstacleIdsOfAction(db: Kysely<Database>, actionId: string): Promise<string[]> {
  return (await obstacleIdsOfActions(db, [actionId])).get(actionId) ?? [];
}

/** The categories each of the given actions addresses, in the plan's order: action id → category ids. */
export async function obstacleIdsOfActions(db: Kysely<Database>, actionIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("actionObstacles as ao")
    .innerJoin("obstacleCategories as c", "c.id", "ao.obstacleCategoryId")
    .select(["ao.actionId", "c.id"])
    .where("ao.actionId", "in", [...actionIds])
    .orderBy("c.position")
    .execute();
  const idsByAction = new Map<string, string[]>();
  for (const row of rows) idsByAction.set(row.actionId, [...(idsByAction.get(row.actionId) ?? []), row.id]);
  return idsByAction;
}

/**
 * For the board, in one query: the plan's categories in order (id, name), and
 * for each action the ids of those it addresses, in the same order.
 */
export async function obstaclesForBoard(db: Kysely<Database>, planId: string) {
  const rows = await db
    .selectFrom("obstacleCategories as c")
    .leftJoin("actionObstacles as ao", "ao.obstacleCategoryId", "c.id")
    .select(["c.id", "c.name", "ao.actionId"])
    .where("c.planId", "=", planId)
    .orderBy("c.position")
    .execute();
  const categories: Array<{ id: string; name: string }> = [];
  const idsByAction = new Map<string, string[]>();
  for (const row of rows) {
    if (categories.at(-1)?.id !== row.id) categories.push({ id: row.id, name: row.name });
    if (row.actionId) idsByAction.set(row.actionId, [...(idsByAction.get(row.actionId) ?? []), row.id]);
  }
  return { categories, idsByAction };
}

/** How many of the plan's actions (archived ones aside) address each category: category id → count. */
export async function actionCountsByObstacle(db: Kysely<Database>, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("actionObstacles as ao")
    .innerJoin("actions as a", "a.id", "ao.actionId")
    .select(["ao.obstacleCategoryId", (eb) => eb.fn.countAll<string>().as("count")])
    .where("a.planId", "=", planId)
    .where("a.archivedAt", "is", null)
    .groupBy("ao.obstacleCategoryId")
    .execute();
  return new Map(rows.map((row) => [row.obstacleCategoryId, Number(row.count)]));
}

/** The categories in order, read under the plan's row lock so positions cannot shift underneath. */
async function categoriesInOrder(trx: Trx, plan: PlanContextData) {
  return trx.selectFrom("obstacleCategories").select(["id", "name", "description", "position"]).where("planId", "=", plan.id).orderBy("position").execute();
}

function categoryIn<T extends { id: string }>(categories: T[], categoryId: string): T {
  const category = categories.find((candidate) => candidate.id === categoryId);
  if (!category) throw new NotFoundError("That obstacle category");
  return category;
}

/** Names are unique per plan; compared without regard to case, so "Capacity" and "capacity" are one. */
function ensureNameFree(categories: Array<{ id: string; name: string }>, name: string, exceptId: string | null) {
  const taken = categories.find((category) => category.id !== exceptId && category.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new InputError("name", `This plan already has an obstacle category called “${taken.name}”. Choose another name`);
}

export interface ObstacleCategoryFields {
  name: string;
  description: string;
}

/** Adds a category at the end of the plan's list. */
export const createObstacleCategory = planWrite("createObstacleCategory", async ({ trx, plan, authorize }, input: ObstacleCategoryFields) => {
  authorize("plan.editStructure");
  await lockPlanRow(trx, plan);
  const categories = await categoriesInOrder(trx, plan);
  if (categories.length >= MAX_OBSTACLE_CATEGORIES) {
    throw new InputError("name", `A plan can have at most ${MAX_OBSTACLE_CATEGORIES} obstacle categories. Remove one before adding another`);
  }
  ensureNameFree(categories, input.name, null);
  const position = Math.max(-1, ...categories.map((category) => category.position)) + 1;
  const category = await trx
    .insertInto("obstacleCategories")
    .values({ planId: plan.id, position, name: input.name, description: input.description })
    .returning("id")
    .executeTakeFirstOrThrow();
  return recorded(
    { entityType: "obstacle_category", entityId: category.id, verb: "created", changes: createdFields({ name: input.name, description: input.description }) },
    category.id,
  );
});

/** Renames a category or changes its description. */
export const updateObstacleCategory = planWrite(
  "updateObstacleCategory",
  async ({ trx, plan, authorize }, categoryId: string, input: ObstacleCategoryFields) => {
    authorize("plan.editStructure");
    await lockPlanRow(trx, plan);
    const categories = await categoriesInOrder(trx, plan);
    const before = categoryIn(categories, categoryId);
    ensureNameFree(categories, input.name, categoryId);
    const changes = changedFields({ name: before.name, description: before.description }, input);
    if (Object.keys(changes).length === 0) return unchanged();
    await trx.updateTable("obstacleCategories").set(input).where("id", "=", categoryId).execute();
    return recorded({ entityType: "obstacle_category", entityId: categoryId, verb: "updated", changes, context: { name: before.name } });
  },
);

/** Moves a category one place up or down the list, swapping it with its neighbour. */
export const moveObstacleCategory = planWrite("moveObstacleCategory", async ({ trx, plan, authorize }, categoryId: string, direction: "up" | "down") => {
  authorize("plan.editStructure");
  await lockPlanRow(trx, plan);
  const categories = await categoriesInOrder(trx, plan);
  const index = categories.findIndex((category) => category.id === categoryId);
  if (index === -1) throw new NotFoundError("That obstacle category");
  const category = categories[index]!;
  const neighbour = direction === "up" ? categories[index - 1] : categories[index + 1];
  if (!neighbour) return unchanged();
  // Positions are unique per plan, checked row by row: park this one past the end, then swap.
  const parked = Math.max(...categories.map((other) => other.position)) + 1;
  await trx.updateTable("obstacleCategories").set({ position: parked }).where("id", "=", category.id).execute();
  await trx.updateTable("obstacleCategories").set({ position: category.position }).where("id", "=", neighbour.id).execute();
  await trx.updateTable("obstacleCategories").set({ position: neighbour.position }).where("id", "=", category.id).execute();
  return recorded({
    entityType: "obstacle_category",
    entityId: categoryId,
    verb: "reordered",
    changes: { position: { before: index + 1, after: direction === "up" ? index : index + 2 } },
    context: { name: category.name },
  });
});

/** Removes a category; the actions that addressed it no longer do, and the event names them. */
export const removeObstacleCategory = planWrite("removeObstacleCategory", async ({ trx, plan, authorize }, categoryId: string) => {
  authorize("plan.editStructure");
  await lockPlanRow(trx, plan);
  const category = categoryIn(await categoriesInOrder(trx, plan), categoryId);
  const addressing = await trx
    .selectFrom("actionObstacles as ao")
    .innerJoin("actions as a", "a.id", "ao.actionId")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.number", "o.number as objectiveNumber"])
    .where("ao.obstacleCategoryId", "=", categoryId)
    .orderBy("o.number")
    .orderBy("a.number")
    .execute();
  // A review stands on it once opened (its snapshot lists it; its findings and barriers may name it): the record stays whole.
  const reviews = await trx.selectFrom("reviews").select("snapshot").where("planId", "=", plan.id).where("snapshot", "is not", null).execute();
  if (reviews.some((review) => review.snapshot?.obstacles.some((obstacle) => obstacle.id === categoryId))) {
    throw new ConflictError(`A review of this plan assesses “${category.name}”, so it cannot be removed. Rename it or change its description instead.`);
  }
  // The links go with it (on delete cascade).
  await trx.deleteFrom("obstacleCategories").where("id", "=", categoryId).execute();
  return recorded({
    entityType: "obstacle_category",
    entityId: categoryId,
    verb: "removed",
    changes: { name: { before: category.name, after: null }, description: { before: category.description, after: null } },
    context: {
      name: category.name,
      actionIds: addressing.map((action) => action.id),
      actions: addressing.map((action) => `${action.objectiveNumber}.${action.number}`),
    },
  });
});

/** Says which of the plan's categories an action addresses; any id not of this plan is refused. */
export const setActionObstacles = planWrite("setActionObstacles", async ({ trx, plan, authorize }, actionId: string, categoryIds: string[]) => {
  const action = await lockAction(trx, plan, actionId);
  authorize("plan.editStructure");
  const categories = await categoriesInOrder(trx, plan);
  const chosen = new Set(categoryIds);
  if ([...chosen].some((id) => !categories.some((category) => category.id === id))) {
    throw new InputError("obstacleCategoryIds", "Choose obstacle categories of this plan. The list may have changed: reload the page");
  }
  const current = new Set(await obstacleIdsOfAction(trx, action.id));
  // Names in the plan's order, as the history shows them.
  const names = (ids: Set<string>) => categories.filter((category) => ids.has(category.id)).map((category) => category.name);
  const changes = changedFields({ obstacles: names(current) }, { obstacles: names(chosen) });
  if (Object.keys(changes).length === 0) return unchanged();
  await trx.deleteFrom("actionObstacles").where("actionId", "=", action.id).execute();
  if (chosen.size > 0) {
    await trx
      .insertInto("actionObstacles")
      .values([...chosen].map((obstacleCategoryId) => ({ actionId: action.id, obstacleCategoryId })))
      .execute();
  }
  await trx.updateTable("actions").set({ updatedAt: new Date() }).where("id", "=", action.id).execute();
  return recorded({ actionId: action.id, entityType: "action", entityId: action.id, verb: "updated", changes });
});
