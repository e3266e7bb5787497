import { data } from "react-router";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "./errors.server";
import { recordRefusal, type Membership } from "./guards.server";

export interface WriteFailure {
  ok: false;
  error: string;
  field: string;
  conflict?: unknown;
}

/**
 * Runs a write and turns the errors writes throw into answers: 403 (recorded
 * in the history), 404, 400 or 409, with a message for people. Routes return
 * the failure rather than throw it, so a refused drag leaves the board on
 * screen with the message beside it.
 */
export async function attemptWrite<T>(membership: Membership, request: Request, write: () => Promise<T>, planId: string | null = null) {
  try {
    return { ok: true as const, value: await write() };
  } catch (error) {
    const fail = (status: number, message: string, field = "form", conflict?: unknown) =>
      data<WriteFailure>({ ok: false, error: message, field, ...(conflict === undefined ? {} : { conflict }) }, { status });
    if (error instanceof ForbiddenError) {
      await recordRefusal(membership, error.verb, request, planId);
      return { ok: false as const, response: fail(403, "You do not have permission to do that.") };
    }
    if (error instanceof NotFoundError) return { ok: false as const, response: fail(404, error.message) };
    if (error instanceof InputError) return { ok: false as const, response: fail(400, error.message, error.field) };
    if (error instanceof ConflictError) return { ok: false as const, response: fail(409, error.message, "form", error.current) };
    // Two people doing the same thing at once (the same new action, say): the second is told, not shown an error page.
    if (isUniqueViolation(error)) return { ok: false as const, response: fail(409, "Someone has just made the same change. Reload the page to see it.") };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}
