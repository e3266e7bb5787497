import { sql, type Kysely } from "kysely";

// Six-month (and other) reviews: scheduled as drafts, opened (which freezes a
// snapshot of the plan), written by their assigned facilitators, published.
// The database itself keeps the two promises the review makes: the snapshot
// never changes once taken, and nothing written for a review changes once it
// is published. Responses to recommendations and addenda come after
// publication and are append-only, each dated.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    drop table review_findings;

    alter table reviews drop constraint reviews_status_check;
    alter table reviews
      add constraint reviews_status_check check (status in ('draft', 'open', 'published')),
      add column due_on date,
      add column opened_at timestamptz,
      -- the plan as it stood when the review opened: { takenAt, actions: […], obstacles: […] }
      add column snapshot jsonb,
      add column summary_version integer not null default 0 check (summary_version >= 0),
      add constraint reviews_summary_length check (length(summary) <= 20000),
      add constraint reviews_opened_with_snapshot check (
        (status = 'draft') = (opened_at is null) and (opened_at is null) = (snapshot is null)
      );
    update reviews set due_on = created_at::date where due_on is null;
    alter table reviews alter column due_on set not null;

    create table review_facilitators (
      review_id uuid not null references reviews (id),
      user_id uuid not null references users (id),
      primary key (review_id, user_id)
    );

    create table review_assessments (
      review_id uuid not null references reviews (id),
      action_id uuid not null references actions (id),
      assessment text not null
        check (assessment in ('achieved', 'on_track', 'some_progress', 'no_progress', 'no_longer_relevant')),
      evidence text not null default '' check (length(evidence) <= 10000),
      version integer not null default 1 check (version > 0),
      updated_by uuid not null references users (id),
      updated_at timestamptz not null default now(),
      primary key (review_id, action_id)
    );
    create index review_assessments_action_idx on review_assessments (action_id);

    create table review_obstacle_findings (
      review_id uuid not null references reviews (id),
      obstacle_category_id uuid not null references obstacle_categories (id),
      rating text not null check (rating in ('addressed', 'partly_addressed', 'not_addressed')),
      commentary text not null default '' check (length(commentary) <= 10000),
      version integer not null default 1 check (version > 0),
      updated_by uuid not null references users (id),
      updated_at timestamptz not null default now(),
      primary key (review_id, obstacle_category_id)
    );

    create table review_barriers (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews (id),
      name text not null check (length(btrim(name)) between 1 and 200),
      -- null: a barrier of a new kind, outside the plan's categories
      obstacle_category_id uuid references obstacle_categories (id),
      description text not null default '' check (length(description) <= 10000),
      version integer not null default 1 check (version > 0),
      created_at timestamptz not null default now(),
      updated_by uuid not null references users (id),
      updated_at timestamptz not null default now()
    );
    create index review_barriers_review_idx on review_barriers (review_id, created_at);

    create table review_recommendations (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews (id),
      body text not null check (length(btrim(body)) between 1 and 10000),
      version integer not null default 1 check (version > 0),
      created_at timestamptz not null default now(),
      updated_by uuid not null references users (id),
      updated_at timestamptz not null default now()
    );
    create index review_recommendations_review_idx on review_recommendations (review_id, created_at);

    create table review_responses (
      id uuid primary key default gen_random_uuid(),
      recommendation_id uuid not null references review_recommendations (id),
      response text not null check (response in ('accepted', 'accepted_in_part', 'not_accepted')),
      body text not null check (length(btrim(body)) between 1 and 10000),
      author_id uuid not null references users (id),
      created_at timestamptz not null default now()
    );
    create index review_responses_recommendation_idx on review_responses (recommendation_id, created_at);

    create table review_addenda (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references reviews (id),
      body text not null check (length(btrim(body)) between 1 and 10000),
      author_id uuid not null references users (id),
      created_at timestamptz not null default now()
    );
    create index review_addenda_review_idx on review_addenda (review_id, created_at);

    -- A snapshot, once taken, is never recomputed; a published review never changes.
    create function keep_review_promises() returns trigger language plpgsql as $$
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
    create trigger reviews_keep_promises
      before update or delete on reviews
      for each row execute function keep_review_promises();

    create function reject_published_review_change() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from reviews where id = coalesce(new.review_id, old.review_id) and status = 'published') then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return coalesce(new, old);
    end;
    $$;
    create trigger review_facilitators_locked_when_published
      before insert or update or delete on review_facilitators
      for each row execute function reject_published_review_change();
    create trigger review_assessments_locked_when_published
      before insert or update or delete on review_assessments
      for each row execute function reject_published_review_change();
    create trigger review_obstacle_findings_locked_when_published
      before insert or update or delete on review_obstacle_findings
      for each row execute function reject_published_review_change();
    create trigger review_barriers_locked_when_published
      before insert or update or delete on review_barriers
      for each row execute function reject_published_review_change();
    create trigger review_recommendations_locked_when_published
      before insert or update or delete on review_recommendations
      for each row execute function reject_published_review_change();

    create trigger review_responses_append_only
      before update or delete on review_responses
      for each row execute function reject_history_change();
    create trigger review_addenda_append_only
      before update or delete on review_addenda
      for each row execute function reject_history_change();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table review_addenda, review_responses, review_recommendations, review_barriers,
      review_obstacle_findings, review_assessments, review_facilitators;
    drop trigger reviews_keep_promises on reviews;
    drop function keep_review_promises();
    drop function reject_published_review_change();
    delete from reviews where status = 'open';
    alter table reviews
      drop constraint reviews_opened_with_snapshot,
      drop constraint reviews_summary_length,
      drop constraint reviews_status_check,
      drop column due_on,
      drop column opened_at,
      drop column snapshot,
      drop column summary_version,
      add constraint reviews_status_check check (status in ('draft', 'published'));
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
  `.execute(db);
}
