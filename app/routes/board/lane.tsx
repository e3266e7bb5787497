import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useEffect, useId, useState } from "react";
import { Form, useFetcher, useLocation, useSubmit } from "react-router";
import { STATUSES, type Status } from "~/domain/vocabulary";
import { replyMessage, type FormReply } from "~/components/form-reply";
import { CharacterCount } from "~/components/character-count";
import { TEXT_LIMITS } from "~/domain/limits";
import { BOARD_INTENT } from "~/domain/intents";
import type { BoardProps, BoardRefusal, Card, Objective } from "./types";
import { SortableCard } from "./card";
import { columnDroppableId } from "./keyboard";
import { CREATE_KEY_PREFIX } from "./optimistic";
import { columnCards } from "~/domain/ordering";
import { STATUS_LABELS } from "~/domain/words";

interface LaneProps {
  objective: Objective;
  isFirst: boolean;
  isLast: boolean;
  cards: Card[];
  board: BoardProps;
  editable: ReadonlySet<string>;
  overColumn: string | null;
  reference: (card: Card) => string;
  search: string;
  moveErrors: Readonly<Record<string, string>>;
  onMoveOpen: (cardId: string) => void;
}

/** One objective: a region named by it, with a list per status. */
export function Lane({ objective, isFirst, isLast, cards, board, editable, overColumn, reference, search, moveErrors, onMoveOpen }: LaneProps) {
  const [collapsed, setCollapsed] = useState(false);
  const headingId = useId();
  const laneCards = cards.filter((card) => card.objectiveId === objective.id);
  const name = `Objective ${objective.number}: ${objective.title}`;
  const steward = board.permissions.editStructure;
  return (
    <section className="lane" aria-label={name}>
      <div className="lane__header">
        <h2 className="lane__title" id={headingId}>
          <button type="button" className="lane__toggle" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
            <span aria-hidden="true" className="lane__chevron">
              {collapsed ? "▸" : "▾"}
            </span>
            <span>
              {objective.number}. {objective.title}
            </span>
          </button>
        </h2>
        <span className="lane__count">
          {laneCards.length} {laneCards.length === 1 ? "action" : "actions"}
        </span>
        {steward ? <LaneControls objective={objective} isFirst={isFirst} isLast={isLast} refused={board.refused} /> : null}
      </div>
      {collapsed ? null : (
        <>
          <div className="lane__columns">
            {STATUSES.map((status) => (
              <Column
                key={status}
                objective={objective}
                status={status}
                cards={columnCards(cards, objective.id, status)}
                board={board}
                editable={editable}
                highlighted={overColumn === `${objective.id}:${status}`}
                reference={reference}
                search={search}
                moveErrors={moveErrors}
                onMoveOpen={onMoveOpen}
              />
            ))}
          </div>
          {steward ? <NewActionForm objective={objective} spareId={board.spareIds.action} refused={board.refused} /> : null}
        </>
      )}
    </section>
  );
}

interface ColumnProps {
  objective: Objective;
  status: Status;
  cards: Card[];
  board: BoardProps;
  editable: ReadonlySet<string>;
  highlighted: boolean;
  reference: (card: Card) => string;
  search: string;
  moveErrors: Readonly<Record<string, string>>;
  onMoveOpen: (cardId: string) => void;
}

function Column({ objective, status, cards, board, editable, highlighted, reference, search, moveErrors, onMoveOpen }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(objective.id, status) });
  return (
    <div className={`column column--${status}${highlighted || isOver ? " column--over" : ""}`} ref={setNodeRef}>
      <h3 className="column__title">
        {STATUS_LABELS[status]} <span className="column__count">({cards.length})</span>
      </h3>
      <SortableContext id={`${objective.id}:${status}`} items={cards.map((card) => card.id)} strategy={verticalListSortingStrategy}>
        <ul className="column__cards" aria-label={STATUS_LABELS[status]}>
          {cards.map((card) => (
            <SortableCard
              key={card.id}
              card={card}
              reference={reference(card)}
              board={board}
              editable={editable.has(card.id)}
              search={search}
              moveError={moveErrors[card.id] ?? null}
              onMoveOpen={onMoveOpen}
            />
          ))}
        </ul>
      </SortableContext>
      {cards.length === 0 ? <p className="column__empty">No actions</p> : null}
    </div>
  );
}

function LaneControls({ objective, isFirst, isLast, refused }: { objective: Objective; isFirst: boolean; isLast: boolean; refused: BoardRefusal | null }) {
  const fetcher = useFetcher();
  const sentTitle = refused?.sent.intent === BOARD_INTENT.renameObjective && refused.sent.objectiveId === objective.id ? refused.sent.title : undefined;
  const location = useLocation();
  const redirectTo = location.pathname + location.search;
  return (
    <div className="lane__controls no-print">
      {(["up", "down"] as const).map((direction) =>
        (direction === "up" && isFirst) || (direction === "down" && isLast) ? null : (
          <fetcher.Form method="post" key={direction} className="inline-form">
            <input type="hidden" name="intent" value={BOARD_INTENT.moveObjective} />
            <input type="hidden" name="objectiveId" value={objective.id} />
            <input type="hidden" name="direction" value={direction} />
            <button type="submit" className="button button--secondary button--small">
              Move {direction}
              <span className="visually-hidden"> objective {objective.number}</span>
            </button>
          </fetcher.Form>
        ),
      )}
      <details className="disclosure" open={sentTitle === undefined ? undefined : true}>
        <summary>
          Rename<span className="visually-hidden"> objective {objective.number}</span>
        </summary>
        <Form method="post" className="disclosure__body">
          <input type="hidden" name="intent" value={BOARD_INTENT.renameObjective} />
          <input type="hidden" name="objectiveId" value={objective.id} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <label htmlFor={`rename-${objective.id}`}>Objective {objective.number}</label>
          <textarea
            id={`rename-${objective.id}`}
            name="title"
            className="input textarea"
            rows={2}
            defaultValue={sentTitle ?? objective.title}
            required
            aria-describedby={`rename-${objective.id}-count`}
          />
          <CharacterCount fieldId={`rename-${objective.id}`} limit={TEXT_LIMITS.objectiveTitle} initialValue={sentTitle ?? objective.title} />
          <button type="submit" className="button button--secondary">
            Save
          </button>
        </Form>
      </details>
    </div>
  );
}

/**
 * Adds an action. With JavaScript the id is made here, so the optimistic card
 * and the saved one are the same card; without it, the loader's spare id is used.
 */
function NewActionForm({ objective, spareId, refused }: { objective: Objective; spareId: string; refused: BoardRefusal | null }) {
  const submit = useSubmit();
  const [lastKey, setLastKey] = useState<string | undefined>(undefined);
  const fetcher = useFetcher<FormReply | BoardRefusal>({ key: lastKey });
  const error = lastKey ? replyMessage(fetcher.data) : null;
  const inputId = `new-action-${objective.id}`;
  const sentTitle = refused?.sent.intent === BOARD_INTENT.createAction && refused.sent.objectiveId === objective.id ? refused.sent.title : undefined;
  // The box empties as the card appears; if the server refuses the card, what was typed comes back to the box.
  const reply = fetcher.data;
  useEffect(() => {
    const input = document.getElementById(inputId);
    if (!(input instanceof HTMLInputElement) || !reply || reply.ok || !("sent" in reply) || input.value) return;
    input.value = reply.sent.title ?? "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, [reply, inputId]);
  return (
    <Form
      method="post"
      className="new-action no-print"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const formData = new FormData(form);
        const id = crypto.randomUUID();
        formData.set("id", id);
        const key = `${CREATE_KEY_PREFIX}${id}`;
        submit(formData, { method: "post", navigate: false, fetcherKey: key, preventScrollReset: true });
        setLastKey(key);
        form.reset();
      }}
    >
      <input type="hidden" name="intent" value={BOARD_INTENT.createAction} />
      <input type="hidden" name="id" value={spareId} />
      <input type="hidden" name="objectiveId" value={objective.id} />
      <label htmlFor={inputId} className="new-action__label">
        New action for objective {objective.number}
      </label>
      <input id={inputId} name="title" className="input" required autoComplete="off" defaultValue={sentTitle} aria-describedby={`${inputId}-count`} />
      <button type="submit" className="button button--secondary">
        Add action<span className="visually-hidden"> to objective {objective.number}</span>
      </button>
      <CharacterCount fieldId={inputId} limit={TEXT_LIMITS.actionTitle} initialValue={sentTitle} />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </Form>
  );
}

export function NewObjectiveForm({ spareId, refused }: { spareId: string; refused: BoardRefusal | null }) {
  const location = useLocation();
  return (
    <Form method="post" className="new-objective narrow no-print">
      <input type="hidden" name="intent" value={BOARD_INTENT.createObjective} />
      <input type="hidden" name="id" value={spareId} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="new-objective" className="field__label">
        Add an objective
      </label>
      <textarea
        id="new-objective"
        name="title"
        className="input textarea"
        rows={2}
        required
        defaultValue={refused?.sent.intent === BOARD_INTENT.createObjective ? refused.sent.title : undefined}
        aria-describedby="new-objective-count"
      />
      <CharacterCount
        fieldId="new-objective"
        limit={TEXT_LIMITS.objectiveTitle}
        initialValue={refused?.sent.intent === BOARD_INTENT.createObjective ? refused.sent.title : undefined}
      />
      <button type="submit" className="button button--secondary">
        Add objective
      </button>
    </Form>
  );
}
