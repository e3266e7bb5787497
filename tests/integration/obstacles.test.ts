import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// A plan's obstacle categories over HTTP, as browsers send the forms: the
// plan's stewards add, edit, reorder and remove them and say which ones an
// action addresses, each change one audited write; everyone else is refused
// and nothing is written; bad input is answered with a message.

let app: TestApp;
let planId: string;
let planPath: string;
let settingsPath: string;
const ids: Record<string, string> = {};
/** Sam Patel chairs the Third Sector Leadership Group, which stewards the plan. */
let leader: Client;

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planId = plan.id;
  planPath = `/p/portsmouth/plans/${plan.id}`;
  settingsPath = `${planPath}/settings`;
  const actions = await app.db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.number", "o.number as objective"])
    .execute();
  for (const action of actions) ids[`${action.objective}.${action.number}`] = action.id;
  leader = await signedIn(app.url, "leader@demo.test");
});
afterAll(() => app?.close());

async function categories() {
  return app.db.selectFrom("obstacleCategories").select(["id", "name", "description", "position"]).where("planId", "=", planId).orderBy("position").execute();
}

async function categoryId(name: string) {
  return (await app.db.selectFrom("obstacleCategories").select("id").where("planId", "=", planId).where("name", "=", name).executeTakeFirstOrThrow()).id;
}

async function obstaclesOf(reference: string) {
  const rows = await app.db
    .selectFrom("actionObstacles as ao")
    .innerJoin("obstacleCategories as c", "c.id", "ao.obstacleCategoryId")
    .select("c.name")
    .where("ao.actionId", "=", ids[reference]!)
    .orderBy("c.position")
    .execute();
  return rows.map((row) => row.name);
}

/** Everything these forms can change, and how many events (refusals aside) the history holds. */
async function snapshot() {
  const [all, links, events] = await Promise.all([
    app.db.selectFrom("obstacleCategories").select(["id", "planId", "name", "description", "position"]).orderBy("id").execute(),
    app.db.selectFrom("actionObstacles").select(["actionId", "obstacleCategoryId"]).orderBy("actionId").orderBy("obstacleCategoryId").execute(),
    app.db.selectFrom("auditEvents").select("id").where("verb", "!=", "refused").where("entityType", "!=", "user").execute(),
  ]);
  return { categories: all, links, events: events.length };
}

/** Runs the request, and returns its answer with the events (refusals aside) it appended. */
async function withEvents(request: () => Promise<Response>) {
  const last = await app.db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirstOrThrow();
  const response = await request();
  const page = await response.text();
  const events = await app.db
    .selectFrom("auditEvents as e")
    .leftJoin("users as u", "u.id", "e.actorUserId")
    .select(["e.entityType", "e.entityId", "e.verb", "e.changes", "e.context", "e.actionId", "e.planId", "e.actorSector", "u.email"])
    .where("e.id", ">", Number(last.last ?? 0))
    .where("e.verb", "!=", "refused")
    .orderBy("e.id")
    .execute();
  return { status: response.status, page, events };
}

describe(`obstacle categories on the plan's settings page, on ${engine}`, () => {
  it("opens for the plan's stewards and for admins, with the list in the plan's order; no one else gets in", async () => {
    const page = await (await leader.get(settingsPath)).text();
    const names = (await categories()).map((category) => category.name);
    expect(names).toEqual(["Timescales", "People and power", "Governance", "Structure", "Communications", "Capacity"]);
    // In order, each with its own forms.
    const at = names.map((name) => page.indexOf(`>${name}</h3>`));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(page).toContain("Add obstacle category");
    expect(page).not.toContain("Save settings");

    // An admin who stewards nothing keeps the plan's own settings and reads the list.
    const admin = await signedIn(app.url, "admin@demo.test");
    const adminPage = await (await admin.get(settingsPath)).text();
    expect(adminPage).toContain("Save settings");
    expect(adminPage).toContain(">Capacity</h3>");
    expect(adminPage).toContain("The plan&#x27;s stewards edit these: members of Community First and Third Sector Leadership Group.");
    expect(adminPage).not.toContain("Add obstacle category");

    for (const email of ["officer@demo.test", "facilitator@demo.test", "councillor@demo.test"]) {
      const person = await signedIn(app.url, email);
      expect((await person.get(settingsPath)).status, email).toBe(403);
    }
  });

  it("shows the board's Settings link to stewards and admins only", async () => {
    expect(await (await leader.get(planPath)).text()).toContain(`href="${settingsPath}"`);
    const officer = await signedIn(app.url, "officer@demo.test");
    expect(await (await officer.get(planPath)).text()).not.toContain(`href="${settingsPath}"`);
  });

  it("lets a steward add, edit, move and remove a category, each as one audited change", async () => {
    const added = await withEvents(() =>
      leader.post(settingsPath, { intent: "add-obstacle", name: "  Trust  ", description: "Old suspicions between the sectors" }),
    );
    expect(added.status).toBe(200);
    expect(added.page).toContain("Obstacle category “Trust” added.");
    const trust = await categoryId("Trust");
    expect((await categories()).at(-1)).toMatchObject({ id: trust, name: "Trust", description: "Old suspicions between the sectors" });
    expect(added.events).toEqual([
      expect.objectContaining({
        entityType: "obstacle_category",
        entityId: trust,
        verb: "created",
        planId,
        actionId: null,
        email: "leader@demo.test",
        actorSector: "voluntary_community",
        changes: { name: { before: null, after: "Trust" }, description: { before: null, after: "Old suspicions between the sectors" } },
      }),
    ]);

    const edited = await withEvents(() =>
      leader.post(settingsPath, { intent: "edit-obstacle", categoryId: trust, name: "Mutual trust", description: "Old suspicions between the sectors" }),
    );
    expect(edited.status).toBe(200);
    expect((await categories()).find((category) => category.id === trust)?.name).toBe("Mutual trust");
    expect(edited.events).toEqual([
      expect.objectContaining({
        entityType: "obstacle_category",
        entityId: trust,
        verb: "updated",
        changes: { name: { before: "Trust", after: "Mutual trust" } },
        context: { name: "Trust" },
      }),
    ]);
    // The same again changes nothing, and says nothing in the history.
    const again = await withEvents(() =>
      leader.post(settingsPath, { intent: "edit-obstacle", categoryId: trust, name: "Mutual trust", description: "Old suspicions between the sectors" }),
    );
    expect([again.status, again.events]).toEqual([200, []]);

    const moved = await withEvents(() => leader.post(settingsPath, { intent: "move-obstacle", categoryId: trust, direction: "up" }));
    expect(moved.status).toBe(200);
    expect((await categories()).map((category) => category.name).slice(-2)).toEqual(["Mutual trust", "Capacity"]);
    expect(moved.events).toEqual([expect.objectContaining({ verb: "reordered", entityId: trust, changes: { position: { before: 7, after: 6 } } })]);
    const timescales = await categoryId("Timescales");
    const down = await withEvents(() => leader.post(settingsPath, { intent: "move-obstacle", categoryId: timescales, direction: "down" }));
    expect(down.events).toHaveLength(1);
    expect((await categories()).map((category) => category.name).slice(0, 2)).toEqual(["People and power", "Timescales"]);
    // The first cannot go higher: nothing changes, nothing is recorded.
    const first = await categoryId("People and power");
    const top = await withEvents(() => leader.post(settingsPath, { intent: "move-obstacle", categoryId: first, direction: "up" }));
    expect([top.status, top.events]).toEqual([200, []]);
    const positions = (await categories()).map((category) => category.position);
    expect(new Set(positions).size).toBe(positions.length);

    // 1.5 addresses it; removing it takes it off 1.5, and the event says so.
    await app.db.insertInto("actionObstacles").values({ actionId: ids["1.5"]!, obstacleCategoryId: trust }).execute();
    const removed = await withEvents(() => leader.post(settingsPath, { intent: "remove-obstacle", categoryId: trust }));
    expect(removed.status).toBe(200);
    expect((await categories()).map((category) => category.id)).not.toContain(trust);
    expect(await obstaclesOf("1.5")).not.toContain("Mutual trust");
    expect(removed.events).toEqual([
      expect.objectContaining({
        entityType: "obstacle_category",
        entityId: trust,
        verb: "removed",
        context: { name: "Mutual trust", actionIds: [ids["1.5"]], actions: ["1.5"] },
      }),
    ]);
    const facilitator = await signedIn(app.url, "facilitator@demo.test");
    const history = await (await facilitator.get(`${planPath}/history`)).text();
    expect(history).toContain("removed the obstacle category “Mutual trust”, so 1.5 no longer addresses it");
    expect(history).toContain("added the obstacle category “Trust”");
  });

  it("answers bad input with 400 and a message at the field, writing nothing", async () => {
    const before = await snapshot();
    const cases: Array<[Record<string, string>, string]> = [
      [{ intent: "add-obstacle", name: "   ", description: "" }, "Enter a name for the obstacle category"],
      [{ intent: "add-obstacle", name: "x".repeat(101) }, "Name must be 100 characters or fewer"],
      [{ intent: "add-obstacle", name: "Enough", description: "x".repeat(1_001) }, "Description must be 1,000 characters or fewer"],
      [{ intent: "add-obstacle", name: "capacity" }, "This plan already has an obstacle category called “Capacity”"],
      [
        { intent: "edit-obstacle", categoryId: await categoryId("Governance"), name: "TIMESCALES" },
        "This plan already has an obstacle category called “Timescales”",
      ],
      [{ intent: "edit-obstacle", categoryId: "not-an-id", name: "Governance" }, "Choose an obstacle category"],
      [{ intent: "move-obstacle", categoryId: await categoryId("Governance"), direction: "sideways" }, "Choose whether to move it up or down"],
      [{ intent: "remove-obstacle" }, "Choose an obstacle category"],
      [{ intent: "rename-everything" }, "That request was not understood"],
    ];
    for (const [form, message] of cases) {
      const response = await leader.post(settingsPath, form);
      expect(response.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    // A category that is not there (removed meanwhile, or of no plan): 404.
    const gone = await leader.post(settingsPath, { intent: "edit-obstacle", categoryId: crypto.randomUUID(), name: "Gone" });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("That obstacle category no longer exists");
    expect(await snapshot()).toEqual(before);
  });
});

describe(`the obstacles an action addresses, on ${engine}`, () => {
  it("lets a steward choose them in the dialog, as one audited change, and filters the board by them", async () => {
    const [timescales, capacity] = [await categoryId("Timescales"), await categoryId("Capacity")];
    const actionPath = `${planPath}/actions/${ids["1.3"]}`;
    const set = await withEvents(() => leader.post(actionPath, { intent: "set-obstacles", obstacleCategoryIds: [capacity, timescales] }));
    expect(set.status).toBe(200);
    // Kept in the plan's order, whatever order they came in.
    expect(await obstaclesOf("1.3")).toEqual(["Timescales", "Capacity"]);
    expect(set.events).toEqual([
      expect.objectContaining({
        entityType: "action",
        entityId: ids["1.3"],
        actionId: ids["1.3"],
        verb: "updated",
        email: "leader@demo.test",
        changes: { obstacles: { before: expect.any(Array), after: ["Timescales", "Capacity"] } },
      }),
    ]);
    const again = await withEvents(() => leader.post(actionPath, { intent: "set-obstacles", obstacleCategoryIds: [timescales, capacity] }));
    expect([again.status, again.events]).toEqual([200, []]);

    // Everyone who can view the action reads them; only stewards get the boxes.
    const councillor = await signedIn(app.url, "councillor@demo.test");
    const dialog = await (await councillor.get(actionPath)).text();
    expect(dialog).toContain("Obstacles it addresses");
    expect(dialog).toMatch(/<li>Timescales<\/li><li>Capacity<\/li>/);
    expect(dialog).not.toContain('name="obstacleCategoryIds"');
    expect(await (await leader.get(actionPath)).text()).toContain(`checked="" value="${capacity}"`);
    expect((await app.db.selectFrom("auditEvents").select("id").where("actionId", "=", ids["1.3"]!).execute()).length).toBeGreaterThan(0);

    // The filter: only the actions that address the category, for anyone who reads the board.
    const onlyCapacity = await app.db.selectFrom("actionObstacles").select("actionId").where("obstacleCategoryId", "=", capacity).execute();
    const board = await (await councillor.get(`${planPath}?obstacle=${capacity}`)).text();
    expect(board).toContain(`<option value="${capacity}" selected="">Capacity</option>`);
    for (const [reference, id] of Object.entries(ids)) {
      const shown = board.includes(`actions/${id}`);
      expect(shown, reference).toBe(onlyCapacity.some((row) => row.actionId === id));
    }
    expect(board).toContain(`actions/${ids["1.3"]}`);

    // Clearing them is a change too.
    const cleared = await withEvents(() => leader.post(actionPath, { intent: "set-obstacles" }));
    expect(cleared.status).toBe(200);
    expect(await obstaclesOf("1.3")).toEqual([]);
    expect(cleared.events).toEqual([expect.objectContaining({ changes: { obstacles: { before: ["Timescales", "Capacity"], after: [] } } })]);
  });

  it("refuses categories of another plan, and ids that are not ids, with 400 and a message", async () => {
    const other = await app.db
      .insertInto("plans")
      .values({
        partnershipId: (await app.db.selectFrom("plans").select("partnershipId").where("id", "=", planId).executeTakeFirstOrThrow()).partnershipId,
        title: "Another plan",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const foreign = await app.db
      .insertInto("obstacleCategories")
      .values({ planId: other.id, position: 0, name: "Elsewhere" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const before = await snapshot();
    const actionPath = `${planPath}/actions/${ids["1.3"]}`;
    const wrongPlan = await leader.post(actionPath, { intent: "set-obstacles", obstacleCategoryIds: [await categoryId("Capacity"), foreign.id] });
    expect(wrongPlan.status).toBe(400);
    expect(await wrongPlan.text()).toContain("Choose obstacle categories of this plan");
    const notIds = await leader.post(actionPath, { intent: "set-obstacles", obstacleCategoryIds: ["Capacity"] });
    expect(notIds.status).toBe(400);
    const tooMany = await leader.post(actionPath, { intent: "set-obstacles", obstacleCategoryIds: Array.from({ length: 51 }, () => crypto.randomUUID()) });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("Choose at most 50 obstacle categories");
    expect(await snapshot()).toEqual(before);
  });
});

describe(`forged obstacle requests, on ${engine}`, () => {
  it("refuses a member who does not steward the plan, a facilitator, an observer and a non-steward admin with 403, writing nothing", async () => {
    const capacity = await categoryId("Capacity");
    const forms: Array<[string, Record<string, string | string[]>]> = [
      [settingsPath, { intent: "add-obstacle", name: "Forged", description: "" }],
      [settingsPath, { intent: "edit-obstacle", categoryId: capacity, name: "Forged", description: "" }],
      [settingsPath, { intent: "move-obstacle", categoryId: capacity, direction: "up" }],
      [settingsPath, { intent: "remove-obstacle", categoryId: capacity }],
      [`${planPath}/actions/${ids["1.1"]}`, { intent: "set-obstacles", obstacleCategoryIds: [capacity] }],
    ];
    // Jordan Hughes leads 1.1 through the Compact Working Group, but does not steward the plan.
    for (const email of ["officer@demo.test", "facilitator@demo.test", "councillor@demo.test", "admin@demo.test"]) {
      const person = await signedIn(app.url, email);
      const before = await snapshot();
      const refusedBefore = (await app.db.selectFrom("auditEvents").select("id").where("verb", "=", "refused").execute()).length;
      for (const [path, form] of forms) {
        const response = await person.post(path, form);
        expect(response.status, `${email}: ${String(form.intent)}`).toBe(403);
      }
      expect(await snapshot(), email).toEqual(before);
      // Each refusal is in the history.
      const refusedAfter = (await app.db.selectFrom("auditEvents").select("id").where("verb", "=", "refused").execute()).length;
      expect(refusedAfter - refusedBefore, email).toBe(forms.length);
    }
  });
});
