import type { ShouldRevalidateFunctionArgs } from "react-router";
import { BOARD_INTENT } from "~/domain/intents";

// When the data already on screen is still true after a form: the one rule
// that the root, the partnership's layout and the board read, so a move costs
// the browser one request (its own) and the board's other forms reload only
// the board and the action open over it.

/** A move the board lays over its cards from the reply itself (app/routes/board/board.tsx): nothing needs reading again. */
export function isAppliedMove({ formData, actionResult }: Pick<ShouldRevalidateFunctionArgs, "formData" | "actionResult">): boolean {
  if (formData?.get("intent") !== BOARD_INTENT.move || !actionResult || typeof actionResult !== "object") return false;
  const reply = actionResult as { ok?: unknown; version?: unknown };
  return reply.ok === true && typeof reply.version === "number";
}

/** A form of a plan's board or of an action open over it: `/p/<slug>/plans/<plan>` or `…/actions/<action>`, with any filters. */
const BOARD_FORM = /^\/p\/[^/?]+\/plans\/[^/?]+(\/actions\/[^/?]+)?\/?(\?|$)/;

/**
 * For what sits above a plan (who is signed in, their partnership and role):
 * the board's forms and the action dialog's change actions, notes and cards,
 * never a person or their partnership.
 */
export function keepAboveThePlan(args: ShouldRevalidateFunctionArgs): boolean {
  const { formMethod, formAction, defaultShouldRevalidate } = args;
  if (formMethod && formMethod.toUpperCase() !== "GET" && formAction && BOARD_FORM.test(formAction)) return false;
  return defaultShouldRevalidate;
}

/** For the board: read again after every form except a move whose reply it has applied. */
export function keepTheBoard(args: ShouldRevalidateFunctionArgs): boolean {
  return isAppliedMove(args) ? false : args.defaultShouldRevalidate;
}
