import type { FormReply } from "~/components/form-reply";
import type { BoardFilters } from "~/domain/board-filters";
import type { BoardData } from "~/server/plans/board.server";

// What the board's loader sends and its parts read. Here rather than derived
// from the route module, so the parts never import the route that renders them.

/**
 * A card as the board shows it: which obstacles it addresses only matters to
 * the loader's filter. A card awaiting confirmation names who may confirm it.
 */
export type Card = Omit<BoardData["cards"][number], "obstacleIds"> & { confirmers?: Array<{ id: string; name: string }> };
export type Objective = BoardData["objectives"][number];

export interface BoardLoaderData {
  slug: string;
  plan: { id: string; title: string; singleSectorSignoff: boolean };
  /** The plan's version this data shows: a move's reply, or a live change, at or below it is already here. */
  version: number;
  objectives: Objective[];
  cards: Card[];
  allCardCount: number;
  filters: BoardFilters;
  filtered: boolean;
  people: BoardData["people"];
  groups: BoardData["groups"];
  /** The plan's obstacle categories (id, name), for the Obstacle filter. */
  obstacles: BoardData["obstacles"];
  latestReview: BoardData["latestReview"];
  /** The UK date the deadline flags are worked out from. */
  today: string;
  /** On an empty board its viewer cannot fill: the steward groups, with their members who can sign in. */
  stewards: Array<{ id: string; name: string; memberNames: string[] }> | null;
  /** Ids for forms sent without JavaScript; with it, the browser makes its own. */
  spareIds: { action: string; objective: string };
  permissions: {
    editStructure: boolean;
    manage: boolean;
    viewHistory: boolean;
    editableActionIds: string[];
    /** Cards awaiting a confirmation this viewer may give. */
    confirmableActionIds: string[];
  };
}

/**
 * What a move changed, beside `ok: true` in its reply: the plan's version with
 * it made, the moved card as the board shows it, and when it changed
 * objective, the numbers the two objectives now hold.
 */
export interface MoveReply {
  version: number;
  cards: Card[];
  objectives?: Array<Pick<Objective, "id" | "heldNumbers">>;
}

/** The fields a refused form sent, which the board puts back when it shows it again. */
export type SentValues = Partial<Record<"intent" | "actionId" | "objectiveId" | "status" | "placement" | "reason" | "title", string>>;

/** A form sent without JavaScript that the server refused: why, and what was sent. */
export type BoardRefusal = FormReply & { ok: false; sent: SentValues };

export type BoardProps = BoardLoaderData & { refused: BoardRefusal | null };
