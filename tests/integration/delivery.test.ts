import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../support/server";
import { signedIn, type Client } from "./support/http";
import { serveSeededCopy, type SeededServer } from "./support/seeded-server";

// How pages reach a person, from `npm start`'s own server: compressed as the
// browser asks, scripts cached for good and pages never, the live-update
// stream never held back by compression, and a board whose size per card
// does not depend on how many cards there are.

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body arrives as sent (fetch would undo the compression this test looks at). */
function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

let running: SeededServer;
let server: RunningServer;
let leader: Client;
let boardPath: string;

beforeAll(async () => {
  // One server for the whole file (serve() would stop it after each test), on a copy of the seeded demo.
  running = await serveSeededCopy("demo", { SEED_DEMO: "1" });
  server = running.server;
  leader = await signedIn(server.url, "leader@demo.test");
  const partnership = await (await leader.get("/p/portsmouth")).text();
  boardPath = /href="(\/p\/portsmouth\/plans\/[0-9a-f-]{36})"/.exec(partnership)![1]!;
}, 120_000);

afterAll(() => running?.close());

const signedInHeaders = () => ({ Cookie: leader.cookie! });

describe("compression", () => {
  it("sends the board brotli- or gzip-compressed as the browser asks, and the same page either way", async () => {
    const url = `${server.url}${boardPath}`;
    const plain = await rawGet(url, signedInHeaders());
    const brotli = await rawGet(url, { ...signedInHeaders(), "Accept-Encoding": "gzip, deflate, br" });
    const gzip = await rawGet(url, { ...signedInHeaders(), "Accept-Encoding": "gzip" });

    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    const page = plain.body.toString();
    expect(page).toContain("Partnership Improvement Action Plan 2010");
    // The same page, nonce and fresh ids aside.
    const comparable = (html: string) => html.replace(/nonce="[^"]+"/g, "").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "id");
    expect(comparable(brotliDecompressSync(brotli.body).toString())).toBe(comparable(page));
    expect(comparable(gunzipSync(gzip.body).toString())).toBe(comparable(page));
    expect(brotli.body.length).toBeLessThan(plain.body.length / 4);
  });

  it("compresses route data and scripts too", async () => {
    const data = await rawGet(`${server.url}${boardPath}.data`, { ...signedInHeaders(), "Accept-Encoding": "br" });
    expect(data.status).toBe(200);
    expect(data.headers["content-encoding"]).toBe("br");

    const page = (await rawGet(`${server.url}/login`, {})).body.toString();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page) ?? /href="(\/assets\/[^"]+\.js)"/.exec(page);
    const asset = await rawGet(`${server.url}${script![1]}`, { "Accept-Encoding": "gzip" });
    expect(asset.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(asset.body).length).toBeGreaterThan(asset.body.length);
  });

  it("never compresses the live-update stream: a change arrives while the stream stays open", async () => {
    const events = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server.url}${boardPath}/events`, { headers: { ...signedInHeaders(), "Accept-Encoding": "gzip, br" } }, resolve).on("error", reject);
    });
    try {
      expect(events.headers["content-type"]).toMatch(/^text\/event-stream/);
      expect(events.headers["content-encoding"]).toBeUndefined();
      let received = "";
      const changeArrived = new Promise<void>((resolve) => {
        events.on("data", (chunk: Buffer) => {
          received += chunk.toString();
          if (received.includes("event: change")) resolve();
        });
      });
      // Wait for the stream's first words, so the change below happens after it subscribed.
      await new Promise<void>((resolve) => events.once("data", () => resolve()));
      const board = await (await leader.get(boardPath)).text();
      const objectiveId = /name="objectiveId" value="([0-9a-f-]{36})"/.exec(board)![1]!;
      const created = await leader.post(boardPath, {
        intent: "create-action",
        id: crypto.randomUUID(),
        objectiveId,
        title: "Seen live through a compressing server",
      });
      expect(created.status).toBe(200);
      await changeArrived;
      expect(received).toMatch(/event: change\ndata: \{"actionId":"[0-9a-f-]{36}","version":\d+\}/);
    } finally {
      events.destroy();
    }
  });
});

describe("caching", () => {
  it("keeps content-named scripts and styles for a year, and pages not at all", async () => {
    const page = await rawGet(`${server.url}${boardPath}`, signedInHeaders());
    expect(page.headers["cache-control"]).toBe("no-store");
    const html = page.body.toString();
    const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!))];
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      const response = await rawGet(`${server.url}${asset}`, {});
      expect(response.status, asset).toBe(200);
      expect(response.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
    }
    expect((await rawGet(`${server.url}${boardPath}.data`, signedInHeaders())).headers["cache-control"]).toBe("no-store");
    expect((await rawGet(`${server.url}/assets/no-such-file.js`, {})).headers["cache-control"]).toBe("no-store");
  });
});

describe("the board's size", () => {
  /** The board page in bytes, as the server writes it before compression. */
  const boardBytes = async () => (await rawGet(`${server.url}${boardPath}`, signedInHeaders())).body.length;

  it("grows by the same amount per card at 30 cards as at 110: nothing on it repeats per pair of cards", async () => {
    const board = await (await leader.get(boardPath)).text();
    const objectiveId = /name="objectiveId" value="([0-9a-f-]{36})"/.exec(board)![1]!;
    let added = 0;
    const addCards = async (count: number) => {
      for (let index = 0; index < count; index += 1, added += 1) {
        const response = await leader.post(boardPath, {
          intent: "create-action",
          id: crypto.randomUUID(),
          objectiveId,
          title: `Size check action ${String(added).padStart(3, "0")}`,
        });
        expect(response.status).toBe(200);
      }
    };
    // Each added card is moved by nobody and alike, so each adds the same.
    await addCards(10);
    const atSmall = await boardBytes();
    await addCards(20);
    const perCardSmall = ((await boardBytes()) - atSmall) / 20;
    await addCards(60);
    const atLarge = await boardBytes();
    await addCards(20);
    const perCardLarge = ((await boardBytes()) - atLarge) / 20;

    // A card with a Move… form listing every other card grew by ~100 bytes per card already there.
    expect(Math.abs(perCardLarge - perCardSmall)).toBeLessThan(perCardSmall * 0.03);
    expect(perCardLarge).toBeLessThan(2_000);
  });
});
