import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Database, EmailOutboxTable } from "../../../db/schema";
import { EMAILS_LISTED } from "../../domain/email-choices";
import type { EmailKind, EmailStatus } from "../../domain/vocabulary";
import { ConflictError, NotFoundError } from "../platform/errors.server";
import { partnershipWrite, recorded, type Trx } from "../platform/write.server";

// The admins' Emails page: what the outbox holds for a partnership (its
// notices, and the digests of its members, which span partnerships and so
// show their subject only), and sending a failed one again.

export interface OutboxRow {
  id: string;
  toName: string;
  kind: EmailKind;
  subject: string;
  status: EmailStatus;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

/** The partnership's own emails, and the digests of the people who are its members now. */
function ofPartnership(partnershipId: string) {
  return (eb: ExpressionBuilder<Database & { o: EmailOutboxTable }, "o">): Expression<SqlBool> =>
    eb.or([
      eb("o.partnershipId", "=", partnershipId),
      eb.and([
        eb("o.partnershipId", "is", null),
        eb(
          "o.userId",
          "in",
          eb.selectFrom("partnershipMemberships as m").select("m.userId").where("m.partnershipId", "=", partnershipId).where("m.disabledAt", "is", null),
        ),
      ]),
    ]);
}

/** The latest emails of the partnership with these statuses, newest first, and how many there are of each status in all. */
export async function partnershipEmails(
  db: Kysely<Database>,
  partnershipId: string,
  statuses: readonly EmailStatus[],
): Promise<{ rows: OutboxRow[]; counts: Partial<Record<EmailStatus, number>> }> {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom("emailOutbox as o")
      // A survey's invitation goes to an organisation's address, with no account: the address is its name here.
      .leftJoin("users as u", "u.id", "o.userId")
      .select((eb) => eb.fn.coalesce("u.displayName", "o.toAddress", eb.val("")).as("toName"))
      .select(["o.id", "o.kind", "o.subject", "o.status", "o.lastError", "o.attempts", "o.createdAt", "o.sentAt"])
      .where(ofPartnership(partnershipId))
      .where("o.status", "in", statuses.length ? [...statuses] : ["queued"])
      .where("o.status", "!=", "empty")
      .orderBy("o.createdAt", "desc")
      .orderBy("o.id", "desc")
      .limit(EMAILS_LISTED)
      .execute(),
    db
      .selectFrom("emailOutbox as o")
      .select(["o.status", sql<number>`count(*)::int`.as("count")])
      .where(ofPartnership(partnershipId))
      .where("o.status", "!=", "empty")
      .groupBy("o.status")
      .execute(),
  ]);
  return { rows, counts: Object.fromEntries(counts.map((row) => [row.status, Number(row.count)])) };
}

/** The email, locked, when it is this partnership's to see. */
async function lockedEmail(trx: Trx, partnershipId: string, emailId: string) {
  return trx
    .selectFrom("emailOutbox as o")
    .select(["o.id", "o.status", "o.kind", "o.userId", "o.toAddress", "o.attempts", "o.lastError"])
    .where("o.id", "=", emailId)
    .where(ofPartnership(partnershipId))
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Queues a failed email again, to be sent by the next round as if new (its
 * tries counted from nothing). Only a failed one: a queued or sent email
 * needs nothing, and one not sent was stopped for a reason that still holds.
 */
export const retryEmail = partnershipWrite("retryEmail", async ({ trx, actor, authorize }, emailId: string, now: Date = new Date()) => {
  authorize("partnership.manageEmails");
  const email = await lockedEmail(trx, actor.partnershipId, emailId);
  if (!email) throw new NotFoundError("That email");
  if (email.status !== "failed")
    throw new ConflictError(
      email.status === "sent"
        ? "That email has been sent already."
        : email.status === "queued" || email.status === "sending"
          ? "That email is waiting to be sent already."
          : "Only a failed email can be sent again. Reload the page to see where it stands.",
    );
  await trx
    .updateTable("emailOutbox")
    .set({ status: "queued", attempts: 0, nextAttemptAt: now, lastError: null, claimedUntil: null })
    .where("id", "=", email.id)
    .execute();
  return recorded({
    entityType: "email",
    entityId: email.id,
    verb: "email_retried",
    changes: { status: { before: "failed", after: "queued" } },
    context: { kind: email.kind, to: email.userId ?? email.toAddress, attempts: email.attempts, lastError: email.lastError },
  });
});
