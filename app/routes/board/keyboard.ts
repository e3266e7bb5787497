import type { Coordinates } from "@dnd-kit/utilities";
import { closestCorners, type CollisionDetection, type KeyboardCoordinateGetter } from "@dnd-kit/core";
import { STATUSES, type Status } from "~/domain/vocabulary";

// Keyboard dragging moves by the board's own shape, not by geometry: ←/→ to
// the next column of the same objective, ↑/↓ within the column, and only
// Shift with ↑/↓ (for those who may) to the same column of the objective
// above or below. Geometry alone (dnd-kit's sortable getter) walked off the
// bottom of a column into the next objective's lane.

/** A column's droppable id: a drop over it puts the card at the bottom. */
export function columnDroppableId(objectiveId: string, status: Status): string {
  return `column:${objectiveId}:${status}`;
}

export interface BoardShape {
  /** Objectives in board order. */
  objectiveIds: readonly string[];
  /** Each card's place. */
  placeOf: (cardId: string) => { objectiveId: string; status: Status } | null;
  /** A column's card ids, top to bottom. */
  columnCardIds: (objectiveId: string, status: Status) => readonly string[];
  /** Whether a droppable is on the page now (a folded objective's columns are not). */
  isShown: (droppableId: string) => boolean;
  /** May the person move cards to another objective (the plan's stewards)? */
  mayChangeObjective: boolean;
}

export type KeyboardStep = "left" | "right" | "up" | "down" | "objective-up" | "objective-down";

const STEPS: Record<string, KeyboardStep> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

/** The step a key asks for: Shift turns ↑/↓ into a change of objective. */
export function stepOf(event: Pick<KeyboardEvent, "code" | "shiftKey">): KeyboardStep | null {
  const step = STEPS[event.code] ?? null;
  if (event.shiftKey && step === "up") return "objective-up";
  if (event.shiftKey && step === "down") return "objective-down";
  return step;
}

/**
 * Where one step takes a dragged card that is now over `overId` (a card, or a
 * column's bottom): the droppable id to go over next, or null to stay put.
 * Over another column's card means "before it"; over the card's own column,
 * the list reorders around it.
 */
export function nextDroppable(shape: BoardShape, activeId: string, overId: string | null, step: KeyboardStep): string | null {
  const home = shape.placeOf(activeId);
  if (!home) return null;
  let here: { objectiveId: string; status: Status } = home;
  let atBottom = false;
  if (overId?.startsWith("column:")) {
    const [, objectiveId, status] = overId.split(":") as [string, string, Status];
    here = { objectiveId, status };
    atBottom = true;
  } else if (overId) {
    here = shape.placeOf(overId) ?? home;
  }

  // A column's stops, top to bottom: its cards, then (another column's) bottom.
  const stops = (objectiveId: string, status: Status): string[] => {
    const ids = [...shape.columnCardIds(objectiveId, status)];
    const own = objectiveId === home.objectiveId && status === home.status;
    return own ? ids : [...ids.filter((id) => id !== activeId), columnDroppableId(objectiveId, status)];
  };
  const first = (objectiveId: string, status: Status) => stops(objectiveId, status)[0] ?? null;

  switch (step) {
    case "left":
    case "right": {
      const index = STATUSES.indexOf(here.status) + (step === "left" ? -1 : 1);
      const status = STATUSES[index];
      if (!status || !shape.isShown(columnDroppableId(here.objectiveId, status))) return null;
      return first(here.objectiveId, status);
    }
    case "up":
    case "down": {
      const column = stops(here.objectiveId, here.status);
      const current = atBottom ? column.length - 1 : column.indexOf(overId ?? activeId);
      const next = column[(current === -1 ? column.indexOf(activeId) : current) + (step === "up" ? -1 : 1)];
      return next ?? null;
    }
    case "objective-up":
    case "objective-down": {
      if (!shape.mayChangeObjective) return null;
      const lanes = shape.objectiveIds;
      const direction = step === "objective-up" ? -1 : 1;
      // The nearest objective that way whose columns are shown (folded ones are skipped).
      for (let index = lanes.indexOf(here.objectiveId) + direction; index >= 0 && index < lanes.length; index += direction) {
        const objectiveId = lanes[index]!;
        if (shape.isShown(columnDroppableId(objectiveId, here.status))) return first(objectiveId, here.status);
      }
      return null;
    }
  }
}

/**
 * One board's keyboard dragging, for dnd-kit: `coordinateGetter` (the
 * KeyboardSensor asks it where a key takes the card) chooses the droppable by
 * the board's shape and returns the point to draw the card at (a card's top,
 * or a column's bottom); `collisionDetection` then reports that droppable as
 * what the card is over, so geometry cannot pick another. A pointer drag, with
 * no chosen droppable, goes by closest corners.
 */
export function createKeyboardDrag() {
  let shape: Omit<BoardShape, "isShown"> | null = null;
  let chosen: string | null = null;

  const coordinateGetter: KeyboardCoordinateGetter = (event, { active, context }) => {
    const step = stepOf(event);
    if (!step || !shape) return undefined;
    event.preventDefault();
    // Measured droppables are the ones on the page.
    const shown = { ...shape, isShown: (droppableId: string) => context.droppableRects.has(droppableId) };
    // Steps go from where the keys have put the card, never from what geometry guessed at pick-up.
    const next = nextDroppable(shown, String(active), chosen, step);
    const rect = next ? context.droppableRects.get(next) : undefined;
    if (!next || !rect) return undefined;
    chosen = next;
    const height = context.collisionRect?.height ?? 0;
    const point: Coordinates = next.startsWith("column:")
      ? { x: rect.left, y: Math.max(rect.top, rect.top + rect.height - height) }
      : { x: rect.left, y: rect.top };
    return point;
  };
  const collisionDetection: CollisionDetection = (args) => (chosen === null ? closestCorners(args) : [{ id: chosen }]);

  return {
    coordinateGetter,
    collisionDetection,
    /** The board as it is drawn now. */
    setShape(next: Omit<BoardShape, "isShown">) {
      shape = next;
    },
    /**
     * A drag starts: picked up by the keyboard, the card is over its own place
     * until a key moves it; by a pointer, geometry decides.
     */
    start(activeId: string, byKeyboard: boolean) {
      chosen = byKeyboard ? activeId : null;
    },
    /** A drag ends: nothing chosen. */
    reset() {
      chosen = null;
    },
  };
}
