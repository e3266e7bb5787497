import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ukToday } from "../../app/domain/dates";
import { addDaysTo } from "../../app/domain/dates";
import { countRatings, ragOf } from "../../app/domain/rag";
import { seedDemoData } from "../../app/demo/seed.server";
import { outcomesOf } from "../../app/server/outcomes/indicators.server";
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

async function actionsWithLeads(title: string) {
  const { rows } = await sql<{ number: string; leads: string | null; dueOn: string | null; timescaleText: string }>`
    select o.number || '.' || a.number as number, a.due_on, a.timescale_text,
      (select string_agg(
         case when l.user_id is not null then 'person:' || u.display_name
              when l.group_id is not null then 'group:' || g.name
              else 'outside:' || l.outside_body end, ' | ' order by l.position)
       from action_leads l left join users u on u.id = l.user_id left join groups g on g.id = l.group_id
       where l.action_id = a.id) as leads
    from actions a join objectives o on o.id = a.objective_id join plans p on p.id = a.plan_id
    where p.title = ${title}
    order by o.number, a.number
  `.execute(handle.db);
  return rows;
}

describe(`demo data on ${engine}`, () => {
  it("loads the Portsmouth plan as Appendix A writes it", async () => {
    expect(await seedDemoData(handle.db)).toEqual({ created: true });

    expect(await actionsWithLeads("Partnership Improvement Action Plan 2010")).toEqual([
      {
        number: "1.1",
        dueOn: "2010-05-31",
        timescaleText: "Draft by end May 2010",
        leads: "person:Mandy Lindley | group:Compact Working Group | group:Third Sector Development Consortium",
      },
      {
        number: "1.2",
        dueOn: "2010-06-30",
        timescaleText: "June 2010",
        leads: "group:PCC Efficiencies Board | person:David Williams | person:Tracy Sanders | outside:JSNA team",
      },
      { number: "1.3", dueOn: null, timescaleText: "", leads: "person:Paul Edmondson-Jones | group:Third Sector Leadership Group" },
      { number: "1.4", dueOn: null, timescaleText: "", leads: null },
      {
        number: "1.5",
        dueOn: "2010-06-30",
        timescaleText: "End June 2010",
        leads: "group:Community First | group:Third Sector Leadership Group | person:Matt Gummerson",
      },
      {
        number: "1.6",
        dueOn: "2010-04-30",
        timescaleText: "April 2010",
        leads: "person:Mandy Lindley | group:Community First | group:Providers Network | outside:public sector funders",
      },
      {
        number: "2.1",
        dueOn: "2010-09-30",
        timescaleText: "Scope by end September 2010",
        leads: "group:Third Sector Leadership Group | group:PCC communications team",
      },
      { number: "2.2", dueOn: "2010-04-30", timescaleText: "End April 2010", leads: "person:Mandy Lindley | person:Nicola Youern" },
      { number: "2.3", dueOn: "2010-06-30", timescaleText: "Two meetings by end June 2010", leads: "group:Third Sector Leadership Group" },
    ]);

    const obstacles = await handle.db.selectFrom("obstacleCategories").select("name").orderBy("position").execute();
    expect(obstacles.map((obstacle) => obstacle.name)).toEqual(["Timescales", "People and power", "Governance", "Structure", "Communications", "Capacity"]);

    const stewards = await handle.db
      .selectFrom("planStewards")
      .innerJoin("groups", "groups.id", "planStewards.groupId")
      .innerJoin("plans", "plans.id", "planStewards.planId")
      .select("groups.name")
      .where("plans.title", "=", "Partnership Improvement Action Plan 2010")
      .orderBy("groups.name")
      .execute();
    expect(stewards.map((steward) => steward.name)).toEqual(["Community First", "Third Sector Leadership Group"]);
  });

  it("tells Portsmouth's 2010 in its history: created, moved, noted, proposed, confirmed, reviewed, in that order", async () => {
    const plan = await handle.db
      .selectFrom("plans")
      .select(["id", "createdAt"])
      .where("title", "=", "Partnership Improvement Action Plan 2010")
      .executeTakeFirstOrThrow();
    const { rows: events } = await sql<{ occurredAt: Date; verb: string; entityType: string; reference: string | null; actorSector: string | null }>`
      select e.occurred_at, e.verb, e.entity_type, e.context->>'reference' as reference, e.actor_sector
      from audit_events e where e.plan_id = ${plan.id} and e.verb <> 'seeded' and e.entity_type not in ('indicator', 'survey') order by e.id
    `.execute(handle.db);
    // Every event in 2010, and the trail's order is the order things happened.
    expect(events.every((event) => event.occurredAt.getUTCFullYear() === 2010)).toBe(true);
    const times = events.map((event) => event.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const kinds = events.map((event) => `${event.entityType}.${event.verb}`);
    expect(kinds[0]).toBe("plan.created");
    expect(kinds.filter((kind) => kind === "action.created")).toHaveLength(9);
    expect(kinds.lastIndexOf("action.created")).toBeLessThan(kinds.indexOf("action.moved"));
    expect(new Set(kinds)).toEqual(
      new Set([
        "plan.created",
        "objective.created",
        "action.created",
        "action.moved",
        "progress_note.added",
        "action.completion_proposed",
        "action.completion_confirmed",
        "review.scheduled",
        "review.opened",
        "review.action_assessed",
        "review.obstacle_found",
      ]),
    );
    // 1.6: proposed by the VCS, then confirmed by the public sector; 2.2 proposed and still waiting.
    const of = (reference: string) => events.filter((event) => event.reference === reference).map((event) => [event.verb, event.actorSector]);
    expect(of("1.6")).toEqual([
      ["created", "voluntary_community"],
      ["moved", "voluntary_community"],
      ["completion_proposed", "voluntary_community"],
      ["completion_confirmed", "public"],
    ]);
    expect(of("2.2").at(-1)).toEqual(["completion_proposed", "public"]);
    // The review opened after the work it looks at, and was written after it opened.
    expect(kinds.indexOf("review.opened")).toBeGreaterThan(kinds.lastIndexOf("progress_note.added"));
    expect(kinds.indexOf("review.action_assessed")).toBeGreaterThan(kinds.indexOf("review.opened"));

    // What the board and the History show as "Updated", and the notes, are of 2010 too.
    const stamps = await handle.db
      .selectFrom("actions")
      .select(["createdAt", "updatedAt", "completionProposedAt", "completionConfirmedAt"])
      .where("planId", "=", plan.id)
      .execute();
    for (const stamp of stamps.flatMap((row) => Object.values(row)).filter((value): value is Date => value instanceof Date))
      expect(stamp.getUTCFullYear()).toBe(2010);
    const notes = await handle.db
      .selectFrom("progressNotes as n")
      .innerJoin("actions as a", "a.id", "n.actionId")
      .select("n.createdAt")
      .where("a.planId", "=", plan.id)
      .execute();
    expect(notes).toHaveLength(3);
    for (const note of notes) expect(note.createdAt.getUTCFullYear()).toBe(2010);
    const review = await handle.db.selectFrom("reviews").select(["openedAt", "snapshot"]).where("planId", "=", plan.id).executeTakeFirstOrThrow();
    expect(review.openedAt!.toISOString()).toBe("2010-09-06T09:00:00.000Z");
    expect(review.snapshot!.takenAt).toBe("2010-09-06T09:00:00.000Z");
    expect(plan.createdAt.getUTCFullYear()).toBe(2010);
  });

  it("gives Portsmouth an outcome whose latest reading is a closed partner survey's result, its figures said to be illustrative", async () => {
    const plan = await handle.db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow();
    const outcomes = await outcomesOf(handle.db, plan.id, ukToday());
    expect(outcomes).toHaveLength(1);
    const [outcome] = outcomes;
    expect(outcome).toMatchObject({ name: "Third sector satisfaction with partnership working", unit: "percent", better: "higher", comparisonValue: 16.3 });
    expect(outcome!.measures).toContain("Illustrative figures");
    expect(outcome!.standing.map((reading) => reading.value)).toEqual([27, 33.3]);
    expect(outcome!.assessment.state).toBe("on_track");
    const survey = await handle.db.selectFrom("surveys").selectAll().where("planId", "=", plan.id).executeTakeFirstOrThrow();
    expect(survey.closedAt).not.toBeNull();
    expect(outcome!.standing.at(-1)).toMatchObject({ surveyId: survey.id, measuredOn: ukToday() });
    expect(outcome!.standing.at(-1)!.sourceNote).toContain("33.3% rated it good or very good, 3 of 9 organisations that answered (12 invited)");
    // Anonymous by construction: nine answers, nothing in them naming a link.
    const answers = await handle.db.selectFrom("surveyAnswers").selectAll().where("surveyId", "=", survey.id).execute();
    expect(answers).toHaveLength(9);
    expect(Object.keys(answers[0]!).sort()).toEqual(["answers", "id", "surveyId"]);
  });

  it("gives each persona a sign-in with the role and sector the README documents", async () => {
    const personas = await handle.db
      .selectFrom("users")
      .innerJoin("partnershipMemberships", "partnershipMemberships.userId", "users.id")
      .innerJoin("partnerships", "partnerships.id", "partnershipMemberships.partnershipId")
      .select(["users.email", "partnerships.slug", "partnershipMemberships.role", "partnershipMemberships.sector", "users.passwordHash"])
      .where("users.email", "like", "%@demo.test")
      .orderBy("users.email")
      .orderBy("partnerships.slug")
      .execute();
    expect(personas.map(({ email, slug, role, sector, passwordHash }) => ({ email, slug, role, sector, canSignIn: passwordHash !== null }))).toEqual([
      { email: "admin@demo.test", slug: "portsmouth", role: "admin", sector: "public", canSignIn: true },
      // The councillor and the facilitator belong to both demo partnerships.
      { email: "councillor@demo.test", slug: "hertfordshire", role: "observer", sector: "public", canSignIn: true },
      { email: "councillor@demo.test", slug: "portsmouth", role: "observer", sector: "public", canSignIn: true },
      { email: "facilitator@demo.test", slug: "hertfordshire", role: "facilitator", sector: "independent", canSignIn: true },
      { email: "facilitator@demo.test", slug: "portsmouth", role: "facilitator", sector: "independent", canSignIn: true },
      { email: "leader@demo.test", slug: "portsmouth", role: "member", sector: "voluntary_community", canSignIn: true },
      { email: "officer@demo.test", slug: "portsmouth", role: "member", sector: "public", canSignIn: true },
    ]);
    const passwordHash = personas[0]!.passwordHash!;
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("loads the Hertfordshire Compact as a plan that runs now, with a story both sectors wrote", async () => {
    const plan = await handle.db
      .selectFrom("plans")
      .select(["id", "periodStart", "periodEnd"])
      .where("title", "=", "Hertfordshire Compact implementation plan")
      .executeTakeFirstOrThrow();
    const today = ukToday();
    expect(plan.periodStart).toBe(addDaysTo(today, -150));
    const actions = await handle.db
      .selectFrom("actions")
      .select(["id", "status", "dueOn", "completionProposedBy", "completionProposedSector", "completionConfirmedBy", "completionConfirmedAt"])
      .where("planId", "=", plan.id)
      .execute();
    expect(actions).toHaveLength(56);
    const ratings = countRatings(actions.map((action) => ragOf({ ...action, confirmedDone: action.completionConfirmedAt !== null }, today).rag));
    // Some late, some due soon, some done: a status page with a shape.
    expect(ratings.red).toBeGreaterThanOrEqual(3);
    expect(ratings.amber).toBeGreaterThanOrEqual(3);
    expect(ratings.green).toBeGreaterThanOrEqual(10);
    const awaiting = actions.filter((action) => action.status === "done" && action.completionConfirmedAt === null);
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]!.dueOn! < today).toBe(true);

    // Every completion was confirmed from the other sector than the one that proposed it.
    const sectors = new Map(
      (
        await handle.db
          .selectFrom("partnershipMemberships as m")
          .innerJoin("partnerships as p", "p.id", "m.partnershipId")
          .select(["m.userId", "m.sector"])
          .where("p.slug", "=", "hertfordshire")
          .execute()
      ).map((row) => [row.userId, row.sector]),
    );
    for (const action of actions.filter((each) => each.completionConfirmedBy)) {
      expect(sectors.get(action.completionConfirmedBy!)).not.toBe(action.completionProposedSector);
    }

    // The history is in the audit trail, backdated across the months, by people of both sectors and the facilitator, none of it in the future.
    const events = await handle.db
      .selectFrom("auditEvents")
      .select(["occurredAt", "actorSector", "verb", "entityType"])
      .where("planId", "=", plan.id)
      .where("verb", "!=", "seeded")
      .orderBy("id")
      .execute();
    expect(events.length).toBeGreaterThan(80);
    // Both sectors wrote the work; the independent facilitator wrote only its review.
    expect(new Set(events.map((event) => event.actorSector))).toEqual(new Set(["public", "voluntary_community", "independent"]));
    expect(new Set(events.filter((event) => event.actorSector === "independent").map((event) => event.entityType))).toEqual(new Set(["review"]));
    // The trail's order is the order things happened, the review's steps among the work's.
    const times = events.map((event) => event.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThan(100);
    expect(events.filter((event) => event.occurredAt.getTime() > Date.now() - 30 * 86_400_000).map((event) => event.verb)).toEqual(
      expect.arrayContaining(["moved", "added", "completion_confirmed"]),
    );
  });

  it("gives the Hertfordshire Compact a first-quarter check, published weeks ago and answered by a steward, beside its scheduled six-month review", async () => {
    const plan = await handle.db.selectFrom("plans").select("id").where("title", "=", "Hertfordshire Compact implementation plan").executeTakeFirstOrThrow();
    const reviews = await handle.db
      .selectFrom("reviews")
      .select(["id", "kind", "title", "status", "summary", "openedAt", "publishedAt", "snapshot"])
      .where("planId", "=", plan.id)
      .orderBy("dueOn")
      .execute();
    expect(reviews.map((review) => [review.title, review.kind, review.status])).toEqual([
      ["First-quarter check", "other", "published"],
      ["Six-month review", "six_month", "draft"],
    ]);
    const check = reviews[0]!;
    expect(check.summary).toMatch(/first quarter/);
    expect(Date.now() - check.publishedAt!.getTime()).toBeGreaterThan(28 * 86_400_000);
    expect(check.openedAt!.getTime()).toBeLessThan(check.publishedAt!.getTime());

    // Its snapshot is the plan as it stood when it opened: 2.1 was done only later, 1.9 already confirmed.
    const snapshot = check.snapshot!;
    expect(snapshot.takenAt).toBe(check.openedAt!.toISOString());
    const at = (reference: string) => snapshot.actions.find((action) => `${action.objectiveNumber}.${action.number}` === reference)!;
    expect([at("2.1").status, at("2.1").confirmedDone]).toEqual(["in_progress", false]);
    expect([at("1.9").status, at("1.9").confirmedDone]).toEqual(["done", true]);
    expect(snapshot.actions.every((action) => action.latestNote === null || action.latestNote.at <= snapshot.takenAt)).toBe(true);

    const assessments = await handle.db.selectFrom("reviewAssessments").select("assessment").where("reviewId", "=", check.id).execute();
    expect(assessments.length).toBeGreaterThanOrEqual(5);
    expect(new Set(assessments.map((assessment) => assessment.assessment)).size).toBeGreaterThanOrEqual(3);
    const recommendations = await handle.db.selectFrom("reviewRecommendations").select("id").where("reviewId", "=", check.id).execute();
    expect(recommendations).toHaveLength(2);
    const responses = await handle.db
      .selectFrom("reviewResponses")
      .select(["response", "authorId"])
      .where(
        "recommendationId",
        "in",
        recommendations.map((recommendation) => recommendation.id),
      )
      .execute();
    expect(responses).toEqual([expect.objectContaining({ response: "accepted_in_part" })]);
    const stewards = await handle.db
      .selectFrom("groupMemberships as g")
      .innerJoin("planStewards as p", "p.groupId", "g.groupId")
      .select("g.userId")
      .where("p.planId", "=", plan.id)
      .execute();
    expect(stewards.map((steward) => steward.userId)).toContain(responses[0]!.authorId);

    // Sealed: the database refuses a change to what it says.
    await expect(handle.db.updateTable("reviewAssessments").set({ evidence: "Changed." }).where("reviewId", "=", check.id).execute()).rejects.toThrow(
      /published review never changes/,
    );
  });

  it("changes nothing when run a second time", async () => {
    const before = await rowCounts();
    expect(await seedDemoData(handle.db)).toEqual({ created: false });
    expect(await rowCounts()).toEqual(before);
  });
});
