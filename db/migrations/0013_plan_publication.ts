import { sql, type Kysely } from "kysely";

// A plan is public once both sectors agree: someone proposes, someone of the
// other sector (or, under single-sector sign-off, another person) agrees, and
// either may withdraw alone. The plan row holds where that stands now; the
// audit trail holds each step. The constraints keep the row from claiming
// agreement nobody gave: published needs a proposer and a different agreer,
// and a proposal is whole or absent. People choose whether their name may
// appear on public pages; nobody's does until they say yes.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table plans
      add column publication_proposed_by uuid references users (id),
      add column publication_proposed_sector text check (publication_proposed_sector in ('public', 'voluntary_community', 'independent')),
      add column publication_proposed_at timestamptz,
      add column publication_agreed_by uuid references users (id),
      add column publication_agreed_sector text check (publication_agreed_sector in ('public', 'voluntary_community', 'independent')),
      add column published_at timestamptz,
      add constraint plans_publication_proposal_whole check (
        (publication_proposed_by is null) = (publication_proposed_at is null)
        and (publication_proposed_by is null) = (publication_proposed_sector is null)
      ),
      add constraint plans_published_by_two check (
        (published_at is null and publication_agreed_by is null and publication_agreed_sector is null)
        or (published_at is not null and publication_proposed_by is not null and publication_agreed_by is not null
            and publication_agreed_sector is not null and publication_agreed_by <> publication_proposed_by)
      );
    create index plans_published on plans (partnership_id) where published_at is not null;

    alter table users add column name_shown_publicly boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users drop column if exists name_shown_publicly;
    drop index if exists plans_published;
    alter table plans
      drop constraint if exists plans_published_by_two,
      drop constraint if exists plans_publication_proposal_whole,
      drop column if exists published_at,
      drop column if exists publication_agreed_sector,
      drop column if exists publication_agreed_by,
      drop column if exists publication_proposed_at,
      drop column if exists publication_proposed_sector,
      drop column if exists publication_proposed_by;
  `.execute(db);
}
