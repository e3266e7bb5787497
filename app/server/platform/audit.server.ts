import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Role, Sector } from "../../domain/vocabulary";

/** Who did something, as they stood at that moment. */
export interface AuditActor {
  userId: string | null;
  /** Null for events outside any partnership (signing in, say). */
  role: Role | "system" | null;
  sector: Sector | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, role: "system", sector: null };

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  actor: AuditActor;
  partnershipId: string | null;
  planId?: string | null;
  actionId?: string | null;
  entityType: string;
  entityId: string;
  verb: string;
  changes?: FieldChanges;
  context?: Record<string, unknown>;
}

/**
 * Appends one audit event. Takes the transaction of the change it records, so
 * the change and its history commit together or not at all.
 */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(trx, entry);
}

/** For events with no other write to join (a refused request, a failed sign-in). */
export async function recordStandaloneAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, entry);
}

async function insertAuditEvent(db: Kysely<Database>, entry: AuditEntry) {
  await db
    .insertInto("auditEvents")
    .values({
      partnershipId: entry.partnershipId,
      planId: entry.planId ?? null,
      actionId: entry.actionId ?? null,
      actorUserId: entry.actor.userId,
      actorRole: entry.actor.role,
      actorSector: entry.actor.sector,
      entityType: entry.entityType,
      entityId: entry.entityId,
      verb: entry.verb,
      changes: JSON.stringify(entry.changes ?? {}),
      context: JSON.stringify(entry.context ?? {}),
    })
    .execute();
}

/** The fields whose values differ, as { field: { before, after } }. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[field]) !== JSON.stringify(value)) {
      changes[field] = { before: before[field] ?? null, after: value };
    }
  }
  return changes;
}

/** The audit actor for someone acting in a partnership. */
export function actorOf(actor: { userId: string; role: Role; sector: Sector }): AuditActor {
  return { userId: actor.userId, role: actor.role, sector: actor.sector };
}

/** Every field of something new, as changes from nothing. */
export function createdFields(fields: Record<string, unknown>): FieldChanges {
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, { before: null, after: value ?? null }]));
}
