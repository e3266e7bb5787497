import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeSecurityLog } from "../../app/server/auth/security-log-retention.server";
import { signedIn, type Client } from "./support/http";
import { startApp, type TestApp } from "./support/app";
import { engine } from "./support/test-database";

// Refused page visits go to the partnership's security log, which admins read;
// refused changes are in the plan's history as well, in words.

let app: TestApp;
let planPath: string;
let admin: Client;
let action15: string;

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  const action = await app.db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select("a.id")
    .where("o.number", "=", 1)
    .where("a.number", "=", 5)
    .executeTakeFirstOrThrow();
  action15 = action.id;
  admin = await signedIn(app.url, "admin@demo.test");
});
afterAll(() => app?.close());

/** The page's text, tags stripped, so sentences read as a person sees them. */
async function textOf(response: Response) {
  return (await response.text())
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");
}

describe(`the security log on ${engine}`, () => {
  it("keeps a refused page visit out of the plan's history and shows it to admins in words", async () => {
    const officer = await signedIn(app.url, "officer@demo.test");
    expect((await officer.get(`${planPath}/history`)).status).toBe(403);

    const log = await admin.get("/p/portsmouth/security-log");
    expect(log.status).toBe(200);
    const logText = await textOf(log);
    expect(logText).toContain("Jordan Hughes (public sector) tried to read the plan's history but may not");
    expect(logText).toContain(`${planPath}/history`);

    const historyText = await textOf(await admin.get(`${planPath}/history`));
    expect(historyText).not.toContain("read the plan's history");
  });

  it("shows a refused change in the plan's history, naming the action, and in the log", async () => {
    const officer = await signedIn(app.url, "officer@demo.test");
    const refused = await officer.post(`${planPath}/actions/${action15}`, { intent: "update", version: "1", title: "Rewritten by the council" });
    expect(refused.status).toBe(403);

    const historyText = await textOf(await admin.get(`${planPath}/history?kind=refusals`));
    expect(historyText).toContain("Jordan Hughes (public sector) tried to change 1.5 but may not");
    const logText = await textOf(await admin.get("/p/portsmouth/security-log"));
    expect(logText).toContain("tried to change 1.5 but may not");
    // The action's own history is what happened to it, not what was tried.
    expect(await textOf(await admin.get(`${planPath}/actions/${action15}`))).not.toContain("tried to");
  });

  it("says an observer's refused form in words, never a permission's code name", async () => {
    const councillor = await signedIn(app.url, "councillor@demo.test");
    expect((await councillor.post(planPath, { intent: "move", actionId: action15 })).status).toBe(403);
    const historyText = await textOf(await admin.get(`${planPath}/history`));
    expect(historyText).toContain("Cllr Chris Taylor (public sector) tried to change the plan but may not");
    const logText = await textOf(await admin.get("/p/portsmouth/security-log"));
    expect(historyText + logText).not.toMatch(/\b(plan|action|partnership|review)\.[a-z]+[A-Z]\w*/);
  });

  it("is for admins only, and a refused look at it is logged", async () => {
    for (const email of ["leader@demo.test", "facilitator@demo.test", "councillor@demo.test"]) {
      const person = await signedIn(app.url, email);
      expect((await person.get("/p/portsmouth/security-log")).status).toBe(403);
      expect(await textOf(await person.get("/p/portsmouth"))).not.toContain("Security log");
    }
    expect(await textOf(await admin.get("/p/portsmouth"))).toContain("Security log");
    expect(await textOf(await admin.get("/p/portsmouth/security-log"))).toContain(
      "Sam Patel (voluntary and community sector) tried to read the security log but may not",
    );
  });

  it("removes refused page visits older than SECURITY_LOG_DAYS, listing the removal in words", async () => {
    const partnership = await app.db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
    await app.db
      .insertInto("auditEvents")
      .values({
        occurredAt: new Date(Date.now() - 401 * 86_400_000),
        partnershipId: partnership.id,
        entityType: "request",
        entityId: "/p/portsmouth/a-page-long-ago",
        verb: "refused",
        changes: "{}",
        context: JSON.stringify({ method: "GET", permission: "partnership.viewSecurityLog" }),
      })
      .execute();
    expect(await textOf(await admin.get("/p/portsmouth/security-log"))).toContain("/p/portsmouth/a-page-long-ago");

    expect(await purgeSecurityLog(app.db)).toMatchObject({ removed: 1, partnerships: 1 });

    const logText = await textOf(await admin.get("/p/portsmouth/security-log"));
    expect(logText).not.toContain("/p/portsmouth/a-page-long-ago");
    expect(logText).toContain("Partnership Board removed 1 refused page visit or failed sign-in older than 400 days from the security log Removal");
    expect(logText).toContain("Refused page visits are removed after 400 days");
  });
});
