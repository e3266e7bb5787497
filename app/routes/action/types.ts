import type { FormReply } from "~/components/form-reply";
import type { ActionContent } from "~/server/plans/action-content.server";
import type { loader } from "./route";

// What the action's loader sends the dialog's parts. Type-only, so the parts
// never load the route module.

export type ActionProps = Awaited<ReturnType<typeof loader>>;

/** What a refused form sent, so that the dialog shown again (without JavaScript, a new page) keeps what was typed. */
export interface ActionSent {
  intent?: string;
  title?: string;
  description?: string;
  dueOn?: string;
  timescaleText?: string;
  outsideBodies?: string;
  leadUserIds?: string[];
  leadGroupIds?: string[];
  body?: string;
  reason?: string;
}

/** What the action's forms answer: the one reply shape, with a saved version, both sides of a conflict, or what a refused form sent. */
export type ActionResult = FormReply & { version?: number; conflict?: { theirs: ActionContent; yours: ActionContent }; sent?: ActionSent };
