import { useState } from "react";
import { BoardDialog } from "./board-dialog";
import type { Status } from "~/domain/vocabulary";
import { decodePlacement, type Placement } from "~/domain/ordering";
import { MOVE_FIELD_IDS, MoveFields } from "~/components/move-fields";
import { columnCards } from "~/domain/ordering";
import type { Card, Objective } from "./types";

export interface MoveRequest {
  objectiveId: string;
  status: Status;
  placement: Placement;
  reason?: string;
}

interface MoveDialogProps {
  card: Card;
  reference: (card: Card) => string;
  /** The board's cards as they show now, in-flight moves included. */
  cards: readonly Card[];
  /** The lanes this person may put the card in. */
  objectives: readonly Objective[];
  onMove: (move: MoveRequest) => void;
  onClose: () => void;
}

/**
 * The board's one Move… dialog, for whichever card asked: Column, Objective
 * (stewards) and Position, where the positions are the chosen column's cards.
 * Without JavaScript the card's Move… link opens the Move page instead.
 */
export function MoveDialog({ card, reference, cards, objectives, onMove, onClose }: MoveDialogProps) {
  const [column, setColumn] = useState({ objectiveId: card.objectiveId, status: card.status });
  const [reasonMissing, setReasonMissing] = useState(false);
  const reopening = card.completion?.confirmed ?? false;

  const neighbours = columnCards(cards, column.objectiveId, column.status)
    .filter((other) => other.id !== card.id)
    .map((other) => ({ id: other.id, reference: reference(other), title: other.title }));

  return (
    <BoardDialog title={`Move ${reference(card)} ${card.title}`} onClose={onClose}>
      <form
        className="move-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const reason = String(form.get("reason") ?? "").trim();
          if (reopening && column.status !== "done" && !reason) {
            setReasonMissing(true);
            document.getElementById(MOVE_FIELD_IDS.reason)?.focus();
            return;
          }
          onMove({ ...column, placement: decodePlacement(String(form.get("placement"))), reason: reason || undefined });
        }}
      >
        <MoveFields
          choices={{ objectives, ...column, neighbours, reopening }}
          errors={reasonMissing ? { [MOVE_FIELD_IDS.reason]: "Give a reason for reopening a confirmed action" } : undefined}
          onColumnChange={setColumn}
        />
        <div className="button-row">
          <button type="submit" className="button">
            Move<span className="visually-hidden"> {reference(card)}</span>
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </BoardDialog>
  );
}
