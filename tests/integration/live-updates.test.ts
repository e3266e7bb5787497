import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEventStream, type EventStream } from "../support/event-stream";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { demoPlan } from "./support/people";
import { engine } from "./support/test-database";

// An open board reloads its data when its stream says the plan changed: every
// change that alters what the board shows or who may act on it must say so.

let app: TestApp;
let admin: Client;
let viewer: Client;
let planPath: string;
let stream: EventStream;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  viewer = await signedIn(app.url, "councillor@demo.test");
  planPath = `/p/portsmouth/plans/${(await demoPlan(app.db)).id}`;
});
afterAll(async () => {
  stream?.close();
  await app?.close();
});

async function groupId(name: string) {
  return (await app.db.selectFrom("groups").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}

describe(`live updates of plan settings on ${engine}`, () => {
  it("tells open boards when an admin renames the plan or changes its stewards", async () => {
    stream = await openEventStream(`${app.url}${planPath}/events`, viewer.cookie);
    expect(stream.response.status).toBe(200);
    const stewards = [await groupId("Third Sector Leadership Group"), await groupId("Compact Working Group")];

    const renamed = await admin.post(`${planPath}/settings`, {
      intent: "update-plan",
      title: "Partnership Improvement Action Plan 2010–11",
      stewardGroupIds: stewards,
    });
    expect(renamed.status).toBe(200);
    expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: expect.any(Number) });

    const restewarded = await admin.post(`${planPath}/settings`, {
      intent: "update-plan",
      title: "Partnership Improvement Action Plan 2010–11",
      stewardGroupIds: stewards.slice(0, 1),
    });
    expect(restewarded.status).toBe(200);
    expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: null, version: expect.any(Number) });
    expect(await (await viewer.get(planPath)).text()).toContain("Partnership Improvement Action Plan 2010–11");
  });
});
