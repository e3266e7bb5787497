import type { Role, Sector } from "./vocabulary";

/**
 * Who may do what: the one place the rules live. Pure, so loaders and actions
 * (through app/server/auth/guards.server.ts) and components ask the same question.
 * Anything not granted below is refused.
 */
export const VERBS = [
  "partnership.view",
  "partnership.manageMembers",
  "partnership.manageGroups",
  /** Reads the partnership's security log: requests refused, pages and changes alike. */
  "partnership.viewSecurityLog",
  /** Reads the partnership's emails (queued, sent, failed, with reasons) and sends a failed one again. */
  "partnership.manageEmails",
  "plan.create",
  "plan.view",
  /**
   * May submit forms to a plan's pages at all, checked before a request body is
   * read; each form then asks its own verb. Facilitators submit review forms
   * without being able to change the plan itself.
   */
  "plan.submitForms",
  "plan.manage",
  "plan.viewHistory",
  "plan.editStructure",
  /** Proposes publishing the plan on the open web, which someone of the other sector must agree to; or withdraws it, alone. */
  "plan.proposePublication",
  "plan.agreePublication",
  "plan.withdrawPublication",
  /** Creates and edits the plan's outcome indicators and adds their readings. */
  "outcome.edit",
  /** Drafts a partner survey, invites organisations, proposes sending it (which the other sector agrees), withdraws or closes it. */
  "survey.manage",
  "survey.agree",
  "action.view",
  "action.edit",
  "action.addNote",
  "action.confirmCompletion",
  "review.viewPublished",
  /** Reads an unpublished review's content: its snapshot and what its facilitators have written so far. */
  "review.viewDraft",
  /** Schedules a review, assigns its facilitators, changes its schedule. */
  "review.schedule",
  /** Opens a scheduled review, which freezes its snapshot of the plan. */
  "review.open",
  /** Writes a review's assessments, findings, summary and recommendations, publishes it, adds addenda. */
  "review.write",
  /** Answers a published review's recommendations. */
  "review.respond",
] as const;
export type Verb = (typeof VERBS)[number];

/** A person as they act in one partnership. */
export interface Actor {
  userId: string;
  partnershipId: string;
  role: Role;
  sector: Sector;
  /** The groups of this partnership the person belongs to. */
  groupIds: ReadonlySet<string>;
}

export interface Target {
  partnershipId: string;
  plan?: { stewardGroupIds: readonly string[]; singleSectorSignoff?: boolean };
  /** `id` decides nothing: it names the action in the record of a refusal. */
  action?: { id?: string; leadUserIds: readonly string[]; leadGroupIds: readonly string[] };
  /** For confirming or returning a completion: who proposed it, and in which sector. */
  completion?: {
    proposerUserId: string | null;
    proposerSector: Sector | null;
    /**
     * True when no lead or steward who can sign in (a member or admin) is of a
     * sector other than the proposer's: then anyone of another sector may confirm.
     * The server works it out (app/server/plans/confirmers.server.ts), inside a write's transaction.
     */
    noLeadOrStewardOfAnotherSector?: boolean;
  };
  /** For agreeing to publish a plan: who proposed it, and in which sector. */
  publication?: { proposerUserId: string | null; proposerSector: Sector | null };
  /** For agreeing to send a partner survey: who proposed it, and in which sector. */
  survey?: { proposerUserId: string | null; proposerSector: Sector | null };
  /** For writing a review: who is assigned to it. */
  review?: { facilitatorUserIds: readonly string[] };
}

// Only members and admins gain rights through groups: a facilitator or an
// observer who sits in a steward group still only reads.
const EDITING_ROLES: ReadonlySet<Role> = new Set(["member", "admin"]);

export function can(actor: Actor | null, verb: Verb, target: Target): boolean {
  if (!actor || actor.partnershipId !== target.partnershipId) return false;

  switch (verb) {
    case "partnership.view":
    case "plan.view":
    case "action.view":
    case "review.viewPublished":
      return true;
    case "partnership.manageMembers":
    case "partnership.manageGroups":
    case "partnership.viewSecurityLog":
    case "partnership.manageEmails":
    case "plan.create":
    case "plan.manage":
      return actor.role === "admin";
    case "plan.submitForms":
      return actor.role !== "observer";
    case "plan.viewHistory":
    case "review.viewDraft":
      return actor.role === "facilitator" || actor.role === "admin";
    case "review.write":
      return actor.role === "facilitator" && isAssignedFacilitator(actor, target);
    case "review.schedule":
      return actor.role === "admin" || isSteward(actor, target);
    case "review.open":
      return actor.role === "admin" || isSteward(actor, target) || (actor.role === "facilitator" && isAssignedFacilitator(actor, target));
    case "review.respond":
      return isSteward(actor, target);
    case "plan.editStructure":
    case "outcome.edit":
    case "survey.manage":
      return isSteward(actor, target);
    case "plan.proposePublication":
    case "plan.withdrawPublication":
      return actor.role === "admin" || isSteward(actor, target);
    case "plan.agreePublication":
    case "survey.agree": {
      // The same cross-sector rule as confirming a completion: one sector alone never makes a plan public nor speaks for the partnership to its partners.
      const proposal = verb === "survey.agree" ? target.survey : target.publication;
      if (!proposal?.proposerUserId || !proposal.proposerSector) return false;
      // An admin agrees too: where every steward is of one sector, the other sector's voice is the admin's.
      if (!(actor.role === "admin" || isSteward(actor, target))) return false;
      return confirmsAcrossSectors(
        actor,
        { proposerUserId: proposal.proposerUserId, proposerSector: proposal.proposerSector },
        target.plan?.singleSectorSignoff === true,
      );
    }
    case "action.edit":
    case "action.addNote":
      return isSteward(actor, target) || leadsAction(actor, target);
    case "action.confirmCompletion": {
      const completion = target.completion;
      if (!completion || completion.proposerUserId === actor.userId) return false;
      if ((isSteward(actor, target) || leadsAction(actor, target)) && confirmsAcrossSectors(actor, completion, target.plan?.singleSectorSignoff === true))
        return true;
      // Nobody with rights on the action is of another sector, so the completion
      // would wait for ever: anyone who acts in the partnership from another sector confirms.
      return completion.noLeadOrStewardOfAnotherSector === true && EDITING_ROLES.has(actor.role) && completion.proposerSector !== actor.sector;
    }
    default: {
      const unknownVerb: never = verb;
      return unknownVerb;
    }
  }
}

/**
 * A password reset link opens a person's whole account, every partnership of
 * it, so an admin may make one only for someone all of whose partnerships they
 * administer. The People page offers the link by this rule, issuing it checks
 * it, and using the link checks it again (the person may have joined another
 * partnership since, or the admin stopped being one).
 */
export function mayIssueResetLink(adminOfPartnershipIds: ReadonlySet<string>, theirPartnershipIds: readonly string[]): boolean {
  return theirPartnershipIds.length > 0 && theirPartnershipIds.every((partnershipId) => adminOfPartnershipIds.has(partnershipId));
}

function isSteward(actor: Actor, target: Target): boolean {
  return EDITING_ROLES.has(actor.role) && (target.plan?.stewardGroupIds.some((groupId) => actor.groupIds.has(groupId)) ?? false);
}

function isAssignedFacilitator(actor: Actor, target: Target): boolean {
  return target.review?.facilitatorUserIds.includes(actor.userId) ?? false;
}

function leadsAction(actor: Actor, target: Target): boolean {
  if (!EDITING_ROLES.has(actor.role) || !target.action) return false;
  return target.action.leadUserIds.includes(actor.userId) || target.action.leadGroupIds.some((groupId) => actor.groupIds.has(groupId));
}

/**
 * No sector declares a shared action finished on its own: the confirmation
 * comes from another sector, or, where an admin set single-sector sign-off,
 * at least from another person.
 */
function confirmsAcrossSectors(actor: Actor, completion: NonNullable<Target["completion"]>, singleSectorSignoff: boolean): boolean {
  // Never the proposer, even one whose sector has changed since.
  if (completion.proposerUserId === actor.userId) return false;
  return singleSectorSignoff || completion.proposerSector !== actor.sector;
}
