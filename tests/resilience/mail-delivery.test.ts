import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { afterEach, describe, expect, inject, it } from "vitest";
import { EMAIL_KINDS } from "../../app/domain/vocabulary";
import { renderEmail } from "../../app/server/mail/compose.server";
import { readUnsubscribeToken } from "../../app/server/mail/unsubscribe.server";
import { queueEmails, type QueuedEmail } from "../../app/server/platform/outbox.server";
import { openDatabase } from "../../db/client";
import type { Database } from "../../db/schema";
import { header, partOf, readEmail, type ArrivedEmail } from "../integration/support/mime";
import { createTestDatabase, engine } from "../integration/support/test-database";

// The outbox delivered by `npm run mail:send-due` as cron runs it, in child
// processes against a copy of the seeded demo, to an SMTP server this test
// controls: two at once, one killed with SIGKILL mid-send, a server that
// refuses for a while, one that refuses for good, and none at all. However it
// goes, every email arrives once, and a row says what happened to it. Arrivals
// are counted by Message-ID, which the sender makes from the row's id.

const root = path.resolve(import.meta.dirname, "../..");
const PUBLIC_URL = "https://board.example.org";
/** The --now of a first run: a Monday morning in December, GMT. */
const T0 = new Date("2026-12-07T09:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DEMO_PEOPLE = ["admin@demo.test", "leader@demo.test", "officer@demo.test", "facilitator@demo.test", "councillor@demo.test"];

// ── The mail server ─────────────────────────────────────────────────────────

interface Arrival {
  envelopeTo: string[];
  email: ArrivedEmail;
}

type Reply = (error?: Error | null) => void;

/** An SMTP server whose answers to MAIL FROM and RCPT TO the test decides. */
async function startMailServer() {
  const arrivals: Arrival[] = [];
  const behaviour: {
    mailFrom?: (session: SMTPServerSession, reply: Reply) => void;
    rcptTo?: (address: string, reply: Reply) => void;
  } = {};
  const sessions = { open: 0, mailFroms: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onConnect(_session, reply) {
      sessions.open++;
      reply();
    },
    onClose() {
      sessions.open--;
    },
    onMailFrom(_address, session, reply) {
      sessions.mailFroms++;
      if (behaviour.mailFrom) behaviour.mailFrom(session, reply);
      else reply();
    },
    onRcptTo(address, _session, reply) {
      if (behaviour.rcptTo) behaviour.rcptTo(address.address, reply);
      else reply();
    },
    onData(stream, session, reply) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        arrivals.push({ envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address), email: readEmail(Buffer.concat(chunks).toString()) });
        reply();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    arrivals,
    behaviour,
    sessions,
    /** How many times each Message-ID arrived. */
    arrivalsById(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const arrival of arrivals) {
        const messageId = header(arrival.email, "message-id") ?? "";
        counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
      }
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type MailServer = Awaited<ReturnType<typeof startMailServer>>;

/** A reply with an SMTP code, as a real server would refuse. */
function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

// ── The database and the outbox ─────────────────────────────────────────────

/** A copy of the seeded Portsmouth demo for the command line; on PGlite a data folder, which one process holds at a time. */
async function mailDatabase(): Promise<{
  env: Record<string, string>;
  use<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}> {
  if (engine === "postgres") {
    const database = await createTestDatabase({ from: "portsmouth" });
    return {
      env: { DATABASE_URL: database.databaseUrl! },
      use: <T>(work: (db: Kysely<Database>) => Promise<T>) => work(database.db),
      close: () => database.close(),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-mail-"));
  fs.cpSync(inject("pgliteDataFolders").portsmouth, dataDir, { recursive: true });
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: "" },
    async use<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      const handle = await openDatabase({ dataDir });
      try {
        return await work(handle.db);
      } finally {
        await handle.close();
      }
    },
    close: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
type MailDatabase = Awaited<ReturnType<typeof mailDatabase>>;

/**
 * Queues `count` notices to the demo people in turn, as a change would, and
 * turns off the emails that time causes (digests, reminders) so that only
 * these go; returns each row's id and recipient.
 */
async function queueNotices(db: Kysely<Database>, count: number): Promise<Array<{ id: string; to: string }>> {
  const users = await db.selectFrom("users").select(["id", "email"]).where("email", "in", DEMO_PEOPLE).orderBy("email").execute();
  const { id: partnershipId } = await db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
  await db
    .insertInto("emailOptOuts")
    .values(users.flatMap((user) => (["digest", "due_reminder"] as const).map((kind) => ({ userId: user.id, kind }))))
    .execute();
  const emails: QueuedEmail[] = Array.from({ length: count }, (_, index) => ({
    userId: users[index % users.length]!.id,
    kind: "completion_proposed",
    partnershipId,
    subject: `Confirm ${index + 1}.1 is done? — Portsmouth`,
    ...renderEmail({ title: `Confirm ${index + 1}.1 is done?`, intro: [`Notice ${index + 1} of ${count}.`] }),
  }));
  expect(await queueEmails(db, emails, T0)).toBe(count);
  const rows = await db.selectFrom("emailOutbox as e").innerJoin("users as u", "u.id", "e.userId").select(["e.id", "u.email as to"]).execute();
  return rows;
}

async function outboxRows(db: Kysely<Database>) {
  return db.selectFrom("emailOutbox").select(["id", "status", "attempts", "nextAttemptAt", "lastError", "claimedUntil"]).orderBy("createdAt").execute();
}

// ── The command line ────────────────────────────────────────────────────────

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `npm run mail:send-due -- --now <now>`, run as node itself so that a SIGKILL reaches the sender and not npm. */
function sendDue(now: Date, env: Record<string, string>): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/mail.ts", "send-due", "--now", now.toISOString()], {
    cwd: root,
    env: { ...process.env, MAIL_TO_DEMO_ADDRESSES: "true", PUBLIC_URL, MAIL_FROM: "Partnership Board <board@example.org>", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, finished };
}

const messageIdOf = (rowId: string) => `<${rowId}@board.example.org>`;

/** Every row's email arrived exactly once, to its one recipient. */
function expectEachOnce(server: MailServer, rows: Array<{ id: string; to: string }>) {
  const counts = server.arrivalsById();
  expect(rows.map((row) => [row.id, counts.get(messageIdOf(row.id)) ?? 0])).toEqual(rows.map((row) => [row.id, 1]));
  for (const row of rows) {
    const arrival = server.arrivals.find((candidate) => header(candidate.email, "message-id") === messageIdOf(row.id))!;
    expect(arrival.envelopeTo).toEqual([row.to]);
  }
}

let server: MailServer | undefined;
let database: MailDatabase | undefined;
afterEach(async () => {
  await server?.close();
  await database?.close();
  server = database = undefined;
});

async function setUp(count: number) {
  server = await startMailServer();
  database = await mailDatabase();
  const rows = await database.use((db) => queueNotices(db, count));
  return { server, database, rows, env: { ...database.env, SMTP_URL: server.url } };
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
    expect(EMAIL_KINDS).toContain(token!.kind);
    expect((await database.use(outboxRows))[0]).toMatchObject({ status: "sent", attempts: 1, lastError: null, claimedUntil: null });
  });

  it("never sends an email twice when two run at once", async () => {
    // More than one claim's worth (20), so both runs have rows to take.
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
    // The run had claimed them all: each is another sender's until its lease ends.
    const claimed = await database.use(outboxRows);
    expect(claimed.map((row) => row.status)).toEqual(["sending", "sending", "sending"]);
    expect(claimed.every((row) => row.claimedUntil!.getTime() === later(3).getTime())).toBe(true);

    const duringLease = await sendDue(later(1), env).finished;
    expect(duringLease.code, duringLease.stdout + duringLease.stderr).toBe(0);
    expect(duringLease.stdout).toContain("sent 0;");
    expect(server.arrivals).toEqual([]);

    const afterLease = await sendDue(later(4), env).finished;
    expect(afterLease.code, afterLease.stdout + afterLease.stderr).toBe(0);
    expect(afterLease.stdout).toContain("sent 3;");
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
    expect(queued.map((row) => [row.status, row.attempts, row.nextAttemptAt.toISOString()])).toEqual(rows.map(() => ["queued", 1, later(1).toISOString()]));
    expect(queued[0]!.lastError).toContain("421 Too busy, try again later");

    // Before the wait is over nothing is tried.
    const early = await sendDue(later(0.5), env).finished;
    expect(early.code).toBe(0);
    expect(early.stdout).toContain("sent 0; to retry 0;");

    const second = await sendDue(later(1), env).finished;
    expect(second.code).toBe(1);
    queued = await database.use(outboxRows);
    // The second wait is twice the first.
    expect(queued.map((row) => [row.status, row.attempts, row.nextAttemptAt.toISOString()])).toEqual(rows.map(() => ["queued", 2, later(3).toISOString()]));

    delete server.behaviour.mailFrom;
    const accepted = await sendDue(later(3), env).finished;
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
