import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../support/server";
import { signedIn, type Client } from "./support/http";
import { serveSeededCopy, type SeededServer } from "./support/seeded-server";
import { engine } from "./support/test-database";

// Links people are sent (invitations, password resets) are made on PUBLIC_URL,
// whatever Host a request claims: a forged Host must not point them elsewhere.
// `npm start`'s own server, so that PUBLIC_URL is read as in production.

const PUBLIC_URL = "https://board.example.org";
let running: SeededServer;
let server: RunningServer;
let admin: Client;

beforeAll(async () => {
  running = await serveSeededCopy("portsmouth", { SEED_DEMO: "0", PUBLIC_URL });
  server = running.server;
  admin = await signedIn(server.url, "admin@demo.test");
}, 120_000);

afterAll(() => running?.close());

/** A form posted as the admin with a Host (and a matching Origin) of the sender's choosing, as fetch cannot. */
function postWithHost(pathname: string, form: Record<string, string>, host: string): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(form).toString();
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: "POST",
        headers: {
          Host: host,
          Origin: `http://${host}`,
          Cookie: admin.cookie!,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe(`links sent to people, on ${engine}`, () => {
  it("makes an invitation's link on PUBLIC_URL, not on a forged Host", async () => {
    const answer = await postWithHost(
      "/p/portsmouth/people",
      { intent: "invite", displayName: "Nia Host", email: "nia.host@example.org", role: "member", sector: "public" },
      "evil.example",
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(new RegExp(`${PUBLIC_URL}/invitations/[a-z2-7]{32}`));
    expect(answer.body).not.toContain("evil.example/invitations");
  });

  it("makes a password reset link on PUBLIC_URL, not on a forged Host", async () => {
    const people = await (await admin.get("/p/portsmouth/people")).text();
    const userId = /name="userId" value="([0-9a-f-]{36})"/.exec(people)![1]!;
    const answer = await postWithHost("/p/portsmouth/people", { intent: "reset-link", userId }, "evil.example");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(new RegExp(`${PUBLIC_URL}/password-reset/[a-z2-7]{32}`));
    expect(answer.body).not.toContain("evil.example/password-reset");
  });
});
