import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { KINDS, type HistoryEvent, type HistoryFilters } from "../../domain/history";

// Reading the audit trail: one action's history, and a plan's, filtered and
// paged by id (keyset), newest first, so pages stay put while events arrive.

export interface HistoryRow extends HistoryEvent {
  id: number;
  occurredAt: Date;
  actionId: string | null;
  actorUserId: string | null;
}

function historyQuery(db: Kysely<Database>) {
  return db
    .selectFrom("auditEvents as e")
    .leftJoin("users as u", "u.id", "e.actorUserId")
    .leftJoin("actions as a", "a.id", "e.actionId")
    .leftJoin("objectives as o", "o.id", "a.objectiveId")
    .select([
      "e.id",
      "e.occurredAt",
      "e.verb",
      "e.entityType",
      "e.actionId",
      "e.actorUserId",
      "e.actorRole",
      "e.actorSector",
      "e.changes",
      "e.context",
      "u.displayName as actorName",
      sql<string | null>`coalesce(e.context->>'reference', o.number || '.' || a.number)`.as("reference"),
    ]);
}

function toRow(row: {
  id: number;
  occurredAt: Date;
  verb: string;
  entityType: string;
  actionId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  actorSector: string | null;
  changes: unknown;
  context: unknown;
  actorName: string | null;
  reference: string | null;
}): HistoryRow {
  return {
    ...row,
    changes: (row.changes ?? {}) as HistoryRow["changes"],
    context: (row.context ?? {}) as HistoryRow["context"],
  };
}

export async function actionHistory(db: Kysely<Database>, actionId: string, limit = 200): Promise<HistoryRow[]> {
  // What happened to the action; attempts refused are in the plan's history.
  const rows = await historyQuery(db).where("e.actionId", "=", actionId).where("e.verb", "!=", "refused").orderBy("e.id", "desc").limit(limit).execute();
  return rows.map(toRow);
}

/** One page of a plan's history, newest first, strictly older than `beforeId`. */
export async function planHistoryPage(
  db: Kysely<Database>,
  planId: string,
  filters: HistoryFilters,
  page: { beforeId: number | null; size: number },
): Promise<HistoryRow[]> {
  // A refused page visit is not part of the plan's story (older ones were stored with their plan).
  let query = historyQuery(db)
    .where("e.planId", "=", planId)
    .where(sql<boolean>`not (e.verb = 'refused' and coalesce(e.context->>'method', 'GET') in ('GET', 'HEAD'))`);
  if (filters.userId) query = query.where("e.actorUserId", "=", filters.userId);
  if (filters.sector) query = query.where("e.actorSector", "=", filters.sector);
  if (filters.actionId) query = query.where("e.actionId", "=", filters.actionId);
  if (filters.kind) {
    const pairs = KINDS[filters.kind].verbs.map((verb) => verb.split(".") as [string, string]);
    query = query.where((eb) => eb.or(pairs.map(([entityType, verb]) => eb.and([eb("e.entityType", "=", entityType), eb("e.verb", "=", verb)]))));
  }
  // Dates are UK dates: an event at 00:30 BST on 1 June belongs to 1 June.
  if (filters.from) query = query.where(sql<string>`(e.occurred_at at time zone 'Europe/London')::date`, ">=", filters.from);
  if (filters.to) query = query.where(sql<string>`(e.occurred_at at time zone 'Europe/London')::date`, "<=", filters.to);
  if (page.beforeId !== null) query = query.where("e.id", "<", page.beforeId);
  const rows = await query.orderBy("e.id", "desc").limit(page.size).execute();
  return rows.map(toRow);
}

/** What happened to a plan's actions since a moment (all of it when null), newest first, at most `limit` events. */
export async function planActionHistorySince(db: Kysely<Database>, planId: string, since: Date | null, limit = 5000): Promise<HistoryRow[]> {
  let query = historyQuery(db).where("e.planId", "=", planId).where("e.actionId", "is not", null).where("e.verb", "!=", "refused");
  if (since) query = query.where("e.occurredAt", ">=", since);
  const rows = await query.orderBy("e.id", "desc").limit(limit).execute();
  return rows.map(toRow);
}

/** One page of a partnership's refused requests, pages and changes alike, and the removals of old ones, newest first. */
export async function securityLogPage(
  db: Kysely<Database>,
  partnershipId: string,
  page: { beforeId: number | null; size: number },
): Promise<Array<HistoryRow & { path: string | null }>> {
  let query = historyQuery(db)
    .where("e.partnershipId", "=", partnershipId)
    .where((eb) =>
      eb.or([
        eb.and([eb("e.entityType", "=", "request"), eb("e.verb", "=", "refused")]),
        eb.and([eb("e.entityType", "=", "security_log"), eb("e.verb", "=", "purged")]),
      ]),
    );
  if (page.beforeId !== null) query = query.where("e.id", "<", page.beforeId);
  const rows = await query.select("e.entityId").orderBy("e.id", "desc").limit(page.size).execute();
  return rows.map(({ entityId, ...row }) => ({ ...toRow(row), path: row.entityType === "request" ? entityId : null }));
}
