import { describe, expect, it } from "vitest";
import { PERSON_EMAIL_KINDS } from "../../app/domain/vocabulary";
import { readUnsubscribeToken } from "../../app/server/mail/unsubscribe.server";
import { header, partOf } from "../integration/support/mime";
import { engine } from "../integration/support/test-database";
import { deliveryFixtures, expectEachOnce, later, messageIdOf, outboxRows, refusal, sendDue, T0, type Reply } from "./support/mail";

// The outbox delivered by `npm run mail:send-due` as cron runs it, in child
// processes against a copy of the seeded demo, to an SMTP server this test
// controls: two at once, one killed with SIGKILL mid-send, a server that
// refuses for a while, one that refuses for good, and none at all. However it
// goes, every email arrives once, and a row says what happened to it. Arrivals
// are counted by Message-ID, which the sender makes from the row's id.

const setUp = deliveryFixtures();

/** Each row's next attempt is due from `from`, before `before`. */
function expectBetween(rows: Array<{ nextAttemptAt: Date }>, from: Date, before: Date) {
  for (const row of rows) {
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(from.getTime());
    expect(row.nextAttemptAt.getTime()).toBeLessThan(before.getTime());
  }
}

describe(`mail:send-due on ${engine}`, () => {
  it("sends an email a mail client can read and a person can stop in one click: List-Unsubscribe for one-click POST, text and HTML", async () => {
    const { server, database, rows, env } = await setUp(1);
    const run = await sendDue(T0, env).finished;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("sent 1;");
    expectEachOnce(server, rows);

    const { email } = server.arrivals[0]!;
    const unsubscribe = /^<(https:\/\/board\.example\.org\/unsubscribe\/([A-Za-z0-9_-]{44}))>$/.exec(header(email, "list-unsubscribe") ?? "");
    expect(unsubscribe, header(email, "list-unsubscribe")).not.toBeNull();
    expect(header(email, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(header(email, "content-type")).toMatch(/^multipart\/alternative;/);
    expect(partOf(email, "text/plain")).toContain("Confirm 1.1 is done?");
    expect(partOf(email, "text/plain")).toContain(unsubscribe![1]);
    expect(partOf(email, "text/html")).toContain("<h1>Confirm 1.1 is done?</h1>");
    expect(partOf(email, "text/html")).toContain(`href="${unsubscribe![1]}"`);
    // The token names this person and this kind of email, and nobody else.
    const token = await database.use((db) => readUnsubscribeToken(db, unsubscribe![2]!));
    const recipient = await database.use((db) => db.selectFrom("users").select("id").where("email", "=", rows[0]!.to).executeTakeFirstOrThrow());
    expect(token).toEqual({ userId: recipient.id, kind: "completion_proposed" });
    expect(PERSON_EMAIL_KINDS).toContain(token!.kind);
    expect((await database.use(outboxRows))[0]).toMatchObject({ status: "sent", attempts: 1, lastError: null, claimedUntil: null });
  });

  it("never sends an email twice when two run at once", async () => {
    // Enough that the second run still finds rows to take while the first is held.
    const { server, database, rows, env } = await setUp(60);
    if (engine === "postgres") {
      // Hold the first send until a second is under way: each run sends one email at a time, so two at once means both runs are sending.
      const waiting: Reply[] = [];
      let overlapped = false;
      server.behaviour.mailFrom = (_session, reply) => {
        if (overlapped) return reply();
        if (server.sessions.open < 2) return void waiting.push(reply);
        overlapped = true;
        for (const held of waiting.splice(0)) held();
        reply();
      };
      const runs = await Promise.all([sendDue(T0, env).finished, sendDue(T0, env).finished]);
      for (const run of runs) expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(overlapped).toBe(true);
      const sentBy = runs.map((run) => Number(/sent (\d+);/.exec(run.stdout)![1]));
      expect(sentBy[0]! + sentBy[1]!).toBe(60);
      expect(Math.min(...sentBy)).toBeGreaterThan(0);
    } else {
      // A PGlite data folder has one owner: a second run started at once is refused the folder and sends nothing.
      const runs = await Promise.all([sendDue(T0, env).finished, sendDue(T0, env).finished]);
      const succeeded = runs.filter((run) => run.code === 0);
      expect(succeeded.length, runs.map((run) => run.stdout + run.stderr).join("\n")).toBeGreaterThanOrEqual(1);
      for (const run of runs.filter((candidate) => candidate.code !== 0)) expect(run.stderr).toMatch(/is in use by process \d+/);
    }
    // And a run after those finds nothing left to send.
    const again = await sendDue(T0, env).finished;
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("sent 0;");
    expectEachOnce(server, rows);
    expect((await database.use(outboxRows)).every((row) => row.status === "sent")).toBe(true);
  });

  it("sends an email once when its sender is killed with SIGKILL mid-send: after the lease, another run sends it", async () => {
    const { server, database, rows, env } = await setUp(3);
    // The server hangs at MAIL FROM on the first connection: the run is in the middle of a send.
    const hanging = new Promise<void>((resolve) => {
      server.behaviour.mailFrom = (_session, reply) => {
        if (server.sessions.mailFroms > 1) return reply();
        resolve();
      };
    });
    const killed = sendDue(T0, env);
    await hanging;
    killed.child.kill("SIGKILL");
    expect((await killed.finished).signal).toBe("SIGKILL");
    expect(server.arrivals).toEqual([]);
    // The email being sent is the dead sender's until its lease ends, three minutes on; the others wait their turn.
    const claimed = await database.use(outboxRows);
    expect(claimed.map((row) => row.status).sort()).toEqual(["queued", "queued", "sending"]);
    const stalled = claimed.find((row) => row.status === "sending")!;
    expect(stalled.claimedUntil!.getTime()).toBeGreaterThanOrEqual(later(3).getTime());
    expect(stalled.claimedUntil!.getTime()).toBeLessThan(later(3.5).getTime());

    // During the lease another run sends the others, and leaves that one alone.
    const duringLease = await sendDue(later(1), env).finished;
    expect(duringLease.code, duringLease.stdout + duringLease.stderr).toBe(0);
    expect(duringLease.stdout).toContain("sent 2;");
    expectEachOnce(
      server,
      rows.filter((row) => row.id !== stalled.id),
    );

    const afterLease = await sendDue(later(4), env).finished;
    expect(afterLease.code, afterLease.stdout + afterLease.stderr).toBe(0);
    expect(afterLease.stdout).toContain("sent 1;");
    expectEachOnce(server, rows);
    expect((await database.use(outboxRows)).map((row) => [row.status, row.claimedUntil])).toEqual([
      ["sent", null],
      ["sent", null],
      ["sent", null],
    ]);
  });

  it("tries again after a temporary refusal (421), later each time, and delivers each email once when the server accepts", async () => {
    const { server, database, rows, env } = await setUp(3);
    server.behaviour.mailFrom = (_session, reply) => reply(refusal(421, "Too busy, try again later"));

    const first = await sendDue(T0, env).finished;
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("to retry 3;");
    expect(first.stdout).toMatch(/will try again: .*421 Too busy, try again later/);
    let queued = await database.use(outboxRows);
    // A minute's wait after the first failure (from when it failed, a moment after --now).
    expect(queued.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ["queued", 1]));
    expectBetween(queued, later(1), later(1.5));
    expect(queued[0]!.lastError).toContain("421 Too busy, try again later");

    // Before the wait is over nothing is tried.
    const early = await sendDue(later(0.5), env).finished;
    expect(early.code).toBe(0);
    expect(early.stdout).toContain("sent 0; to retry 0;");

    const second = await sendDue(later(1.5), env).finished;
    expect(second.code).toBe(1);
    queued = await database.use(outboxRows);
    // The second wait is twice the first.
    expect(queued.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ["queued", 2]));
    expectBetween(queued, later(3.5), later(4));

    delete server.behaviour.mailFrom;
    const accepted = await sendDue(later(4), env).finished;
    expect(accepted.code, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain("sent 3;");
    expectEachOnce(server, rows);
    expect((await database.use(outboxRows)).map((row) => [row.status, row.lastError])).toEqual(rows.map(() => ["sent", null]));
    expect((await sendDue(later(60), env).finished).stdout).toContain("sent 0;");
    expectEachOnce(server, rows);
  });

  it("gives up on a permanent refusal (550) at once, with the server's reason, and never tries it again", async () => {
    const { server, database, rows, env } = await setUp(5);
    server.behaviour.rcptTo = (address, reply) => reply(address === "councillor@demo.test" ? refusal(550, "No such mailbox here") : null);

    const run = await sendDue(T0, env).finished;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("sent 4; to retry 0; failed 1;");
    expect(run.stdout).toContain("councillor@demo.test: Refused by the mail server: 550 No such mailbox here");
    const refusedRow = rows.find((row) => row.to === "councillor@demo.test")!;
    const after = await database.use(outboxRows);
    expect(after.find((row) => row.id === refusedRow.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringContaining("550 No such mailbox here"),
    });

    const mailFromsBefore = server.sessions.mailFroms;
    const later60 = await sendDue(later(60), env).finished;
    expect(later60.code).toBe(0);
    expect(later60.stdout).toContain("sent 0;");
    expect(server.sessions.mailFroms).toBe(mailFromsBefore);
    expectEachOnce(
      server,
      rows.filter((row) => row !== refusedRow),
    );
    expect(server.arrivalsById().get(messageIdOf(refusedRow.id))).toBeUndefined();
  });

  it("sends nothing without SMTP_URL: the emails wait in the outbox, and the run exits 1 saying why", async () => {
    const { server, database, rows, env } = await setUp(2);
    const run = await sendDue(T0, { ...env, SMTP_URL: "" }).finished;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("SMTP_URL is not set: nothing was sent, and the emails wait in the outbox");
    expect(server.sessions.mailFroms).toBe(0);
    expect((await database.use(outboxRows)).map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ["queued", 0]));

    // Once it is set, they go.
    const withServer = await sendDue(T0, env).finished;
    expect(withServer.code, withServer.stdout + withServer.stderr).toBe(0);
    expectEachOnce(server, rows);
  });
});
