import { describe, expect, it } from "vitest";
import { deliveryFixtures, expectEachOnce, later, outboxRows, refusal, sendDue, T0, type Reply } from "./support/mail";

// A sender that outlives its lease on PostgreSQL, where two senders share the
// outbox (two instances, or cron beside the app): one stalls mid-send past
// its lease, a second takes over and delivers, and when the first comes back
// it must neither send what the second has sent nor put it back in the queue.
// (On PGlite one process owns the data folder, so there is no second sender.)

const setUp = deliveryFixtures();

describe("two senders on PostgreSQL, the first stalled past its lease", () => {
  it("sends every email once: the second takes over, and the first, coming back, leaves the rows alone", async () => {
    const { server, database, rows, env } = await setUp(3);
    // The first send hangs at MAIL FROM until the test answers it.
    let answerTheStalled: Reply | undefined;
    const stalled = new Promise<void>((resolve) => {
      server.behaviour.mailFrom = (_session, reply) => {
        if (answerTheStalled) return reply();
        answerTheStalled = reply;
        resolve();
      };
    });
    const first = sendDue(T0, env);
    await stalled;

    // Four minutes on, by the second sender's clock, the first one's lease is over.
    const second = await sendDue(later(4), env).finished;
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain("sent 3;");
    expectEachOnce(server, rows);

    // The first sender's send fails at last, as its socket timeout would end it.
    answerTheStalled!(refusal(421, "Timed out"));
    const firstDone = await first.finished;
    expect(firstDone.code, firstDone.stdout + firstDone.stderr).toBe(0);
    expect(firstDone.stdout).toContain("sent 0; to retry 0; failed 0;");

    expectEachOnce(server, rows);
    expect((await database.use(outboxRows)).map((row) => row.status)).toEqual(["sent", "sent", "sent"]);
    const afterwards = await sendDue(later(60), env).finished;
    expect(afterwards.stdout).toContain("sent 0;");
    expectEachOnce(server, rows);
  });
});
