import { sql, type Kysely } from "kysely";

// Moving an action to Done proposes completion; someone of another sector
// confirms it. Until then the action is "awaiting confirmation", not done.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table actions
      add column completion_proposed_by uuid references users (id),
      add column completion_proposed_sector text
        check (completion_proposed_sector in ('public', 'voluntary_community', 'independent')),
      add column completion_proposed_at timestamptz,
      -- the column the card came from, where a returned proposal sends it back
      add column completion_returns_to text
        check (completion_returns_to in ('not_started', 'in_progress', 'at_risk')),
      add column completion_confirmed_by uuid references users (id),
      add column completion_confirmed_at timestamptz,
      add constraint actions_done_has_proposal check (
        (status = 'done') = (completion_proposed_at is not null)
        and (completion_proposed_at is null
             or (completion_proposed_by is not null and completion_proposed_sector is not null and completion_returns_to is not null))
        and (completion_confirmed_at is null or completion_proposed_at is not null)
        and ((completion_confirmed_at is null) = (completion_confirmed_by is null))
      );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table actions
      drop constraint actions_done_has_proposal,
      drop column completion_proposed_by,
      drop column completion_proposed_sector,
      drop column completion_proposed_at,
      drop column completion_returns_to,
      drop column completion_confirmed_by,
      drop column completion_confirmed_at;
  `.execute(db);
}
