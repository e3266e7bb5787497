import { sql, type Kysely } from "kysely";

// Every number an action has held in an objective it left, so that an old
// reference ("see 1.5" in last month's minutes) still leads to its action
// and is never given to another one. Append-only, like the history. Moves
// made before this table existed are read back from the audit trail.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table former_action_numbers (
      action_id uuid not null references actions (id),
      objective_id uuid not null references objectives (id),
      number integer not null check (number > 0),
      left_at timestamptz not null default now(),
      primary key (action_id, objective_id, number)
    );
    create index former_action_numbers_objective_idx on former_action_numbers (objective_id, number);

    insert into former_action_numbers (action_id, objective_id, number, left_at)
    select e.action_id, o.id, (e.changes->'number'->>'before')::integer, min(e.occurred_at)
    from audit_events e
    join objectives o on o.id::text = e.changes->'objectiveId'->>'before'
    where e.entity_type = 'action' and e.action_id is not null
      and e.changes ? 'objectiveId' and jsonb_typeof(e.changes->'number'->'before') = 'number'
    group by e.action_id, o.id, (e.changes->'number'->>'before')::integer;

    create trigger former_action_numbers_append_only
      before update or delete on former_action_numbers
      for each row execute function reject_history_change();
    create trigger former_action_numbers_no_truncate
      before truncate on former_action_numbers
      for each statement execute function reject_history_change();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table former_action_numbers`.execute(db);
}
