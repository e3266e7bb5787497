import { sql, type Kysely } from "kysely";

// A plan's version: a number that changes with every change to what its board
// shows, kept by the database so no statement can change a board without it,
// whichever code path (or person at a SQL prompt) makes the change. Rendered
// boards are kept per version; a browser tells its own change's echo by it.
// Changes to a partnership (its name, people and groups: names, sectors, who
// may act) change every one of its plans.

const PLAN_TABLES = ["objectives", "actions", "obstacle_categories", "reviews", "plan_stewards"];
const ACTION_TABLES = ["action_leads", "action_obstacles", "progress_notes", "former_action_numbers"];
const PARTNERSHIP_TABLES = ["groups", "partnership_memberships", "group_memberships"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table plans add column version integer not null default 1;

    create function bump_plan_version() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then update plans set version = version + 1 where id = old.plan_id; end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.plan_id is distinct from old.plan_id) then
        update plans set version = version + 1 where id = new.plan_id;
      end if;
      return null;
    end $$;

    create function bump_plan_version_of_action() returns trigger language plpgsql as $$
    begin
      update plans set version = version + 1
      where id in (select plan_id from actions where id = case when tg_op = 'DELETE' then old.action_id else new.action_id end);
      return null;
    end $$;

    create function bump_partnership_plan_versions() returns trigger language plpgsql as $$
    begin
      update plans set version = version + 1
      where partnership_id = case when tg_op = 'DELETE' then old.partnership_id else new.partnership_id end;
      return null;
    end $$;

    -- The plan's own row: any change to it (its title, its sign-off rule) but the version itself.
    create function plan_version_follows_its_row() returns trigger language plpgsql as $$
    begin
      if new.version = old.version and new is distinct from old then new.version := old.version + 1; end if;
      return new;
    end $$;
    create trigger plans_bump_version before update on plans for each row execute function plan_version_follows_its_row();

    create function bump_plan_versions_of_partnership() returns trigger language plpgsql as $$
    begin
      update plans set version = version + 1 where partnership_id = new.id;
      return null;
    end $$;
    create trigger partnerships_bump_plan_versions after update on partnerships for each row execute function bump_plan_versions_of_partnership();

    -- Only what boards show of a person: their name, and whether they can still act.
    create function bump_plan_versions_of_person() returns trigger language plpgsql as $$
    begin
      update plans set version = version + 1
      where partnership_id in (select partnership_id from partnership_memberships where user_id = new.id);
      return null;
    end $$;
  `.execute(db);
  for (const table of PLAN_TABLES) await changesBump(db, table, "bump_plan_version");
  for (const table of ACTION_TABLES) await changesBump(db, table, "bump_plan_version_of_action");
  for (const table of PARTNERSHIP_TABLES) await changesBump(db, table, "bump_partnership_plan_versions");
  await sql`
    create trigger users_bump_plan_versions after update on users for each row
    when (old.display_name is distinct from new.display_name or old.disabled_at is distinct from new.disabled_at)
    execute function bump_plan_versions_of_person();
  `.execute(db);
}

function changesBump(db: Kysely<any>, table: string, fn: string) {
  return sql`create trigger ${sql.raw(`${table}_bump_plan_version`)} after insert or update or delete on ${sql.table(table)}
    for each row execute function ${sql.raw(fn)}()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger users_bump_plan_versions on users`.execute(db);
  await sql`drop trigger partnerships_bump_plan_versions on partnerships`.execute(db);
  await sql`drop trigger plans_bump_version on plans`.execute(db);
  for (const table of [...PLAN_TABLES, ...ACTION_TABLES, ...PARTNERSHIP_TABLES])
    await sql`drop trigger ${sql.raw(`${table}_bump_plan_version`)} on ${sql.table(table)}`.execute(db);
  await sql`
    drop function bump_plan_versions_of_person();
    drop function bump_plan_versions_of_partnership();
    drop function plan_version_follows_its_row();
    drop function bump_partnership_plan_versions();
    drop function bump_plan_version_of_action();
    drop function bump_plan_version();
    alter table plans drop column version;
  `.execute(db);
}
