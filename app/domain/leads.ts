import type { Role } from "./vocabulary";
/**
 * Only admins and members act on an action they lead (policy.ts), so only they
 * are offered as leads: naming an observer or a facilitator would leave an
 * action nobody named can move.
 */
export function mayLead(role: Role): boolean {
  return role === "admin" || role === "member";
}

/** Whom the board's Lead filter offers: those who may lead, and anyone who leads an action now. */
export function leadFilterPeople<Person extends { id: string; role: Role }>(
  people: readonly Person[],
  cards: ReadonlyArray<{ leads: ReadonlyArray<{ kind: string; id: string | null }> }>,
): Person[] {
  const leading = new Set(cards.flatMap((card) => card.leads.filter((lead) => lead.kind === "person").map((lead) => lead.id)));
  return people.filter((person) => mayLead(person.role) || leading.has(person.id));
}

/**
 * Plans name leads in one cell: "Mandy Lindley/Compact Working Group/JSNA team,".
 * Split it into names a person can recognise: drop notes in brackets, quote
 * marks, trailing punctuation and "to develop"-style tails.
 */
export function splitLeadWording(wording: string): string[] {
  return wording
    .split("/")
    .map((part) =>
      part
        .replace(/\([^)]*\)/g, " ")
        .replace(/['‘’"“”]/g, "")
        .replace(/\s+to\s+\w+\s*$/i, "")
        .replace(/[\s,;.]+$/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((name) => name.length > 0);
}
