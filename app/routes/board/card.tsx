import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useId, useLayoutEffect, useState } from "react";
import { Link, useFetcher } from "react-router";
import type { FormReply } from "~/components/form-reply";
import { SectorTag } from "~/components/sector";
import { whoCanConfirm } from "~/domain/confirmers";
import { formatDateTime, formatDueDate } from "~/domain/dates";
import { deadlineFlag } from "~/domain/deadlines";
import type { BoardProps, Card } from "./types";
import { moveFetcherKey } from "./optimistic";
import { cardAnchor } from "~/components/card-anchor";
import { ASSESSMENT_LABELS, confirmingSector } from "~/domain/words";

interface CardProps {
  card: Card;
  reference: string;
  board: BoardProps;
  editable: boolean;
  search: string;
  /** Why the server refused this card's latest move, if it did. */
  moveError: string | null;
  onMoveOpen: (cardId: string) => void;
}

/** A card the viewer may drag (by its handle) or move with Move…. */
export function SortableCard({ card, reference, board, editable, search, moveError, onMoveOpen }: CardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: !editable,
  });
  const titleId = cardAnchor(card.id);

  return (
    <li
      ref={setNodeRef}
      className={`card${isDragging ? " card--placeholder" : ""}${card.number === 0 ? " card--saving" : ""}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-labelledby={titleId}
    >
      <div className="card__top">
        {editable ? (
          <button type="button" className="card__handle no-print" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Drag ${reference}`}>
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
      {board.permissions.confirmableActionIds.includes(card.id) ? (
        <Link to={`actions/${card.id}${search}`} className="confirm-link no-print" preventScrollReset>
          Confirm or return<span className="visually-hidden">{` ${reference}`}</span>…
        </Link>
      ) : null}
      {editable && card.number !== 0 ? (
        <MoveLink card={card} reference={reference} boardPath={`/p/${board.slug}/plans/${board.plan.id}`} search={search} onOpen={onMoveOpen} />
      ) : null}
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
      <span className="card__ref">{reference}</span>
      {` ${card.title}`}
    </Link>
  );
}

function CardDetails({ card, board }: { card: Card; board: BoardProps }) {
  const flag = deadlineFlag(card.dueOn, card.status, board.today);
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
        <>
          <p className="card__awaiting">{`Awaiting confirmation from ${confirmingSector(card.completion.proposerSector, board.plan.singleSectorSignoff)}`}</p>
          {card.confirmers ? <p className="card__confirmers">{whoCanConfirm(card.confirmers.map((confirmer) => confirmer.name))}</p> : null}
        </>
      ) : null}
      {card.assessment && board.latestReview ? (
        <p className="card__assessment">
          <span className={`badge badge--assessment-${card.assessment}`}>{`${board.latestReview.title}: ${ASSESSMENT_LABELS[card.assessment]}`}</span>
        </p>
      ) : null}
      {card.completion?.confirmed ? (
        <p className="card__confirmed">Confirmed done{card.completion.confirmedBy ? ` by ${card.completion.confirmedBy}` : ""}</p>
      ) : null}
      <p className="card__meta">
        {`${card.formerReferences ? `Formerly ${card.formerReferences.join(", ")} · ` : ""}${card.noteCount} ` +
          `${card.noteCount === 1 ? "note" : "notes"} · Updated ${formatDateTime(card.updatedAt)}`}
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
 * Move…, the click-only alternative to a drag. With JavaScript it opens the
 * board's one Move dialog for this card; without, the Move page, which does
 * the same as a page of its own. The board's filters go along as `back`.
 */
function MoveLink({
  card,
  reference,
  boardPath,
  search,
  onOpen,
}: {
  card: Card;
  reference: string;
  boardPath: string;
  search: string;
  onOpen: (cardId: string) => void;
}) {
  const back = search.length > 1 ? `?back=${encodeURIComponent(search.slice(1))}` : "";
  // A plain link: with JavaScript a click never follows it, so React Router need not resolve it for each card.
  return (
    <a
      href={`${boardPath}/actions/${card.id}/move${back}`}
      className="move-link no-print"
      aria-haspopup="dialog"
      onClick={(event) => {
        event.preventDefault();
        onOpen(card.id);
      }}
    >
      Move…<span className="visually-hidden">{` ${reference}`}</span>
    </a>
  );
}

/**
 * Watches one card's move fetcher. It is rendered outside the columns, so it
 * stays mounted while the card itself jumps between columns (a remount would
 * drop the fetcher's answer), and reports each answer once: a refusal, or the
 * moved card. Before the browser paints, so the card does not flick back for
 * a frame between its in-flight move and its reply.
 */
export function MoveOutcome({ cardId, onAnswer }: { cardId: string; onAnswer: (cardId: string, answer: FormReply) => void }) {
  const fetcher = useFetcher<FormReply>({ key: moveFetcherKey(cardId) });
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  useLayoutEffect(() => {
    if (answer) onAnswer(cardId, answer);
  }, [answer, cardId, onAnswer]);
  return null;
}
