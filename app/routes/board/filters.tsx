import { Form, Link } from "react-router";
import { GROUP_SECTORS, STATUSES } from "~/domain/vocabulary";
import { FilterSelect } from "~/components/filter-select";
import { SECTOR_LABELS } from "~/components/sector";
import { STATUS_LABELS } from "~/components/status";
import type { BoardProps } from "./types";

/** A GET form: filters live in the URL, so a link shows the same view. */
export function Filters({ filters, filtered, people, groups, obstacles, slug, plan }: BoardProps) {
  return (
    <Form method="get" className="filters no-print" aria-label="Filter actions">
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
