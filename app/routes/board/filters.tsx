import { Form, Link } from "react-router";
import { GROUP_SECTORS, STATUSES } from "../../../db/schema";
import { SECTOR_LABELS } from "~/components/sector";
import { STATUS_LABELS } from "~/components/status";
import type { BoardProps } from "./board";

/** A GET form: filters live in the URL, so a link shows the same view. */
export function Filters({ filters, filtered, people, groups, slug, plan }: BoardProps) {
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
      <div className="filters__field">
        <label htmlFor="filter-sector">Lead&apos;s sector</label>
        <select id="filter-sector" name="sector" className="input select" defaultValue={filters.sector ?? ""}>
          <option value="">Any sector</option>
          {GROUP_SECTORS.map((sector) => (
            <option key={sector} value={sector}>
              {SECTOR_LABELS[sector]}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" className="input select" defaultValue={filters.status ?? ""}>
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__field">
        <label htmlFor="filter-due">Deadline</label>
        <select id="filter-due" name="due" className="input select" defaultValue={filters.due ?? ""}>
          <option value="">Any</option>
          <option value="overdue">Overdue</option>
          <option value="soon">Due in the next 14 days</option>
        </select>
      </div>
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
