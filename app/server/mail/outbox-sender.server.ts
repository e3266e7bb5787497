import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import { sql } from "kysely";
import type { Database } from "../../../db/schema";
import { EMAIL_KIND_WORDS, MAX_SEND_ATTEMPTS, NOTICE_STALE_AFTER_MS, retryDelayMs } from "../../domain/emails";
import { isPersonEmailKind, type PersonEmailKind } from "../../domain/vocabulary";
import { SURVEY_ANSWER_PATH } from "../../domain/surveys";
import { config } from "../platform/config.server";
import { wantedEmails } from "../platform/outbox.server";
import { escapeHtml, mailLink } from "./compose.server";
import { unsubscribePath, unsubscribeToken } from "./unsubscribe.server";

// Delivers the outbox. A row is claimed with FOR UPDATE SKIP LOCKED in one
// statement that marks it "sending" until a lease ends, so two instances
// never take the same row, and a row whose sender died (kill -9) is taken
// again once its lease is over. One row is claimed at a time, just before it
// is sent, so the lease only has to outlast one send; and a sender records
// how a send went only while the row is still its own (its lease), so one
// that stalled past its lease neither undoes nor repeats what the sender that
// took over did. A failure is tried again later, waiting longer each time,
// until MAX_SEND_ATTEMPTS; a permanent refusal (5xx) fails at once. Each email
// carries a Message-ID made from its row, so a retry is recognisably the same
// email.

/** How long a claimed row is another sender's: longer than any one send may take (see the timeouts below). */
const LEASE_MS = 3 * 60_000;
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
  // Time passes during a run, from `now` (the command line's --now) on: a lease taken late in a long run ends late too.
  const startedAt = Date.now();
  const start = options.now ?? new Date(startedAt);
  const clock = () => new Date(start.getTime() + (Date.now() - startedAt));
  const toDemoAddresses = options.toDemoAddresses ?? config.mailToDemoAddresses;
  for (;;) {
    const row = await claimDue(db, clock());
    if (!row) return report;
    await deliverOne(db, row, { now: clock(), smtpUrl, toDemoAddresses }, report);
  }
}

type ClaimedRow = NonNullable<Awaited<ReturnType<typeof claimDue>>>;

/** The row due first that no other sender holds, now this sender's until its lease ends; undefined when none is due. */
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
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning(["id", "userId", "toAddress", "partnershipId", "kind", "subject", "textBody", "htmlBody", "attempts", "createdAt", "claimedUntil"])
    .executeTakeFirst();
}

async function deliverOne(
  db: Kysely<Database>,
  row: ClaimedRow,
  options: Required<Omit<DeliveryOptions, "smtpUrl">> & { smtpUrl: string },
  report: DeliveryReport,
) {
  const recipient = row.userId
    ? await db.selectFrom("users").select(["email", "displayName"]).where("id", "=", row.userId).executeTakeFirstOrThrow()
    : { email: row.toAddress!, displayName: "" };
  const stopReason = await reasonNotToSend(db, row, recipient.email, options);
  if (stopReason) {
    if (!(await settle(db, row, { status: "cancelled", lastError: stopReason, claimedUntil: null }))) return tookOver(report, recipient.email);
    report.cancelled++;
    report.reasons.push(`${recipient.email}: ${stopReason}`);
    return;
  }
  const footer = row.userId && isPersonEmailKind(row.kind) ? await personFooter(db, row.userId, row.kind) : ADDRESS_FOOTER;
  try {
    await transportFor(options.smtpUrl).sendMail({
      from: config.mailFrom,
      to: recipient.displayName ? { name: recipient.displayName.replace(/[\r\n]+/g, " "), address: recipient.email } : recipient.email,
      subject: row.subject,
      text: row.textBody + footer.text,
      html: row.htmlBody.replace("</body>", `${footer.html}\n</body>`),
      messageId: `<${row.id}@${new URL(mailLink("/")).hostname}>`,
      headers: footer.headers,
    });
    const sent = { status: "sent" as const, sentAt: new Date(), lastError: null, claimedUntil: null };
    if (!(await settle(db, row, row.kind === "survey_invitation" ? { ...sent, ...withoutSurveyLink(row) } : sent))) return tookOver(report, recipient.email);
    report.sent++;
  } catch (error) {
    const reason = describeFailure(error);
    const permanent = isPermanent(error);
    if (permanent || row.attempts >= MAX_SEND_ATTEMPTS) {
      const lastError = permanent ? `Refused by the mail server: ${reason}` : `Gave up after ${row.attempts} attempts: ${reason}`;
      if (!(await settle(db, row, { status: "failed", lastError, claimedUntil: null }))) return tookOver(report, recipient.email);
      report.failed++;
      report.reasons.push(`${recipient.email}: ${lastError}`);
    } else {
      const requeued = await settle(db, row, {
        status: "queued",
        lastError: reason,
        claimedUntil: null,
        nextAttemptAt: new Date(options.now.getTime() + retryDelayMs(row.attempts)),
      });
      if (!requeued) return tookOver(report, recipient.email);
      report.retrying++;
      report.reasons.push(`${recipient.email}: will try again: ${reason}`);
    }
  }
}

/** Why an email due now must not go at all, or null when it may. */
async function reasonNotToSend(db: Kysely<Database>, row: ClaimedRow, email: string, options: { now: Date; toDemoAddresses: boolean }): Promise<string | null> {
  if (row.userId && (await wantedEmails(db, [row])).length === 0)
    return "The person turned these emails off, their account is disabled or they are no longer a member";
  if (isDemoAddress(email) && !options.toDemoAddresses) return "A demo address: not sent to a mail server unless MAIL_TO_DEMO_ADDRESSES=true";
  if (options.now.getTime() - new Date(row.createdAt).getTime() > NOTICE_STALE_AFTER_MS) return "No longer current: it could not be sent within 7 days";
  return null;
}

/** Records how the row's send went, if the row is still this sender's; false when its lease ended and another sender took it. */
async function settle(
  db: Kysely<Database>,
  row: Pick<ClaimedRow, "id" | "claimedUntil">,
  values: {
    status: "sent" | "queued" | "failed" | "cancelled";
    lastError: string | null;
    claimedUntil: null;
    sentAt?: Date;
    nextAttemptAt?: Date;
    textBody?: string;
    htmlBody?: string;
  },
): Promise<boolean> {
  // A lease taken over always ends later than the one it replaced, so the lease's end tells whose the row is.
  const result = await db
    .updateTable("emailOutbox")
    .set(values)
    .where("id", "=", row.id)
    .where("status", "=", "sending")
    .where("claimedUntil", "=", row.claimedUntil!)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

function tookOver(report: DeliveryReport, email: string): void {
  report.reasons.push(`${email}: this send outlasted its lease, so another sender took the email over and its outcome stands`);
}

interface Footer {
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** A person's email ends with the link that turns its kind off, in the footer and in List-Unsubscribe (RFC 8058). */
async function personFooter(db: Kysely<Database>, userId: string, kind: PersonEmailKind): Promise<Footer> {
  const unsubscribeUrl = mailLink(unsubscribePath(await unsubscribeToken(db, userId, kind)));
  return {
    text: textFooter(kind, unsubscribeUrl),
    html: htmlFooter(kind, unsubscribeUrl),
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

/** An address with no account has nothing to turn off: each such email is a single one (an organisation's survey link), never a series. */
const ADDRESS_FOOTER: Footer = {
  text: ["", "--", "You get this email from Partnership Board, once: it is not a mailing list, and nothing more is sent to you about it.", ""].join("\n"),
  html: "<hr>\n<p>You get this email from Partnership Board, once: it is not a mailing list, and nothing more is sent to you about it.</p>",
  headers: {},
};

/**
 * A survey link once its email is sent: the outbox keeps the email for the
 * admins' page, but not the link, so that the database holds a link only as
 * its hash from then on (an unsent one stays, to be sent or retried).
 */
function withoutSurveyLink(row: Pick<ClaimedRow, "textBody" | "htmlBody">): { textBody: string; htmlBody: string } {
  const link = new RegExp(`${SURVEY_ANSWER_PATH}/[a-z2-7]+`, "g");
  const removed = `${SURVEY_ANSWER_PATH}/(link removed once sent)`;
  return { textBody: row.textBody.replace(link, removed), htmlBody: row.htmlBody.replace(link, removed) };
}

function textFooter(kind: PersonEmailKind, unsubscribeUrl: string): string {
  return [
    "",
    "--",
    `You get this email from Partnership Board. To stop getting "${EMAIL_KIND_WORDS[kind].label}" emails, open ${unsubscribeUrl}`,
    `To choose which emails you get, go to Your account: ${mailLink("/account#emails-heading")}`,
    "",
  ].join("\n");
}

function htmlFooter(kind: PersonEmailKind, unsubscribeUrl: string): string {
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
