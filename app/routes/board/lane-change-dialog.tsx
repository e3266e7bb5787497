import { useEffect, useRef } from "react";
import { BoardDialog } from "./board-dialog";
import type { Placement } from "~/domain/ordering";
import { referenceIfMoved } from "~/domain/references";
import type { Status } from "~/domain/vocabulary";
import { STATUS_LABELS } from "~/domain/words";
import type { Card, Objective } from "./types";

export interface LaneChange {
  card: Card;
  target: { objectiveId: string; status: Status; placement: Placement };
}

interface Props {
  change: LaneChange;
  /** The card's reference now ("1.2"). */
  reference: string;
  objectives: readonly Objective[];
  onConfirm: () => void;
  onKeep: () => void;
}

/**
 * Asked when a mouse or finger lets a card go over another objective: a
 * change of objective renumbers the action for good ("Formerly 1.2"), and a
 * card carried there by the window scrolling is not the steward's intent.
 * Focus starts on keeping it where it was, the choice that changes nothing.
 */
export function LaneChangeDialog({ change, reference, objectives, onConfirm, onKeep }: Props) {
  const keepRef = useRef<HTMLButtonElement>(null);
  const { card, target } = change;
  const from = objectives.find((objective) => objective.id === card.objectiveId);
  const to = objectives.find((objective) => objective.id === target.objectiveId)!;
  const newReference = referenceIfMoved(card, to);

  useEffect(() => {
    keepRef.current?.focus();
  }, []);

  return (
    <BoardDialog title={`Move ${reference} to objective ${to.number}?`} onClose={onKeep}>
      <p>
        {reference} {card.title} would become <strong>{newReference}</strong> in objective {to.number}, {to.title}, in {STATUS_LABELS[target.status]}.
      </p>
      <p className="hint">
        Its number changes for good: “{reference}” in minutes and emails still finds it, and its card says “Formerly {reference}”.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onConfirm}>
          Move to objective {to.number} as {newReference}
        </button>
        <button type="button" className="button button--secondary" onClick={onKeep} ref={keepRef}>
          Keep it in objective {from?.number ?? ""}
        </button>
      </div>
    </BoardDialog>
  );
}
