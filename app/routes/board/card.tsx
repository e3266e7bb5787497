import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useId, useRef, useState } from "react";
import { Form, Link, useFetcher, useLocation, useSubmit } from "react-router";
import { STATUSES } from "~/domain/vocabulary";
import { ASSESSMENT_LABELS } from "~/domain/reviews";
import { replyMessage, type FormReply } from "~/components/form-reply";
import { SectorTag } from "~/components/sector";
import { STATUS_LABELS, confirmingSector } from "~/components/status";
import { formatDateTime, formatDueDate } from "~/domain/dates";
import { deadlineFlag } from "~/domain/deadlines";
import { BOARD_INTENT } from "~/domain/intents";
import type { BoardProps, Card } from "./types";
import { columnCards, moveFetcherKey } from "./optimistic";

interface CardProps {
  card: Card;
  reference: string;
  board: BoardProps;
  editable: boolean;
  search: string;
  /** Why the server refused this card's latest move, if it did. */
  moveError: string | null;
}

/** A card the viewer may drag (by its handle) and move with the Move… form. */
export function SortableCard({ card, reference, board, editable, search, moveError }: CardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: !editable,
  });
  const titleId = useId();

  return (
    <li
      ref={setNodeRef}
      className={`card${isDragging ? " card--placeholder" : ""}${card.number === 0 ? " card--saving" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-labelledby={titleId}
    >
      <div className="card__top">
        {editable ? (
          <button type="button" className="card__handle no-print" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Drag ${reference} ${card.title}`}>
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
        <CardTitle card={card} reference={reference} id={titleId} href={`actions/${card.id}${search}`} />
      </div>
      <CardDetails card={card} board={board} />
      {moveError ? (
        <p className="card__error" role="alert">
          Could not move {reference}: {moveError}
        </p>
      ) : null}
      {editable && card.number !== 0 ? <MoveControl card={card} reference={reference} board={board} /> : null}
    </li>
  );
}

/** The card as the drag overlay shows it. */
export function CardView({ card, reference, board, overlay = false }: { card: Card; reference: string; board: BoardProps; overlay?: boolean }) {
  return (
    <div className={`card${overlay ? " card--overlay" : ""}`}>
      <div className="card__top">
        <span className="card__handle" aria-hidden="true">
          ⠿
        </span>
        <span className="card__title">
          <span className="card__ref">{reference}</span> {card.title}
        </span>
      </div>
      <CardDetails card={card} board={board} />
    </div>
  );
}

function CardTitle({ card, reference, id, href }: { card: Card; reference: string; id: string; href: string }) {
  return (
    <Link id={id} to={href} className="card__title" preventScrollReset>
      <span className="card__ref">{reference}</span> {card.title}
    </Link>
  );
}

function CardDetails({ card, board }: { card: Card; board: BoardProps }) {
  const flag = deadlineFlag(card.dueOn, card.status, board.today, card.completion?.confirmed ?? false);
  return (
    <>
      {card.leads.length > 0 ? (
        <ul className="card__leads" aria-label="Leads">
          {card.leads.map((lead) => (
            <li key={`${lead.kind}:${lead.id ?? lead.name}`} className="card__lead">
              {lead.name}
              {lead.kind === "outside" ? <span className="lead-kind"> (outside body)</span> : null}
              {lead.sector ? <SectorTag sector={lead.sector} short /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="card__no-lead">No lead yet</p>
      )}
      {card.dueOn || card.timescaleText ? (
        <p className="card__due">
          <DueDate dueOn={card.dueOn} wording={card.timescaleText} />
          {flag === "overdue" ? <span className="flag flag--overdue">Overdue</span> : null}
          {flag === "due-soon" ? <span className="flag flag--soon">Due soon</span> : null}
        </p>
      ) : null}
      {card.completion && !card.completion.confirmed ? (
        <p className="card__awaiting">Awaiting confirmation from {confirmingSector(card.completion.proposerSector, board.plan.singleSectorSignoff)}</p>
      ) : null}
      {card.assessment && board.latestReview ? (
        <p className="card__assessment">
          <span className={`badge badge--assessment-${card.assessment}`}>
            {`${board.latestReview.title}: ${ASSESSMENT_LABELS[card.assessment]}`}
          </span>
        </p>
      ) : null}
      {card.completion?.confirmed ? <p className="card__confirmed">Confirmed done{card.completion.confirmedBy ? ` by ${card.completion.confirmedBy}` : ""}</p> : null}
      <p className="card__meta">
        {card.noteCount} {card.noteCount === 1 ? "note" : "notes"} · Updated {formatDateTime(card.updatedAt)}
      </p>
    </>
  );
}

/** The due date; the plan's own wording appears on hover or focus, and Escape hides it. */
function DueDate({ dueOn, wording }: { dueOn: string | null; wording: string }) {
  const tipId = useId();
  const [dismissed, setDismissed] = useState(false);
  const label = dueOn ? `Due ${formatDueDate(dueOn)}` : "No date";
  if (!wording) return <span>{label}</span>;
  return (
    <span className={`tooltip${dismissed ? " tooltip--dismissed" : ""}`}>
      <button
        type="button"
        className="tooltip__trigger"
        aria-describedby={tipId}
        onKeyDown={(event) => {
          if (event.key === "Escape") setDismissed(true);
        }}
        onBlur={() => setDismissed(false)}
        onMouseLeave={() => setDismissed(false)}
      >
        {label}
      </button>
      <span role="tooltip" id={tipId} className="tooltip__text">
        Plan says: “{wording}”
      </span>
    </span>
  );
}

/**
 * Everything a drag does, with a form: column, objective (stewards) and
 * position. A real form, so it works without JavaScript too.
 */
function MoveControl({ card, reference, board }: { card: Card; reference: string; board: BoardProps }) {
  const submit = useSubmit();
  const location = useLocation();
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const formId = useId();
  const numberOf = new Map(board.objectives.map((objective) => [objective.id, objective.number]));
  const reachable = board.permissions.editStructure ? board.objectives : board.objectives.filter((objective) => objective.id === card.objectiveId);
  const reopening = card.completion?.confirmed ?? false;
  // Shown again after a refusal without JavaScript: open, with what was sent.
  const sent = board.refused?.sent.intent === BOARD_INTENT.move && board.refused.sent.actionId === card.id ? board.refused.sent : null;
  return (
    <details className="move no-print" ref={detailsRef} open={sent ? true : undefined} id={sent ? moveFormId(card.id) : undefined}>
      <summary className="move__summary">
        Move…<span className="visually-hidden"> {reference} {card.title}</span>
      </summary>
      <Form
        method="post"
        className="move__form"
        onSubmit={(event) => {
          event.preventDefault();
          const formData = new FormData(event.currentTarget);
          formData.delete("redirectTo");
          submit(formData, { method: "post", navigate: false, fetcherKey: moveFetcherKey(card.id), preventScrollReset: true });
          detailsRef.current?.removeAttribute("open");
        }}
      >
        <input type="hidden" name="intent" value={BOARD_INTENT.move} />
        <input type="hidden" name="actionId" value={card.id} />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <label htmlFor={`${formId}-status`}>Column</label>
        <select id={`${formId}-status`} name="status" className="input select" defaultValue={sent?.status ?? card.status}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        {reachable.length > 1 ? (
          <>
            <label htmlFor={`${formId}-objective`}>Objective</label>
            <select id={`${formId}-objective`} name="objectiveId" className="input select" defaultValue={sent?.objectiveId ?? card.objectiveId}>
              {reachable.map((objective) => (
                <option key={objective.id} value={objective.id}>
                  {objective.number}. {truncate(objective.title, 60)}
                </option>
              ))}
            </select>
          </>
        ) : (
          <input type="hidden" name="objectiveId" value={card.objectiveId} />
        )}
        <label htmlFor={`${formId}-placement`}>Position</label>
        <select id={`${formId}-placement`} name="placement" className="input select" defaultValue={sent?.placement ?? "bottom"} aria-describedby={`${formId}-placement-hint`}>
          <option value="top">Top of the column</option>
          <option value="bottom">Bottom of the column</option>
          {reachable.flatMap((objective) =>
            STATUSES.map((status) => {
              const others = columnCards(board.cards, objective.id, status).filter((other) => other.id !== card.id);
              if (others.length === 0) return null;
              return (
                <optgroup key={`${objective.id}:${status}`} label={`After a card in objective ${numberOf.get(objective.id)}, ${STATUS_LABELS[status]}`}>
                  {others.map((other) => (
                    <option key={other.id} value={`after:${other.id}`}>
                      After {numberOf.get(other.objectiveId)}.{other.number} {truncate(other.title, 50)}
                    </option>
                  ))}
                </optgroup>
              );
            }),
          )}
        </select>
        <p className="field__hint" id={`${formId}-placement-hint`}>
          Choosing a card puts this one straight after it, in that card&apos;s column.
        </p>
        {reopening ? (
          <>
            <label htmlFor={`${formId}-reason`}>Reason for reopening (needed if you move it out of Done)</label>
            <textarea id={`${formId}-reason`} name="reason" className="input textarea" rows={2} maxLength={2000} defaultValue={sent?.reason} />
          </>
        ) : null}
        <button type="submit" className="button button--secondary">
          Move<span className="visually-hidden"> {reference}</span>
        </button>
      </Form>
    </details>
  );
}

/** The id of a card's Move… form when the page shows it again after a refusal. */
export function moveFormId(cardId: string): string {
  return `move-${cardId}`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * Watches one card's move fetcher. It is rendered outside the columns, so it
 * stays mounted while the card itself jumps between columns (a remount would
 * drop the fetcher's answer), and reports each answer once.
 */
export function MoveOutcome({ cardId, onAnswer }: { cardId: string; onAnswer: (cardId: string, error: string | null) => void }) {
  const fetcher = useFetcher<FormReply>({ key: moveFetcherKey(cardId) });
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (answer) onAnswer(cardId, replyMessage(answer));
  }, [answer, cardId, onAnswer]);
  return null;
}
