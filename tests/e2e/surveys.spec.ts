// Screens: surveys, survey, survey-answer (the route folders this spec covers; `npm run test:changed` reads it)
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { openDatabase } from "../../db/client";
import { startServer, type RunningServer } from "../support/server";
import { expectAccessible } from "./support/axe";
import { runFolder, templateFolder } from "./support/run-folder";
import { signIn } from "./support/session";

// A partner survey from draft to answer: Sam Patel (voluntary and community
// sector steward) starts one with the NI7 question and invites an
// organisation; Jordan Hughes, whose Compact Working Group is made a steward
// of the plan here (the demo has no public-sector steward), agrees, which
// queues the organisation's email; the link, read from the outbox, is
// answered on a phone with JavaScript off. The outbox is read from the data
// folder, which embedded PostgreSQL lets one process open at a time: the
// server is stopped to read it, and started again on the same folder.

const QUESTION = "How would you rate the influence your organisation has on local decisions?";

async function serve(dataFolder: string): Promise<RunningServer> {
  const server = await startServer({ DATABASE_URL: "", DATA_DIR: dataFolder });
  const [ready] = await server.waitForOutput(/^(Data: .*|The database is not ready.*)$/m, 60_000);
  if (!ready.startsWith("Data: ")) {
    await server.stop();
    throw new Error(`The server has no database:\n${server.output()}`);
  }
  return server;
}

function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function signedInPage(browser: Browser, baseURL: string, email: string, width = 1366) {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a steward drafts a survey, the other sector agrees, and the emailed link is answered on a phone without JavaScript", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const dataFolder = path.join(runFolder, `surveys-${testInfo.workerIndex}`);
  fs.rmSync(dataFolder, { recursive: true, force: true });
  fs.cpSync(templateFolder, dataFolder, { recursive: true });
  fs.rmSync(path.join(dataFolder, "partnership-board.lock"), { force: true });

  let planPath = "";
  {
    const { db, close } = await openDatabase({ dataDir: dataFolder });
    try {
      const plan = await db.selectFrom("plans").select("id").where("title", "=", "Partnership Improvement Action Plan 2010").executeTakeFirstOrThrow();
      const group = await db.selectFrom("groups").select(["id", "partnershipId"]).where("name", "=", "Compact Working Group").executeTakeFirstOrThrow();
      await db.insertInto("planStewards").values({ planId: plan.id, groupId: group.id, partnershipId: group.partnershipId }).execute();
      planPath = `/p/portsmouth/plans/${plan.id}`;
    } finally {
      await close();
    }
  }

  let server = await serve(dataFolder);
  try {
    // Sam Patel starts the survey, on his phone: the NI7 question is there already.
    const sam = await signedInPage(browser, server.url, "leader@demo.test", 390);
    await sam.page.goto(`${planPath}/surveys`);
    await expect(sam.page.getByRole("heading", { level: 1, name: "Partner surveys" })).toBeVisible();
    await expect(sam.page.getByLabel("First question")).toHaveValue(QUESTION);
    await expectAccessible(sam.page);
    expect(await sideways(sam.page), "no sideways scrolling").toBeLessThanOrEqual(0);
    await sam.page.getByLabel("Title").fill("Partner survey 2026");
    await sam.page.getByRole("button", { name: "Start the survey" }).click();
    await expect(sam.page.getByRole("heading", { level: 1, name: "Partner survey 2026" })).toBeVisible();

    await sam.page.getByLabel("Organisation 1: name").fill("Portsmouth Carers Centre");
    await sam.page.getByLabel("Organisation 1: email").fill("carers@example.org");
    await sam.page.getByRole("button", { name: "Invite these organisations" }).click();
    await expect(sam.page.getByRole("status")).toContainText("1 organisation invited");
    await expect(sam.page.getByRole("cell", { name: "Portsmouth Carers Centre", exact: true })).toBeVisible();
    // The draft's editor: every question, the indicator and the organisations, as plain forms.
    await expectAccessible(sam.page);
    expect(await sideways(sam.page), "no sideways scrolling").toBeLessThanOrEqual(0);
    await sam.page.getByRole("button", { name: "Propose sending the survey" }).click();
    await expect(sam.page.getByRole("status")).toContainText("Sending proposed");
    await expect(sam.page.getByText("You proposed it, so you cannot agree to it too.")).toBeVisible();
    await expect(sam.page.getByRole("button", { name: "Agree and send the survey" })).toHaveCount(0);
    await expectAccessible(sam.page);
    const surveyPath = new URL(sam.page.url()).pathname;
    await sam.context.close();

    // Jordan Hughes, of the public sector, agrees: the survey is sent.
    const jordan = await signedInPage(browser, server.url, "officer@demo.test");
    await jordan.page.goto(surveyPath);
    await jordan.page.getByRole("button", { name: "Agree and send the survey" }).click();
    await expect(jordan.page.getByRole("status")).toContainText("Agreed and sent: 1 organisation");
    await expect(jordan.page.getByText("0 of 1 organisation has answered")).toBeVisible();
    await expectAccessible(jordan.page);
    await jordan.context.close();
  } finally {
    await server.stop();
  }

  // The email the organisation would get, from the outbox.
  let link = "";
  {
    const { db, close } = await openDatabase({ dataDir: dataFolder });
    try {
      // This survey's, not the demo's own closed survey's.
      const email = await db
        .selectFrom("emailOutbox")
        .select(["textBody", "toAddress"])
        .where("kind", "=", "survey_invitation")
        .where("toAddress", "=", "carers@example.org")
        .executeTakeFirstOrThrow();
      expect(email.toAddress).toBe("carers@example.org");
      expect(email.textBody).toContain("Your answers are anonymous");
      link = new URL(/https?:\/\/\S+\/survey\/[a-z2-7]{32}/.exec(email.textBody)![0]).pathname;
    } finally {
      await close();
    }
  }

  server = await serve(dataFolder);
  try {
    // axe and a ruler run as scripts in the page: they check the same page in a window of their own with scripts on.
    const checker = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    const checked = await checker.newPage();
    await checked.goto(link);
    await expect(checked.getByRole("heading", { level: 1, name: "Partner survey 2026" })).toBeVisible();
    await expectAccessible(checked);
    expect(
      await checked.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      "no sideways scrolling",
    ).toBeLessThanOrEqual(0);

    const phone = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    await page.goto(link);
    await expect(page.getByText("Your answers are anonymous")).toBeVisible();
    // Sent with nothing chosen: the summary says what to do, and nothing is saved.
    await page.getByRole("button", { name: "Send your answers" }).click();
    await expect(page.getByRole("link", { name: "Answer question 1" })).toBeVisible();
    await page
      .getByRole("group", { name: `1. ${QUESTION}` })
      .getByLabel("4: Good")
      .check();
    await page.getByRole("button", { name: "Send your answers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
    expect(await phone.cookies()).toEqual([]);

    // The link answers once.
    await checked.goto(link);
    await expect(checked.getByRole("heading", { level: 1, name: "This survey has been answered" })).toBeVisible();
    await expectAccessible(checked);
    await phone.close();
    await checker.close();
  } finally {
    await server.stop();
    fs.rmSync(dataFolder, { recursive: true, force: true });
  }
});
