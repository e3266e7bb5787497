import { createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { PERSON_EMAIL_KINDS, type PersonEmailKind } from "../../domain/vocabulary";

// One-click unsubscribe (RFC 8058): a link per person and kind of email that
// turns that kind off with no sign-in. The token is the person's id, the
// kind's number and an HMAC-SHA-256 of both under the site's key (made by
// migration 0012, shared by every instance), so it cannot be forged or
// turned to another person or kind.

const MAC_BYTES = 16;
let key: Promise<Buffer> | undefined;

function siteKey(db: Kysely<Database>): Promise<Buffer> {
  key ??= db
    .selectFrom("siteKeys")
    .select("secret")
    .where("name", "=", "unsubscribe")
    .executeTakeFirstOrThrow()
    .then((row) => Buffer.from(row.secret))
    .catch((error) => {
      key = undefined;
      throw error;
    });
  return key;
}

function mac(secret: Buffer, payload: Buffer): Buffer {
  return createHmac("sha256", secret).update(payload).digest().subarray(0, MAC_BYTES);
}

function payloadOf(userId: string, kind: PersonEmailKind): Buffer {
  return Buffer.concat([Buffer.from(userId.replaceAll("-", ""), "hex"), Buffer.from([PERSON_EMAIL_KINDS.indexOf(kind)])]);
}

/** The token of the person's unsubscribe link for one kind of email. */
export async function unsubscribeToken(db: Kysely<Database>, userId: string, kind: PersonEmailKind): Promise<string> {
  const payload = payloadOf(userId, kind);
  return Buffer.concat([payload, mac(await siteKey(db), payload)]).toString("base64url");
}

/** Whose link and which kind, or null for anything not signed by this site. */
export async function readUnsubscribeToken(db: Kysely<Database>, token: string): Promise<{ userId: string; kind: PersonEmailKind } | null> {
  if (!/^[A-Za-z0-9_-]{44}$/.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== 17 + MAC_BYTES) return null;
  const payload = bytes.subarray(0, 17);
  const kind = PERSON_EMAIL_KINDS[payload[16]!];
  if (!kind) return null;
  if (!timingSafeEqual(bytes.subarray(17), mac(await siteKey(db), payload))) return null;
  const hex = payload.subarray(0, 16).toString("hex");
  return { userId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, kind };
}

/** The address of the person's unsubscribe page for one kind of email. */
export function unsubscribePath(token: string): string {
  return `/unsubscribe/${token}`;
}
