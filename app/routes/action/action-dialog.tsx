import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useActionData, useLocation, useNavigate, useNavigation } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { DiscardChanges, useUnsavedChangesGuard } from "~/components/unsaved-changes";
import { cardAnchor } from "~/components/card-anchor";
import { STATUS_LABELS, confirmingSector } from "~/domain/words";
import type { ActionProps as Props, ActionResult } from "./types";
import { NoteForm } from "./notes";
import { ArchiveForm, Completion, StatusForm } from "./completion";
import { EditForm, ReadOnlyDetails } from "./details";
import { Obstacles } from "./obstacles";

type Tab = "details" | "notes" | "history";

/**
 * The action over the board, in a modal <dialog>. Without JavaScript the same
 * content shows below the board at the action's own address.
 */
export function ActionDialog(props: Props) {
  const { action, slug, planId } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const boardUrl = `/p/${slug}/plans/${planId}${location.search}`;
  const result = useActionData<ActionResult>();
  const [tab, setTab] = useState<Tab>("details");
  const [enhanced, setEnhanced] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    setEnhanced(true);
    if (dialog.open) dialog.close();
    dialog.showModal();
  }, []);

  // Close, Escape and the browser's Back all leave the action's address: with
  // something typed and not saved, each asks first.
  const close = () => navigate(boardUrl, { preventScrollReset: true });
  const { blocker, onSubmitCapture } = useUnsavedChangesGuard(dialogRef);

  // Once the dialog has gone (Escape, Close, or the browser's Back), focus goes
  // back to the card's title link on the board, rather than to the page's top.
  useEffect(() => {
    const cardId = action.id;
    return () => {
      const focusLost = !document.activeElement || document.activeElement === document.body;
      if (focusLost) document.getElementById(cardAnchor(cardId))?.focus();
    };
  }, [action.id]);

  return (
    <dialog
      ref={dialogRef}
      className="action-dialog"
      aria-labelledby="action-heading"
      open
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onSubmitCapture={onSubmitCapture}
    >
      <DiscardChanges blocker={blocker} />
      <div className="action-dialog__header">
        <h2 id="action-heading" className="action-dialog__title">
          {action.reference} {action.title}
        </h2>
        <Link to={boardUrl} className="button button--secondary action-dialog__close" preventScrollReset>
          Close<span className="visually-hidden"> {action.reference}</span>
        </Link>
      </div>
      <p className="action-dialog__meta">
        Objective {action.objectiveNumber} · {STATUS_LABELS[action.status]}
        {action.formerReferences.length ? ` · Formerly ${action.formerReferences.join(", ")}` : null}
        {action.awaitingConfirmation && action.proposer
          ? ` · Awaiting confirmation from ${confirmingSector(action.proposer.sector, props.singleSectorSignoff)}`
          : action.confirmed
            ? " · Confirmed done"
            : ""}
      </p>
      <SavedNotice result={result} />
      {result && !result.ok && !result.conflict ? <ErrorSummary errors={result.errors} formError={result.formError} /> : null}

      {enhanced ? (
        <div role="tablist" aria-label="Action" className="tabs">
          {(["details", "notes", "history"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-controls={`panel-${name}`}
              aria-selected={tab === name}
              tabIndex={tab === name ? 0 : -1}
              className="tabs__tab"
              onClick={() => setTab(name)}
              onKeyDown={(event) => {
                const order: Tab[] = ["details", "notes", "history"];
                const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
                if (!step) return;
                const next = order[(order.indexOf(tab) + step + order.length) % order.length]!;
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {name === "details" ? "Details" : name === "notes" ? `Progress notes (${props.notes.length})` : "History"}
            </button>
          ))}
        </div>
      ) : null}

      <Panel name="details" active={tab} enhanced={enhanced} heading="Details">
        <Completion {...props} result={result} />
        {props.permissions.edit ? <EditForm {...props} result={result} /> : <ReadOnlyDetails {...props} />}
        <Obstacles {...props} result={result} />
        {props.permissions.edit ? <StatusForm {...props} /> : null}
        {props.permissions.archive ? <ArchiveForm reference={action.reference} /> : null}
      </Panel>
      <Panel name="notes" active={tab} enhanced={enhanced} heading="Progress notes">
        {props.permissions.addNote ? <NoteForm result={result} /> : null}
        {props.notes.length === 0 ? (
          <p>No progress notes yet.</p>
        ) : (
          <ol className="timeline">
            {props.notes.map((note) => (
              <li key={note.id} className="timeline__item">
                <p className="timeline__meta">
                  {note.author} · {note.at}
                </p>
                <p className="timeline__body">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
      </Panel>
      <Panel name="history" active={tab} enhanced={enhanced} heading="History">
        {props.history.length === 0 ? (
          <p>No changes recorded yet.</p>
        ) : (
          <ol className="timeline">
            {props.history.map((event) => (
              <li key={event.id} className="timeline__item">
                {`${event.actor} ${event.change} · `}
                <span className="timeline__meta">{event.at}</span>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </dialog>
  );
}

/**
 * The dialog's confirmations, in a live region that is there from the start
 * (one that appears along with its words is often not read out). Each new
 * confirmation is a new paragraph, so "Changes saved." is said again after a
 * second save; it scrolls into view, and takes focus if the form that was sent
 * took focus with it. It stays until another form is sent: a live update
 * reloads the page's data and forgets the form's answer, which must not leave
 * an empty box where the confirmation was.
 */
function SavedNotice({ result }: { result: ActionResult | undefined }) {
  const regionRef = useRef<HTMLDivElement>(null);
  const navigation = useNavigation();
  const [shown, setShown] = useState({ result, text: noticeOf(result), count: 0 });
  if (shown.result !== result) setShown({ result, text: result ? noticeOf(result) : shown.text, count: result ? shown.count + 1 : shown.count });
  if (navigation.state === "submitting" && shown.text) setShown({ ...shown, text: null });
  const { text, count } = shown;
  useEffect(() => {
    const region = regionRef.current;
    if (!region || !text) return;
    region.scrollIntoView({ block: "nearest" });
    if (!region.closest("dialog")?.contains(document.activeElement)) region.focus();
  }, [count, text]);
  // The answer can arrive a render before the board's data does; the saved
  // form then starts afresh and its button goes, taking focus with it.
  useEffect(() => {
    const region = regionRef.current;
    if (region && text && !region.closest("dialog")?.contains(document.activeElement)) region.focus();
  });
  return (
    <div ref={regionRef} role="status" tabIndex={-1} className="saved-notice">
      {text ? (
        <p key={count} className="notice">
          {text}
        </p>
      ) : null}
    </div>
  );
}

function noticeOf(result: ActionResult | undefined): string | null {
  return result?.ok ? (result.notice ?? null) : null;
}

function Panel({ name, active, enhanced, heading, children }: { name: Tab; active: Tab; enhanced: boolean; heading: string; children: ReactNode }) {
  if (!enhanced) {
    return (
      <section className="action-dialog__section" aria-labelledby={`panel-${name}-heading`}>
        <h3 id={`panel-${name}-heading`}>{heading}</h3>
        {children}
      </section>
    );
  }
  return (
    <div role="tabpanel" id={`panel-${name}`} aria-labelledby={`tab-${name}`} hidden={active !== name} className="action-dialog__section">
      {children}
    </div>
  );
}
