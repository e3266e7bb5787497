import { GROUP_SECTORS, type GroupSector, type Sector } from "./vocabulary";
import { formatDueDate, isRealDate } from "./dates";
import { daysBefore } from "./email-choices";
import { describeAttempt } from "./permission-words";
import { ASSESSMENT_LABELS, RESPONSE_LABELS, ROLE_LABELS, SECTOR_LABELS, sectorAfterAName, STATUS_LABELS } from "./words";

// Audit events as sentences people read: "Sam Patel (voluntary and community
// sector) moved 1.5 from In progress to At risk".

// History holds what was written then: a status or sector no longer in the
// vocabulary still reads as itself rather than as "undefined".
const STATUS_WORDS: Partial<Record<string, string>> = STATUS_LABELS;
const ROLE_WORDS: Partial<Record<string, string>> = ROLE_LABELS;
const SECTOR_WORDS: Partial<Record<string, string>> = SECTOR_LABELS;
const sectorWords = (sector: string) => (GROUP_SECTORS.includes(sector as GroupSector) ? sectorAfterAName(sector as GroupSector) : sector);
const FIELD_WORDS: Record<string, string> = {
  title: "title",
  description: "description",
  dueOn: "due date",
  timescaleText: "timescale wording",
  leads: "leads",
  obstacles: "obstacle categories",
  role: "role",
  sector: "sector",
  name: "name",
  periodStart: "start of the period",
  periodEnd: "end of the period",
  stewardGroupIds: "steward groups",
  singleSectorSignoff: "single-sector sign-off",
  kind: "kind",
  facilitators: "facilitators",
  measures: "what it measures",
  unit: "unit",
  better: "which way is better",
  baselineValue: "baseline",
  baselineOn: "baseline date",
  targetValue: "target",
  targetOn: "target date",
  source: "source",
  comparisonValue: "comparison",
  comparisonLabel: "comparison's label",
  objectiveIds: "objectives served",
  introduction: "introduction",
  questions: "questions",
  indicatorId: "indicator fed",
  resultQuestionId: "question that feeds the indicator",
  organisations: "organisations invited",
};

/** A person's own account events (signing in, passwords, their choices), which name no plan. */
const ACCOUNT_WORDS: Record<string, string> = {
  signed_in: "signed in",
  signed_out: "signed out",
  sign_in_failed: "was refused sign-in: a wrong password, or no access",
  sign_in_blocked: "was blocked from signing in for a while, after too many wrong passwords",
  password_check_failed: "entered a wrong current password",
  password_changed: "changed their password",
  session_ended: "ended one of their sessions",
  password_reset_requested: "asked for a password reset email",
  password_reset_link_created: "made a password reset link",
  password_reset: "set a new password with a reset link",
  calendar_feed_created: "created their calendar link",
  calendar_feed_reset: "reset their calendar link",
  calendar_feed_turned_off: "turned off their calendar link",
  email_preferences_changed: "changed which emails they get",
  email_turned_off: "turned off an email from its unsubscribe link",
};

export interface HistoryEvent {
  verb: string;
  entityType: string;
  actorName: string | null;
  actorSector: string | null;
  actorRole: string | null;
  /** "1.5", when the event concerns an action. */
  reference: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  context: Record<string, unknown>;
}

/** The actor's role and sector in the words the pages use ("Member", "Public sector"), for the CSV. */
export function actorInWords(event: Pick<HistoryEvent, "actorRole" | "actorSector">): { role: string; sector: string } {
  const role = event.actorRole === "system" ? "Partnership Board" : event.actorRole ? (ROLE_WORDS[event.actorRole] ?? event.actorRole) : "";
  const sector = event.actorSector ? (SECTOR_WORDS[event.actorSector] ?? event.actorSector) : "";
  return { role, sector };
}

export function describeActor(event: Pick<HistoryEvent, "actorName" | "actorSector" | "actorRole">): string {
  if (!event.actorName) return event.actorRole === "system" ? "Partnership Board" : "Someone";
  return event.actorSector ? `${event.actorName} (${sectorWords(event.actorSector)})` : event.actorName;
}

/** What happened, starting with a verb: "moved 1.5 from In progress to At risk". */
export function describeChange(event: HistoryEvent): string {
  const ref = event.reference ?? "an action";
  const status = event.changes.status as { before: string; after: string } | undefined;
  const reason = typeof event.context.reason === "string" ? `: “${event.context.reason}”` : "";
  switch (`${event.entityType}.${event.verb}`) {
    case "action.moved": {
      const former = formerReference(event);
      const fromTo = status ? ` from ${STATUS_WORDS[status.before]} to ${STATUS_WORDS[status.after]}` : "";
      if (former) return `moved ${former} to objective ${String(event.context.objective)} as ${ref}${fromTo ? `,${fromTo}` : ""}`;
      // Moves recorded before former references were kept.
      const lane = event.changes.objectiveId ? ` to another objective (now ${ref})` : "";
      if (status) return `moved ${ref}${fromTo}${lane}`;
      return lane ? `moved ${ref}${lane}` : `reordered ${ref}`;
    }
    case "plan.imported": {
      const { objectives, actions, source, fileName } = event.context;
      const from = typeof fileName === "string" && fileName ? ` from “${fileName}”` : source === "json" ? " from an export" : " from a table";
      return `imported the plan${from}: ${String(objectives)} objectives, ${String(actions)} actions`;
    }
    case "action.completion_proposed": {
      const former = formerReference(event);
      const lane = former ? `moved ${former} to objective ${String(event.context.objective)} as ${ref}, and to Done` : `moved ${ref} to Done`;
      return `${lane}${status ? ` from ${STATUS_WORDS[status.before]}` : ""}, proposing it as complete`;
    }
    case "action.completion_confirmed":
      return `confirmed that ${ref} is done`;
    case "action.completion_returned":
      return `returned ${ref} to ${STATUS_WORDS[status?.after ?? ""] ?? "its column"}, not confirming it as done${reason}`;
    case "action.reopened": {
      const former = formerReference(event);
      const moves = [former ? `to objective ${String(event.context.objective)} as ${ref}` : "", status ? `to ${STATUS_WORDS[status.after]}` : ""].filter(
        Boolean,
      );
      return `reopened ${former ?? ref}${moves.length ? `, moving it ${moves.join(" and ")}` : ""}${reason}`;
    }
    case "action.created":
      return `added action ${ref} “${String(event.changes.title?.after ?? "")}”`;
    case "action.updated":
      return `changed the ${listFields(event.changes)} of ${ref}${describeDue(event.changes)}${describeObstacles(event.changes)}`;
    case "action.archived":
      return `archived ${ref}`;
    case "progress_note.added":
      return `added a progress note to ${ref}`;
    case "objective.created":
      return `added objective ${String(event.changes.number?.after ?? "")} “${String(event.changes.title?.after ?? "")}”`;
    case "objective.updated":
      return `renamed an objective to “${String(event.changes.title?.after ?? "")}”`;
    case "objective.reordered":
      return `moved an objective from position ${String(event.changes.position?.before)} to ${String(event.changes.position?.after)}`;
    case "obstacle_category.created":
      return `added the obstacle category “${String(event.changes.name?.after ?? "")}”`;
    case "obstacle_category.updated": {
      const name = String(event.context.name ?? event.changes.name?.before ?? "");
      const renamed = event.changes.name ? `renamed the obstacle category “${name}” to “${String(event.changes.name.after)}”` : null;
      if (renamed && event.changes.description) return `${renamed} and changed its description`;
      return renamed ?? `changed the description of the obstacle category “${name}”`;
    }
    case "obstacle_category.reordered":
      return (
        `moved the obstacle category “${String(event.context.name ?? "")}” from position ` +
        `${String(event.changes.position?.before)} to ${String(event.changes.position?.after)}`
      );
    case "obstacle_category.removed": {
      const actions = Array.isArray(event.context.actions) ? event.context.actions.map(String) : [];
      const lost = actions.length ? `, so ${listWords(actions)} no longer ${actions.length === 1 ? "addresses" : "address"} it` : "";
      return `removed the obstacle category “${String(event.context.name ?? event.changes.name?.before ?? "")}”${lost}`;
    }
    case "review.scheduled":
      return (
        `scheduled the review ` +
        `“${String(event.changes.title?.after ?? "")}”${event.changes.dueOn?.after ? `, due ${formatDueDate(String(event.changes.dueOn.after))}` : ""}`
      );
    case "review.rescheduled":
      return `changed the ${listFields(event.changes)} of the review “${reviewTitle(event)}”`;
    case "review.opened":
      return `opened the review “${reviewTitle(event)}”, taking its snapshot of ${String(event.context.actions ?? "the")} actions`;
    case "review.published":
      return `published the review “${reviewTitle(event)}”`;
    case "review.action_assessed":
      return (
        `assessed ${ref} for the review ` +
        `“${reviewTitle(event)}”${event.changes.assessment?.after ? ` as ${lowerLabel(ASSESSMENT_LABELS, event.changes.assessment.after)}` : ""}`
      );
    case "review.obstacle_found":
      return `wrote the finding on “${String(event.context.obstacle ?? "")}” for the review “${reviewTitle(event)}”`;
    case "review.summary_written":
      return `wrote the summary of the review “${reviewTitle(event)}”`;
    case "review.barrier_added":
    case "review.barrier_changed":
    case "review.barrier_removed":
      return (
        `${event.verb === "barrier_added" ? "added" : event.verb === "barrier_changed" ? "changed" : "removed"} ` +
        `a new barrier in the review “${reviewTitle(event)}”`
      );
    case "review.recommendation_added":
    case "review.recommendation_changed":
    case "review.recommendation_removed":
      return (
        `${event.verb === "recommendation_added" ? "added" : event.verb === "recommendation_changed" ? "changed" : "removed"} ` +
        `a recommendation of the review “${reviewTitle(event)}”`
      );
    case "review.recommendation_answered":
      return (
        `responded to recommendation ${String(event.context.recommendation ?? "")} of the review ` +
        `“${reviewTitle(event)}”${event.changes.response?.after ? ` (${lowerLabel(RESPONSE_LABELS, event.changes.response.after)})` : ""}`
      );
    case "review.addendum_added":
      return `added an addendum to the review “${reviewTitle(event)}”`;
    case "plan.created":
      return `created the plan “${String(event.changes.title?.after ?? "")}”`;
    case "plan.updated":
      return `changed the plan's ${listFields(event.changes)}`;
    case "plan.due_reminders_changed": {
      const days = event.changes.dueReminderDays?.after;
      return typeof days === "number" ? `set due date reminders to ${daysBefore(days)}` : "turned due date reminders off";
    }
    case "plan.publication_proposed":
      return "proposed publishing the plan on its public page";
    case "plan.published": {
      const address = typeof event.context.address === "string" ? ` at ${event.context.address}` : "";
      return `agreed, and the plan was published${address}`;
    }
    case "plan.publication_withdrawn":
      return event.context.withdrew === "published" ? "withdrew the plan from its public page" : "withdrew the proposal to publish the plan";
    case "indicator.created":
      return `added the outcome indicator “${String(event.changes.name?.after ?? "")}”`;
    case "indicator.updated":
      return `changed the outcome indicator “${String(event.context.name ?? "")}” (${listFields(event.changes)})`;
    case "indicator.reading_added":
      return `recorded ${String(event.context.valueWords ?? "a reading")} on ${String(event.context.measuredOnWords ?? "")} for “${String(event.context.name ?? "")}”`;
    case "indicator.reading_corrected":
      return `corrected a reading of “${String(event.context.name ?? "")}” to ${String(event.context.valueWords ?? "")} on ${String(event.context.measuredOnWords ?? "")}`;
    case "survey.created":
      return `drafted the partner survey “${surveyTitle(event)}”`;
    case "survey.updated": {
      // Inviting and removing organisations name them (never their addresses); a draft's edit lists its fields.
      const added = Array.isArray(event.context.added) ? event.context.added.map(String) : null;
      if (added) return `invited ${added.length > 3 ? `${added.length} organisations` : added.join(", ")} to the partner survey “${surveyTitle(event)}”`;
      if (typeof event.context.removed === "string") return `removed ${event.context.removed} from the partner survey “${surveyTitle(event)}”`;
      return `changed the partner survey “${surveyTitle(event)}” (${listFields(event.changes)})`;
    }
    case "survey.proposed":
      return `proposed sending the partner survey “${surveyTitle(event)}”`;
    case "survey.sent": {
      const count =
        typeof event.context.organisations === "number" ? ` to ${event.context.organisations} organisation${event.context.organisations === 1 ? "" : "s"}` : "";
      return `agreed, and the partner survey “${surveyTitle(event)}” was sent${count}`;
    }
    case "survey.withdrawn":
      return `withdrew the proposal to send the partner survey “${surveyTitle(event)}”`;
    case "survey.answered":
      // Recorded as the system's: the answer is anonymous, so nothing says whose it was.
      return `received an answer to the partner survey “${surveyTitle(event)}” from an invited organisation`;
    case "survey.closed":
      return `closed the partner survey “${surveyTitle(event)}”${typeof event.context.result === "string" ? `: ${event.context.result}` : ""}`;
    case "user.personal_data_downloaded":
      return `downloaded the personal data of ${String(event.context.person ?? "a member")}`;
    case "user.public_name_changed":
      return event.changes.nameShownPublicly?.after === true ? "said yes to their name on public pages" : "said no to their name on public pages";
    case "user.erased": {
      const notes = typeof event.context.notesTextRemoved === "number" && event.context.notesTextRemoved > 0 ? event.context.notesTextRemoved : 0;
      return (
        `erased a person's name and email at their request: they now appear as Former member ${String(event.context.formerMember ?? "")}` +
        (notes ? `, and the text of their ${notes === 1 ? "progress note" : `${notes} progress notes`} was removed` : "")
      );
    }
    case "partnership.erasure_policy_changed":
      return event.changes.erasureKeepsNoteText?.after === true
        ? "decided that an erased person's progress notes keep their text, with their name replaced"
        : "decided that an erased person's progress notes lose their text";
    case "security_log.purged":
      return `removed ${entriesWords(event.context.removed)} older than ${String(event.context.days ?? "")} days from the security log`;
    case "email.email_retried":
      return "sent a failed email again";
    case "partnership.seeded":
      return "loaded the plan from its source document";
    case "request.refused":
      if (event.context.reason === "cross-site") return "sent a form from another website, which was refused";
      return describeAttempt(event.context.permission, event.reference);
    default:
      if (event.entityType === "user" && Object.hasOwn(ACCOUNT_WORDS, event.verb)) return ACCOUNT_WORDS[event.verb]!;
      return (
        `${event.verb.replaceAll("_", " ")} ` +
        `${event.entityType.replaceAll("_", " ")}${Object.keys(event.changes).length ? ` (${listFields(event.changes)})` : ""}`
      );
  }
}

function entriesWords(count: unknown): string {
  return count === 1 ? "1 refused page visit or failed sign-in" : `${String(count ?? "")} refused page visits and failed sign-ins`;
}

/** The reference an action left, when the event moved it to another objective. */
function formerReference(event: HistoryEvent): string | null {
  return typeof event.context.formerReference === "string" && event.context.objective !== undefined ? event.context.formerReference : null;
}

function surveyTitle(event: HistoryEvent): string {
  return String(event.context.title ?? "");
}

function reviewTitle(event: HistoryEvent): string {
  return String(event.context.title ?? "");
}

function lowerLabel(labels: Record<string, string>, value: unknown): string {
  return (labels[String(value)] ?? String(value)).toLowerCase();
}

function listFields(changes: HistoryEvent["changes"]): string {
  // In a reader's order (title before leads), whatever order they were stored in.
  const order = Object.keys(FIELD_WORDS);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const words = Object.keys(changes)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => FIELD_WORDS[field] ?? field);
  if (words.length <= 1) return words[0] ?? "details";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** "a, b and c". */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function describeObstacles(changes: HistoryEvent["changes"]): string {
  const obstacles = changes.obstacles as { before: unknown; after: unknown } | undefined;
  if (!obstacles || !Array.isArray(obstacles.after)) return "";
  return obstacles.after.length ? ` (now ${listWords(obstacles.after.map(String))})` : " (now none)";
}

function describeDue(changes: HistoryEvent["changes"]): string {
  const due = changes.dueOn as { before: string | null; after: string | null } | undefined;
  if (!due) return "";
  return due.after ? ` (now due ${formatDueDate(due.after)})` : " (no due date now)";
}

// ── Filtering the history ────────────────────────────────────────────────

export const KINDS = {
  moves: { label: "Moves", verbs: ["action.moved"] },
  completion: { label: "Completion", verbs: ["action.completion_proposed", "action.completion_confirmed", "action.completion_returned", "action.reopened"] },
  edits: { label: "Edits to actions", verbs: ["action.updated", "action.created", "action.archived"] },
  notes: { label: "Progress notes", verbs: ["progress_note.added"] },
  structure: {
    label: "Objectives and plan settings",
    verbs: [
      "objective.created",
      "objective.updated",
      "objective.reordered",
      "obstacle_category.created",
      "obstacle_category.updated",
      "obstacle_category.reordered",
      "obstacle_category.removed",
      "plan.created",
      "plan.imported",
      "plan.updated",
      "plan.due_reminders_changed",
      "partnership.seeded",
    ],
  },
  reviews: {
    label: "Reviews",
    verbs: [
      "review.scheduled",
      "review.rescheduled",
      "review.opened",
      "review.published",
      "review.action_assessed",
      "review.obstacle_found",
      "review.summary_written",
      "review.barrier_added",
      "review.barrier_changed",
      "review.barrier_removed",
      "review.recommendation_added",
      "review.recommendation_changed",
      "review.recommendation_removed",
      "review.recommendation_answered",
      "review.addendum_added",
    ],
  },
  outcomes: {
    label: "Outcomes and surveys",
    verbs: [
      "indicator.created",
      "indicator.updated",
      "indicator.reading_added",
      "indicator.reading_corrected",
      "survey.created",
      "survey.updated",
      "survey.proposed",
      "survey.sent",
      "survey.withdrawn",
      "survey.answered",
      "survey.closed",
    ],
  },
  publication: { label: "Public page", verbs: ["plan.publication_proposed", "plan.published", "plan.publication_withdrawn"] },
  refusals: { label: "Refused changes", verbs: ["request.refused"] },
} as const;
export type HistoryKind = keyof typeof KINDS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Filters from the URL; anything unrecognised is ignored rather than trusted. */
export function parseHistoryFilters(search: URLSearchParams): HistoryFilters {
  const pick = (name: string, pattern: RegExp) => {
    const value = search.get(name) ?? "";
    return pattern.test(value) ? value : null;
  };
  const sector = search.get("sector");
  const kind = search.get("kind");
  return {
    userId: pick("person", UUID),
    sector: sector === "public" || sector === "voluntary_community" || sector === "independent" ? sector : null,
    actionId: pick("action", UUID),
    kind: kind && Object.hasOwn(KINDS, kind) ? (kind as HistoryKind) : null,
    from: realDate(search.get("from")),
    to: realDate(search.get("to")),
  };
}

export const NO_HISTORY_FILTERS: HistoryFilters = { userId: null, sector: null, actionId: null, kind: null, from: null, to: null };

export interface HistoryFilters {
  userId: string | null;
  sector: Sector | null;
  actionId: string | null;
  kind: HistoryKind | null;
  /** UK dates, "YYYY-MM-DD", inclusive. */
  from: string | null;
  to: string | null;
}

function realDate(value: string | null): string | null {
  return value && isRealDate(value) ? value : null;
}
