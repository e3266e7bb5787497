import { sql, type Kysely } from "kysely";

// The status page and the partnership overview read a plan's audit trail by
// time (changes since a date, updates in the last 90 days, the last change)
// and its few events that move the burn-up; without these they would scan
// every event the plan has.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index audit_events_plan_time_idx on audit_events (plan_id, occurred_at) where plan_id is not null;
    create index audit_events_burn_up_idx on audit_events (plan_id, occurred_at)
      where entity_type = 'action' and verb in ('created', 'archived', 'completion_confirmed', 'reopened');
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index audit_events_burn_up_idx;
    drop index audit_events_plan_time_idx;
  `.execute(db);
}
