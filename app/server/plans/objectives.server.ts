import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { compareKeys, orderKeyFor } from "../../domain/ordering";
import { changedFields, createdFields } from "../platform/audit.server";
import { lockObjective, lockPlanRow } from "./action-rows.server";
import { InputError, NotFoundError } from "../platform/errors.server";
import type { PlanContextData } from "../platform/plan-data.server";
import { planWrite, recorded, unchanged } from "../platform/write.server";

// A plan's objectives, the board's lanes: stewards add, rename and reorder them.

/** The plan's objectives in board order (id, number, title), for pages that name them. */
export async function objectivesOf(db: Kysely<Database>, planId: string): Promise<Array<{ id: string; number: number; title: string }>> {
  const objectives = await objectivesInOrder(db, { id: planId });
  return objectives.map(({ id, number, title }) => ({ id, number, title }));
}

async function objectivesInOrder(trx: Kysely<Database>, plan: Pick<PlanContextData, "id">) {
  const objectives = await trx
    .selectFrom("objectives")
    .select(["id", "orderKey", "number", "title"])
    .where("planId", "=", plan.id)
    .where("archivedAt", "is", null)
    .execute();
  return objectives.sort((a, b) => compareKeys(a.orderKey, b.orderKey));
}

/** Adds a lane at the bottom. The id comes from the browser, so a repeat is harmless. */
export const createObjective = planWrite("createObjective", async ({ trx, plan, authorize }, input: { id: string; title: string }) => {
  authorize("plan.editStructure");
  await lockPlanRow(trx, plan);
  const existing = await trx.selectFrom("objectives").select("planId").where("id", "=", input.id).executeTakeFirst();
  if (existing) {
    if (existing.planId !== plan.id) throw new InputError("form", "That objective id is taken");
    return unchanged();
  }
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
  return recorded({ entityType: "objective", entityId: input.id, verb: "created", changes: createdFields({ number, title: input.title }) });
});

export const renameObjective = planWrite("renameObjective", async ({ trx, plan, authorize }, objectiveId: string, title: string) => {
  authorize("plan.editStructure");
  await lockObjective(trx, plan, objectiveId);
  const before = await trx.selectFrom("objectives").select("title").where("id", "=", objectiveId).executeTakeFirstOrThrow();
  const changes = changedFields(before, { title });
  if (Object.keys(changes).length === 0) return unchanged();
  await trx.updateTable("objectives").set({ title }).where("id", "=", objectiveId).execute();
  return recorded({ entityType: "objective", entityId: objectiveId, verb: "updated", changes });
});

/** Moves a lane one place up or down. */
export const moveObjective = planWrite("moveObjective", async ({ trx, plan, authorize }, objectiveId: string, direction: "up" | "down") => {
  authorize("plan.editStructure");
  await lockPlanRow(trx, plan);
  const objectives = await objectivesInOrder(trx, plan);
  const index = objectives.findIndex((objective) => objective.id === objectiveId);
  if (index === -1) throw new NotFoundError("That objective");
  const others = objectives.filter((objective) => objective.id !== objectiveId);
  const neighbour = direction === "up" ? objectives[index - 1] : objectives[index + 1];
  if (!neighbour) return unchanged();
  const orderKey = orderKeyFor(others, { at: direction === "up" ? "before" : "after", anchorId: neighbour.id });
  await trx.updateTable("objectives").set({ orderKey }).where("id", "=", objectiveId).execute();
  return recorded({
    entityType: "objective",
    entityId: objectiveId,
    verb: "reordered",
    changes: { position: { before: index + 1, after: direction === "up" ? index : index + 2 } },
  });
});
