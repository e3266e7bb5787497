import { Link } from "react-router";
import { ScrollingTable } from "~/components/scrolling-table";
import { formatDateTime } from "~/domain/dates";
import { describeActor, describeChange } from "~/domain/history";
import { memberScope, pageLoader } from "~/server/http/pipeline.server";
import { SAFE_METHODS } from "~/server/platform/request-context.server";
import { securityLogPage } from "~/server/plans/history.server";
import { config } from "~/server/platform/config.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Security log – Partnership Board" }];

const PAGE_SIZE = 50;

/**
 * What the partnership refused: pages opened and changes tried by people
 * without the right. Admins read it; a plan's history shows only the refused
 * changes, which are part of the plan's story. Refused page visits leave it
 * after SECURITY_LOG_DAYS, and each removal is listed.
 */
export const loader = pageLoader(memberScope("partnership.viewSecurityLog"), async ({ membership, db, url }) => {
  const before = Number(url.searchParams.get("before"));
  const beforeId = Number.isSafeInteger(before) && before > 0 ? before : null;
  const rows = await securityLogPage(db, membership.partnership.id, { beforeId, size: PAGE_SIZE + 1 });
  const page = rows.slice(0, PAGE_SIZE);
  return {
    slug: membership.partnership.slug,
    isFirstPage: beforeId === null,
    keptDays: config.securityLogDays,
    olderThan: rows.length > PAGE_SIZE ? page.at(-1)!.id : null,
    events: page.map((event) => ({
      id: event.id,
      actor: describeActor(event),
      attempt: describeChange(event),
      kind: event.path === null ? "Removal" : SAFE_METHODS.has(String(event.context.method)) ? "Page" : "Change",
      path: event.path,
      at: formatDateTime(event.occurredAt),
      isoTime: event.occurredAt.toISOString(),
    })),
  };
});

export default function SecurityLog({ loaderData }: Route.ComponentProps) {
  const { slug, events } = loaderData;
  const logUrl = `/p/${slug}/security-log`;
  return (
    <>
      <h1>Security log</h1>
      <p>
        Every request this partnership refused, newest first: pages opened and changes tried by people without the right to. Refused changes to a plan also
        appear in that plan's history. Refused page visits are removed after {loaderData.keptDays} days, and each removal is listed here; nothing else can be
        edited or deleted.
      </p>
      {events.length === 0 ? (
        <p className="empty-state">Nothing has been refused{loaderData.isFirstPage ? " yet" : " before these"}.</p>
      ) : (
        <ScrollingTable label="Refused requests">
          <table className="table">
            <caption className="visually-hidden">Refused requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What they tried</th>
                <th scope="col">Kind</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.isoTime}>{event.at}</time>
                  </td>
                  <td>{event.actor}</td>
                  <td>{event.attempt}</td>
                  <td>{event.kind}</td>
                  <td>{event.path === null ? "" : <code>{event.path}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollingTable>
      )}
      <nav aria-label="Security log pages" className="pager">
        {loaderData.isFirstPage ? null : <Link to={logUrl}>Newest</Link>}
        {loaderData.olderThan ? <Link to={`${logUrl}?before=${loaderData.olderThan}`}>Older</Link> : null}
      </nav>
    </>
  );
}
