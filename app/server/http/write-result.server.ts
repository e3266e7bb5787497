import { data } from "react-router";
import type { FieldErrors, FormReply } from "../../components/form-reply";
import { failureOf, ForbiddenError, type Failure } from "../platform/errors.server";
import { recordRefusal, type Membership } from "../auth/guards.server";

// Answers for forms, in the one shape of app/components/form-reply.ts.

export function succeeded<Extra extends object = object>(notice: string | null, extra?: Extra) {
  return { ok: true as const, notice, formError: null, errors: {}, ...(extra as Extra) };
}

export function refused<Extra extends object = object>(
  status: number,
  problem: { formError?: string; errors?: FieldErrors },
  extra?: Extra,
  headers?: HeadersInit,
) {
  return data(
    { ok: false as const, notice: null, formError: problem.formError ?? null, errors: problem.errors ?? {}, ...(extra as Extra) } satisfies FormReply,
    { status, headers },
  );
}

/** Too many attempts: when to try again, in words and in Retry-After. */
export function throttled(formError: string, retryAt: Date) {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  return refused(429, { formError }, undefined, { "Retry-After": String(seconds) });
}

/** A form its schema refused: one message per field. */
export function invalid<Extra extends object = object>(errors: FieldErrors, extra?: Extra) {
  return refused(400, { errors }, extra);
}

/** What a write refused, at the field it concerns or for the form as a whole. */
export function failed<Extra extends object = object>(failure: Failure, extra?: Extra) {
  return refused(failure.status, failure.field === "form" ? { formError: failure.message } : { errors: { [failure.field]: failure.message } }, extra);
}

/**
 * Runs a write and turns the errors writes throw into answers (failureOf()
 * decides which): a refusal is recorded in the history as well. Routes return
 * the failure rather than throw it, so a refused drag leaves the board on
 * screen with the message beside it. Anything else is a fault of ours: a 500.
 * Without a membership (Your account's own settings) there is no partnership
 * log to record a refusal in.
 */
export async function attemptWrite<T, Extra extends object = object>(
  membership: Membership | null,
  request: Request,
  write: () => Promise<T>,
  { planId = null, extra }: { planId?: string | null; extra?: Extra } = {},
) {
  try {
    return { ok: true as const, value: await write() };
  } catch (error) {
    const failure = failureOf(error);
    if (!failure) throw error;
    if (error instanceof ForbiddenError && membership) await recordRefusal(membership, error.verb, request, planId, error.actionId);
    return { ok: false as const, failure, response: failed(failure, extra) };
  }
}
