import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import { sql } from "kysely";
import type { Database } from "../../../db/schema";
import { EMAIL_KIND_WORDS, MAX_SEND_ATTEMPTS, NOTICE_STALE_AFTER_MS, retryDelayMs } from "../../domain/emails";
import type { EmailKind } from "../../domain/vocabulary";
import { config } from "../platform/config.server";
import { wantedEmails } from "../platform/outbox.server";
import { escapeHtml, mailLink } from "./compose.server";
import { unsubscribePath, unsubscribeToken } from "./unsubscribe.server";

// Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED in one
// statement that marks them "sending" until a lease ends, so two instances
// never take the same row, and a row whose sender died (kill -9) is taken
// again once its lease is over. A failure is tried again later, waiting
// longer each time, until MAX_SEND_ATTEMPTS; a permanent refusal (5xx) fails
// at once. Each email carries a Message-ID made from its row, so a retry is
// recognisably the same email.

/** How long a claimed row is another sender's: longer than any one send may take (see the timeouts below). */
const LEASE_MS = 3 * 60_000;
/** Rows claimed at a time. */
const BATCH = 20;
/** The socket timeouts a send may take, well inside the lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export interface DeliveryReport {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for good (a permanent refusal, or the last attempt). */
  failed: number;
  /** Not sent and never will be (turned off, account disabled, demo address, too old). */
  cancelled: number;
  /** Why each failure and cancellation happened, one line each. */
  reasons: string[];
}

export interface DeliveryOptions {
  now?: Date;
  /** The mail server (SMTP_URL); without one nothing is sent and the outbox keeps the emails. */
  smtpUrl?: string | null;
  /** Send to demo accounts' addresses (@demo.test) too (MAIL_TO_DEMO_ADDRESSES=true). */
  toDemoAddresses?: boolean;
}

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS } as Parameters<typeof nodemailer.createTransport>[0]);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Addresses the demo gives its people: never handed to a real server unless the operator says so. */
export function isDemoAddress(email: string): boolean {
  return email.endsWith("@demo.test");
}

/** Sends what is due now; call again until it reports nothing claimed. */
export async function deliverDueEmails(db: Kysely<Database>, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, cancelled: 0, reasons: [] };
  const smtpUrl = options.smtpUrl === undefined ? config.smtpUrl : options.smtpUrl;
  if (!smtpUrl) return report;
  const now = options.now ?? new Date();
  for (;;) {
    const claimed = await claimDue(db, now);
    if (claimed.length === 0) return report;
    for (const row of claimed) await deliverOne(db, row, { now, smtpUrl, toDemoAddresses: options.toDemoAddresses ?? config.mailToDemoAddresses }, report);
    if (claimed.length < BATCH) return report;
  }
}

type ClaimedRow = Awaited<ReturnType<typeof claimDue>>[number];

async function claimDue(db: Kysely<Database>, now: Date) {
  const leaseEnd = new Date(now.getTime() + LEASE_MS);
  return db
    .updateTable("emailOutbox")
    .set({ status: "sending", claimedUntil: leaseEnd, attempts: sql<number>`attempts + 1` })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("emailOutbox")
        .select("id")
        .where((where) =>
          where.or([
            where.and([where("status", "=", "queued"), where("nextAttemptAt", "<=", now)]),
            // A sender that died holding it: its lease is over.
            where.and([where("status", "=", "sending"), where("claimedUntil", "<", now)]),
          ]),
        )
        .orderBy("nextAttemptAt")
        .limit(BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .returning(["id", "userId", "partnershipId", "kind", "subject", "textBody", "htmlBody", "attempts", "createdAt"])
    .execute();
}

async function deliverOne(
  db: Kysely<Database>,
  row: ClaimedRow,
  options: Required<Omit<DeliveryOptions, "smtpUrl">> & { smtpUrl: string },
  report: DeliveryReport,
) {
  const recipient = await db.selectFrom("users").select(["email", "displayName"]).where("id", "=", row.userId).executeTakeFirstOrThrow();
  const stopReason = await reasonNotToSend(db, row, recipient.email, options);
  if (stopReason) {
    await settle(db, row.id, { status: "cancelled", lastError: stopReason, claimedUntil: null });
    report.cancelled++;
    report.reasons.push(`${recipient.email}: ${stopReason}`);
    return;
  }
  const unsubscribeUrl = mailLink(unsubscribePath(await unsubscribeToken(db, row.userId, row.kind)));
  try {
    await transportFor(options.smtpUrl).sendMail({
      from: config.mailFrom,
      to: { name: recipient.displayName.replace(/[\r\n]+/g, " "), address: recipient.email },
      subject: row.subject,
      text: row.textBody + textFooter(row.kind, unsubscribeUrl),
      html: row.htmlBody.replace("</body>", `${htmlFooter(row.kind, unsubscribeUrl)}\n</body>`),
      messageId: `<${row.id}@${new URL(mailLink("/")).hostname}>`,
      headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    await settle(db, row.id, { status: "sent", sentAt: new Date(), lastError: null, claimedUntil: null });
    report.sent++;
  } catch (error) {
    const reason = describeFailure(error);
    const permanent = isPermanent(error);
    if (permanent || row.attempts >= MAX_SEND_ATTEMPTS) {
      const lastError = permanent ? `Refused by the mail server: ${reason}` : `Gave up after ${row.attempts} attempts: ${reason}`;
      await settle(db, row.id, { status: "failed", lastError, claimedUntil: null });
      report.failed++;
      report.reasons.push(`${recipient.email}: ${lastError}`);
    } else {
      await settle(db, row.id, {
        status: "queued",
        lastError: reason,
        claimedUntil: null,
        nextAttemptAt: new Date(options.now.getTime() + retryDelayMs(row.attempts)),
      });
      report.retrying++;
      report.reasons.push(`${recipient.email}: will try again: ${reason}`);
    }
  }
}

/** Why an email due now must not go at all, or null when it may. */
async function reasonNotToSend(db: Kysely<Database>, row: ClaimedRow, email: string, options: { now: Date; toDemoAddresses: boolean }): Promise<string | null> {
  if ((await wantedEmails(db, [row])).length === 0) return "The person turned these emails off, their account is disabled or they are no longer a member";
  if (isDemoAddress(email) && !options.toDemoAddresses) return "A demo address: not sent to a mail server unless MAIL_TO_DEMO_ADDRESSES=true";
  if (options.now.getTime() - new Date(row.createdAt).getTime() > NOTICE_STALE_AFTER_MS) return "No longer current: it could not be sent within 7 days";
  return null;
}

async function settle(
  db: Kysely<Database>,
  id: string,
  values: { status: "sent" | "queued" | "failed" | "cancelled"; lastError: string | null; claimedUntil: null; sentAt?: Date; nextAttemptAt?: Date },
) {
  await db.updateTable("emailOutbox").set(values).where("id", "=", id).execute();
}

function textFooter(kind: EmailKind, unsubscribeUrl: string): string {
  return [
    "",
    "--",
    `You get this email from Partnership Board. To stop getting "${EMAIL_KIND_WORDS[kind].label}" emails, open ${unsubscribeUrl}`,
    `To choose which emails you get, go to Your account: ${mailLink("/account#emails-heading")}`,
    "",
  ].join("\n");
}

function htmlFooter(kind: EmailKind, unsubscribeUrl: string): string {
  return [
    "<hr>",
    `<p>You get this email from Partnership Board. <a href="${escapeHtml(unsubscribeUrl)}">Stop getting “${escapeHtml(EMAIL_KIND_WORDS[kind].label)}” emails</a>.`,
    ` <a href="${escapeHtml(mailLink("/account#emails-heading"))}">Choose which emails you get</a>.</p>`,
  ].join("");
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const response = (error as { response?: unknown }).response;
  return (typeof response === "string" ? response : error.message).replace(/\s+/g, " ").slice(0, 500);
}

/** A 5xx reply is the server's final word (no such mailbox, say); anything else may pass. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
