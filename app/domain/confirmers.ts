import type { Sector } from "./vocabulary";
import { can, type Actor, type Target } from "./policy";

// Who can confirm a proposed completion, worked out from the policy itself so
// that what a card says and what the server allows cannot drift apart.

/** Someone who can sign in and may act on actions (an admin or member), as the policy sees them. */
export interface PersonWhoCanAct extends Actor {
  name: string;
}

export interface Proposal {
  proposerUserId: string | null;
  proposerSector: Sector;
}

/**
 * The completion as the policy needs it: with whether any lead or steward who
 * can sign in is of another sector than the proposer's. `target` holds the
 * plan and the action's leads.
 */
export function completionTarget(people: readonly PersonWhoCanAct[], target: Target, proposal: Proposal): NonNullable<Target["completion"]> {
  const leadOrStewardOfAnotherSector = people.some((person) => person.sector !== proposal.proposerSector && can(person, "action.edit", target));
  return { ...proposal, noLeadOrStewardOfAnotherSector: !leadOrStewardOfAnotherSector };
}

/** The people who may confirm the completion in `target`, by name. */
export function confirmersOf(people: readonly PersonWhoCanAct[], target: Target): Array<{ id: string; name: string }> {
  return people
    .filter((person) => can(person, "action.confirmCompletion", target))
    .map((person) => ({ id: person.userId, name: person.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

/** How many names a sentence lists before it counts the rest. */
const NAMES_SHOWN = 3;

/**
 * "Jordan Hughes or Priya Shah can confirm.", "A, B, C or 2 others can
 * confirm."; when nobody can, what would let someone.
 */
export function whoCanConfirm(names: readonly string[]): string {
  if (names.length === 0) {
    return "Nobody here can confirm it yet: an admin can invite someone of another sector, or allow single-sector sign-off in the plan's settings.";
  }
  if (names.length === 1) return `${names[0]} can confirm.`;
  if (names.length <= NAMES_SHOWN) return `${names.slice(0, -1).join(", ")} or ${names.at(-1)} can confirm.`;
  const others = names.length - NAMES_SHOWN;
  return `${names.slice(0, NAMES_SHOWN).join(", ")} or ${others} ${others === 1 ? "other" : "others"} can confirm.`;
}
