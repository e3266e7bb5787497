import { Form, Link } from "react-router";
import { SECTORS } from "~/domain/vocabulary";
import { FilterSelect } from "~/components/filter-select";
import { formatDateTime } from "~/domain/dates";
import { describeActor, describeChange } from "~/domain/history";
import { KINDS, parseHistoryFilters } from "~/domain/history";
import { planHistoryPage } from "~/server/plans/history.server";
import { actionReferencesOf, membersOf } from "~/server/people/partnerships.server";
import type { Route } from "./+types/route";
import { SECTOR_LABELS } from "~/domain/words";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `History of ${loaderData?.plan.title ?? "the plan"} – Partnership Board` }];

const PAGE_SIZE = 50;

export const loader = pageLoader(planScope("plan.viewHistory"), async ({ membership, plan, db, url }) => {
  const filters = parseHistoryFilters(url.searchParams);
  const before = Number(url.searchParams.get("before"));
  const beforeId = Number.isSafeInteger(before) && before > 0 ? before : null;

  const [rows, people, actions] = await Promise.all([
    planHistoryPage(db, plan.id, filters, { beforeId, size: PAGE_SIZE + 1 }),
    membersOf(db, plan.partnershipId, { activeOnly: false }),
    actionReferencesOf(db, plan.id),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const query = new URLSearchParams(url.searchParams);
  query.delete("before");
  const older = new URLSearchParams(query);
  if (rows.length > PAGE_SIZE) older.set("before", String(page.at(-1)!.id));

  return {
    slug: membership.partnership.slug,
    plan: { id: plan.id, title: plan.title },
    filters,
    filterQuery: query.toString(),
    olderQuery: rows.length > PAGE_SIZE ? older.toString() : null,
    isFirstPage: beforeId === null,
    people: people.map((person) => ({ value: person.id, label: person.name })),
    actions: actions.map((action) => {
      const label = `${action.objectiveNumber}.${action.number} ${action.title}`;
      return { value: action.id, label: label.length > 70 ? `${label.slice(0, 69)}…` : label };
    }),
    events: page.map((event) => ({
      id: event.id,
      actor: describeActor(event),
      change: describeChange(event),
      at: formatDateTime(event.occurredAt),
      isoTime: event.occurredAt.toISOString(),
      actionId: event.actionId,
    })),
  };
});

export default function History({ loaderData }: Route.ComponentProps) {
  const { slug, plan, filters, events } = loaderData;
  const planUrl = `/p/${slug}/plans/${plan.id}`;
  const csvUrl = `${planUrl}/history.csv${loaderData.filterQuery ? `?${loaderData.filterQuery}` : ""}`;
  return (
    <>
      <p className="no-print">
        <Link to={planUrl}>Back to the board</Link>
      </p>
      <h1>History of {plan.title}</h1>
      <p>
        Every change to this plan, newest first: who made it, in which sector they acted at the time, and when (UK time). Nothing here can be edited or deleted;
        someone whose data was erased at their request appears as “Former member” and a number.
      </p>

      <Form method="get" className="filters no-print" aria-label="Filter the history">
        <FilterSelect id="history-person" name="person" label="Person" value={filters.userId} anyLabel="Anyone" options={loaderData.people} />
        <FilterSelect
          id="history-sector"
          name="sector"
          label="Sector"
          value={filters.sector}
          anyLabel="Any sector"
          options={SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] }))}
        />
        <FilterSelect id="history-action" name="action" label="Action" value={filters.actionId} anyLabel="Any action" options={loaderData.actions} />
        <FilterSelect
          id="history-kind"
          name="kind"
          label="Kind of change"
          value={filters.kind}
          anyLabel="Any change"
          options={Object.entries(KINDS).map(([kind, { label }]) => ({ value: kind, label }))}
        />
        <div className="filters__field">
          <label htmlFor="history-from">From</label>
          <input id="history-from" name="from" type="date" className="input" defaultValue={filters.from ?? ""} />
        </div>
        <div className="filters__field">
          <label htmlFor="history-to">To</label>
          <input id="history-to" name="to" type="date" className="input" defaultValue={filters.to ?? ""} />
        </div>
        <div className="filters__buttons">
          <button type="submit" className="button button--secondary">
            Apply filters
          </button>
          {loaderData.filterQuery ? <Link to={`${planUrl}/history`}>Clear filters</Link> : null}
        </div>
      </Form>

      <p className="no-print">
        <a href={csvUrl} download>
          Download these events as CSV
        </a>
      </p>

      {events.length === 0 ? (
        <p className="empty-state">No changes match these filters. Try a wider date range or clear the filters.</p>
      ) : (
        <ol className="timeline history-list" aria-label="Changes, newest first">
          {events.map((event) => (
            <li key={event.id} className="timeline__item">
              {`${event.actor} ${event.change} · `}
              <time dateTime={event.isoTime}>{event.at}</time>
              {event.actionId ? (
                <>
                  {" "}
                  <Link to={`${planUrl}/actions/${event.actionId}`}>
                    Open the action<span className="visually-hidden"> for event {event.id}</span>
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="History pages" className="pager no-print">
        {loaderData.isFirstPage ? null : <Link to={`${planUrl}/history${loaderData.filterQuery ? `?${loaderData.filterQuery}` : ""}`}>Newest changes</Link>}
        {loaderData.olderQuery ? <Link to={`${planUrl}/history?${loaderData.olderQuery}`}>Older changes</Link> : null}
      </nav>
    </>
  );
}
