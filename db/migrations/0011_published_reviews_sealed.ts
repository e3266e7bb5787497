import { sql, type Kysely } from "kysely";

// A published review's rows stay in it. The row triggers of 0004 asked only
// about the review a row was moving to, so `update review_assessments set
// review_id = <a draft>` took a row out of a published review; now both the
// review a row leaves and the one it joins are asked. And TRUNCATE, which no
// row trigger sees, is refused on every table these locks guard: always for
// the reviews themselves and their append-only answers and addenda, and for
// the tables written while a review is open whenever one of their rows
// belongs to a published review.

const LOCKED_WHEN_PUBLISHED = ["review_facilitators", "review_assessments", "review_obstacle_findings", "review_barriers", "review_recommendations"];
const APPEND_ONLY = ["review_responses", "review_addenda"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function reject_published_review_change() returns trigger language plpgsql as $$
    begin
      -- OLD is null on INSERT and NEW on DELETE; a null in the list matches nothing.
      if exists (select 1 from reviews where id in (old.review_id, new.review_id) and status = 'published') then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return coalesce(new, old);
    end;
    $$;

    create function reject_published_review_truncate() returns trigger language plpgsql as $$
    declare
      holds_published boolean;
    begin
      execute format('select exists (select 1 from %I as t join reviews as r on r.id = t.review_id where r.status = ''published'')', tg_table_name)
        into holds_published;
      if holds_published then
        raise exception 'a published review never changes: TRUNCATE of % is not allowed', tg_table_name using errcode = 'insufficient_privilege';
      end if;
      return null;
    end;
    $$;

    create function reject_reviews_truncate() returns trigger language plpgsql as $$
    begin
      raise exception 'reviews are never deleted: TRUNCATE is not allowed' using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger reviews_no_truncate before truncate on reviews for each statement execute function reject_reviews_truncate();
  `.execute(db);
  for (const table of LOCKED_WHEN_PUBLISHED) {
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function reject_published_review_truncate()`.execute(
      db,
    );
  }
  for (const table of APPEND_ONLY) {
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function reject_history_change()`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...LOCKED_WHEN_PUBLISHED, ...APPEND_ONLY]) {
    await sql`drop trigger ${sql.id(`${table}_no_truncate`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`
    drop trigger reviews_no_truncate on reviews;
    drop function reject_reviews_truncate();
    drop function reject_published_review_truncate();
    create or replace function reject_published_review_change() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from reviews where id = coalesce(new.review_id, old.review_id) and status = 'published') then
        raise exception 'a published review never changes' using errcode = 'insufficient_privilege';
      end if;
      return coalesce(new, old);
    end;
    $$;
  `.execute(db);
}
