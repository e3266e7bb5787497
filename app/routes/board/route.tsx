import { getMembership } from "~/server/guards.server";
import { getPlan } from "~/server/plan-context.server";
import type { Route } from "./+types/route";

export function loader({ context }: Route.LoaderArgs) {
  getMembership(context);
  return { title: getPlan(context).title };
}

export default function Board({ loaderData }: Route.ComponentProps) {
  return <h1>{loaderData.title}</h1>;
}
