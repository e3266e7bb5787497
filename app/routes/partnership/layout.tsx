import { NavLink, Outlet } from "react-router";
import { ROLE_LABELS, SectorTag } from "~/components/sector";
import { can } from "~/domain/policy";
import { getMembership, membershipMiddleware } from "~/server/guards.server";
import type { Route } from "./+types/layout";

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
  };
}

export default function PartnershipLayout({ loaderData }: Route.ComponentProps) {
  const { partnership, role, sector, canManagePeople, canReadSecurityLog } = loaderData;
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
          {canReadSecurityLog ? <NavLink to={`/p/${partnership.slug}/security-log`}>Security log</NavLink> : null}
        </nav>
      </div>
      <Outlet />
    </>
  );
}
