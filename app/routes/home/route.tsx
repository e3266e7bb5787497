import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Partnership Board" }];

export default function Home() {
  return (
    <>
      <h1>Partnership Board</h1>
      <p className="lead">
        Run your Partnership Improvement action plan in one place: objectives and actions, who leads them, when they
        are due, and what has changed.
      </p>
    </>
  );
}
