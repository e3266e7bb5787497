import type { Sector } from "./vocabulary";
import { formatDueDate, isRealDate } from "./dates";

// Audit events as sentences people read: "Sam Patel (voluntary and community
// sector) moved 1.5 from In progress to At risk".

const STATUS_WORDS: Record<string, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  at_risk: "At risk",
  done: "Done",
};
const SECTOR_WORDS: Record<string, string> = {
  public: "public sector",
  voluntary_community: "voluntary and community sector",
  independent: "independent",
};
const FIELD_WORDS: Record<string, string> = {
  title: "title",
  description: "description",
  dueOn: "due date",
  timescaleText: "timescale wording",
  leads: "leads",
  role: "role",
  sector: "sector",
  name: "name",
  periodStart: "start of the period",
  periodEnd: "end of the period",
  stewardGroupIds: "steward groups",
  singleSectorSignoff: "single-sector sign-off",
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

export function describeActor(event: Pick<HistoryEvent, "actorName" | "actorSector" | "actorRole">): string {
  if (!event.actorName) return event.actorRole === "system" ? "Partnership Board" : "Someone";
  return event.actorSector ? `${event.actorName} (${SECTOR_WORDS[event.actorSector] ?? event.actorSector})` : event.actorName;
}

/** What happened, starting with a verb: "moved 1.5 from In progress to At risk". */
export function describeChange(event: HistoryEvent): string {
  const ref = event.reference ?? "an action";
  const status = event.changes.status as { before: string; after: string } | undefined;
  const reason = typeof event.context.reason === "string" ? `: “${event.context.reason}”` : "";
  switch (`${event.entityType}.${event.verb}`) {
    case "action.moved": {
      const lane = event.changes.objectiveId ? ` to another objective (now ${ref})` : "";
      if (status) return `moved ${ref} from ${STATUS_WORDS[status.before]} to ${STATUS_WORDS[status.after]}${lane}`;
      return lane ? `moved ${ref}${lane}` : `reordered ${ref}`;
    }
    case "action.completion_proposed":
      return `moved ${ref} to Done${status ? ` from ${STATUS_WORDS[status.before]}` : ""}, proposing it as complete`;
    case "action.completion_confirmed":
      return `confirmed that ${ref} is done`;
    case "action.completion_returned":
      return `returned ${ref} to ${STATUS_WORDS[status?.after ?? ""] ?? "its column"}, not confirming it as done${reason}`;
    case "action.reopened":
      return `reopened ${ref}${status ? `, moving it to ${STATUS_WORDS[status.after]}` : ""}${reason}`;
    case "action.created":
      return `added action ${ref} “${String(event.changes.title?.after ?? "")}”`;
    case "action.updated":
      return `changed the ${listFields(event.changes)} of ${ref}${describeDue(event.changes)}`;
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
    case "plan.created":
      return `created the plan “${String(event.changes.title?.after ?? "")}”`;
    case "plan.updated":
      return `changed the plan's ${listFields(event.changes)}`;
    case "partnership.seeded":
      return "loaded the plan from its source document";
    case "request.refused":
      return `was refused permission (${String(event.context.permission ?? event.context.reason ?? "not allowed")})`;
    default:
      return `${event.verb.replaceAll("_", " ")} ${event.entityType.replaceAll("_", " ")}${Object.keys(event.changes).length ? ` (${listFields(event.changes)})` : ""}`;
  }
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
  structure: { label: "Objectives and plan settings", verbs: ["objective.created", "objective.updated", "objective.reordered", "plan.created", "plan.updated", "partnership.seeded"] },
  refusals: { label: "Refused requests", verbs: ["request.refused"] },
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
