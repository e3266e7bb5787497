import { Link } from "react-router";
import { SectorTag } from "~/components/sector";
import { getCurrentUser } from "~/server/auth/current-user.server";
import { getDb } from "~/server/platform/db.server";
import { partnershipsOf } from "~/server/people/partnerships.server";
import type { Route } from "./+types/route";
import { ROLE_LABELS } from "~/domain/words";

export const meta: Route.MetaFunction = () => [{ title: "Partnership Board" }];

export async function loader({ context }: Route.LoaderArgs) {
  const user = getCurrentUser(context);
  if (!user) return { signedIn: false as const };
  return { signedIn: true as const, displayName: user.displayName, partnerships: await partnershipsOf(await getDb(), user.id) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  if (!loaderData.signedIn) {
    return (
      <>
        <h1>Partnership Board</h1>
        <p className="lead">
          Run your Partnership Improvement action plan in one place: objectives and actions, who leads them, when they are due, and what has changed.
        </p>
        <p>
          <Link className="button" to="/login">
            Sign in
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Your partnerships</h1>
      {loaderData.partnerships.length === 0 ? (
        <p>You are not a member of any partnership yet. Ask a partnership admin to invite you.</p>
      ) : (
        <ul className="card-list">
          {loaderData.partnerships.map((partnership) => (
            <li key={partnership.id} className="summary-card">
              <h2>
                <Link to={`/p/${partnership.slug}`}>{partnership.name}</Link>
              </h2>
              <p>
                You act as {ROLE_LABELS[partnership.role].toLowerCase()}, <SectorTag sector={partnership.sector} />
              </p>
              {partnership.plans.length === 0 ? (
                <p>No plans yet.</p>
              ) : (
                <ul>
                  {partnership.plans.map((plan) => (
                    <li key={plan.id}>
                      <Link to={`/p/${partnership.slug}/plans/${plan.id}`}>{plan.title}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
