import type { FormReply } from "~/components/form-reply";
import type { Route } from "./+types/route";

// What the review page's parts read: the loader's data as the browser gets it
// (from the generated route types, so the parts never import the route module).

export type ReviewPageData = Route.ComponentProps["loaderData"];
export type ReviewContent = NonNullable<ReviewPageData["content"]>;
export type ReviewAction = ReviewContent["objectives"][number]["actions"][number];

/** What the review page's forms hear back: the saved item's new version, or a colleague's newer text. */
export type ReviewReply = FormReply & { version?: number; current?: unknown };
