import { sql, type Transaction } from "kysely";
import type { DatabaseHandle } from "../../../db/client";
import type { Database } from "../../../db/schema";

// Live updates: every write to a plan NOTIFYs in its own transaction, so
// Postgres delivers the message only after commit, to every app instance
// listening. Each instance holds one LISTEN and fans out to its browsers.

export const PLAN_CHANNEL = "plan_changes";

export interface PlanChange {
  planId: string;
  actionId?: string | null;
  /** Who made the change. */
  actorUserId?: string | null;
  /** The plan's version with the change made (db/migrations/0015_plan_versions.ts): a browser that already shows it need not reload. */
  version?: number | null;
}

/** Tells every instance, once the transaction commits, that the plan changed, and to which version. */
export async function notifyPlanChanged(trx: Transaction<Database>, change: PlanChange): Promise<void> {
  // The plan's row is locked by the change's own version bump, so this is the version the change made.
  await sql`select pg_notify(${PLAN_CHANNEL}, jsonb_set(${JSON.stringify(change)}::jsonb, '{version}', to_jsonb(version))::text)
    from plans where id = ${change.planId}`.execute(trx);
}

interface Subscriber {
  onChange(change: PlanChange): void;
  /** The server is stopping: end the stream so shutdown need not wait for it. */
  onClose(): void;
}

interface LiveState {
  subscribers: Map<string, Set<Subscriber>>;
  /** Told of every plan's changes, and (with null) whenever changes may have gone unheard. */
  watchers: Set<(planId: string | null) => void>;
  /** The LISTEN is up: no change goes unheard. */
  heard?: boolean;
  /** Open streams by session, on this instance. */
  streamsBySession: Map<string, number>;
  listening?: Promise<() => Promise<void>>;
}

const STATE_KEY = Symbol.for("partnership-board.live");
const state: LiveState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= {
  subscribers: new Map(),
  watchers: new Set(),
  streamsBySession: new Map(),
}) as LiveState;

/**
 * Starts this instance's LISTEN. Called once the database is open and before
 * requests arrive: on PGlite, LISTEN shares the one session, and must not run
 * inside a request's transaction (a rollback would take it away).
 */
export function startLiveUpdates(handle: DatabaseHandle): Promise<() => Promise<void>> {
  state.listening ??= handle
    .listen(PLAN_CHANNEL, dispatch, tellEveryone, () => {
      state.heard = false;
    })
    .then(
      (unlisten) => {
        state.heard = true;
        return unlisten;
      },
      (error: unknown) => {
        state.listening = undefined;
        throw error;
      },
    );
  return state.listening;
}

/** Calls `onChange` after each committed change to the plan; returns the unsubscribe function. */
export async function subscribeToPlan(handle: DatabaseHandle, planId: string, subscriber: Subscriber): Promise<() => void> {
  await startLiveUpdates(handle);
  const subscribers = state.subscribers.get(planId) ?? new Set();
  subscribers.add(subscriber);
  state.subscribers.set(planId, subscribers);
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0) state.subscribers.delete(planId);
  };
}

/**
 * Calls `onChange` with the plan's id after each committed change to any plan,
 * and with null when changes may have gone unheard (the LISTEN was lost and
 * made again, or stopped): what this instance keeps about plans is then stale.
 */
export async function watchEveryPlan(handle: DatabaseHandle, onChange: (planId: string | null) => void): Promise<() => void> {
  await startLiveUpdates(handle);
  state.watchers.add(onChange);
  return () => state.watchers.delete(onChange);
}

/** True while this instance hears every plan change: what it keeps may be trusted until told otherwise. */
export function isHearingChanges(): boolean {
  return state.heard === true;
}

/**
 * Streams one session may hold open at once on an instance: a board in each
 * of a few tabs, with room to spare. Each stream holds a socket and a place
 * in this instance's lists; a script opening thousands would exhaust both.
 */
export const LIVE_STREAMS_PER_SESSION = 10;

/** Counts a new stream against the session's allowance: the function that gives it back, or null when none is left. */
export function claimLiveStream(sessionId: string): (() => void) | null {
  const open = state.streamsBySession.get(sessionId) ?? 0;
  if (open >= LIVE_STREAMS_PER_SESSION) return null;
  state.streamsBySession.set(sessionId, open + 1);
  let returned = false;
  return () => {
    if (returned) return;
    returned = true;
    const left = (state.streamsBySession.get(sessionId) ?? 1) - 1;
    if (left > 0) state.streamsBySession.set(sessionId, left);
    else state.streamsBySession.delete(sessionId);
  };
}

/** Ends every open stream and the LISTEN; called when the server stops. */
export async function stopLiveUpdates(): Promise<void> {
  const listening = state.listening;
  state.listening = undefined;
  state.heard = false;
  for (const watcher of state.watchers) watcher(null);
  for (const subscribers of state.subscribers.values()) for (const subscriber of subscribers) subscriber.onClose();
  state.subscribers.clear();
  const unlisten = await listening?.catch(() => undefined);
  await unlisten?.().catch(() => undefined);
}

/**
 * The LISTEN connection was lost and made again: changes committed in the gap
 * were not heard, so every open board reloads once, as if its plan changed.
 */
function tellEveryone() {
  state.heard = true;
  for (const watcher of state.watchers) watcher(null);
  for (const [planId, subscribers] of state.subscribers) for (const subscriber of subscribers) subscriber.onChange({ planId, actionId: null });
}

function dispatch(payload: string) {
  let change: PlanChange;
  try {
    change = JSON.parse(payload) as PlanChange;
  } catch {
    return;
  }
  for (const watcher of state.watchers) watcher(change.planId);
  for (const subscriber of state.subscribers.get(change.planId) ?? []) subscriber.onChange(change);
}
