import type { Verb } from "../../domain/policy";

// The one vocabulary of errors that writes throw from inside their
// transaction (which then rolls back). failureOf() turns each, and the
// database's own refusals, into a status and a message for people.

export class ForbiddenError extends Error {
  /** `actionId`: the action it concerned, so the history can name it. */
  constructor(
    readonly verb: Verb,
    readonly actionId: string | null = null,
  ) {
    super(`Not allowed: ${verb}`);
  }
}

/** A refusal the person needs explained in words, with who can instead. */
export class ExplainedForbiddenError extends ForbiddenError {
  constructor(
    verb: Verb,
    readonly reason: string,
  ) {
    super(verb);
  }
}

/** `what` is "That action", "That group"…: gone, or never in this plan or partnership. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} no longer exists`);
  }
}

/**
 * The change cannot be made as things stand now (someone else changed it
 * first, or it would break a rule of the partnership); `current` is what the
 * database holds now, where the person needs it to choose.
 */
export class ConflictError<Current = unknown> extends Error {
  readonly field: string;
  readonly current: Current | undefined;
  constructor(message: string, { field = "form", current }: { field?: string; current?: Current } = {}) {
    super(message);
    this.field = field;
    this.current = current;
  }
}

/** Input that cannot be saved as it is, with the field it concerns. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Failure {
  status: 400 | 403 | 404 | 409;
  message: string;
  field: string;
  current?: unknown;
}

/** What to answer for an error a write threw, or null for a fault that is ours (a 500). */
export function failureOf(error: unknown): Failure | null {
  if (error instanceof ForbiddenError)
    return { status: 403, message: error instanceof ExplainedForbiddenError ? error.reason : "You do not have permission to do that.", field: "form" };
  if (error instanceof NotFoundError) return { status: 404, message: error.message, field: "form" };
  if (error instanceof InputError) return { status: 400, message: error.message, field: error.field };
  if (error instanceof ConflictError) return { status: 409, message: error.message, field: error.field, current: error.current };
  return constraintFailure(error);
}

// PostgreSQL's refusals that input or a race can cause: two people doing the
// same thing at once (two "make chair" clicks, the same new action), or a value
// the schema's checks refuse. Named by SQLSTATE.
const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";
const CHECK_VIOLATION = "23514";
const NOT_NULL_VIOLATION = "23502";
/** Raised by the triggers that keep history and published reviews as they are (db/migrations). */
const INSUFFICIENT_PRIVILEGE = "42501";

/** Unique indexes a race can reach after the write's own check passed, with what to tell the person. */
const UNIQUE_REFUSALS: Record<string, { field: string; message: string }> = {
  groups_name_any_case: { field: "name", message: "There is already a group with that name (names are the same whatever their capitals)." },
};

function constraintFailure(error: unknown): Failure | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, column, constraint } = error as { code?: unknown; column?: unknown; constraint?: unknown };
  const field = typeof column === "string" ? camelCase(column) : "form";
  switch (code) {
    case UNIQUE_VIOLATION:
      if (typeof constraint === "string" && UNIQUE_REFUSALS[constraint]) return { status: 409, ...UNIQUE_REFUSALS[constraint] };
      return { status: 409, message: "Someone has just made the same change. Reload the page to see it.", field };
    case FOREIGN_KEY_VIOLATION:
      return { status: 409, message: "Something this refers to has just been removed. Reload the page, and try again.", field };
    case CHECK_VIOLATION:
    case NOT_NULL_VIOLATION:
      return { status: 400, message: "Check what you entered: a value is not one this field takes.", field };
    case INSUFFICIENT_PRIVILEGE:
      return { status: 409, message: "That record can no longer change. Reload the page to see it as it is.", field: "form" };
    default:
      return null;
  }
}

function camelCase(column: string): string {
  return column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
