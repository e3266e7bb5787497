import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../app/server/demo-seed.server";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function rowCounts() {
  const { rows } = await sql<{ tableName: string; rowCount: number }>`
    select 'users' as table_name, count(*) as row_count from users
    union all select 'groups', count(*) from groups
    union all select 'memberships', count(*) from partnership_memberships
    union all select 'plans', count(*) from plans
    union all select 'objectives', count(*) from objectives
    union all select 'actions', count(*) from actions
    union all select 'leads', count(*) from action_leads
    union all select 'obstacles', count(*) from obstacle_categories
    union all select 'audit', count(*) from audit_events
  `.execute(handle.db);
  return Object.fromEntries(rows.map((row) => [row.tableName, row.rowCount]));
}

async function actionsWithLeads() {
  const { rows } = await sql<{ number: string; leads: string | null; dueOn: string | null; timescaleText: string }>`
    select o.number || '.' || a.number as number, a.due_on, a.timescale_text,
      (select string_agg(
         case when l.user_id is not null then 'person:' || u.display_name
              when l.group_id is not null then 'group:' || g.name
              else 'outside:' || l.outside_body end, ' | ' order by l.position)
       from action_leads l left join users u on u.id = l.user_id left join groups g on g.id = l.group_id
       where l.action_id = a.id) as leads
    from actions a join objectives o on o.id = a.objective_id
    order by o.number, a.number
  `.execute(handle.db);
  return rows;
}

describe(`demo data on ${engine}`, () => {
  it("loads the Portsmouth plan as Appendix A writes it", async () => {
    expect(await seedDemoData(handle.db)).toEqual({ created: true });

    expect(await actionsWithLeads()).toEqual([
      { number: "1.1", dueOn: "2010-05-31", timescaleText: "Draft by end May 2010", leads: "person:Mandy Lindley | group:Compact Working Group | group:Third Sector Development Consortium" },
      { number: "1.2", dueOn: "2010-06-30", timescaleText: "June 2010", leads: "group:PCC Efficiencies Board | person:David Williams | person:Tracy Sanders | outside:JSNA team" },
      { number: "1.3", dueOn: null, timescaleText: "", leads: "person:Paul Edmondson-Jones | group:Third Sector Leadership Group" },
      { number: "1.4", dueOn: null, timescaleText: "", leads: null },
      { number: "1.5", dueOn: "2010-06-30", timescaleText: "End June 2010", leads: "group:Community First | group:Third Sector Leadership Group | person:Matt Gummerson" },
      { number: "1.6", dueOn: "2010-04-30", timescaleText: "April 2010", leads: "person:Mandy Lindley | group:Community First | group:Providers Network | outside:public sector funders" },
      { number: "2.1", dueOn: "2010-09-30", timescaleText: "Scope by end September 2010", leads: "group:Third Sector Leadership Group | group:PCC communications team" },
      { number: "2.2", dueOn: "2010-04-30", timescaleText: "End April 2010", leads: "person:Mandy Lindley | person:Nicola Youern" },
      { number: "2.3", dueOn: "2010-06-30", timescaleText: "Two meetings by end June 2010", leads: "group:Third Sector Leadership Group" },
    ]);

    const obstacles = await handle.db.selectFrom("obstacleCategories").select("name").orderBy("position").execute();
    expect(obstacles.map((obstacle) => obstacle.name)).toEqual([
      "Timescales", "People and power", "Governance", "Structure", "Communications", "Capacity",
    ]);

    const stewards = await handle.db
      .selectFrom("planStewards")
      .innerJoin("groups", "groups.id", "planStewards.groupId")
      .select("groups.name")
      .orderBy("groups.name")
      .execute();
    expect(stewards.map((steward) => steward.name)).toEqual(["Community First", "Third Sector Leadership Group"]);
  });

  it("gives each persona a sign-in with the role and sector the README documents", async () => {
    const personas = await handle.db
      .selectFrom("users")
      .innerJoin("partnershipMemberships", "partnershipMemberships.userId", "users.id")
      .select(["users.email", "partnershipMemberships.role", "partnershipMemberships.sector", "users.passwordHash"])
      .where("users.email", "like", "%@demo.test")
      .orderBy("users.email")
      .execute();
    expect(personas.map(({ email, role, sector, passwordHash }) => ({ email, role, sector, canSignIn: passwordHash !== null }))).toEqual([
      { email: "admin@demo.test", role: "admin", sector: "public", canSignIn: true },
      { email: "councillor@demo.test", role: "observer", sector: "public", canSignIn: true },
      { email: "facilitator@demo.test", role: "facilitator", sector: "independent", canSignIn: true },
      { email: "leader@demo.test", role: "member", sector: "voluntary_community", canSignIn: true },
      { email: "officer@demo.test", role: "member", sector: "public", canSignIn: true },
    ]);
    const passwordHash = personas[0]!.passwordHash!;
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("changes nothing when run a second time", async () => {
    const before = await rowCounts();
    expect(await seedDemoData(handle.db)).toEqual({ created: false });
    expect(await rowCounts()).toEqual(before);
  });
});
