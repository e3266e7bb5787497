import { differenceInCalendarDays, parseISO } from "date-fns";
import { addDaysTo } from "./dates";
import { isOverdue } from "./deadlines";
import { countRatings, ragOf, type RagFacts } from "./rag";
import type { GroupSector, Sector, Status } from "./vocabulary";

// The figures of a plan's status page, from facts the server reads: sector
// balance, what changed since a date, and the burn-up. Pure, so that a test
// can hold each figure to a known data set.

/**
 * What the balance counts as a sector's update: the partners' own work on the
 * plan's actions and objectives (moves, edits, notes, proposed and confirmed
 * completions). A facilitator's review writing, settings and membership are
 * not a sector's updates, however many events they make.
 */
/** Updates in this many days make the sector balance's "who updates" half. */
export const UPDATE_WINDOW_DAYS = 90;
export const PLAN_UPDATE_ENTITIES = ["action", "objective", "progress_note"] as const;
export const PLAN_UPDATES_IN_WORDS = "moves, edits, notes and completions of actions and objectives; review writing and settings are not counted";

/** Who leads, for the balance: a person's or a member's sector, an outside body, or nobody. */
export type LeadershipSector = Sector | "outside" | "unassigned";
export const LEADERSHIP_SECTORS: readonly LeadershipSector[] = ["public", "voluntary_community", "independent", "outside", "unassigned"];

export interface LeadFacts {
  kind: "person" | "group" | "outside";
  id: string | null;
  /** A person's sector; a group's own sector (used only when it has no members). */
  sector: GroupSector | null;
}

export interface SectorShare {
  sector: LeadershipSector;
  /** The sector's share of leadership, 0 to 1: each action counts once, split evenly between its leads. */
  leadShare: number;
  /** Actions with at least one lead in this sector. */
  actionsLed: number;
  /** The sector's share of the plan's updates in the period, 0 to 1. */
  updateShare: number;
  updates: number;
}

/**
 * The share of actions each sector leads, and of updates each made. A group
 * counts by its active members' sectors (a cross-sector group splits); an
 * empty group by its own sector; an action with no lead is "unassigned".
 */
export function sectorBalance(
  actions: Array<{ leads: LeadFacts[] }>,
  memberSectorsByGroup: ReadonlyMap<string, readonly Sector[]>,
  updatesBySector: ReadonlyMap<Sector | null, number>,
): SectorShare[] {
  const weight = new Map<LeadershipSector, number>();
  const led = new Map<LeadershipSector, number>();
  for (const action of actions) {
    const shares = new Map<LeadershipSector, number>();
    const leadWeight = 1 / Math.max(action.leads.length, 1);
    if (action.leads.length === 0) shares.set("unassigned", 1);
    for (const lead of action.leads) {
      for (const [sector, part] of sectorsOfLead(lead, memberSectorsByGroup)) shares.set(sector, (shares.get(sector) ?? 0) + leadWeight * part);
    }
    for (const [sector, part] of shares) {
      weight.set(sector, (weight.get(sector) ?? 0) + part);
      led.set(sector, (led.get(sector) ?? 0) + 1);
    }
  }
  const totalUpdates = [...updatesBySector.values()].reduce((sum, count) => sum + count, 0);
  return LEADERSHIP_SECTORS.map((sector) => {
    const updates = sector === "unassigned" ? (updatesBySector.get(null) ?? 0) : sector === "outside" ? 0 : (updatesBySector.get(sector) ?? 0);
    return {
      sector,
      leadShare: actions.length ? (weight.get(sector) ?? 0) / actions.length : 0,
      actionsLed: led.get(sector) ?? 0,
      updateShare: totalUpdates ? updates / totalUpdates : 0,
      updates,
    };
  }).filter((share) => share.actionsLed > 0 || share.updates > 0 || share.sector === "public" || share.sector === "voluntary_community");
}

function sectorsOfLead(lead: LeadFacts, memberSectorsByGroup: ReadonlyMap<string, readonly Sector[]>): Array<[LeadershipSector, number]> {
  if (lead.kind === "outside") return [["outside", 1]];
  if (lead.kind === "person") return [[lead.sector && lead.sector !== "cross_sector" ? lead.sector : "unassigned", 1]];
  const members = lead.id ? (memberSectorsByGroup.get(lead.id) ?? []) : [];
  if (members.length === 0) return [[lead.sector && lead.sector !== "cross_sector" ? lead.sector : "unassigned", 1]];
  const counts = new Map<Sector, number>();
  for (const sector of members) counts.set(sector, (counts.get(sector) ?? 0) + 1);
  return [...counts].map(([sector, count]) => [sector, count / members.length]);
}

/** What changed since a date, in the kinds a meeting asks about. */
export const CHANGE_KINDS = ["moves", "confirmations", "newActions", "notes", "other"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  moves: "Cards moved",
  confirmations: "Completions confirmed",
  newActions: "New actions",
  notes: "Progress notes added",
  other: "Other changes",
};

const KIND_OF_EVENT: Record<string, ChangeKind> = {
  "action.moved": "moves",
  "action.completion_proposed": "moves",
  "action.reopened": "moves",
  "action.completion_returned": "moves",
  "action.completion_confirmed": "confirmations",
  "action.created": "newActions",
  "progress_note.added": "notes",
};

/** Counts per kind from counts per audit event (entity type and verb). */
export function changeCounts(events: Array<{ entityType: string; verb: string; count: number }>): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { moves: 0, confirmations: 0, newActions: 0, notes: 0, other: 0 };
  for (const event of events) counts[KIND_OF_EVENT[`${event.entityType}.${event.verb}`] ?? "other"] += event.count;
  return counts;
}

export interface BurnUpPoint {
  /** The last day the point covers, "YYYY-MM-DD". */
  on: string;
  confirmed: number;
  total: number;
}

export interface BurnUpEvent {
  /** The UK date it happened. */
  on: string;
  kind: "created" | "archived" | "confirmed" | "reopened";
  /** For an archived action: whether it was confirmed done when archived (archived actions keep their state). */
  wasConfirmed?: boolean;
}

/** Days between burn-up points: the shortest that keeps the chart and its table readable. */
const BURN_UP_STEPS = [7, 14, 30, 91, 365];
const BURN_UP_MAX_POINTS = 26;

/**
 * Confirmed completions and the number of actions at points from `start` to
 * `today`: weekly for a young plan, further apart for an older one.
 * Worked backwards from today's counts, so actions that came with the plan
 * (imported or seeded, with no event of their own) count from the start.
 */
export function burnUp(now: { confirmed: number; total: number }, events: BurnUpEvent[], start: string, today: string): BurnUpPoint[] {
  const from = start < today ? start : today;
  const span = differenceInCalendarDays(parseISO(today), parseISO(from));
  const step = BURN_UP_STEPS.find((days) => span / days <= BURN_UP_MAX_POINTS) ?? BURN_UP_STEPS.at(-1)!;
  const ends: string[] = [];
  for (let day = today; day >= from; day = addDaysTo(day, -step)) ends.unshift(day);
  if (ends[0] !== from) ends.unshift(from);
  return ends.map((on) => {
    let { confirmed, total } = now;
    for (const event of events) {
      if (event.on <= on) continue;
      // Undo what happened after the point.
      if (event.kind === "confirmed") confirmed -= 1;
      else if (event.kind === "reopened") confirmed += 1;
      else if (event.kind === "created") total -= 1;
      else {
        total += 1;
        if (event.wasConfirmed) confirmed += 1;
      }
    }
    return { on, confirmed: Math.max(confirmed, 0), total: Math.max(total, 0) };
  });
}

/** Of some actions (an objective's, a whole plan's): confirmed done of all, and how many actions have each status and each rating. */
export function actionsSummary(actions: RagFacts[], today: string) {
  const byStatus: Record<Status, number> = { not_started: 0, in_progress: 0, at_risk: 0, done: 0 };
  for (const action of actions) byStatus[action.status] += 1;
  return {
    total: actions.length,
    confirmedDone: actions.filter((action) => action.confirmedDone).length,
    byStatus,
    byRag: countRatings(actions.map((action) => ragOf(action, today).rag)),
  };
}

/** What needs attention: overdue, due in the next 30 days, and completions awaiting confirmation. */
export function attentionOf<Action extends RagFacts>(actions: Action[], today: string, withinDays = 30) {
  const horizon = addDaysTo(today, withinDays);
  const byDue = (a: Action, b: Action) => (a.dueOn ?? "").localeCompare(b.dueOn ?? "");
  return {
    overdue: actions.filter((action) => isOverdue(action, today)).sort(byDue),
    dueSoon: actions.filter((action) => action.status !== "done" && action.dueOn !== null && action.dueOn >= today && action.dueOn <= horizon).sort(byDue),
    awaitingConfirmation: actions.filter((action) => action.status === "done" && !action.confirmedDone),
  };
}
