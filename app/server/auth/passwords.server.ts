import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// zxcvbn's list of the most used passwords; only those long enough to pass
// the length rule matter here.
const COMMON_PASSWORDS = new Set(
  (dictionary["passwords-common"] as string[]).filter((password) => password.length >= PASSWORD_MIN_LENGTH).map((password) => password.toLowerCase()),
);
const CONTEXT_WORDS = ["partnershipboard", "partnership board", "partnership-board"];

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash of nothing anyone knows: verifying against it for an unknown email
// takes as long as for a real account, so timing does not reveal who has one.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}

/**
 * Why a new password will not do, in words for the person choosing it, or null.
 * No composition rules (NIST SP 800-63B): length, and not a known common one.
 */
export function passwordProblem(password: string, person: { email: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Enter a password of ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const lowered = password.toLowerCase();
  const emailName = person.email.split("@")[0]?.toLowerCase() ?? "";
  if (
    COMMON_PASSWORDS.has(lowered) ||
    lowered === person.email.toLowerCase() ||
    (emailName.length >= 4 && lowered.replaceAll(/[^a-z]/g, "") === emailName.replaceAll(/[^a-z]/g, "")) ||
    CONTEXT_WORDS.some((word) => lowered.startsWith(word)) ||
    new Set(lowered).size <= 2
  ) {
    return "Choose a password that is harder to guess: this one is common or easy to work out";
  }
  return null;
}
