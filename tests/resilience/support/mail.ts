// What the mail delivery tests share: an SMTP server whose answers a test
// decides, a copy of the seeded demo for the command line, notices queued as
// a change queues them, and `npm run mail:send-due` as a child process.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { afterEach, expect, inject } from "vitest";
import { renderEmail } from "../../../app/server/mail/compose.server";
import { queueEmails, type QueuedEmail } from "../../../app/server/platform/outbox.server";
import { openDatabase } from "../../../db/client";
import type { Database } from "../../../db/schema";
import { header, readEmail, type ArrivedEmail } from "../../integration/support/mime";
import { createTestDatabase, engine } from "../../integration/support/test-database";

const root = path.resolve(import.meta.dirname, "../../..");
export const PUBLIC_URL = "https://board.example.org";
/** The --now of a first run: a Monday morning in December, GMT. */
export const T0 = new Date("2026-12-07T09:00:00Z");
export const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
export const DEMO_PEOPLE = ["admin@demo.test", "leader@demo.test", "officer@demo.test", "facilitator@demo.test", "councillor@demo.test"];

// ── The mail server ─────────────────────────────────────────────────────────

export interface Arrival {
  envelopeTo: string[];
  email: ArrivedEmail;
}

export type Reply = (error?: Error | null) => void;

/** An SMTP server whose answers to MAIL FROM and RCPT TO the test decides. */
export async function startMailServer() {
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
export type MailServer = Awaited<ReturnType<typeof startMailServer>>;

/** A reply with an SMTP code, as a real server would refuse. */
export function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

// ── The database and the outbox ─────────────────────────────────────────────

/** A copy of the seeded Portsmouth demo for the command line; on PGlite a data folder, which one process holds at a time. */
export async function mailDatabase(): Promise<{
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
export type MailDatabase = Awaited<ReturnType<typeof mailDatabase>>;

/**
 * Queues `count` notices to the demo people in turn, as a change would, and
 * turns off the emails that time causes (digests, reminders) so that only
 * these go; returns each row's id and recipient.
 */
export async function queueNotices(db: Kysely<Database>, count: number): Promise<Array<{ id: string; to: string }>> {
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

export async function outboxRows(db: Kysely<Database>) {
  return db.selectFrom("emailOutbox").select(["id", "status", "attempts", "nextAttemptAt", "lastError", "claimedUntil"]).orderBy("createdAt").execute();
}

// ── The command line ────────────────────────────────────────────────────────

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `npm run mail:send-due -- --now <now>`, run as node itself so that a SIGKILL reaches the sender and not npm. */
export function sendDue(now: Date, env: Record<string, string>): { child: ChildProcess; finished: Promise<Finished> } {
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

export const messageIdOf = (rowId: string) => `<${rowId}@board.example.org>`;

/** Every row's email arrived exactly once, to its one recipient. */
export function expectEachOnce(server: MailServer, rows: Array<{ id: string; to: string }>) {
  const counts = server.arrivalsById();
  expect(rows.map((row) => [row.id, counts.get(messageIdOf(row.id)) ?? 0])).toEqual(rows.map((row) => [row.id, 1]));
  for (const row of rows) {
    const arrival = server.arrivals.find((candidate) => header(candidate.email, "message-id") === messageIdOf(row.id))!;
    expect(arrival.envelopeTo).toEqual([row.to]);
  }
}

/**
 * Each test's mail server and database with `count` notices queued, closed
 * after the test: call once per file, and the function it returns in each test.
 */
export function deliveryFixtures() {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const resource of open.splice(0).reverse()) await resource.close();
  });
  return async (count: number) => {
    const server = await startMailServer();
    open.push(server);
    const database = await mailDatabase();
    open.push(database);
    const rows = await database.use((db) => queueNotices(db, count));
    return { server, database, rows, env: { ...database.env, SMTP_URL: server.url } };
  };
}
