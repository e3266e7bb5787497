import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { AddressEmailKind, PersonEmailKind } from "../../domain/vocabulary";

// The outbox's one way in. An email is a row, inserted in the transaction of
// the change that causes it (see write.server.ts), so it exists exactly when
// the change does; the mail room's sender delivers rows later. Who gets
// nothing is decided here, once: someone who cannot sign in (disabled, or
// named as a lead but never invited), an ended membership, a kind the person
// turned off. An email to an address with no account (a survey's invitation
// to an organisation) has no person to ask about, and goes as queued.

/** One email to queue, rendered: the sender adds the footer (and, to a person, the unsubscribe headers). */
export type QueuedEmail = PersonEmail | AddressEmail;

interface EmailBase {
  /** The partnership it is about, whose admins see it on their Emails page; null for a digest across partnerships. */
  partnershipId: string | null;
  /** Set where the email must exist once at most ("digest:<person>:2026-W49"): a second insert is ignored. */
  dedupeKey?: string | null;
  subject: string;
  text: string;
  html: string;
  /** "empty": a digest's week with nothing to say, recorded so that it counts as done and is never sent. */
  status?: "queued" | "empty";
}

export interface PersonEmail extends EmailBase {
  userId: string;
  kind: PersonEmailKind;
  toAddress?: never;
}

/** To an address, not an account: nothing to turn off, so no preference is asked. */
export interface AddressEmail extends EmailBase {
  userId?: never;
  kind: AddressEmailKind;
  toAddress: string;
}

/** Queues the emails whose recipients still want them; returns how many rows were added. */
export async function queueEmails(db: Kysely<Database>, emails: readonly QueuedEmail[], now: Date = new Date()): Promise<number> {
  if (emails.length === 0) return 0;
  const wanted = await wantedEmails(db, emails);
  if (wanted.length === 0) return 0;
  const rows = await db
    .insertInto("emailOutbox")
    .values(
      wanted.map((email) => ({
        userId: email.userId ?? null,
        toAddress: email.toAddress ?? null,
        kind: email.kind,
        partnershipId: email.partnershipId,
        dedupeKey: email.dedupeKey ?? null,
        // Headers are one line each: a line break in a subject (from a title someone typed) would start a header of its own.
        subject: email.subject.replace(/[\r\n]+/g, " ").slice(0, 250),
        textBody: email.text,
        htmlBody: email.html,
        status: email.status ?? "queued",
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflict((conflict) => conflict.column("dedupeKey").doNothing())
    .returning("id")
    .execute();
  return rows.length;
}

/**
 * The emails whose recipient can sign in, is still a member where the email is about a partnership, and has not turned the kind off;
 * an email to an address with no account (no userId) is wanted as it is.
 */
export async function wantedEmails<Email extends { userId?: string | null; kind: string; partnershipId: string | null }>(
  db: Kysely<Database>,
  emails: readonly Email[],
): Promise<Email[]> {
  if (emails.length === 0) return [];
  const userIds = [...new Set(emails.flatMap((email) => (email.userId ? [email.userId] : [])))];
  if (userIds.length === 0) return [...emails];
  const [activeUsers, optOuts, memberships] = await Promise.all([
    db.selectFrom("users").select("id").where("id", "in", userIds).where("disabledAt", "is", null).where("passwordHash", "is not", null).execute(),
    db.selectFrom("emailOptOuts").select(["userId", "kind"]).where("userId", "in", userIds).execute(),
    db.selectFrom("partnershipMemberships").select(["userId", "partnershipId"]).where("userId", "in", userIds).where("disabledAt", "is", null).execute(),
  ]);
  const active = new Set(activeUsers.map((user) => user.id));
  const turnedOff = new Set(optOuts.map((row) => `${row.userId} ${row.kind}`));
  const memberOf = new Set(memberships.map((row) => `${row.userId} ${row.partnershipId}`));
  return emails.filter(
    (email) =>
      !email.userId ||
      (active.has(email.userId) &&
        !turnedOff.has(`${email.userId} ${email.kind}`) &&
        (email.partnershipId === null || memberOf.has(`${email.userId} ${email.partnershipId}`))),
  );
}

/** Which of these dedupe keys are already in the outbox: what is due is then built only for the rest. */
export async function queuedDedupeKeys(db: Kysely<Database>, keys: readonly string[]): Promise<Set<string | null>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom("emailOutbox").select("dedupeKey").where("dedupeKey", "in", keys).execute();
  return new Set(rows.map((row) => row.dedupeKey));
}
