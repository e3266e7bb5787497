import { GROUP_SECTORS, STATUSES, type GroupSector, type Status } from "./vocabulary";
import { deadlineFlag } from "./deadlines";
import { isUuid } from "./ids";

/** The board's filters, kept in the URL so a link shows the same view. */
export interface BoardFilters {
  /** "person:<id>" or "group:<id>" */
  lead: string | null;
  sector: GroupSector | null;
  status: Status | null;
  due: "overdue" | "soon" | null;
  text: string;
  mine: boolean;
  /** An obstacle category's id: actions that address it. */
  obstacle: string | null;
}

export const NO_FILTERS: BoardFilters = { lead: null, sector: null, status: null, due: null, text: "", mine: false, obstacle: null };

export function parseFilters(search: URLSearchParams): BoardFilters {
  const lead = search.get("lead");
  const sector = search.get("sector");
  const status = search.get("status");
  const due = search.get("due");
  const obstacle = search.get("obstacle");
  return {
    lead: lead && /^(person|group):[0-9a-f-]{36}$/.test(lead) ? lead : null,
    sector: (GROUP_SECTORS as readonly string[]).includes(sector ?? "") ? (sector as GroupSector) : null,
    status: (STATUSES as readonly string[]).includes(status ?? "") ? (status as Status) : null,
    due: due === "overdue" || due === "soon" ? due : null,
    text: (search.get("q") ?? "").trim().slice(0, 200),
    mine: search.get("mine") === "1",
    obstacle: obstacle && isUuid(obstacle) ? obstacle.toLowerCase() : null,
  };
}

export function isFiltered(filters: BoardFilters): boolean {
  return Boolean(filters.lead || filters.sector || filters.status || filters.due || filters.text || filters.mine || filters.obstacle);
}

export interface FilterableCard {
  number: number;
  objectiveNumber: number;
  title: string;
  /** References it held before ("1.2"): an old reference still finds it. */
  formerReferences?: readonly string[];
  status: Status;
  dueOn: string | null;
  leads: ReadonlyArray<{ kind: "person" | "group" | "outside"; id: string | null; name: string; sector: GroupSector | null }>;
  obstacleIds: readonly string[];
}

export function matchesFilters(
  card: FilterableCard,
  filters: BoardFilters,
  context: { today: string; userId: string; groupIds: ReadonlySet<string> },
): boolean {
  if (filters.status && card.status !== filters.status) return false;
  if (filters.lead) {
    const [kind, id] = filters.lead.split(":");
    if (!card.leads.some((lead) => lead.kind === kind && lead.id === id)) return false;
  }
  if (filters.obstacle && !card.obstacleIds.includes(filters.obstacle)) return false;
  if (filters.sector && !card.leads.some((lead) => lead.sector === filters.sector)) return false;
  if (filters.due) {
    const flag = deadlineFlag(card.dueOn, card.status, context.today);
    if (filters.due === "overdue" ? flag !== "overdue" : flag !== "due-soon") return false;
  }
  if (
    filters.mine &&
    !card.leads.some(
      (lead) => (lead.kind === "person" && lead.id === context.userId) || (lead.kind === "group" && lead.id !== null && context.groupIds.has(lead.id)),
    )
  ) {
    return false;
  }
  if (filters.text) {
    const haystack = [`${card.objectiveNumber}.${card.number}`, ...(card.formerReferences ?? []), card.title, ...card.leads.map((lead) => lead.name)]
      .join(" ")
      .toLowerCase();
    if (
      !filters.text
        .toLowerCase()
        .split(/\s+/)
        .every((word) => haystack.includes(word))
    )
      return false;
  }
  return true;
}
