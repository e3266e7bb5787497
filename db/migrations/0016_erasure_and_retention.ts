import { sql, type Kysely } from "kysely";

// Two narrow ways through the locks on history, each enforced here rather
// than trusted to the app:
//
// Erasure: a person's name and email are replaced everywhere, their notes'
// text too unless their partnership keeps it. The append-only and sealed
// tables accept an UPDATE (never a DELETE or TRUNCATE) of the text columns
// their trigger names, and only inside the transaction that marks the person
// erased: `partnership_board.erasing` names them and their `erased_at` is this
// transaction's `now()`, which no later transaction can set (an erasure is
// final), and which cannot commit unless an audit event records the erasure.
//
// Retention: the security log's refused page visits and failed or blocked
// sign-ins may be deleted, only when the transaction says it is the purge,
// and never one younger than 30 days, whatever the purge was asked for.

/** The columns an erasure may rewrite, per append-only table; every other column stays as written. */
const APPEND_ONLY_TEXT: Record<string, string[]> = {
  audit_events: ["entity_id", "changes", "context"],
  progress_notes: ["body"],
  indicator_readings: ["source_note"],
  review_responses: ["body"],
  review_addenda: ["body"],
};
/** The same, for the tables a published review seals. */
const SEALED_TEXT: Record<string, string[]> = {
  review_assessments: ["evidence"],
  review_obstacle_findings: ["commentary"],
  review_barriers: ["name", "description"],
  review_recommendations: ["body"],
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users add column erased_at timestamptz;
    alter table partnerships add column erasure_keeps_note_text boolean not null default false;

    -- Whether this transaction is the one that erases the person it names.
    create function erasure_under_way() returns boolean language sql stable as $$
      select exists (
        select 1 from users where id::text = current_setting('partnership_board.erasing', true) and erased_at = now()
      )
    $$;

    -- An erasure is final, and nobody is created erased now (a restored backup brings earlier erasures).
    create function keep_erasure_final() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' and new.erased_at >= now() then
        raise exception 'a person is not created erased' using errcode = 'insufficient_privilege';
      end if;
      if tg_op = 'UPDATE' and old.erased_at is not null and new.erased_at is distinct from old.erased_at then
        raise exception 'an erasure is final' using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$;
    create trigger users_erasure_final before insert or update on users for each row execute function keep_erasure_final();

    -- Checked at commit: the erasure's own audit event is there.
    create function require_erasure_event() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from audit_events where entity_type = 'user' and verb = 'erased' and entity_id = new.id::text) then
        raise exception 'an erasure is recorded in the audit trail, and this one was not' using errcode = 'insufficient_privilege';
      end if;
      return null;
    end $$;
    create constraint trigger users_erasure_recorded after update on users deferrable initially deferred for each row
      when (old.erased_at is null and new.erased_at is not null) execute function require_erasure_event();

    -- The arguments name the columns an erasure may rewrite (none: never).
    create or replace function reject_history_change() returns trigger language plpgsql as $$
    begin
      if tg_level = 'ROW' and tg_op = 'UPDATE' and tg_nargs > 0 and erasure_under_way() then
        if (to_jsonb(new) - tg_argv) = (to_jsonb(old) - tg_argv) then return new; end if;
      end if;
      if tg_level = 'ROW' and tg_op = 'DELETE' and tg_table_name = 'audit_events'
        and current_setting('partnership_board.purging_security_log', true) = 'yes' then
        if old.occurred_at < now() - interval '30 days' and (
          (old.entity_type = 'request' and old.verb = 'refused' and coalesce(old.context->>'method', 'GET') in ('GET', 'HEAD'))
          or (old.entity_type = 'user' and old.verb in ('sign_in_failed', 'password_check_failed', 'sign_in_blocked'))
        ) then
          return old;
        end if;
      end if;
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;

    create or replace function keep_review_promises() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'reviews are never deleted' using errcode = 'insufficient_privilege';
      end if;
      if erasure_under_way()
        and (to_jsonb(new) - array['title', 'summary', 'snapshot']) = (to_jsonb(old) - array['title', 'summary', 'snapshot']) then
        return new;
      end if;
      if old.snapshot is not null and new.snapshot is distinct from old.snapshot then
        raise exception 'a review''s snapshot never changes' using errcode = 'insufficient_privilege';
      end if;
      if old.status = 'published' then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return new;
    end;
    $$;

    create or replace function reject_published_review_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and tg_nargs > 0 and erasure_under_way() then
        if (to_jsonb(new) - tg_argv) = (to_jsonb(old) - tg_argv) then return new; end if;
      end if;
      -- OLD is null on INSERT and NEW on DELETE; a null in the list matches nothing.
      if exists (select 1 from reviews where id in (old.review_id, new.review_id) and status = 'published') then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return coalesce(new, old);
    end;
    $$;

    create index audit_events_security_log_age_idx on audit_events (occurred_at)
      where (entity_type = 'request' and verb = 'refused') or (entity_type = 'user' and verb in ('sign_in_failed', 'password_check_failed', 'sign_in_blocked'));
  `.execute(db);
  for (const [table, columns] of Object.entries(APPEND_ONLY_TEXT))
    await recreate(db, table, "append_only", "before update or delete", "reject_history_change", columns);
  for (const [table, columns] of Object.entries(SEALED_TEXT))
    await recreate(db, table, "locked_when_published", "before insert or update or delete", "reject_published_review_change", columns);
}

function recreate(db: Kysely<any>, table: string, suffix: string, when: string, fn: string, columns: string[]) {
  const name = sql.id(`${table}_${suffix}`);
  const args = sql.raw(columns.map((column) => `'${column}'`).join(", "));
  return sql`
    drop trigger ${name} on ${sql.table(table)};
    create trigger ${name} ${sql.raw(when)} on ${sql.table(table)} for each row execute function ${sql.raw(fn)}(${args});
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of Object.keys(APPEND_ONLY_TEXT)) await recreate(db, table, "append_only", "before update or delete", "reject_history_change", []);
  for (const table of Object.keys(SEALED_TEXT))
    await recreate(db, table, "locked_when_published", "before insert or update or delete", "reject_published_review_change", []);
  await sql`
    drop index audit_events_security_log_age_idx;
    create or replace function reject_history_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;
    create or replace function keep_review_promises() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'reviews are never deleted' using errcode = 'insufficient_privilege';
      end if;
      if old.snapshot is not null and new.snapshot is distinct from old.snapshot then
        raise exception 'a review''s snapshot never changes' using errcode = 'insufficient_privilege';
      end if;
      if old.status = 'published' then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return new;
    end;
    $$;
    create or replace function reject_published_review_change() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from reviews where id in (old.review_id, new.review_id) and status = 'published') then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return coalesce(new, old);
    end;
    $$;
    drop trigger users_erasure_recorded on users;
    drop function require_erasure_event();
    drop trigger users_erasure_final on users;
    drop function keep_erasure_final();
    drop function erasure_under_way();
    alter table partnerships drop column erasure_keeps_note_text;
    alter table users drop column erased_at;
  `.execute(db);
}
