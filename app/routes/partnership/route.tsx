import { Link } from "react-router";
import { can } from "~/domain/policy";
import { getDb } from "~/server/db.server";
import { getMembership, requirePermission } from "~/server/guards.server";
import { plansOf } from "~/server/partnerships.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.partnershipName ?? "Partnership"} – Partnership Board` }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  await requirePermission(membership, "partnership.view", {}, request);
  const { partnership, actor } = membership;
  const plans = await plansOf(await getDb(), partnership.id);
  return {
    partnershipName: partnership.name,
    slug: partnership.slug,
    plans,
    canCreatePlan: can(actor, "plan.create", { partnershipId: partnership.id }),
  };
}

export default function PartnershipPlans({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Plans</h1>
      {loaderData.plans.length === 0 ? (
        <p>There are no plans yet.{loaderData.canCreatePlan ? " Create the first one." : " A partnership admin can create one."}</p>
      ) : (
        <ul className="card-list">
          {loaderData.plans.map((plan) => (
            <li key={plan.id} className="summary-card">
              <h2>
                <Link to={`/p/${loaderData.slug}/plans/${plan.id}`}>{plan.title}</Link>
              </h2>
            </li>
          ))}
        </ul>
      )}
      {loaderData.canCreatePlan ? (
        <p>
          <Link className="button" to={`/p/${loaderData.slug}/plans/new`}>
            Create a plan
          </Link>
        </p>
      ) : null}
    </>
  );
}
