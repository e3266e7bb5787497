import type { FormReply } from "~/components/form-reply";
import type { ActionContent } from "~/server/plans/action-content.server";
import type { loader } from "./route";

// What the action's loader sends the dialog's parts. Type-only, so the parts
// never load the route module.

export type ActionProps = Awaited<ReturnType<typeof loader>>;

/** What the action's forms answer: the one reply shape, with a saved version or both sides of a conflict. */
export type ActionResult = FormReply & { version?: number; conflict?: { theirs: ActionContent; yours: ActionContent } };
