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

/** What a plan's settings warn of about confirming completions. */
export type SignoffWarning =
  /** Every steward group is of one sector: its completions go to people of another sector, named. */
  | { kind: "stewards-of-one-sector"; stewardSector: Sector; confirmerNames: string[] }
  /** Nobody who acts here is of another sector than `sector` (null: nobody acts here at all), so no completion could be confirmed. */
  | { kind: "nobody-could-confirm"; sector: Sector | null };

/**
 * Warnings for a plan whose completions would wait on someone who may not
 * exist. With single-sector sign-off there is nothing to warn of: another
 * person of the same sector confirms.
 */
export function signoffWarnings(
  people: readonly PersonWhoCanAct[],
  stewardSectors: ReadonlyArray<Sector | "cross_sector">,
  singleSectorSignoff: boolean,
): SignoffWarning[] {
  if (singleSectorSignoff) return [];
  const warnings: SignoffWarning[] = [];
  const sectors = new Set(people.map((person) => person.sector));
  if (sectors.size < 2) warnings.push({ kind: "nobody-could-confirm", sector: [...sectors][0] ?? null });
  const [stewardSector] = stewardSectors;
  if (stewardSector && stewardSector !== "cross_sector" && stewardSectors.every((sector) => sector === stewardSector)) {
    const confirmerNames = people
      .filter((person) => person.sector !== stewardSector)
      .map((person) => person.name)
      .sort((a, b) => a.localeCompare(b, "en-GB"));
    if (confirmerNames.length > 0) warnings.push({ kind: "stewards-of-one-sector", stewardSector, confirmerNames });
  }
  return warnings;
}
