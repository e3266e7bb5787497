import type { Kysely } from "kysely";
import type { Params, RouterContextProvider } from "react-router";
import type { z } from "zod";
import type { Database } from "../../../db/schema";
import type { FieldErrors } from "../../components/form-reply";
import type { Verb } from "../../domain/policy";
import { getCurrentUser, requireUser, type CurrentUser } from "../auth/current-user.server";
import { getMembership, requirePermission, type Membership } from "../auth/guards.server";
import type { Client } from "../auth/sign-in.server";
import { getPlan } from "../plans/plan-context.server";
import { getDb } from "../platform/db.server";
import type { PlanContextData } from "../platform/plan-data.server";
import { requestInfoContext } from "../platform/request-context.server";
import { parseForm, readForm } from "./forms.server";
import { attemptWrite, type failed, invalid, refused, succeeded } from "./write-result.server";

// The one pipeline every form's action runs: who acts (refused before the body
// is read) → read the form → find its intent's schema → parse → the handler,
// whose write goes through attemptWrite → one reply. A route declares its
// forms and the function each calls, nothing more. Loaders take the same
// scopes (pageLoader), so who may see a page is said the same way.
//
// The sign-in forms (sign in, accept an invitation, reset or change a
// password) run here too, but their handlers get a result union from auth
// rather than calling write(): a refused sign-in must still count against the
// throttle, which a rolled-back write would undo. Signing out reads no form at
// all (it signs out whatever the body), so it is the one action outside.

/** The sentence every route answers an intent it does not take with. */
export const NOT_UNDERSTOOD = "That request was not understood";

interface ActionArgs {
  request: Request;
  params: Params;
  context: Readonly<RouterContextProvider>;
}

/** What a route's scope may hold that the pipeline uses: who writes, and in which plan. */
interface ScopeBase {
  membership?: Membership;
  plan?: { id: string };
}

/** What every handler gets beside its scope and parsed input. */
export interface FormTools<Sent extends object = object> {
  request: Request;
  formData: FormData;
  /** What the route's `sent` option took from the form, if it has one. */
  sent: Sent | undefined;
  db: Kysely<Database>;
  /**
   * Runs a change through attemptWrite as the scope's member, in its plan: a
   * refusal comes back as `{ ok: false, response }` carrying the route's sent values.
   */
  write<T, Extra extends object = Sent>(change: () => Promise<T>, options?: { extra?: Extra }): ReturnType<typeof attemptWrite<T, Extra>>;
  /**
   * A second schema over the same form, for a handler that reads it after work of its own
   * (an import checks the new plan's settings once the table is read, so a refusal shows the table).
   */
  parse<Schema extends z.ZodType>(schema: Schema): ReturnType<typeof parseForm<Schema>>;
  /** write(), answered with the notice once the change is made, or with its refusal. */
  saved(notice: string, change: () => Promise<unknown>): Promise<ReturnType<typeof succeeded> | ReturnType<typeof failed<Sent>>>;
}

type Handlers<Forms extends Record<string, z.ZodType>, Scope, Sent extends object> = {
  [Intent in keyof Forms]: (input: z.output<Forms[Intent]>, scope: Scope & FormTools<Sent>) => unknown;
};
type Replies<Run> = Awaited<{ [Intent in keyof Run]: Run[Intent] extends (...args: never[]) => infer Reply ? Reply : never }[keyof Run]>;

interface Options<Args, Scope, Sent> {
  /** Who acts and where; throws a 403 or 404 before the body is read. */
  scope: (args: Args) => Scope | Promise<Scope>;
  /** Sent back with every refusal, so that a page shown again keeps what was sent. */
  sent?: (formData: FormData, scope: Scope) => Sent;
  /** Where each field's message shows, when the page's ids are not the fields' names. */
  errorsAt?: (errors: FieldErrors) => FieldErrors;
  /**
   * Read the body before finding the scope: for a scope that costs a query per request
   * (Move… loads the board to ask about one card), a body that is not a form is refused first.
   */
  readFirst?: boolean;
}

/** A route with several forms, told apart by their `intent` field (names from domain/intents.ts). */
export function intentAction<
  Args extends ActionArgs,
  Scope extends object,
  Forms extends Record<string, z.ZodType>,
  Run extends Handlers<Forms, Scope, Sent>,
  Sent extends object = object,
>(
  options: Options<Args, Scope, Sent> & {
    forms: Forms;
    run: Run;
    /** The intent of a page's main form, which carries no intent field. */
    withoutIntent?: keyof Forms & string;
  },
) {
  return async (args: Args) => {
    const { scope, formData } = await scopeAndForm(options, args);
    const sent = options.sent?.(formData, scope);
    const sentIntent = formData.get("intent") ?? options.withoutIntent ?? "";
    // Own keys only: an intent called "toString" or "__proto__" is not a form of ours.
    if (typeof sentIntent !== "string" || !Object.hasOwn(options.forms, sentIntent)) return refused(400, { formError: NOT_UNDERSTOOD }, sent);
    const form = parseForm(formData, options.forms[sentIntent]!);
    if (!form.ok) return invalid(options.errorsAt?.(form.errors) ?? form.errors, sent);
    const handler = options.run[sentIntent] as (input: unknown, scope: Scope & FormTools<Sent>) => unknown;
    return (await handler(form.data, await withTools(scope, args.request, formData, sent))) as Replies<Run>;
  };
}

/** A route with one form: any intent field is ignored. */
export function formAction<Args extends ActionArgs, Scope extends object, Schema extends z.ZodType, Reply, Sent extends object = object>(
  options: Options<Args, Scope, Sent> & { form: Schema; run: (input: z.output<Schema>, scope: Scope & FormTools<Sent>) => Reply },
) {
  return async (args: Args) => {
    const { scope, formData } = await scopeAndForm(options, args);
    const sent = options.sent?.(formData, scope);
    const form = parseForm(formData, options.form);
    if (!form.ok) return invalid(options.errorsAt?.(form.errors) ?? form.errors, sent);
    return await options.run(form.data, await withTools(scope, args.request, formData, sent));
  };
}

async function scopeAndForm<Args extends ActionArgs, Scope>(options: { scope: (args: Args) => Scope | Promise<Scope>; readFirst?: boolean }, args: Args) {
  if (options.readFirst) {
    const formData = await readForm(args.request);
    return { formData, scope: await options.scope(args) };
  }
  const scope = await options.scope(args);
  return { scope, formData: await readForm(args.request) };
}

async function withTools<Scope extends object, Sent extends object>(
  scope: Scope,
  request: Request,
  formData: FormData,
  sent: Sent | undefined,
): Promise<Scope & FormTools<Sent>> {
  const { membership = null, plan } = scope as ScopeBase;
  const planId = plan?.id ?? null;
  const write = <T, Extra extends object = Sent>(change: () => Promise<T>, options: { extra?: Extra } = {}) =>
    attemptWrite<T, Extra>(membership, request, change, { planId, extra: options.extra ?? (sent as Extra | undefined) });
  return {
    ...scope,
    request,
    formData,
    sent,
    db: await getDb(),
    write,
    parse: (schema) => parseForm(formData, schema),
    saved: async (notice, change) => {
      const result = await write(change);
      return result.ok ? succeeded(notice) : result.response;
    },
  };
}

/**
 * A page's loader, like a form's action: the scope first (refused with a 403 or 404),
 * then the function that reads, handed the database and the request.
 */
export function pageLoader<Args extends ActionArgs & { url: URL }, Scope extends object, Data>(
  scope: (args: Args) => Scope | Promise<Scope>,
  load: (scope: Scope & { db: Kysely<Database>; request: Request; params: Args["params"]; url: URL; context: Args["context"] }) => Data,
) {
  return async (args: Args): Promise<Awaited<Data>> => {
    const found = await scope(args);
    return await load({ ...found, db: await getDb(), request: args.request, params: args.params, url: args.url, context: args.context });
  };
}

/** A member of the URL's partnership, allowed the verb there if one is named. */
export function memberScope(verb?: Verb) {
  return async ({ request, context }: ActionArgs): Promise<{ membership: Membership }> => {
    const membership = getMembership(context);
    if (verb) await requirePermission(membership, verb, {}, request);
    return { membership };
  };
}

/** A member acting in the URL's plan (the plan's middleware has refused observers already). */
export function planScope(verb?: Verb) {
  return async ({ request, context }: ActionArgs): Promise<{ membership: Membership; plan: PlanContextData }> => {
    const membership = getMembership(context);
    const plan = getPlan(context);
    if (verb) await requirePermission(membership, verb, { plan }, request);
    return { membership, plan };
  };
}

/** Anyone, signed in or not (the sign-in forms): who is signed in here already, and the client, for the throttle and the sessions list. */
export function visitorScope({ request, context }: ActionArgs): { currentUser: CurrentUser | null; client: Client } {
  return {
    currentUser: getCurrentUser(context),
    client: { address: context.get(requestInfoContext).address, userAgent: request.headers.get("User-Agent") ?? "" },
  };
}

/** A signed-in person acting for themselves (Your account); anyone else is sent to sign in. */
export function signedInScope(args: ActionArgs): { user: CurrentUser; client: Client } {
  const user = requireUser(args.request, args.context);
  return { user, client: visitorScope(args).client };
}
