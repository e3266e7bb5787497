import type { Verb } from "./policy";

/**
 * Each permission as what someone tried to do, for refusals in the history and
 * the security log: "tried to edit 1.1 but may not", never a verb's code name.
 * `ref` is the action concerned ("1.1"), when there is one.
 */
const ATTEMPTS: Record<Verb, (ref: string | null) => string> = {
  "partnership.view": () => "open this partnership",
  "partnership.manageMembers": () => "manage the partnership's people",
  "partnership.manageGroups": () => "manage the partnership's groups",
  "partnership.viewSecurityLog": () => "read the security log",
  "partnership.manageEmails": () => "see or resend the partnership's emails",
  "plan.create": () => "create a plan",
  "plan.view": () => "open the plan",
  "plan.submitForms": () => "change the plan",
  "plan.manage": () => "change the plan's settings",
  "plan.viewHistory": () => "read the plan's history",
  "plan.editStructure": (ref) => (ref ? `move ${ref} to another objective or archive it` : "change the plan's objectives or obstacle categories"),
  "plan.proposePublication": () => "propose publishing the plan",
  "plan.agreePublication": () => "agree to publish the plan",
  "plan.withdrawPublication": () => "withdraw the plan from the public page",
  "outcome.edit": () => "change the plan's outcome indicators or their readings",
  "survey.manage": () => "run a partner survey",
  "survey.agree": () => "agree to send a partner survey",
  "action.view": (ref) => `open ${ref ?? "an action"}`,
  "action.edit": (ref) => `change ${ref ?? "an action"}`,
  "action.addNote": (ref) => `add a note to ${ref ?? "an action"}`,
  "action.confirmCompletion": (ref) => `confirm or return the completion of ${ref ?? "an action"}`,
  "review.viewPublished": () => "read a published review",
  "review.viewDraft": () => "read a review before it is published",
  "review.schedule": () => "schedule a review",
  "review.open": () => "open a review",
  "review.write": () => "write a review",
  "review.respond": () => "answer a review's recommendations",
};

/** "tried to change 1.1 but may not"; an unknown or missing permission still reads as words. */
export function describeAttempt(permission: unknown, ref: string | null): string {
  const attempt = typeof permission === "string" && Object.hasOwn(ATTEMPTS, permission) ? ATTEMPTS[permission as Verb](ref) : null;
  return attempt ? `tried to ${attempt} but may not` : "was refused a request";
}
