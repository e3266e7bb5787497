import { sql, type Kysely } from "kysely";

// Group names are unique within a partnership whatever their case, as the
// groups form has always checked: "Carers Forum" and "carers forum" are one
// group to people. The old constraint compared exact text, so two people
// creating both at the same moment got both. Any such pair already stored
// keeps its first group's name; the later ones gain " (2)", " (3)".

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update groups
    set name = left(groups.name, 190) || ' (' || duplicates.place || ')'
    from (
      select id, row_number() over (partition by partnership_id, lower(name) order by created_at, id) as place
      from groups
    ) as duplicates
    where duplicates.id = groups.id and duplicates.place > 1;

    alter table groups drop constraint groups_partnership_id_name_key;
    create unique index groups_name_any_case on groups (partnership_id, lower(name));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index if exists groups_name_any_case;
    alter table groups add constraint groups_partnership_id_name_key unique (partnership_id, name);
  `.execute(db);
}
