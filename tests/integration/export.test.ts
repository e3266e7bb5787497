import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProgressNote, createAction } from "../../app/server/plans/action-content.server";
import { planDraftFromJson, type PlanJsonDocument } from "../../app/domain/plan-json";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn } from "./support/http";
import { actorFor, demoPlan, references } from "./support/people";
import { engine } from "./support/test-database";

let app: TestApp;
let plan: PlanContextData;
let ids: Record<string, string>;
let planPath: string;
const HOSTILE_TITLE = '=HYPERLINK("https://example.test/steal","Click")';

beforeAll(async () => {
  app = await startApp();
  plan = await demoPlan(app.db);
  ids = await references(app.db, plan.id);
  planPath = `/p/portsmouth/plans/${plan.id}`;
  // A title and a note a spreadsheet would run as formulas, written as anyone could write them.
  const leader = await actorFor(app.db, "leader@demo.test");
  const id = crypto.randomUUID();
  await createAction(app.db, leader, plan, { id, objectiveId: ids["objective 2"]!, title: HOSTILE_TITLE });
  await addProgressNote(app.db, leader, plan, id, "+44 23 9283 4000 rang back");
  await addProgressNote(app.db, leader, plan, id, "@SUM(A1:A9) is the latest");
});
afterAll(() => app?.close());

const csvRows = async (response: Response) => {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A byte-order mark first, so that Excel reads UTF-8 (fetch's text() would hide it).
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(new TextDecoder().decode(bytes)) as string[][];
};

describe(`taking a plan out on ${engine}`, () => {
  it("downloads the actions as CSV: the documented columns, one row per action by objective and number", async () => {
    const response = await (await signedIn(app.url, "councillor@demo.test")).get(`${planPath}/actions.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="partnership-improvement-action-plan-2010-actions.csv"');
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual([
      "objective_number",
      "objective",
      "action_number",
      "action",
      "leads",
      "lead_sectors",
      "status",
      "confirmed",
      "rag",
      "due_date",
      "timescale",
      "last_change_utc",
      "latest_note",
      "overdue",
    ]);
    expect(rows.map((row) => row[2])).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4"]);
    const row = (reference: string) => Object.fromEntries(header!.map((column, index) => [column, rows.find((cells) => cells[2] === reference)![index]]));

    expect(row("2.3")).toEqual({
      objective_number: "2",
      objective: "To develop the culture, behaviours and structures which lead to positive partnership working",
      action_number: "2.3",
      action: "Enable third sector infrastructure organisations to collaborate or merge",
      leads: "Third Sector Leadership Group",
      lead_sectors: "Voluntary and community sector",
      status: "In progress",
      confirmed: "",
      rag: "Red",
      due_date: "2010-06-30",
      timescale: "Two meetings by end June 2010",
      last_change_utc: "2010-04-19T13:00:00.000Z",
      latest_note: "",
      overdue: "yes",
    });
    expect(row("1.6")).toMatchObject({ status: "Done", confirmed: "yes", rag: "Green", due_date: "2010-04-30", timescale: "April 2010" });
    // Done and awaiting confirmation past its date: amber, and not overdue, as on the board and Status.
    expect(row("2.2")).toMatchObject({ status: "Done", confirmed: "no", rag: "Amber", overdue: "" });
    expect(row("1.1")).toMatchObject({
      leads: "Mandy Lindley; Compact Working Group; Third Sector Development Consortium",
      lead_sectors: "Public sector; Cross-sector; Voluntary and community sector",
      latest_note: "Third sector comments gathered at the Consortium meeting; sent back to Mandy.",
    });
  });

  it("neutralises cells a spreadsheet would run as a formula", async () => {
    const response = await (await signedIn(app.url, "leader@demo.test")).get(`${planPath}/actions.csv`);
    const rows = await csvRows(response);
    const hostile = rows.find((cells) => cells[2] === "2.4")!;
    expect(hostile[3]).toBe(`'${HOSTILE_TITLE}`);
    expect(hostile[12]).toBe("'@SUM(A1:A9) is the latest");
  });

  it("downloads the whole plan as JSON that the import reads back", async () => {
    const response = await (await signedIn(app.url, "councillor@demo.test")).get(`${planPath}/plan.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="partnership-improvement-action-plan-2010-plan.json"');
    const text = await response.text();
    const document = JSON.parse(text) as PlanJsonDocument;
    expect(document).toMatchObject({
      format: "partnership-board-plan",
      version: 1,
      plan: { title: plan.title, periodStart: "2010-03-01", periodEnd: "2011-03-31" },
    });
    expect(document.obstacleCategories.map((category) => category.name)).toEqual([
      "Timescales",
      "People and power",
      "Governance",
      "Structure",
      "Communications",
      "Capacity",
    ]);
    expect(document.obstacleCategories[0]!.description).toBe("Transformation, decision-making and consultation can be slow.");

    const first = document.objectives[0]!.actions[0]!;
    expect(first.leads).toEqual([
      { kind: "person", name: "Mandy Lindley", email: "mandy.lindley@portsmouth.demo.test" },
      { kind: "group", name: "Compact Working Group" },
      { kind: "group", name: "Third Sector Development Consortium" },
    ]);
    expect(first.notes.map((note) => [note.author, note.authorName, note.createdAt])).toEqual([
      ["officer@demo.test", "Jordan Hughes", "2010-05-20T13:40:00.000Z"],
      ["leader@demo.test", "Sam Patel", "2010-06-17T15:10:00.000Z"],
    ]);
    expect(first.obstacles).toEqual(["Structure"]);
    expect(first.description).toMatch(/^Local authority, PCT and third sector to develop a written strategy/);

    const result = planDraftFromJson(text);
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join("\n"));
    expect(result.title).toBe(plan.title);
    const references = result.draft.objectives.flatMap((objective) => objective.actions.map((action) => `${objective.number}.${action.number}`));
    // The demo's nine actions and the one this file added.
    expect(references).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4"]);
    const draftAction = (reference: string) =>
      result.draft.objectives
        .flatMap((objective) => objective.actions.map((action) => ({ reference: `${objective.number}.${action.number}`, action })))
        .find((entry) => entry.reference === reference)!.action;
    expect(draftAction("1.6")).toMatchObject({ status: "done", confirmed: true, dueOn: "2010-04-30", obstacleNames: ["Capacity"] });
    expect(draftAction("2.2")).toMatchObject({ status: "done", confirmed: false });
    expect(draftAction("2.4")).toMatchObject({
      title: HOSTILE_TITLE,
      notes: [
        { author: "leader@demo.test", body: "+44 23 9283 4000 rang back" },
        { author: "leader@demo.test", body: "@SUM(A1:A9) is the latest" },
      ],
    });
    expect(draftAction("1.1").leadNames).toEqual(["Mandy Lindley", "Compact Working Group", "Third Sector Development Consortium"]);
  });

  it("refuses the signed out and people of other partnerships", async () => {
    for (const file of ["actions.csv", "plan.json"]) {
      const anonymous = await client(app.url).get(`${planPath}/${file}`);
      expect(anonymous.status, file).toBe(302);
      expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`${planPath}/${file}`)}`);
    }
    const other = await app.db.insertInto("partnerships").values({ slug: "southampton", name: "Southampton" }).returning("id").executeTakeFirstOrThrow();
    const { passwordHash } = await app.db.selectFrom("users").select("passwordHash").where("email", "=", "leader@demo.test").executeTakeFirstOrThrow();
    const user = await app.db
      .insertInto("users")
      .values({ email: "outsider@demo.test", displayName: "Outsider", passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await app.db.insertInto("partnershipMemberships").values({ partnershipId: other.id, userId: user.id, role: "admin", sector: "public" }).execute();
    const outsider = await signedIn(app.url, "outsider@demo.test");
    for (const file of ["actions.csv", "plan.json"]) expect((await outsider.get(`${planPath}/${file}`)).status, file).toBe(404);
    // A plan that does not exist answers the same.
    const leader = await signedIn(app.url, "leader@demo.test");
    expect((await leader.get(`/p/portsmouth/plans/${crypto.randomUUID()}/plan.json`)).status).toBe(404);
    expect((await leader.get("/p/portsmouth/plans/not-a-plan/actions.csv")).status).toBe(404);
  });
});
