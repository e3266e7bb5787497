import { NavLink, Outlet, type ShouldRevalidateFunction, useRouteError, useRouteLoaderData } from "react-router";
import { ErrorPage } from "~/components/error-page";
import { keepAboveThePlan } from "~/components/revalidation";
import { SectorTag } from "~/components/sector";
import { can } from "~/domain/policy";
import { getMembership, membershipMiddleware } from "~/server/auth/guards.server";
import type { Route } from "./+types/layout";
import { ROLE_LABELS } from "~/domain/words";

export const middleware: Route.MiddlewareFunction[] = [membershipMiddleware];

export function loader({ context }: Route.LoaderArgs) {
  const { partnership, actor } = getMembership(context);
  const target = { partnershipId: partnership.id };
  return {
    partnership,
    role: actor.role,
    sector: actor.sector,
    canManagePeople: can(actor, "partnership.manageMembers", target),
    canReadSecurityLog: can(actor, "partnership.viewSecurityLog", target),
    canManageEmails: can(actor, "partnership.manageEmails", target),
  };
}

/** The partnership and the viewer's role in it do not change with a plan's board or its actions. */
export const shouldRevalidate: ShouldRevalidateFunction = keepAboveThePlan;

export default function PartnershipLayout({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <PartnershipBar {...loaderData} />
      <Outlet />
    </>
  );
}

/**
 * A page refused (403) or missing (404) inside a partnership keeps the
 * partnership's navigation, so the person can go on from there. When the
 * partnership itself was refused, nothing of it is shown.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/partnership/layout");
  return (
    <>
      {data ? <PartnershipBar {...data} /> : null}
      <ErrorPage error={error} />
    </>
  );
}

function PartnershipBar({ partnership, role, sector, canManagePeople, canReadSecurityLog, canManageEmails }: Awaited<ReturnType<typeof loader>>) {
  return (
    <>
      <div className="context-bar">
        <p className="context-bar__name">{partnership.name}</p>
        <p className="context-bar__identity">
          You act as {ROLE_LABELS[role].toLowerCase()}, <SectorTag sector={sector} />
        </p>
        <nav aria-label="Partnership" className="context-bar__nav no-print">
          <NavLink to={`/p/${partnership.slug}`} end>
            Plans
          </NavLink>
          <NavLink to={`/p/${partnership.slug}/groups`}>Groups</NavLink>
          {canManagePeople ? <NavLink to={`/p/${partnership.slug}/people`}>People</NavLink> : null}
          {canManageEmails ? <NavLink to={`/p/${partnership.slug}/emails`}>Emails</NavLink> : null}
          {canReadSecurityLog ? <NavLink to={`/p/${partnership.slug}/security-log`}>Security log</NavLink> : null}
        </nav>
      </div>
    </>
  );
}
