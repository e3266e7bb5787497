import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanContextData } from "../../app/server/platform/plan-data.server";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { demoPlan } from "./support/people";
import { engine } from "./support/test-database";

// One figure, one definition: the overdue count a councillor reads on the
// board, the Status page, the partnership overview, the CSV download and a
// lead's calendar is the same number. Portsmouth's 2.2 is done and awaiting
// confirmation past its date, the case the board once counted and Status did not.

let app: TestApp;
let plan: PlanContextData;
let planPath: string;
let councillor: Client;

beforeAll(async () => {
  app = await startApp();
  plan = await demoPlan(app.db);
  planPath = `/p/portsmouth/plans/${plan.id}`;
  councillor = await signedIn(app.url, "councillor@demo.test");
});
afterAll(() => app?.close());

const pageText = async (path: string) =>
  (await (await councillor.get(path)).text())
    .replaceAll("<!-- -->", "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe(`the overdue count on ${engine}`, () => {
  it("is the same on the board, Status, the overview and the CSV, and leaves a completion awaiting confirmation out", async () => {
    const board = /(\d+) overdue\./.exec(await pageText(planPath));
    const status = /Overdue \((\d+)\)/.exec(await pageText(`${planPath}/status`));
    const overview = /; (\d+) overdue\./.exec(await pageText("/p/portsmouth"));
    const rows = parse(await (await councillor.get(`${planPath}/actions.csv`)).text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    const csv = rows.filter((row) => row.overdue === "yes");

    // Every action but the confirmed 1.6 and the awaiting 2.2 is past its 2010 date.
    // Of the nine, 1.3 and 1.4 have no date, 1.6 is confirmed done and 2.2 awaits confirmation.
    expect(csv.map((row) => row.action_number)).toEqual(["1.1", "1.2", "1.5", "2.1", "2.3"]);
    expect(rows.find((row) => row.action_number === "2.2")).toMatchObject({ status: "Done", confirmed: "no", due_date: "2010-04-30", overdue: "" });
    expect([board?.[1], status?.[1], overview?.[1]]).toEqual(["5", "5", "5"]);
  });

  it("labels an overdue action and review Overdue in a lead's calendar", async () => {
    const sam = await signedIn(app.url, "leader@demo.test");
    const page = await (await sam.post("/account", { intent: "create-calendar-link" })).text();
    const link = /(http:\/\/[^"]+\/calendar\/[a-z2-7]{32}\.ics)/.exec(page)![1]!;
    const feed = (await (await fetch(link)).text()).replace(/\r\n /g, "");
    const summaries = [...feed.matchAll(/^SUMMARY:(.*)$/gm)].map((match) => match[1]!.trim());

    expect(summaries).toEqual([
      "1.5 Map Portsmouth's third sector organisations and develop an online directory (Overdue)",
      "2.3 Enable third sector infrastructure organisations to collaborate or merge (Overdue)",
      "2.1 Develop a partnership website and a communication strategy (Overdue)",
      "Six-month review: Partnership Improvement Action Plan 2010 (Overdue)",
    ]);
  });
});
