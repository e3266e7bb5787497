import type { Verb } from "../domain/policy";

// Errors that writes throw from inside their transaction (which then rolls
// back); routes turn them into 4xx answers with a message for people.

export class ForbiddenError extends Error {
  constructor(readonly verb: Verb) {
    super(`Not allowed: ${verb}`);
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} no longer exists, or is not in this plan`);
  }
}

/** Someone else changed it first; `current` is what the database holds now. */
export class ConflictError<Current = unknown> extends Error {
  constructor(
    message: string,
    readonly current: Current,
  ) {
    super(message);
  }
}

/** Input that cannot be saved as it is, with the field it concerns. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field = "form",
  ) {
    super(message);
  }
}
