import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { references } from "./support/people";
import { startApp, type TestApp } from "./support/app";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// The Move page: Move… for a browser without JavaScript, at
// …/actions/<id>/move. It offers the positions of one column at a time, moves
// through the same write as a drag, and sends the person back to the board
// they came from, at the card.

let app: TestApp;
let ids: Record<string, string>;
let planPath: string;
let leader: Client;

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  ids = await references(app.db, plan.id);
  leader = await signedIn(app.url, "leader@demo.test");
}, 60_000);
afterAll(() => app?.close());

const movePath = (reference: string) => `${planPath}/actions/${ids[reference]}/move`;
const statusOf = async (reference: string) =>
  (await app.db.selectFrom("actions").select("status").where("id", "=", ids[reference]!).executeTakeFirstOrThrow()).status;
const eventCount = async (reference: string) => (await app.db.selectFrom("auditEvents").select("id").where("actionId", "=", ids[reference]!).execute()).length;
/** The Position field's choices on a Move page. */
const positions = (html: string) => [...html.matchAll(/<option value="(?:top|bottom|after:[0-9a-f-]+)"[^>]*>([^<]+)<\/option>/g)].map((match) => match[1]);

describe(`the Move page on ${engine}`, () => {
  it("offers the card's own column's positions, and another column's when asked", async () => {
    const own = await (await leader.get(movePath("1.2"))).text();
    expect(own).toContain("Move 1.2 Identify joint commissioning priorities");
    expect(positions(own)).toEqual(["Top of the column", "Bottom of the column", expect.stringMatching(/^After 1\.4 /)]);

    const done = await leader.get(`${movePath("1.2")}?status=done&objectiveId=${ids["objective 1"]}`);
    expect(done.status).toBe(200);
    expect(positions(await done.text())).toEqual(["Top of the column", "Bottom of the column", expect.stringMatching(/^After 1\.6 /)]);
  });

  it("moves the card and returns to the board as it was filtered, at the card", async () => {
    const before = await eventCount("1.4");
    const response = await leader.post(movePath("1.4"), {
      intent: "move",
      actionId: ids["1.4"]!,
      objectiveId: ids["objective 1"]!,
      status: "at_risk",
      placement: "top",
      back: "q=assessment&mine=1",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${planPath}?q=assessment&mine=1#card-${ids["1.4"]}`);
    expect(await statusOf("1.4")).toBe("at_risk");
    expect(await eventCount("1.4")).toBe(before + 1);
  });

  it("refuses a position taken from another column's list, and moves nothing", async () => {
    const response = await leader.post(movePath("1.2"), {
      intent: "move",
      actionId: ids["1.2"]!,
      objectiveId: ids["objective 1"]!,
      status: "in_progress",
      placement: `after:${ids["1.6"]}`,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose a position in In progress: the card you chose is in another column");
    expect(await statusOf("1.2")).toBe("not_started");
  });

  it("asks for a reason before a confirmed action leaves Done, and keeps what was sent", async () => {
    const response = await leader.post(movePath("1.6"), {
      intent: "move",
      actionId: ids["1.6"]!,
      objectiveId: ids["objective 1"]!,
      status: "in_progress",
      placement: "bottom",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Give a reason for reopening a confirmed action");
    expect(page).toMatch(/<option value="in_progress" selected="">In progress<\/option>/);
    expect(await statusOf("1.6")).toBe("done");
  });

  it("refuses a form about another action, and a board address that leaves the site stays on it", async () => {
    const other = await leader.post(movePath("1.2"), {
      intent: "move",
      actionId: ids["1.4"]!,
      objectiveId: ids["objective 1"]!,
      status: "done",
      placement: "top",
    });
    expect(other.status).toBe(400);
    expect(await statusOf("1.4")).not.toBe("done");

    const away = await leader.post(movePath("1.2"), {
      intent: "move",
      actionId: ids["1.2"]!,
      objectiveId: ids["objective 1"]!,
      status: "in_progress",
      placement: "bottom",
      back: "//evil.example/",
    });
    expect(away.status).toBe(302);
    expect(away.headers.get("Location")).toMatch(new RegExp(`^${planPath}\\?`));
  });

  it("is only for those who may move the card: others get 403, strangers sign in, and unknown cards 404", async () => {
    const officer = await signedIn(app.url, "officer@demo.test");
    const councillor = await signedIn(app.url, "councillor@demo.test");
    // Jordan's group leads 1.1, not 1.5.
    expect((await officer.get(movePath("1.1"))).status).toBe(200);
    expect((await officer.get(movePath("1.5"))).status).toBe(403);
    expect((await councillor.get(movePath("1.5"))).status).toBe(403);
    const refused = await councillor.post(movePath("1.5"), {
      intent: "move",
      actionId: ids["1.5"]!,
      objectiveId: ids["objective 1"]!,
      status: "done",
      placement: "top",
    });
    expect(refused.status).toBe(403);
    expect(await statusOf("1.5")).not.toBe("done");

    const anonymous = await client(app.url).get(movePath("1.5"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await leader.get(`${planPath}/actions/not-an-id/move`)).status).toBe(404);
    expect((await leader.get(`${planPath}/actions/${crypto.randomUUID()}/move`)).status).toBe(404);
  });
});
