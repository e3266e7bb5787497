import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { PersonEmailKind } from "../../domain/vocabulary";
import { buildDigest } from "./digests.server";

// An email as it would go to a person, for `npm run mail:preview` and Your
// account: the digest built for `now`; for other kinds, the latest one queued.

export interface PreviewedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A digest with nothing to say: built to show, never sent. */
  empty: boolean;
}

export async function previewEmail(db: Kysely<Database>, email: string, kind: PersonEmailKind, now: Date): Promise<PreviewedEmail | null> {
  const person = await db.selectFrom("users").select(["id", "email"]).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  if (!person) return null;
  if (kind === "digest") {
    // "Your next digest": built afresh for `now`, whether or not this week's has gone.
    const digest = await buildDigest(db, person.id, now);
    return digest ? { to: person.email, subject: digest.subject, text: digest.text, html: digest.html, empty: digest.empty } : null;
  }
  const latest = await db
    .selectFrom("emailOutbox")
    .select(["subject", "textBody", "htmlBody"])
    .where("userId", "=", person.id)
    .where("kind", "=", kind)
    .where("status", "!=", "empty")
    .orderBy("createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest ? { to: person.email, subject: latest.subject, text: latest.textBody, html: latest.htmlBody, empty: false } : null;
}
