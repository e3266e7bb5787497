import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { startTestSmtp } from "./support/smtp";
import { signedIn } from "./support/http";
import { engine } from "./support/test-database";

// With SMTP_URL set, an invitation is mailed as well as shown to the admin.

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let app: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe(`invitation email on ${engine}`, () => {
  it("mails the same single-use link the admin sees", async () => {
    const admin = await signedIn(app.url, "admin@demo.test");
    const response = await admin.post("/p/portsmouth/people", {
      intent: "invite",
      displayName: "Carole Damper",
      email: "carole.damper@demo.test",
      role: "member",
      sector: "voluntary_community",
    });
    const page = await response.text();
    expect(page).toContain("We emailed them this link");
    const link = /http:\/\/127\.0\.0\.1:\d+\/invitations\/[a-z2-7]{32}/.exec(page)![0];

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["carole.damper@demo.test"]);
    // Unfold long header lines and quoted-printable soft breaks before reading.
    const message = smtp.received[0]!.text.replace(/\r\n[ \t]+/g, " ").replace(/=\r\n/g, "");
    expect(message).toContain("Subject: You are invited to Portsmouth Public Sector & Voluntary and Community Sector on Partnership Board");
    expect(message).toContain(link);
  });
});
