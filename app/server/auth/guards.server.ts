import { createContext, data, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor, type Target, type Verb } from "../../domain/policy";
import { loadActor } from "../platform/actors.server";
import { recordStandaloneAudit } from "../platform/audit.server";
import { requireUser, type CurrentUser } from "./current-user.server";
import { getDb } from "../platform/db.server";
import { SAFE_METHODS } from "../platform/request-context.server";

export interface PartnershipSummary {
  id: string;
  slug: string;
  name: string;
}

/** The signed-in person as they act in the partnership of this URL. */
export interface Membership {
  user: CurrentUser;
  partnership: PartnershipSummary;
  actor: Actor;
}

export const membershipContext = createContext<Membership | null>(null);

/**
 * Middleware of every /p/:slug route: signed in, and a member of that
 * partnership, or 404 whether the partnership exists or not.
 */
export const membershipMiddleware: MiddlewareFunction<Response> = async ({ request, context, params }, next) => {
  const user = requireUser(request, context);
  const membership = await loadMembership(await getDb(), user, params.slug ?? "");
  if (!membership) throw notFound();
  context.set(membershipContext, membership);
  return next();
};

export function getMembership(context: Readonly<RouterContextProvider>): Membership {
  const membership = context.get(membershipContext);
  if (!membership) throw new Error("getMembership() outside a /p/:slug route");
  return membership;
}

export async function loadMembership(db: Kysely<Database>, user: CurrentUser, slug: string): Promise<Membership | null> {
  const partnership = await db.selectFrom("partnerships").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
  const actor = partnership ? await loadActor(db, user.id, partnership.id) : null;
  if (!partnership || !actor) return null;
  return { user, partnership, actor };
}

/**
 * Throws 403 unless the policy allows the verb, and records the refusal.
 * Every loader and action asks here before it reads or writes.
 */
export async function requirePermission(
  membership: Membership,
  verb: Verb,
  target: Omit<Target, "partnershipId"> & { plan?: { id?: string } },
  request: Request,
): Promise<void> {
  if (can(membership.actor, verb, { ...target, partnershipId: membership.partnership.id })) return;
  await recordRefusal(membership, verb, request, target.plan?.id ?? null);
  throw forbidden();
}

/**
 * A refused request, for the partnership's security log. A refused change to
 * a plan is part of the plan's story and its history shows it too ("tried to
 * change 1.1 but may not"); a refused page visit is not, so it keeps its plan
 * in the context only.
 */
export async function recordRefusal(
  membership: Membership,
  verb: Verb,
  request: Request,
  planId: string | null = null,
  actionId: string | null = null,
): Promise<void> {
  const isChange = !SAFE_METHODS.has(request.method);
  await recordStandaloneAudit(await getDb(), {
    actor: { userId: membership.user.id, role: membership.actor.role, sector: membership.actor.sector },
    partnershipId: membership.partnership.id,
    planId: isChange ? planId : null,
    actionId: isChange ? actionId : null,
    entityType: "request",
    entityId: new URL(request.url).pathname.slice(0, 200),
    verb: "refused",
    context: { permission: verb, method: request.method, ...(planId ? { planId } : {}) },
  });
}

export function notFound() {
  return data("There is no page at this address, or you do not have access to it.", { status: 404 });
}

export function forbidden() {
  return data("You do not have permission to do that. Ask a partnership admin if you think you should.", { status: 403 });
}
