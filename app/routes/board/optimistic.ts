import type { Fetcher } from "react-router";
import { BOARD_INTENT } from "~/domain/intents";
import type { Status } from "~/domain/vocabulary";
import type { MoveReply } from "./types";
import { compareKeys, decodePlacement, orderKeyFor, type Placeable, type Placement } from "~/domain/ordering";

// The board shows in-flight moves, additions and archivals before the server
// answers (Trellix style): they are read from the fetchers' form data and
// laid over the loader's cards, never copied into local state. When a fetcher
// finishes, its overlay goes: a move's reply carries the card as the server
// now has it, which the board lays over the loader's cards until the loader's
// data is as new (its plan version); any other form's fresh loader data shows
// what is true.

export interface PendingMove {
  actionId: string;
  objectiveId: string;
  status: Status;
  placement: Placement;
}

export const MOVE_KEY_PREFIX = "move:";
export const CREATE_KEY_PREFIX = "create-action:";

export function moveFetcherKey(actionId: string): string {
  return `${MOVE_KEY_PREFIX}${actionId}`;
}

type InFlight = Pick<Fetcher, "state" | "formData"> & { key: string };

export function pendingMoves(fetchers: readonly InFlight[]): PendingMove[] {
  return fetchers.flatMap((fetcher) => {
    const form = fetcher.formData;
    if (!fetcher.key.startsWith(MOVE_KEY_PREFIX) || fetcher.state === "idle" || !form || form.get("intent") !== BOARD_INTENT.move) return [];
    return [
      {
        actionId: String(form.get("actionId")),
        objectiveId: String(form.get("objectiveId")),
        status: String(form.get("status")) as Status,
        placement: decodePlacement(String(form.get("placement"))),
      },
    ];
  });
}

export function pendingCreations(fetchers: readonly InFlight[]) {
  return fetchers.flatMap((fetcher) => {
    const form = fetcher.formData;
    if (!fetcher.key.startsWith(CREATE_KEY_PREFIX) || fetcher.state === "idle" || !form) return [];
    return [{ id: String(form.get("id")), objectiveId: String(form.get("objectiveId")), title: String(form.get("title") ?? "").trim() }];
  });
}

/** The cards as they will be once the pending moves land (as the server computes them). */
export function applyMoves<Card extends Placeable>(cards: readonly Card[], moves: readonly PendingMove[]): Card[] {
  let result = [...cards];
  for (const move of moves) {
    const card = result.find((candidate) => candidate.id === move.actionId);
    if (!card) continue;
    let { objectiveId, status } = move;
    if (move.placement.at === "before" || move.placement.at === "after") {
      const anchorId = move.placement.anchorId;
      const anchor = result.find((candidate) => candidate.id === anchorId && candidate.id !== card.id);
      if (anchor) ({ objectiveId, status } = anchor);
    }
    const column = result
      .filter((candidate) => candidate.id !== card.id && candidate.objectiveId === objectiveId && candidate.status === status)
      .sort((a, b) => compareKeys(a.orderKey, b.orderKey));
    const orderKey = orderKeyFor(column, move.placement);
    result = result.map((candidate) => (candidate.id === card.id ? { ...candidate, objectiveId, status, orderKey } : candidate));
  }
  return result;
}

/** The moves' replies newer than the loader's data, oldest first: what the board shows beyond it. */
export function newerReplies<Reply extends Pick<MoveReply, "version">>(replies: Iterable<Reply>, loaderVersion: number): Reply[] {
  return [...replies].filter((reply) => reply.version > loaderVersion).sort((a, b) => a.version - b.version);
}

/** The loader's cards with each reply's cards in their place, newest last (a card the loader does not show stays unshown). */
export function applyReplies<Card extends { id: string }>(cards: readonly Card[], replies: ReadonlyArray<{ cards: readonly Card[] }>): Card[] {
  const replied = new Map(replies.flatMap((reply) => reply.cards.map((card) => [card.id, card] as const)));
  if (replied.size === 0) return [...cards];
  return cards.map((card) => replied.get(card.id) ?? card);
}

/** The loader's objectives with the numbers the replies say they now hold. */
export function applyHeldNumbers<Objective extends { id: string; heldNumbers: number[] }>(
  objectives: readonly Objective[],
  replies: ReadonlyArray<Pick<MoveReply, "objectives">>,
): Objective[] {
  const held = new Map(replies.flatMap((reply) => (reply.objectives ?? []).map((objective) => [objective.id, objective.heldNumbers] as const)));
  if (held.size === 0) return [...objectives];
  return objectives.map((objective) => {
    const heldNumbers = held.get(objective.id);
    return heldNumbers ? { ...objective, heldNumbers } : objective;
  });
}

/** A successful move's reply, as the fetcher holds it. */
export function moveReplyOf(data: unknown): MoveReply | null {
  if (!data || typeof data !== "object") return null;
  const reply = data as Partial<MoveReply> & { ok?: unknown };
  return reply.ok === true && typeof reply.version === "number" && Array.isArray(reply.cards) ? (reply as MoveReply) : null;
}
