import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { PersonWhoCanAct } from "../../domain/confirmers";
import { loadBoard, type BoardData } from "./board.server";
import { peopleWhoCanAct } from "./confirmers.server";

// A board read once per plan version, not once per reader: fifty readers of
// an unchanged plan share one read. The version is kept by the database with
// every change the board shows (db/migrations/0015_plan_versions.ts), so a
// kept board is right on every instance without being told: a newer version
// is simply a different key. What differs between viewers (what they may
// do, their filters) is worked out per request from the kept board.

/** What every viewer of one version of the plan's board is shown, and who may confirm its completions. */
export interface KeptBoard extends BoardData {
  peopleWhoCanAct: PersonWhoCanAct[];
}

/** Plans whose latest board is kept, least recently read forgotten first. */
const KEPT_PLANS_AT_MOST = 200;

interface Entry {
  version: number;
  board: Promise<KeptBoard>;
}

const STATE_KEY = Symbol.for("partnership-board.kept-boards");
const kept: Map<string, Entry> = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= new Map()) as Map<string, Entry>;

/**
 * The plan's board at `plan.version`: read once (however many readers ask at
 * the same time) and shared until the version moves on. Only the newest
 * version is kept; an older version asked for late is read and not kept.
 */
export function keptBoard(db: Kysely<Database>, plan: { id: string; partnershipId: string; version: number }): Promise<KeptBoard> {
  const entry = kept.get(plan.id);
  if (entry?.version === plan.version) {
    kept.delete(plan.id);
    kept.set(plan.id, entry);
    return entry.board;
  }
  const board = readBoard(db, plan.id, plan.partnershipId);
  if (entry && entry.version > plan.version) return board;
  const fresh: Entry = { version: plan.version, board };
  kept.delete(plan.id);
  kept.set(plan.id, fresh);
  if (kept.size > KEPT_PLANS_AT_MOST) kept.delete(kept.keys().next().value!);
  // A failed read is not kept: the next reader tries again.
  board.catch(() => {
    if (kept.get(plan.id) === fresh) kept.delete(plan.id);
  });
  return board;
}

async function readBoard(db: Kysely<Database>, planId: string, partnershipId: string): Promise<KeptBoard> {
  const [board, people] = await Promise.all([loadBoard(db, planId, partnershipId), peopleWhoCanAct(db, partnershipId)]);
  return { ...board, peopleWhoCanAct: people };
}
