import { useEffect, useRef } from "react";
import { Form, Link } from "react-router";
import type { BoardFilters } from "~/domain/board-filters";
import { GROUP_SECTORS, STATUSES } from "~/domain/vocabulary";
import { FilterSelect } from "~/components/filter-select";
import type { BoardProps } from "./types";
import { SECTOR_LABELS, STATUS_LABELS } from "~/domain/words";

/** How many filters are on: "Filters (2 active)". */
function activeCount(filters: BoardFilters): number {
  return [filters.text, filters.lead, filters.sector, filters.status, filters.due, filters.obstacle, filters.mine].filter(Boolean).length;
}

// Where the filters fold away: on a phone they would fill the first screen.
const NARROW = "(max-width: 40rem)";

/**
 * A GET form: filters live in the URL, so a link shows the same view. It sits
 * in a Filters disclosure, open as the server sends it (wide screens, and
 * phones without JavaScript, see the form at once) and folded once the page
 * runs on a narrow screen, active filters or not: the count says they are on.
 */
export function Filters({ filters, filtered, people, groups, obstacles, slug, plan }: BoardProps) {
  const disclosureRef = useRef<HTMLDetailsElement>(null);
  // The filters applied, as one value: live updates bring new data but the same filters.
  const applied = JSON.stringify(filters);
  useEffect(() => {
    // On arrival and once filters are applied, fold them on a narrow screen, so the cards show.
    // Folded in the page, not in state: React leaves it as the person sets it from then on.
    if (disclosureRef.current && window.matchMedia(NARROW).matches) disclosureRef.current.open = false;
  }, [applied]);
  const count = activeCount(filters);
  return (
    <details className="filters-disclosure no-print" open ref={disclosureRef}>
      <summary className="filters-disclosure__summary">{count ? `Filters (${count} active)` : "Filters"}</summary>
      <FilterForm filters={filters} filtered={filtered} people={people} groups={groups} obstacles={obstacles} slug={slug} plan={plan} />
    </details>
  );
}

function FilterForm({
  filters,
  filtered,
  people,
  groups,
  obstacles,
  slug,
  plan,
}: Pick<BoardProps, "filters" | "filtered" | "people" | "groups" | "obstacles" | "slug" | "plan">) {
  return (
    <Form method="get" className="filters" aria-label="Filter actions">
      <div className="filters__field">
        <label htmlFor="filter-q">Search</label>
        <input id="filter-q" name="q" type="search" className="input" defaultValue={filters.text} />
      </div>
      <div className="filters__field">
        <label htmlFor="filter-lead">Lead</label>
        <select id="filter-lead" name="lead" className="input select" defaultValue={filters.lead ?? ""}>
          <option value="">Anyone</option>
          <optgroup label="People">
            {people.map((person) => (
              <option key={person.id} value={`person:${person.id}`}>
                {person.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Groups">
            {groups.map((group) => (
              <option key={group.id} value={`group:${group.id}`}>
                {group.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <FilterSelect
        id="filter-sector"
        name="sector"
        label="Lead's sector"
        value={filters.sector}
        anyLabel="Any sector"
        options={GROUP_SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] }))}
      />
      <FilterSelect
        id="filter-status"
        name="status"
        label="Status"
        value={filters.status}
        anyLabel="Any status"
        options={STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
      />
      <FilterSelect
        id="filter-due"
        name="due"
        label="Deadline"
        value={filters.due}
        anyLabel="Any"
        options={[
          { value: "overdue", label: "Overdue" },
          { value: "soon", label: "Due in the next 14 days" },
        ]}
      />
      {obstacles.length > 0 ? (
        <FilterSelect
          id="filter-obstacle"
          name="obstacle"
          label="Obstacle"
          value={filters.obstacle}
          anyLabel="Any obstacle"
          options={obstacles.map((obstacle) => ({ value: obstacle.id, label: obstacle.name }))}
        />
      ) : null}
      <div className="filters__field filters__checkbox checkbox">
        <input id="filter-mine" name="mine" type="checkbox" value="1" defaultChecked={filters.mine} />
        <label htmlFor="filter-mine">My actions</label>
      </div>
      <div className="filters__buttons">
        <button type="submit" className="button button--secondary">
          Apply filters
        </button>
        {filtered ? <Link to={`/p/${slug}/plans/${plan.id}`}>Clear filters</Link> : null}
      </div>
    </Form>
  );
}
