import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DEFAULT_DIGEST_DAY } from "../../domain/emails";
import { PERSON_EMAIL_KINDS, type PersonEmailKind } from "../../domain/vocabulary";
import { readUnsubscribeToken } from "./unsubscribe.server";
import { NotFoundError } from "../platform/errors.server";
import { accountWrite, recorded, unchanged, type AccountEventFacts, type Trx } from "../platform/write.server";

// Which emails a person gets: their digest's day and the kinds they turned
// off, chosen under Your account or turned off from an email's own link. The
// sender asks wantedEmails() (platform/outbox.server.ts), which reads the same
// rows, so a kind turned off here is not sent from the next round on.

export interface EmailPreferences {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  digestDay: number;
  /** The kinds the person gets, in PERSON_EMAIL_KINDS order. */
  wanted: PersonEmailKind[];
}

/** The person's choices; someone who never chose gets every kind, on Mondays. */
export async function emailPreferencesOf(db: Kysely<Database>, userId: string): Promise<EmailPreferences> {
  const [preferences, optOuts] = await Promise.all([
    db.selectFrom("emailPreferences").select("digestDay").where("userId", "=", userId).executeTakeFirst(),
    db.selectFrom("emailOptOuts").select("kind").where("userId", "=", userId).execute(),
  ]);
  const off = new Set(optOuts.map((row) => row.kind));
  return { digestDay: preferences?.digestDay ?? DEFAULT_DIGEST_DAY, wanted: PERSON_EMAIL_KINDS.filter((kind) => !off.has(kind)) };
}

/** The person's account row, locked, so that two tabs' saves (or a save and an unsubscribe link) queue rather than race. */
async function lockedPreferences(trx: Trx, userId: string): Promise<EmailPreferences> {
  const user = await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().executeTakeFirst();
  if (!user) throw new NotFoundError("That account");
  return emailPreferencesOf(trx, userId);
}

/**
 * Saves the digest's day and which kinds the person gets; the audit event says
 * what changed. Saving what is already so changes nothing and records nothing.
 */
export const setEmailPreferences = accountWrite("setEmailPreferences", async (trx, userId: string, chosen: EmailPreferences) => {
  const before = await lockedPreferences(trx, userId);
  const wanted = new Set(chosen.wanted);
  const turnedOff = before.wanted.filter((kind) => !wanted.has(kind));
  const turnedOn = chosen.wanted.filter((kind) => !before.wanted.includes(kind));
  const dayChanged = before.digestDay !== chosen.digestDay;
  if (!dayChanged && turnedOff.length === 0 && turnedOn.length === 0) return unchanged(false);

  if (dayChanged) {
    await trx
      .insertInto("emailPreferences")
      .values({ userId, digestDay: chosen.digestDay, updatedAt: new Date() })
      .onConflict((conflict) => conflict.column("userId").doUpdateSet({ digestDay: chosen.digestDay, updatedAt: new Date() }))
      .execute();
  }
  if (turnedOff.length)
    await trx
      .insertInto("emailOptOuts")
      .values(turnedOff.map((kind) => ({ userId, kind })))
      .execute();
  if (turnedOn.length) await trx.deleteFrom("emailOptOuts").where("userId", "=", userId).where("kind", "in", turnedOn).execute();

  const changes: AccountEventFacts["changes"] = {};
  if (dayChanged) changes.digestDay = { before: before.digestDay, after: chosen.digestDay };
  if (turnedOff.length || turnedOn.length) changes.emailsWanted = { before: before.wanted, after: PERSON_EMAIL_KINDS.filter((kind) => wanted.has(kind)) };
  return recorded<AccountEventFacts, boolean>({ ...ownEvent(userId, "email_preferences_changed"), changes, context: { turnedOff, turnedOn } }, true);
});

/**
 * Turns one kind off from the link in an email (RFC 8058 one-click): the
 * token, signed by this site, is the proof of whose link it is, so no
 * session is needed. Already off: nothing changes, nothing is recorded, and
 * the answer is the same. A token not ours is refused as not found.
 */
export const unsubscribeByLink = accountWrite("unsubscribeByLink", async (trx, token: string) => {
  const link = await readUnsubscribeToken(trx, token);
  if (!link) throw new NotFoundError("That unsubscribe link");
  const before = await lockedPreferences(trx, link.userId);
  if (!before.wanted.includes(link.kind)) return unchanged(link.kind);
  await trx
    .insertInto("emailOptOuts")
    .values({ userId: link.userId, kind: link.kind })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return recorded<AccountEventFacts, PersonEmailKind>(
    { ...ownEvent(link.userId, "email_turned_off"), context: { kind: link.kind, via: "unsubscribe link" } },
    link.kind,
  );
});

/** Whose unsubscribe link it is (by name only: the page never shows their address), which kind, and whether they get it now; null for a link not ours. */
export async function readUnsubscribeLink(
  db: Kysely<Database>,
  token: string,
): Promise<{ userId: string; displayName: string; kind: PersonEmailKind; wanted: boolean } | null> {
  const link = await readUnsubscribeToken(db, token);
  if (!link) return null;
  const [person, optOut] = await Promise.all([
    db.selectFrom("users").select("displayName").where("id", "=", link.userId).executeTakeFirst(),
    db.selectFrom("emailOptOuts").select("kind").where("userId", "=", link.userId).where("kind", "=", link.kind).executeTakeFirst(),
  ]);
  if (!person) return null;
  return { ...link, displayName: person.displayName, wanted: !optOut };
}

// The person's own event, outside any partnership (as their password and calendar link are).
function ownEvent(userId: string, verb: string): AccountEventFacts {
  return { actor: { userId, role: null, sector: null }, entityType: "user", entityId: userId, verb };
}
