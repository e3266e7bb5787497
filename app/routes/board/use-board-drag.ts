import {
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Status } from "~/domain/vocabulary";
import { columnCards, type Placement } from "~/domain/ordering";
import { STATUS_LABELS } from "~/domain/words";
import { createKeyboardDrag } from "./keyboard";
import type { BoardProps, Card } from "./types";

// Dragging cards: the sensors, where a drop lands (column and placement), what
// screen readers hear while dragging, and refusing a change of objective to
// those who may not make one. The board decides what a drop does (onDrop).

/** How to drag with the keyboard; the same words show under the board's heading (KeyboardHelp). */
export function dragInstructions(mayChangeObjective: boolean): string {
  return (
    "To pick up a card, press Space or Enter on its handle. Left and Right arrows move it " +
    "between columns, Up and Down arrows within the column; it stays in its objective. " +
    (mayChangeObjective ? "Shift and the Up or Down arrow moves it to the objective above or below. " : "") +
    "Press Space or Enter again to drop it, or Escape to cancel. Each card also has a Move link that does the same with a form."
  );
}

interface BoardDragOptions {
  cards: Card[];
  objectives: BoardProps["objectives"];
  mayChangeObjective: boolean;
  reference: (card: Card) => string;
  /** A card dropped where it may go; `byPointer` when a mouse or finger dropped it, not the keys. */
  onDrop: (card: Card, target: { objectiveId: string; status: Status; placement: Placement }, byPointer: boolean) => void;
  /** What the board says under its filters: why a drop was refused, or nothing as a new drag starts. */
  onNotice: (notice: string) => void;
}

export function useBoardDrag({ cards, objectives, mayChangeObjective, reference, onDrop, onNotice }: BoardDragOptions) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overColumn, setOverColumn] = useState<string | null>(null);
  const activeCard = cards.find((card) => card.id === activeId) ?? null;
  const numberOf = useMemo(() => new Map(objectives.map((objective) => [objective.id, objective.number])), [objectives]);

  // A keyboard drag goes where the board's shape says (./keyboard), not where geometry points.
  const [keyboardDrag] = useState(createKeyboardDrag);
  useEffect(() => {
    keyboardDrag.setShape({
      objectiveIds: objectives.map((objective) => objective.id),
      placeOf: (cardId) => cards.find((card) => card.id === cardId) ?? null,
      columnCardIds: (objectiveId, status) => columnCards(cards, objectiveId, status).map((card) => card.id),
      mayChangeObjective,
    });
  }, [keyboardDrag, objectives, cards, mayChangeObjective]);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardDrag.coordinateGetter }),
  );

  // Where a drop over `overId` would put the card: column and placement.
  const dropTarget = (cardId: string, overId: string | number | undefined, below: boolean) => {
    if (overId === undefined) return null;
    const id = String(overId);
    if (id.startsWith("column:")) {
      const [, objectiveId, status] = id.split(":") as [string, string, Status];
      return { objectiveId, status, placement: { at: "bottom" } as Placement };
    }
    const overCard = cards.find((card) => card.id === id);
    if (!overCard) return null;
    if (overCard.id === cardId) {
      const card = cards.find((candidate) => candidate.id === cardId)!;
      return { objectiveId: card.objectiveId, status: card.status, placement: null };
    }
    const column = columnCards(cards, overCard.objectiveId, overCard.status);
    const card = cards.find((candidate) => candidate.id === cardId)!;
    const sameColumn = card.objectiveId === overCard.objectiveId && card.status === overCard.status;
    const after = sameColumn ? column.indexOf(card) < column.indexOf(overCard) : below;
    return { objectiveId: overCard.objectiveId, status: overCard.status, placement: { at: after ? "after" : "before", anchorId: overCard.id } as Placement };
  };

  // By keyboard, over another column's card means before it; by pointer, the side of its middle the card is on.
  const byKeyboard = useRef(false);
  const isBelow = (event: Pick<DragOverEvent, "active" | "over">) => {
    const translated = event.active.rect.current.translated;
    if (byKeyboard.current || !translated || !event.over) return false;
    return translated.top + translated.height / 2 > event.over.rect.top + event.over.rect.height / 2;
  };

  // Screen readers hear names and places, never ids.
  const describePlace = (objectiveId: string, status: Status, position: number, size: number) =>
    `${STATUS_LABELS[status]}, objective ${numberOf.get(objectiveId)}, position ${position} of ${size}`;
  const describeCard = (id: string | number) => {
    const card = cards.find((candidate) => candidate.id === String(id));
    return card ? `${reference(card)} ${card.title}` : "the card";
  };
  const describeTarget = (cardId: string, overId: string | number | undefined, below: boolean) => {
    const target = dropTarget(cardId, overId, below);
    if (!target) return "no column";
    const column = columnCards(cards, target.objectiveId, target.status).filter((card) => card.id !== cardId);
    const placement = target.placement;
    let index = column.length;
    if (placement === null) index = columnCards(cards, target.objectiveId, target.status).findIndex((card) => card.id === cardId);
    else if (placement.at === "top") index = 0;
    else if (placement.at === "before" || placement.at === "after") {
      const anchorId = placement.anchorId;
      index = column.findIndex((card) => card.id === anchorId) + (placement.at === "after" ? 1 : 0);
    }
    return describePlace(target.objectiveId, target.status, index + 1, column.length + 1);
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const card = cards.find((candidate) => candidate.id === String(active.id));
      if (!card) return "Picked up a card.";
      const column = columnCards(cards, card.objectiveId, card.status);
      return `Picked up ${describeCard(active.id)}, in ${describePlace(card.objectiveId, card.status, column.indexOf(card) + 1, column.length)}.`;
    },
    // Where it would land and where it lands, by the same reckoning as the drop itself.
    onDragOver: (event) =>
      event.over
        ? `${describeCard(event.active.id)} is over ${describeTarget(String(event.active.id), event.over.id, isBelow(event))}.`
        : `${describeCard(event.active.id)} is not over a column.`,
    onDragEnd: (event) => {
      if (!event.over) return `${describeCard(event.active.id)} was put back where it was.`;
      const card = cards.find((candidate) => candidate.id === String(event.active.id));
      const target = card ? dropTarget(card.id, event.over.id, isBelow(event)) : null;
      if (card && target && target.objectiveId !== card.objectiveId && !byKeyboard.current && mayChangeObjective)
        return `${describeCard(event.active.id)} was let go over objective ${numberOf.get(target.objectiveId)}: confirm the move or keep it where it was.`;
      return `${describeCard(event.active.id)} was dropped into ${describeTarget(String(event.active.id), event.over.id, isBelow(event))}.`;
    },
    onDragCancel: ({ active }) => `Moving ${describeCard(active.id)} was cancelled. It is back where it was.`,
  };

  const handleDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    byKeyboard.current = activatorEvent instanceof KeyboardEvent;
    keyboardDrag.start(String(active.id), byKeyboard.current);
    setActiveId(String(active.id));
    onNotice("");
  };
  const handleDragOver = (event: DragOverEvent) => {
    const target = dropTarget(String(event.active.id), event.over?.id, isBelow(event));
    setOverColumn(target ? `${target.objectiveId}:${target.status}` : null);
  };
  const handleDragEnd = (event: DragEndEvent) => {
    keyboardDrag.reset();
    setActiveId(null);
    setOverColumn(null);
    const card = cards.find((candidate) => candidate.id === String(event.active.id));
    const target = card ? dropTarget(card.id, event.over?.id, isBelow(event)) : null;
    if (!card || !target || target.placement === null) return;
    if (target.objectiveId !== card.objectiveId && !mayChangeObjective) {
      onNotice(`Only the plan's stewards can move ${reference(card)} to another objective. Ask them, or change its column instead.`);
      return;
    }
    onDrop(card, { objectiveId: target.objectiveId, status: target.status, placement: target.placement }, !byKeyboard.current);
  };

  const handleDragCancel = () => {
    keyboardDrag.reset();
    setActiveId(null);
    setOverColumn(null);
  };

  return {
    activeCard,
    /** The column a card is over, as "objectiveId:status", to highlight it. */
    overColumn,
    contextProps: {
      sensors,
      // Gentler than dnd-kit's default near the window's edge: a card held there should not be carried lanes away.
      autoScroll: { threshold: { x: 0.2, y: 0.08 }, acceleration: 4 },
      collisionDetection: keyboardDrag.collisionDetection,
      accessibility: { announcements, screenReaderInstructions: { draggable: dragInstructions(mayChangeObjective) } },
      onDragStart: handleDragStart,
      onDragOver: handleDragOver,
      onDragEnd: handleDragEnd,
      onDragCancel: handleDragCancel,
    },
  };
}
