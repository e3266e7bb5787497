import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { can, type Actor, type Target, type Verb } from "../../domain/policy";
import { loadActor } from "./actors.server";
import { actorOf, recordAudit, type AuditActor, type FieldChanges } from "./audit.server";
import { ForbiddenError, NotFoundError } from "./errors.server";
import { notifyPlanChanged } from "./live.server";
import { queueEmails, type QueuedEmail } from "./outbox.server";
import { loadPlan, planTarget, type PlanContextData } from "./plan-data.server";

// The one way to change anything. A write is the change itself, wrapped by
// one of the helpers below, which open the transaction, take the actor (and
// the plan) again from the database inside it, hand the change a way to ask
// the policy, append the one audit event the change describes, and notify the
// plan's live viewers, all committed together or not at all. A change that
// never asks the policy is refused: deny by default.

export type Trx = Transaction<Database>;

/** The audit event a change asks for: what it changed, in words the history shows. */
export interface EventFacts {
  entityType: string;
  entityId: string;
  verb: string;
  changes?: FieldChanges;
  context?: Record<string, unknown>;
  actionId?: string | null;
  /** A partnership-level change about one plan (creating it, its settings). */
  planId?: string | null;
  /** The notices the change causes, queued in its transaction (platform/outbox.server.ts). */
  emails?: readonly QueuedEmail[];
  /**
   * Partnership and account writes: the same event in each of these partnerships' trails
   * instead of in one (an erasure concerns every partnership the person was in).
   */
  partnershipIds?: readonly string[];
}

/** What a change returns: the event that records it and its result, or that nothing needed changing. */
export type Outcome<Result, Facts extends EventFacts = EventFacts> = { recorded: Facts; result: Result } | { unchanged: Result };

export function recorded<Facts extends EventFacts>(facts: Facts): { recorded: Facts; result: void };
export function recorded<Facts extends EventFacts, Result>(facts: Facts, result: Result): { recorded: Facts; result: Result };
export function recorded<Facts extends EventFacts, Result>(facts: Facts, result?: Result) {
  return { recorded: facts, result };
}

export function unchanged(): { unchanged: void };
export function unchanged<Result>(result: Result): { unchanged: Result };
export function unchanged<Result>(result?: Result) {
  return { unchanged: result };
}

const writeNames = new Set<string>();

/** Every write made with these helpers, by name: the audit-coverage test runs each one. */
export function registeredWrites(): string[] {
  return [...writeNames].sort();
}

function register(name: string) {
  if (writeNames.has(name)) throw new Error(`Two writes are called ${name}`);
  writeNames.add(name);
}

export interface PartnershipWriting {
  trx: Trx;
  /** The actor as the database holds them now. */
  actor: Actor;
  /** Throws ForbiddenError unless the policy allows the verb on this partnership (and what `target` adds). */
  authorize(verb: Verb, target?: Omit<Target, "partnershipId">): void;
}

export interface PlanWriting extends PartnershipWriting {
  /** The plan as the database holds it now (its stewards, its sign-off rule). */
  plan: PlanContextData;
  /** As for a partnership, with the plan's stewardship in the target. */
  authorize(verb: Verb, target?: Omit<Target, "partnershipId" | "plan">): void;
}

/** A change to a plan: `write(db, actor, plan, ...args)`. */
export function planWrite<Args extends unknown[], Result>(
  name: string,
  change: (writing: PlanWriting, ...args: Args) => Promise<Outcome<Result>>,
): (db: Kysely<Database>, actor: Actor, plan: PlanContextData, ...args: Args) => Promise<Result> {
  register(name);
  return (db, actor, plan, ...args) =>
    db.transaction().execute(async (trx) => {
      const current = await currentActor(trx, actor);
      const currentPlan = await loadPlan(trx, plan.partnershipId, plan.id);
      if (!currentPlan) throw new NotFoundError("That plan");
      const policy = askPolicy(name, current);
      const outcome = await change(
        { trx, actor: current, plan: currentPlan, authorize: (verb, target = {}) => policy.ask(verb, planTarget(currentPlan, target)) },
        ...args,
      );
      policy.check();
      if ("unchanged" in outcome) return outcome.unchanged;
      const { emails = [], ...facts } = outcome.recorded;
      await recordAudit(trx, { actor: actorOf(current), partnershipId: currentPlan.partnershipId, planId: currentPlan.id, ...facts });
      await queueEmails(trx, emails);
      await notifyPlanChanged(trx, { planId: currentPlan.id, actionId: outcome.recorded.actionId ?? null, actorUserId: current.userId });
      return outcome.result;
    });
}

/** A change to a partnership (people, groups, plans themselves): `write(db, actor, ...args)`. */
export function partnershipWrite<Args extends unknown[], Result>(
  name: string,
  change: (writing: PartnershipWriting, ...args: Args) => Promise<Outcome<Result>>,
): (db: Kysely<Database>, actor: Actor, ...args: Args) => Promise<Result> {
  register(name);
  return (db, actor, ...args) =>
    db.transaction().execute(async (trx) => {
      const current = await currentActor(trx, actor);
      const policy = askPolicy(name, current);
      const outcome = await change(
        { trx, actor: current, authorize: (verb, target = {}) => policy.ask(verb, { ...target, partnershipId: current.partnershipId }) },
        ...args,
      );
      policy.check();
      if ("unchanged" in outcome) return outcome.unchanged;
      const { emails = [], partnershipIds = [], ...facts } = outcome.recorded;
      for (const partnershipId of partnershipIds.length ? partnershipIds : [current.partnershipId])
        await recordAudit(trx, { actor: actorOf(current), partnershipId, ...facts });
      await queueEmails(trx, emails);
      const planId = facts.planId;
      if (planId) await notifyPlanChanged(trx, { planId, actorUserId: current.userId });
      return outcome.result;
    });
}

/** The event of a change to a person's own account, which belongs to no partnership unless it says so. */
export interface AccountEventFacts extends EventFacts {
  actor: AuditActor;
  partnershipId?: string | null;
  /** Plans whose pages show what changed (a person's name on the actions they lead): their live viewers and cached copies are told. */
  notifyPlanIds?: readonly string[];
}

/**
 * A change to someone's own account and sessions (signing in and out,
 * passwords, accepting an invitation) or made by the operator on the command
 * line. No partnership role decides these, so there is no policy verb: the
 * caller has proved who is acting (a password, a session, an invitation
 * token, shell access) before calling.
 */
export function accountWrite<Args extends unknown[], Result>(
  name: string,
  change: (trx: Trx, ...args: Args) => Promise<Outcome<Result, AccountEventFacts>>,
): (db: Kysely<Database>, ...args: Args) => Promise<Result> {
  register(name);
  return (db, ...args) =>
    db.transaction().execute(async (trx) => {
      const outcome = await change(trx, ...args);
      if ("unchanged" in outcome) return outcome.unchanged;
      const { actor, partnershipId = null, partnershipIds = [], emails = [], notifyPlanIds = [], ...facts } = outcome.recorded;
      for (const each of partnershipIds.length ? partnershipIds : [partnershipId]) await recordAudit(trx, { actor, partnershipId: each, ...facts });
      await queueEmails(trx, emails);
      for (const planId of notifyPlanIds) await notifyPlanChanged(trx, { planId, actorUserId: actor.userId });
      return outcome.result;
    });
}

/** The actor again, inside the transaction: a role taken away a moment ago counts. */
async function currentActor(trx: Trx, actor: Actor): Promise<Actor> {
  const current = await loadActor(trx, actor.userId, actor.partnershipId);
  if (!current) throw new ForbiddenError("partnership.view");
  return current;
}

/** Asks the policy for a change, and notices a change that never asked. */
function askPolicy(name: string, actor: Actor) {
  let asked = false;
  return {
    ask(verb: Verb, target: Target) {
      asked = true;
      if (!can(actor, verb, target)) throw new ForbiddenError(verb, target.action?.id ?? null);
    },
    check() {
      if (!asked) throw new Error(`The write ${name} did not ask the policy; it is refused until it does.`);
    },
  };
}
