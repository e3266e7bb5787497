import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProgressNote } from "../../app/server/plans/action-content.server";
import { confirmCompletion, moveAction } from "../../app/server/plans/moves.server";
import { NO_HISTORY_FILTERS as NONE, type HistoryFilters } from "../../app/domain/history";
import { planHistoryPage } from "../../app/server/plans/history.server";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { ukToday } from "../../app/domain/dates";
import { startApp, type TestApp } from "./support/app";
import { signedIn } from "./support/http";
import { actorFor, demoPlan, references } from "./support/people";
import { engine } from "./support/test-database";

let app: TestApp;
let plan: PlanContextData;
let ids: Record<string, string>;
let historyPath: string;

beforeAll(async () => {
  app = await startApp();
  plan = await demoPlan(app.db);
  ids = await references(app.db, plan.id);
  historyPath = `/p/portsmouth/plans/${plan.id}/history`;
  const leader = await actorFor(app.db, "leader@demo.test");
  const officer = await actorFor(app.db, "officer@demo.test");
  await moveAction(app.db, leader, plan, { actionId: ids["1.5"]!, objectiveId: ids["objective 1"]!, status: "in_progress", placement: { at: "top" } });
  await moveAction(app.db, leader, plan, { actionId: ids["1.1"]!, objectiveId: ids["objective 1"]!, status: "done", placement: { at: "top" } });
  await confirmCompletion(app.db, officer, plan, ids["1.1"]!);
  await addProgressNote(app.db, officer, plan, ids["1.1"]!, "Signed off at the Compact Working Group");
});
afterAll(() => app?.close());

// Today's events: the demo's own story is dated in 2010.
const sentences = async (filters: Partial<HistoryFilters>) =>
  (await planHistoryPage(app.db, plan.id, { ...NONE, from: ukToday(), ...filters }, { beforeId: null, size: 100 })).map((row) =>
    `${row.actorName ?? "system"}: ${row.entityType}.${row.verb} ${row.reference ?? ""}`.trim(),
  );

describe(`the plan's history on ${engine}`, () => {
  it("filters by person, sector, action, kind of change and date", async () => {
    const officer = await actorFor(app.db, "officer@demo.test");
    expect(await sentences({ userId: officer.userId })).toEqual(["Jordan Hughes: progress_note.added 1.1", "Jordan Hughes: action.completion_confirmed 1.1"]);
    expect(await sentences({ sector: "voluntary_community" })).toEqual(["Sam Patel: action.completion_proposed 1.1", "Sam Patel: action.moved 1.5"]);
    expect(await sentences({ actionId: ids["1.5"] })).toEqual(["Sam Patel: action.moved 1.5"]);
    expect(await sentences({ kind: "completion" })).toEqual(["Jordan Hughes: action.completion_confirmed 1.1", "Sam Patel: action.completion_proposed 1.1"]);
    expect(await sentences({ from: ukToday(), to: ukToday() })).toHaveLength(5);
    expect(await sentences({ from: "2099-01-01" })).toEqual([]);
  });

  it("pages by id, so a page does not shift when new events arrive", async () => {
    const first = await planHistoryPage(app.db, plan.id, NONE, { beforeId: null, size: 2 });
    const leader = await actorFor(app.db, "leader@demo.test");
    await addProgressNote(app.db, leader, plan, ids["1.5"]!, "Volunteers found for the directory");
    const second = await planHistoryPage(app.db, plan.id, NONE, { beforeId: first.at(-1)!.id, size: 2 });
    const all = await planHistoryPage(app.db, plan.id, NONE, { beforeId: null, size: 100 });
    const withoutNewest = all.slice(1).map((row) => row.id);
    expect([...first, ...second].map((row) => row.id)).toEqual(withoutNewest.slice(0, 4));
  });

  it("is for facilitators and admins; members and observers are refused", async () => {
    for (const email of ["facilitator@demo.test", "admin@demo.test"]) {
      const response = await (await signedIn(app.url, email)).get(historyPath);
      expect(response.status, email).toBe(200);
      expect(await response.text()).toContain("Jordan Hughes (public sector) confirmed that 1.1 is done");
    }
    for (const email of ["leader@demo.test", "councillor@demo.test"]) {
      expect((await (await signedIn(app.url, email)).get(historyPath)).status, email).toBe(403);
      expect((await (await signedIn(app.url, email)).get(`${historyPath}.csv`)).status, email).toBe(403);
    }
  });

  it("downloads as CSV with the same filters, one row per event, newest first", async () => {
    const facilitator = await signedIn(app.url, "facilitator@demo.test");
    const response = await facilitator.get(`${historyPath}.csv?kind=completion&from=${ukToday()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="partnership-improvement-action-plan-2010-history\.csv"$/);
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("event_id,occurred_at_utc,actor,actor_role,actor_sector,action,kind,description,changes,actor_role_code,actor_sector_code");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      '"Jordan Hughes","Member","Public sector","1.1","action.completion_confirmed","Jordan Hughes (public sector) confirmed that 1.1 is done"',
    );
    expect(lines[2]).toContain('"Sam Patel","Member","Voluntary and community sector","1.1","action.completion_proposed"');
    // The codes stay beside the words, at the end, for spreadsheets that filter on them.
    expect(lines[1]).toMatch(/,"member","public"$/);
  });
});
