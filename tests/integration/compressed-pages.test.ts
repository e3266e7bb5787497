import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// Large pages through the compressor, many at once, as app/serve.mjs serves
// them. React Router waits for 'drain' with res.once, which the compression
// package sends to its zlib stream but never takes off it again
// (expressjs/compression#135): a 300-card board piled up listeners on each
// response's stream until Node warned of a leak.

let app: TestApp;
let admin: Client;
let boardPath: string;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  // A plan of 300 actions, imported as an admin would.
  const rows = ["Objective,Action"];
  for (let index = 0; index < 300; index += 1) rows.push(`${index % 30 === 0 ? `Objective ${index / 30 + 1}` : ""},Action ${index + 1} of the big plan`);
  const form = new FormData();
  form.append("intent", "import");
  form.append("title", "Three hundred actions");
  form.append("file", new Blob([rows.join("\r\n")]), "big.csv");
  const imported = await fetch(new URL("/p/portsmouth/plans/import", app.url), {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Origin: new URL(app.url).origin, Cookie: admin.cookie! },
  });
  expect(imported.status).toBe(302);
  boardPath = imported.headers.get("Location")!.replace(/\?.*$/, "");
});
afterAll(() => app?.close());

/** The board as a browser asking for gzip receives it: the encoding, and the bytes as sent. */
function gzipGet(path: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, app.url), { headers: { Cookie: admin.cookie!, "Accept-Encoding": "gzip" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, encoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe(`a 300-card board, compressed, on ${engine}`, () => {
  it("goes to 10 readers at once, three times over, whole, with no listener leak warned of", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      for (let round = 0; round < 3; round += 1) {
        const pages = await Promise.all(Array.from({ length: 10 }, () => gzipGet(boardPath)));
        for (const page of pages) {
          expect(page.status).toBe(200);
          expect(page.encoding).toBe("gzip");
          expect(gunzipSync(page.body).toString()).toContain("Action 300 of the big plan");
        }
      }
      // Node emits a warning on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((warning) => warning.startsWith("MaxListenersExceededWarning"))).toEqual([]);
  });
});
