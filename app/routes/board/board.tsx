import { DndContext, DragOverlay } from "@dnd-kit/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, Outlet, useFetchers, useLocation, useNavigation, useRevalidator, useSubmit } from "react-router";
import { STATUSES, type Status } from "~/domain/vocabulary";
import { replyMessage, type FormReply } from "~/components/form-reply";
import { ErrorSummary } from "~/components/forms";
import { isOverdue } from "~/domain/deadlines";
import { BOARD_INTENT } from "~/domain/intents";
import { encodePlacement, type Placement } from "~/domain/ordering";
import { CardView, MoveOutcome } from "./card";
import { cardAnchor } from "~/components/card-anchor";
import { Filters } from "./filters";
import { LaneChangeDialog, type LaneChange } from "./lane-change-dialog";
import { dragInstructions, useBoardDrag } from "./use-board-drag";
import { Lane, NewObjectiveForm } from "./lane";
import { useLiveUpdates } from "./live";
import { MoveDialog, type MoveRequest } from "./move-dialog";
import { applyHeldNumbers, applyMoves, applyReplies, moveFetcherKey, moveReplyOf, newerReplies, pendingCreations, pendingMoves } from "./optimistic";
import type { BoardProps, BoardRefusal, Card, MoveReply } from "./types";
import { STATUS_LABELS } from "~/domain/words";

/** Where focus goes once a Move… dialog closes: the card's handle (once it shows `where`) or its Move… link. */
interface FocusAfterMove {
  cardId: string;
  to: "handle" | "move-link";
  where?: { objectiveId: string; status: Status };
}

export function Board(props: BoardProps) {
  const { plan, permissions, slug } = props;
  const location = useLocation();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const submit = useSubmit();

  // Each card's latest move reply: what the server has since the loader read the board.
  const [replies, setReplies] = useState<ReadonlyMap<string, MoveReply>>(new Map());
  const applied = useMemo(() => newerReplies(replies.values(), props.version), [replies, props.version]);
  const settledCards = useMemo(() => applyReplies(props.cards, applied), [props.cards, applied]);
  const objectives = useMemo(() => applyHeldNumbers(props.objectives, applied), [props.objectives, applied]);

  // The board's own moves come back over the live stream too: a version it shows already is no reason to reload.
  const liveState = useLiveUpdates(`/p/${slug}/plans/${plan.id}/events`, {
    shows: (version) => version <= props.version || applied.some((reply) => reply.version === version),
    settling: () => fetchers.length > 0 || navigation.state !== "idle",
  });

  // Loader data with the applied replies, then the in-flight changes laid over it.
  const cards = useMemo(() => {
    const created = pendingCreations(fetchers)
      .filter((creation) => !settledCards.some((card) => card.id === creation.id))
      .map((creation): Card => ({
        id: creation.id,
        objectiveId: creation.objectiveId,
        number: 0,
        title: creation.title,
        status: "not_started",
        orderKey: "\uffff",
        dueOn: null,
        timescaleText: "",
        noteCount: 0,
        updatedAt: new Date().toISOString(),
        leads: [],
        assessment: null,
        completion: null,
      }));
    return applyMoves([...settledCards, ...created], pendingMoves(fetchers));
  }, [settledCards, fetchers]);

  const editable = useMemo(
    () => new Set([...permissions.editableActionIds, ...cards.filter((card) => card.number === 0).map((card) => card.id)]),
    [permissions.editableActionIds, cards],
  );
  const numberOf = useMemo(() => new Map(objectives.map((objective) => [objective.id, objective.number])), [objectives]);
  // As the server numbered it: a card moving to another objective keeps its old reference until the server gives it one there.
  const settledReferences = useMemo(
    () => new Map(settledCards.map((card) => [card.id, `${numberOf.get(card.objectiveId)}.${card.number}`])),
    [settledCards, numberOf],
  );
  const reference = (card: Card) => (card.number ? (settledReferences.get(card.id) ?? `${numberOf.get(card.objectiveId)}.${card.number}`) : "New");

  const [notice, setNotice] = useState("");
  const [moveErrors, setMoveErrors] = useState<Record<string, string>>({});
  const { revalidate } = useRevalidator();
  // The card whose Move… dialog is open, and where focus goes once it closes.
  const [movingId, setMovingId] = useState<string | null>(null);
  const movingCard = cards.find((card) => card.id === movingId) ?? null;
  const focusAfterMove = useRef<FocusAfterMove | null>(null);
  const [laneChange, setLaneChange] = useState<LaneChange | null>(null);

  // A move answered: its card as the server has it now stays in place (nothing is read again); a
  // refused one is already back where the server has it: say why, and fetch what is true now.
  const onMoveAnswer = useCallback(
    (cardId: string, answer: FormReply) => {
      const error = replyMessage(answer);
      setMoveErrors(({ [cardId]: _previous, ...others }) => (error ? { ...others, [cardId]: error } : others));
      const reply = moveReplyOf(answer);
      if (reply) setReplies((previous) => new Map(previous).set(cardId, reply));
      // Where the server put it, or back where it was: focus follows it there.
      const placed = reply?.cards.find((card) => card.id === cardId);
      if (focusAfterMove.current?.cardId === cardId)
        focusAfterMove.current = { cardId, to: "handle", ...(placed ? { where: { objectiveId: placed.objectiveId, status: placed.status } } : {}) };
      if (error) void revalidate();
    },
    [revalidate],
  );

  // A moved card is drawn again in its new column: focus follows it there. Until
  // the move is answered the card is drawn again once more (as the reply has it,
  // or back where it was), so focus stays promised to it till then.
  const movesInFlight = useMemo(() => new Set(pendingMoves(fetchers).map((move) => move.actionId)), [fetchers]);
  useEffect(() => {
    const pending = focusAfterMove.current;
    if (!pending) return;
    const card = cards.find((candidate) => candidate.id === pending.cardId);
    if (pending.where && card && (card.objectiveId !== pending.where.objectiveId || card.status !== pending.where.status)) return;
    const item = document.getElementById(cardAnchor(pending.cardId))?.closest("li");
    const target = item?.querySelector<HTMLElement>(pending.to === "handle" ? ".card__handle" : ".move-link");
    if (!target) return;
    if (document.activeElement !== target) target.focus();
    if (!movesInFlight.has(pending.cardId)) focusAfterMove.current = null;
  }, [cards, movingId, laneChange, moveErrors, movesInFlight]);

  const drag = useBoardDrag({
    cards,
    objectives,
    mayChangeObjective: permissions.editStructure,
    reference,
    onNotice: setNotice,
    onDrop: (card, target, byPointer) => {
      // A pointer let go over another objective asks first: it renumbers the action for good.
      if (byPointer && target.objectiveId !== card.objectiveId) setLaneChange({ card, target });
      else moveTo(card, target);
    },
  });

  const moveTo = (card: Card, { objectiveId, status, placement }: LaneChange["target"]) => {
    submitMove(card, objectiveId, status, placement);
    // The card is drawn again in its new column: focus goes to its handle there.
    focusAfterMove.current = { cardId: card.id, to: "handle", where: { objectiveId, status } };
  };

  const submitMove = (card: Card, objectiveId: string, status: Status, placement: Placement, reason?: string) => {
    submit(
      { intent: BOARD_INTENT.move, actionId: card.id, objectiveId, status, placement: encodePlacement(placement), ...(reason ? { reason } : {}) },
      { method: "post", action: `/p/${slug}/plans/${plan.id}`, navigate: false, fetcherKey: moveFetcherKey(card.id), preventScrollReset: true },
    );
  };

  const confirmedDone = cards.filter((card) => card.completion?.confirmed).length;
  const awaiting = cards.filter((card) => card.status === "done" && !card.completion?.confirmed).length;
  const overdue = cards.filter((card) => isOverdue(card, props.today)).length;

  return (
    <div className="board-page">
      <div className="board-header">
        <h1>{plan.title}</h1>
        <p className="board-summary">
          {props.filtered ? `Showing ${cards.length} of ${props.allCardCount} actions. ` : ""}
          {confirmedDone} of {cards.length} {cards.length === 1 ? "action" : "actions"} done
          {awaiting ? `, ${awaiting} awaiting confirmation` : ""}
          {overdue ? `, ${overdue} overdue` : ""}.
          {plan.singleSectorSignoff ? " Single-sector sign-off: another person of the same sector may confirm completions." : ""}
        </p>
        <div className="board-links no-print">
          {permissions.viewHistory ? <Link to={`/p/${slug}/plans/${plan.id}/history`}>History</Link> : null}
          {permissions.manage || permissions.editStructure ? <Link to={`/p/${slug}/plans/${plan.id}/settings`}>Settings</Link> : null}
          <span className={`live-state live-state--${liveState}`} role="status">
            {liveState === "live"
              ? "Live: changes by others appear here"
              : liveState === "reconnecting"
                ? "Reconnecting for live updates…"
                : "Connecting for live updates…"}
          </span>
          {permissions.editableActionIds.length > 0 ? (
            <details className="disclosure board-help">
              <summary>Moving cards with the keyboard</summary>
              <p className="disclosure__body">{dragInstructions(permissions.editStructure)}</p>
            </details>
          ) : null}
        </div>
      </div>
      <RefusalSummary refused={props.refused} cards={cards} reference={reference} />
      <Filters {...props} />
      <p className="board-notice" role="alert">
        {notice}
      </p>
      <DndContext id="plan-board" {...drag.contextProps}>
        <div className="board">
          <div className="board__column-heads" aria-hidden="true">
            {STATUSES.map((status) => (
              <span key={status}>{STATUS_LABELS[status]}</span>
            ))}
          </div>
          {objectives.length === 0 ? <EmptyBoard {...props} /> : null}
          {objectives.map((objective, index) => (
            <Lane
              key={objective.id}
              objective={objective}
              isFirst={index === 0}
              isLast={index === objectives.length - 1}
              cards={cards}
              board={props}
              editable={editable}
              overColumn={drag.overColumn}
              reference={reference}
              search={location.search}
              moveErrors={moveErrors}
              onMoveOpen={setMovingId}
            />
          ))}
        </div>
        {cards.map((card) => (
          <MoveOutcome key={card.id} cardId={card.id} onAnswer={onMoveAnswer} />
        ))}
        <DragOverlay>{drag.activeCard ? <CardView card={drag.activeCard} reference={reference(drag.activeCard)} board={props} overlay /> : null}</DragOverlay>
      </DndContext>
      {movingCard ? (
        <MoveDialog
          card={movingCard}
          reference={reference}
          cards={cards}
          objectives={permissions.editStructure ? objectives : objectives.filter((objective) => objective.id === movingCard.objectiveId)}
          onMove={({ objectiveId, status, placement, reason }: MoveRequest) => {
            submitMove(movingCard, objectiveId, status, placement, reason);
            focusAfterMove.current = { cardId: movingCard.id, to: "handle", where: { objectiveId, status } };
            setMovingId(null);
          }}
          onClose={() => {
            focusAfterMove.current = { cardId: movingCard.id, to: "move-link" };
            setMovingId(null);
          }}
        />
      ) : null}
      {laneChange ? (
        <LaneChangeDialog
          change={laneChange}
          reference={reference(laneChange.card)}
          objectives={objectives}
          onConfirm={() => {
            moveTo(laneChange.card, laneChange.target);
            setLaneChange(null);
          }}
          onKeep={() => {
            focusAfterMove.current = { cardId: laneChange.card.id, to: "handle" };
            setNotice(`${reference(laneChange.card)} stays where it was.`);
            setLaneChange(null);
          }}
        />
      ) : null}
      {permissions.editStructure ? <NewObjectiveForm spareId={props.spareIds.objective} refused={props.refused} /> : null}
      <Outlet />
    </div>
  );
}

const REFUSED_DOING = new Map<string, string>([
  [BOARD_INTENT.move, "move"],
  [BOARD_INTENT.createAction, "add the action"],
  [BOARD_INTENT.createObjective, "add the objective"],
  [BOARD_INTENT.renameObjective, "rename the objective"],
]);

/**
 * "Could not move 1.5 Hold a conference: …", above everything else, naming
 * the card the refused form (sent without JavaScript) was about.
 */
function RefusalSummary({ refused, cards, reference }: { refused: BoardRefusal | null; cards: Card[]; reference: (card: Card) => string }) {
  if (!refused) return null;
  const card = cards.find((candidate) => candidate.id === refused.sent.actionId);
  const doing = REFUSED_DOING.get(refused.sent.intent ?? "");
  if (!doing) return <ErrorSummary formError={replyMessage(refused)} />;
  const movedCard = refused.sent.intent === BOARD_INTENT.move ? card : undefined;
  const message = `Could not ${doing}${movedCard ? ` ${reference(movedCard)} ${movedCard.title}` : ""}: ${replyMessage(refused)}`;
  return <ErrorSummary formError={message} />;
}

/** A plan with no objectives yet: who can add them, and for an admin, how to become one who can. */
function EmptyBoard({ permissions, stewards, slug, plan }: BoardProps) {
  if (permissions.editStructure) {
    return (
      <p className="empty-state">
        This plan has no objectives yet. Add the first one below, or <Link to={`/p/${slug}/plans/${plan.id}/import`}>import them from a table</Link> your
        partnership already keeps.
      </p>
    );
  }
  if (!stewards) return <p className="empty-state">This plan has no objectives yet.</p>;
  const settingsPath = `/p/${slug}/plans/${plan.id}/settings`;
  if (stewards.length === 0) {
    return (
      <p className="empty-state">
        This plan has no objectives yet, and no steward groups to add them.{" "}
        {permissions.manage ? (
          <>
            As an admin, <Link to={settingsPath}>choose its steward groups</Link>.
          </>
        ) : (
          "Ask a partnership admin to choose its steward groups."
        )}
      </p>
    );
  }
  const names = stewards.flatMap((group) => group.memberNames);
  return (
    <div className="empty-state">
      <p>
        This plan has no objectives yet. Only its stewards add them: the members of{" "}
        {stewards.map((group, index) => (
          <span key={group.id}>
            {index > 0 ? (index === stewards.length - 1 ? " or " : ", ") : ""}
            {permissions.manage ? <Link to={`/p/${slug}/groups/${group.id}`}>{group.name}</Link> : group.name}
          </span>
        ))}
        {names.length > 0 ? ` (${[...new Set(names)].join(", ")}).` : ", none of whom can sign in yet."}
      </p>
      {permissions.manage ? (
        <p>
          To add them yourself, join one of these groups on its page, or <Link to={settingsPath}>change who stewards the plan</Link>.
        </p>
      ) : null}
    </div>
  );
}
