import { Outlet } from "react-router";
import { getDb } from "~/server/db.server";
import { getMembership, notFound, recordRefusal, forbidden } from "~/server/guards.server";
import { planContext } from "~/server/plan-context.server";
import { loadPlan } from "~/server/plan-data.server";
import { can } from "~/domain/policy";
import type { Route } from "./+types/layout";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Every route under a plan: the plan must belong to this partnership (404
 * otherwise), and someone who may change nothing in it (an observer) is
 * refused before any route reads the request body.
 */
const planMiddleware: Route.MiddlewareFunction = async ({ request, params, context }, next) => {
  const membership = getMembership(context);
  const plan = await loadPlan(await getDb(), membership.partnership.id, params.planId);
  if (!plan) throw notFound();
  if (!SAFE_METHODS.has(request.method) && !can(membership.actor, "plan.write", { partnershipId: plan.partnershipId })) {
    await recordRefusal(membership, "plan.write", request, plan.id);
    throw forbidden();
  }
  context.set(planContext, plan);
  return next();
};

export const middleware: Route.MiddlewareFunction[] = [planMiddleware];

export default function PlanLayout() {
  return <Outlet />;
}
