import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_STREAMS_PER_SESSION } from "../../app/server/platform/live.server";
import { signedIn } from "../integration/support/http";
import { serve } from "../integration/support/servers";
import { engine } from "../integration/support/test-database";
import { openEventStream, type EventStream } from "../support/event-stream";
import type { RunningServer } from "../support/server";
import { demoServerData } from "./support/databases";

// Each live-update stream holds a socket on the server for as long as the
// board is open. One sign-in may hold a few (tabs), not thousands.

let server: RunningServer;
const streams: EventStream[] = [];

beforeAll(async () => {
  server = await serve((await demoServerData()).env);
  await server.waitForOutput(/Data: /, 60_000);
});
afterAll(() => streams.forEach((stream) => stream.close()));

describe(`live-update streams per sign-in on ${engine}`, () => {
  it(`opens ${LIVE_STREAMS_PER_SESSION} for one session, refuses the next with a reason, and opens one again when another closes`, async () => {
    const viewer = await signedIn(server.url, "councillor@demo.test");
    const board = (await (await viewer.get("/p/portsmouth")).text()).match(/\/p\/portsmouth\/plans\/[0-9a-f-]{36}/)![0];
    const open = () => openEventStream(`${server.url}${board}/events`, viewer.cookie);
    for (let count = 0; count < LIVE_STREAMS_PER_SESSION; count += 1) streams.push(await open());
    expect(streams.map((stream) => stream.response.status)).toEqual(streams.map(() => 200));

    const refused = await open();
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get("Retry-After")).toBe("60");
    expect(await refused.response.text()).toMatch(/Live updates are open in \d+ places for this sign-in already\. Close a few tabs/);

    // Another sign-in of the same person is a session of its own.
    const otherTab = await signedIn(server.url, "councillor@demo.test");
    const ofOtherSession = await openEventStream(`${server.url}${board}/events`, otherTab.cookie);
    expect(ofOtherSession.response.status).toBe(200);
    streams.push(ofOtherSession);

    streams.shift()!.close();
    await expect
      .poll(
        async () => {
          const again = await open();
          if (again.response.status === 200) streams.push(again);
          return again.response.status;
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(200);
  });
});
