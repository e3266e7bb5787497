import { data, Link } from "react-router";
import type { Route } from "./+types/route";

export function loader(_: Route.LoaderArgs) {
  throw data(null, { status: 404 });
}

export function action(_: Route.ActionArgs) {
  throw data(null, { status: 404 });
}

// Rendered by the root error boundary; see app/components/error-page.tsx.
export default function NotFound() {
  return (
    <p>
      <Link to="/">Go to the home page</Link>
    </p>
  );
}
