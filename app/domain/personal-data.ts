import { downloadFilename } from "./csv";

// A person's data as they download it under Your account (UK GDPR subject
// access), or as an admin produces it for them: what its scope says, its file
// name, and the rule that keeps other people's email addresses out of it.

/** An email address anywhere in a text. */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Every email address in a value (a string, or strings at any depth of arrays and objects), lower-cased, each once. */
export function emailAddressesIn(value: unknown): string[] {
  const found = new Set<string>();
  visitStrings(value, (text) => {
    for (const match of text.matchAll(EMAIL_ADDRESS)) found.add(match[0].toLowerCase());
    return text;
  });
  return [...found];
}

/**
 * The value with every email address but the person's own replaced by the
 * name of whose it is (`names`, by lower-cased address), or by "another
 * person": an invitation the person sent names its invitee's address, which
 * is not theirs to download.
 */
export function withoutOthersAddresses<T>(value: T, ownEmail: string, names: ReadonlyMap<string, string>): T {
  const own = ownEmail.toLowerCase();
  return visitStrings(value, (text) =>
    text.replace(EMAIL_ADDRESS, (address) => (address.toLowerCase() === own ? address : (names.get(address.toLowerCase()) ?? "another person"))),
  ) as T;
}

function visitStrings(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === "string") return change(value);
  if (Array.isArray(value)) return value.map((item) => visitStrings(item, change));
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visitStrings(item, change)]));
  }
  return value;
}

/** "partnership-board-my-data-2026-12-05.json", or for an admin's download "partnership-board-data-of-sam-patel-2026-12-05.json". */
export function personalDataFilename(today: string, personName: string | null = null): string {
  if (personName === null) return `partnership-board-my-data-${today}.json`;
  return `partnership-board-data-of-${downloadFilename(personName, `${today}.json`, "a-member")}`;
}

/** What a download holds, said in its `scope` field. */
export function scopeWords(partnershipName: string | null): string {
  if (partnershipName === null) return "Everything Partnership Board holds about you, in every partnership you belong to, and your account itself.";
  return (
    `What the ${partnershipName} partnership holds about this person, produced by one of its admins. Their other partnerships, ` +
    `their sign-ins, sessions, calendar link, email choices and password reset links are not included: they belong to their ` +
    `account, which they can download themselves under Your account.`
  );
}
