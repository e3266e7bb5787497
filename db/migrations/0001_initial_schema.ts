import { sql, type Kysely } from "kysely";

// The whole domain of the product brief. Integrity lives here, not only in code:
// composite foreign keys keep groups, plans and their children inside one
// partnership, and CHECKs hold every enumerated value.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table partnerships (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null check (length(btrim(name)) between 1 and 200),
      created_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null unique check (email = lower(btrim(email)) and email like '_%@_%'),
      display_name text not null check (length(btrim(display_name)) between 1 and 200),
      -- null until the person accepts an invitation and chooses a password
      password_hash text,
      password_changed_at timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table sessions (
      id text primary key check (length(id) between 16 and 64),
      -- SHA-256 of the token's secret half: the database never holds a usable token
      secret_hash bytea not null check (octet_length(secret_hash) = 32),
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_active_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text not null default '',
      ip_address text not null default ''
    );
    create index sessions_user_id_idx on sessions (user_id);

    create table groups (
      id uuid primary key default gen_random_uuid(),
      partnership_id uuid not null references partnerships (id),
      name text not null check (length(btrim(name)) between 1 and 200),
      sector text not null check (sector in ('public', 'voluntary_community', 'independent', 'cross_sector')),
      description text not null default '',
      created_at timestamptz not null default now(),
      unique (partnership_id, name),
      unique (id, partnership_id)
    );

    create table partnership_memberships (
      partnership_id uuid not null references partnerships (id),
      user_id uuid not null references users (id),
      role text not null check (role in ('admin', 'member', 'facilitator', 'observer')),
      sector text not null check (sector in ('public', 'voluntary_community', 'independent')),
      job_title text not null default '',
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (partnership_id, user_id)
    );
    create index partnership_memberships_user_id_idx on partnership_memberships (user_id);

    create table group_memberships (
      group_id uuid not null,
      partnership_id uuid not null,
      user_id uuid not null,
      role text not null default 'member' check (role in ('member', 'chair')),
      created_at timestamptz not null default now(),
      primary key (group_id, user_id),
      foreign key (group_id, partnership_id) references groups (id, partnership_id) on delete cascade,
      foreign key (partnership_id, user_id) references partnership_memberships (partnership_id, user_id) on delete cascade
    );
    create index group_memberships_user_id_idx on group_memberships (user_id);
    create unique index group_memberships_one_chair on group_memberships (group_id) where role = 'chair';

    create table plans (
      id uuid primary key default gen_random_uuid(),
      partnership_id uuid not null references partnerships (id),
      title text not null check (length(btrim(title)) between 1 and 300),
      period_start date,
      period_end date,
      single_sector_signoff boolean not null default false,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      check (period_end is null or period_start is null or period_end >= period_start),
      unique (id, partnership_id)
    );
    create index plans_partnership_id_idx on plans (partnership_id);

    create table plan_stewards (
      plan_id uuid not null,
      group_id uuid not null,
      partnership_id uuid not null,
      primary key (plan_id, group_id),
      foreign key (plan_id, partnership_id) references plans (id, partnership_id) on delete cascade,
      foreign key (group_id, partnership_id) references groups (id, partnership_id) on delete cascade
    );
    create index plan_stewards_group_id_idx on plan_stewards (group_id);

    create table obstacle_categories (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans (id),
      position integer not null check (position >= 0),
      name text not null check (length(btrim(name)) between 1 and 100),
      description text not null default '',
      unique (plan_id, name),
      unique (plan_id, position)
    );

    create table objectives (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans (id),
      number integer not null check (number > 0),
      title text not null check (length(btrim(title)) between 1 and 500),
      order_key text collate "C" not null,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      unique (plan_id, number),
      unique (id, plan_id)
    );
    create unique index objectives_order on objectives (plan_id, order_key) where archived_at is null;

    create table actions (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null,
      objective_id uuid not null,
      number integer not null check (number > 0),
      title text not null check (length(btrim(title)) between 1 and 500),
      description text not null default '' check (length(description) <= 10000),
      status text not null default 'not_started'
        check (status in ('not_started', 'in_progress', 'at_risk', 'done')),
      order_key text collate "C" not null,
      due_on date,
      -- the plan's own wording ("Draft by end May 2010"), kept beside the parsed date
      timescale_text text not null default '' check (length(timescale_text) <= 300),
      version integer not null default 1 check (version >= 1),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (objective_id, plan_id) references objectives (id, plan_id),
      unique (objective_id, number)
    );
    create index actions_plan_id_idx on actions (plan_id);
    create unique index actions_column_order on actions (objective_id, status, order_key) where archived_at is null;

    create table action_leads (
      id uuid primary key default gen_random_uuid(),
      action_id uuid not null references actions (id) on delete cascade,
      position integer not null default 0 check (position >= 0),
      user_id uuid references users (id),
      group_id uuid references groups (id),
      outside_body text check (length(btrim(outside_body)) between 1 and 200),
      -- a lead is exactly one of: a person, a group, an outside body named in text
      constraint action_leads_exactly_one_kind check (num_nonnulls(user_id, group_id, outside_body) = 1)
    );
    create unique index action_leads_user on action_leads (action_id, user_id) where user_id is not null;
    create unique index action_leads_group on action_leads (action_id, group_id) where group_id is not null;
    create unique index action_leads_outside_body on action_leads (action_id, lower(outside_body)) where outside_body is not null;
    create index action_leads_user_id_idx on action_leads (user_id) where user_id is not null;
    create index action_leads_group_id_idx on action_leads (group_id) where group_id is not null;

    create table action_obstacles (
      action_id uuid not null references actions (id) on delete cascade,
      obstacle_category_id uuid not null references obstacle_categories (id) on delete cascade,
      primary key (action_id, obstacle_category_id)
    );

    create table progress_notes (
      id uuid primary key default gen_random_uuid(),
      action_id uuid not null references actions (id),
      author_id uuid not null references users (id),
      body text not null check (length(btrim(body)) between 1 and 10000),
      created_at timestamptz not null default now()
    );
    create index progress_notes_action_id_idx on progress_notes (action_id, created_at);

    create table reviews (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans (id),
      kind text not null check (kind in ('six_month', 'annual', 'other')),
      title text not null check (length(btrim(title)) between 1 and 300),
      summary text not null default '',
      status text not null default 'draft' check (status in ('draft', 'published')),
      created_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      published_at timestamptz,
      check ((status = 'published') = (published_at is not null))
    );
    create index reviews_plan_id_idx on reviews (plan_id);

    create table review_findings (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews (id) on delete cascade,
      action_id uuid references actions (id),
      obstacle_category_id uuid references obstacle_categories (id),
      body text not null check (length(btrim(body)) between 1 and 10000),
      created_by uuid not null references users (id),
      created_at timestamptz not null default now()
    );
    create index review_findings_review_id_idx on review_findings (review_id);

    create table audit_events (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      partnership_id uuid references partnerships (id),
      plan_id uuid references plans (id),
      action_id uuid references actions (id),
      actor_user_id uuid references users (id),
      -- the actor's role and sector at that moment, not as they are today
      actor_role text check (actor_role in ('admin', 'member', 'facilitator', 'observer', 'system')),
      actor_sector text check (actor_sector in ('public', 'voluntary_community', 'independent')),
      entity_type text not null check (length(entity_type) between 1 and 50),
      entity_id text not null,
      verb text not null check (length(verb) between 1 and 50),
      -- { field: { "before": …, "after": … } } for the fields that changed
      changes jsonb not null default '{}'::jsonb,
      context jsonb not null default '{}'::jsonb
    );
    create index audit_events_plan_idx on audit_events (plan_id, id) where plan_id is not null;
    create index audit_events_action_idx on audit_events (action_id, id) where action_id is not null;
    create index audit_events_partnership_idx on audit_events (partnership_id, id);

    -- History cannot be rewritten: the database refuses, whoever asks.
    create function reject_history_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger audit_events_append_only
      before update or delete on audit_events
      for each row execute function reject_history_change();
    create trigger audit_events_no_truncate
      before truncate on audit_events
      for each statement execute function reject_history_change();
    create trigger progress_notes_append_only
      before update or delete on progress_notes
      for each row execute function reject_history_change();
    create trigger progress_notes_no_truncate
      before truncate on progress_notes
      for each statement execute function reject_history_change();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists audit_events, review_findings, reviews, progress_notes, action_obstacles,
      action_leads, actions, objectives, obstacle_categories, plan_stewards, plans,
      group_memberships, partnership_memberships, groups, sessions, users, partnerships cascade;
    drop function if exists reject_history_change();
  `.execute(db);
}
