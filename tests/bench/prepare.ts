import { sql, type Kysely } from "kysely";
import { openDatabase, type OpenOptions } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { addDaysTo, ukToday } from "../../app/domain/dates";
import { STATUSES } from "../../app/domain/vocabulary";
import { addProgressNote, createAction, currentContent, updateActionContent } from "../../app/server/plans/action-content.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { moveAction } from "../../app/server/plans/moves.server";
import { createObjective } from "../../app/server/plans/objectives.server";
import { loadPlan } from "../../app/server/platform/plan-data.server";
import { createPlan } from "../../app/server/plans/plans.server";
import { actorFor, demoPlan } from "../integration/support/people";
import { agreePublication, proposePublication } from "../../app/server/plans/publication.server";

// The data the benchmark reads: the demo (Portsmouth's 9-action plan), a
// second Portsmouth plan of 300 actions on 8 objectives as a real strategy
// and its sub-plans would have (leads, dates, every column, some notes), with
// 100,000 events in its history. Written through the app's own
// writes, before the server starts (a PGlite folder takes one process).

export const LARGE_PLAN_ACTIONS = 300;
export const HISTORY_EVENTS = 100_000;
const OBJECTIVES = 8;

export interface BenchData {
  smallPlanId: string;
  largePlanId: string;
  /** The large plan's actions with their objective, for moves. */
  largePlanActions: Array<{ id: string; objectiveId: string }>;
}

const TOPICS = [
  "Agree a joint commissioning framework with the voluntary sector consortium",
  "Publish a directory of third sector organisations and keep it current",
  "Hold a quarterly forum between council officers and community groups",
  "Review grant conditions so that small groups can apply without undue burden",
  "Train commissioners in outcome-based contracts and social value",
  "Set up a volunteering brokerage with the local volunteer centre",
  "Map the community assets of each ward with residents' associations",
  "Share the Joint Strategic Needs Assessment in plain language",
];

export async function prepareBenchData(options: OpenOptions): Promise<BenchData> {
  const handle = await openDatabase(options);
  try {
    const db = handle.db as Kysely<Database>;
    await migrateToLatest(db);
    await seedDemoData(db);
    const small = await demoPlan(db);
    const admin = await actorFor(db, "admin@demo.test");
    const leader = await actorFor(db, "leader@demo.test");
    const groups = await db.selectFrom("groups").select(["id", "name"]).where("partnershipId", "=", admin.partnershipId).execute();
    const people = await db.selectFrom("partnershipMemberships").select("userId").where("partnershipId", "=", admin.partnershipId).execute();
    const stewards = await db.selectFrom("planStewards").select("groupId").where("planId", "=", small.id).execute();

    const largePlanId = await createPlan(db, admin, {
      title: "Partnership strategy and sub-plans 2026 to 2029",
      periodStart: "2026-04-01",
      periodEnd: "2029-03-31",
      stewardGroupIds: stewards.map((steward) => steward.groupId),
    });
    const large = (await loadPlan(db, admin.partnershipId, largePlanId))!;
    const today = ukToday();
    const objectiveIds: string[] = [];
    for (let index = 0; index < OBJECTIVES; index += 1) {
      const id = crypto.randomUUID();
      await createObjective(db, leader, large, { id, title: `Objective ${index + 1}: ${TOPICS[index]!.toLowerCase()} across every ward` });
      objectiveIds.push(id);
    }
    const largePlanActions: BenchData["largePlanActions"] = [];
    for (let index = 0; index < LARGE_PLAN_ACTIONS; index += 1) {
      const id = crypto.randomUUID();
      const objectiveId = objectiveIds[index % OBJECTIVES]!;
      await createAction(db, leader, large, { id, objectiveId, title: `${TOPICS[(index * 3) % TOPICS.length]}, phase ${1 + Math.floor(index / OBJECTIVES)}` });
      const content = (await currentContent(db, large, id))!;
      await updateActionContent(db, leader, large, id, {
        ...content,
        description: "Agreed at the partnership board; the lead reports progress at each meeting.",
        dueOn: addDaysTo(today, (index % 60) * 7 - 120),
        timescaleText: index % 5 === 0 ? "By the end of the quarter" : "",
        leads: {
          userIds: [people[index % people.length]!.userId],
          groupIds: index % 3 === 0 ? [groups[index % groups.length]!.id] : [],
          outsideBodies: index % 7 === 0 ? ["Clinical commissioning group"] : [],
        },
      });
      const status = STATUSES[index % STATUSES.length]!;
      if (status !== "not_started") await moveAction(db, leader, large, { actionId: id, objectiveId, status, placement: { at: "bottom" } });
      if (index % 4 === 1) await addProgressNote(db, leader, large, id, "Met the leads this month; the draft goes to the next board.");
      largePlanActions.push({ id, objectiveId });
    }

    // Published by both sectors, for its public page's figures.
    await proposePublication(db, admin, large);
    await agreePublication(db, leader, large);

    // Years of a busy plan's history, in one statement, for its History and Status pages.
    const someAction = largePlanActions[0]!.id;
    await sql`
      insert into audit_events (occurred_at, partnership_id, plan_id, action_id, actor_user_id, actor_role, actor_sector, entity_type, entity_id, verb, changes)
      select now() - make_interval(mins => n), ${large.partnershipId}, ${large.id}, ${someAction}, ${leader.userId}, 'member',
        (array['public', 'voluntary_community', 'independent'])[1 + n % 3], 'action', ${someAction},
        (array['moved', 'updated', 'completion_proposed'])[1 + n % 3], '{"status": {"before": "in_progress", "after": "at_risk"}}'::jsonb
      from generate_series(1, ${HISTORY_EVENTS}) as n
    `.execute(db);
    await sql`analyze`.execute(db);
    return { smallPlanId: small.id, largePlanId, largePlanActions };
  } finally {
    await handle.close();
  }
}
