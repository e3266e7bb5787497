import { useEffect, useRef, useState, type ReactNode } from "react";
import { Form, Link, useActionData, useLocation, useNavigate, useNavigation } from "react-router";
import { STATUSES } from "~/domain/vocabulary";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { ROLE_LABELS, SectorTag } from "~/components/sector";
import { STATUS_LABELS, confirmingSector } from "~/components/status";
import { formatDueDate } from "~/domain/dates";
import { ACTION_INTENT, BOARD_INTENT } from "~/domain/intents";
import type { ActionContent } from "~/server/plans/action-content.server";
import type { ActionResult, loader } from "./route";
import { cardAnchor } from "../board/card";
import { whoCanConfirm } from "~/domain/confirmers";

type Props = Awaited<ReturnType<typeof loader>>;
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

  const close = () => navigate(boardUrl, { preventScrollReset: true });

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
    >
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
        <Completion {...props} />
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
 * took focus with it.
 */
function SavedNotice({ result }: { result: ActionResult | undefined }) {
  const regionRef = useRef<HTMLDivElement>(null);
  const [answered, setAnswered] = useState({ result, count: 0 });
  if (answered.result !== result) setAnswered({ result, count: answered.count + 1 });
  const text = result?.ok ? result.notice : null;
  useEffect(() => {
    const region = regionRef.current;
    if (!region || !text) return;
    region.scrollIntoView({ block: "nearest" });
    if (!region.closest("dialog")?.contains(document.activeElement)) region.focus();
  }, [answered.count, text]);
  // The answer can arrive a render before the board's data does; the saved
  // form then starts afresh and its button goes, taking focus with it.
  useEffect(() => {
    const region = regionRef.current;
    if (region && text && !region.closest("dialog")?.contains(document.activeElement)) region.focus();
  });
  return (
    <div ref={regionRef} role="status" tabIndex={-1} className="saved-notice">
      {text ? (
        <p key={answered.count} className="notice">
          {text}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Adds a progress note. Once the note is saved the box is emptied, so a second
 * click cannot post it again; a refused note stays, with the reason.
 */
function NoteForm({ result }: { result: ActionResult | undefined }) {
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === ACTION_INTENT.addNote;
  const wasSending = useRef(false);
  useEffect(() => {
    if (sending) {
      wasSending.current = true;
      return;
    }
    if (!wasSending.current) return;
    wasSending.current = false;
    if (result?.ok) formRef.current?.reset();
  }, [sending, result]);
  return (
    <Form method="post" className="note-form" ref={formRef}>
      <input type="hidden" name="intent" value={ACTION_INTENT.addNote} />
      <TextAreaField
        name="body"
        label="Add a progress note"
        hint="Notes cannot be edited or deleted. To correct one, add another."
        rows={3}
        required
        error={result && !result.ok ? result.errors?.body : undefined}
      />
      <button type="submit" className="button button--secondary" disabled={sending}>
        Add note
      </button>
    </Form>
  );
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

function Completion({ action, permissions, singleSectorSignoff }: Props) {
  if (!action.awaitingConfirmation || !action.proposer) return null;
  return (
    <div className="completion">
      <p>
        {action.proposer.name} (<SectorTag sector={action.proposer.sector} />) moved this to Done. It counts as done once{" "}
        {confirmingSector(action.proposer.sector, singleSectorSignoff)} confirms it.
      </p>
      <p className="completion__confirmers">{whoCanConfirm(action.confirmers)}</p>
      {permissions.confirm ? (
        <>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={ACTION_INTENT.confirm} />
            <button type="submit" className="button">
              Confirm it is done
            </button>
          </Form>
          <details className="disclosure">
            <summary>Return it, not done yet</summary>
            <Form method="post" className="disclosure__body">
              <input type="hidden" name="intent" value={ACTION_INTENT.returnCompletion} />
              <TextAreaField name="reason" label="Why is it not done yet?" hint="This becomes a progress note." rows={2} />
              <button type="submit" className="button button--secondary">
                Return it
              </button>
            </Form>
          </details>
        </>
      ) : permissions.confirmBlockedBySector ? (
        <p className="hint">You cannot confirm this yourself: {singleSectorSignoff ? "another person" : "someone from another sector"} must.</p>
      ) : null}
    </div>
  );
}

function ReadOnlyDetails({ content, people, groups }: Props) {
  return (
    <dl className="details-list">
      <dt>Description</dt>
      <dd>{content.description || "None"}</dd>
      <dt>Leads</dt>
      <dd>{leadNames(content, people, groups).join(", ") || "No lead yet"}</dd>
      <dt>Due</dt>
      <dd>
        {content.dueOn ? formatDueDate(content.dueOn) : "No date"}
        {content.timescaleText ? ` (plan says “${content.timescaleText}”)` : ""}
      </dd>
    </dl>
  );
}

function leadNames(content: ActionContent, people: Props["people"], groups: Props["groups"]): string[] {
  return [
    ...content.leads.userIds.map((id) => people.find((person) => person.id === id)?.name ?? "Former member"),
    ...content.leads.groupIds.map((id) => groups.find((group) => group.id === id)?.name ?? "Group"),
    ...content.leads.outsideBodies,
  ];
}

function EditForm({ content, people, groups, result }: Props & { result: ActionResult | undefined }) {
  const navigation = useNavigation();
  // The version this editor started from. Live updates refresh `content`, but
  // must not reset what someone is typing; only their own save starts afresh.
  const [baseline, setBaseline] = useState(content);
  const [handledResult, setHandledResult] = useState(result);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // Adjusted while rendering (not in an effect), so no stale frame shows.
  if (result !== handledResult) {
    setHandledResult(result);
    if (result?.ok && result.version) setSavedVersion(result.version);
  }
  if (savedVersion !== null && content.version >= savedVersion) {
    setSavedVersion(null);
    setBaseline(content);
  }
  const conflict = result && !result.ok ? result.conflict : undefined;
  // After a conflict the form holds your values, on top of their version.
  const shown = conflict ? { ...conflict.yours, version: conflict.theirs.version } : baseline;
  const fieldError = (field: string) => (result && !result.ok ? result.errors?.[field] : undefined);
  const formKey = conflict ? `conflict-${conflict.theirs.version}` : `version-${baseline.version}`;
  const changedMeanwhile = !conflict && savedVersion === null && content.version !== baseline.version;
  return (
    <Form method="post" className="edit-form" key={formKey}>
      <input type="hidden" name="intent" value={ACTION_INTENT.update} />
      <input type="hidden" name="version" value={shown.version} />
      {conflict ? <ConflictChoices conflict={conflict} people={people} groups={groups} /> : null}
      {changedMeanwhile ? (
        <p className="notice notice--warning" role="status">
          Someone else has saved changes to this action since you opened it. Nothing is lost: if you save, you will see both versions and choose.
        </p>
      ) : null}
      <TextField name="title" label="Title" defaultValue={shown.title} error={fieldError("title")} maxLength={500} />
      <TextAreaField name="description" label="Description" defaultValue={shown.description} rows={4} error={fieldError("description")} />
      <div className="field-row">
        <TextField name="dueOn" label="Due date" type="date" defaultValue={shown.dueOn ?? ""} error={fieldError("dueOn")} />
        <TextField
          name="timescaleText"
          label="Timescale, as the plan words it"
          hint="For example “Draft by end May 2010”. With no due date, we work one out from this."
          defaultValue={shown.timescaleText}
          error={fieldError("timescaleText")}
          maxLength={300}
        />
      </div>
      <fieldset className="fieldset">
        <legend>Leads</legend>
        {fieldError("leads") ? <p className="field__error">{fieldError("leads")}</p> : null}
        <div className="lead-choices">
          <div>
            <p className="field__label">People</p>
            <p className="field__hint">Members and admins: the people who can act on the actions they lead.</p>
            {leadCandidates(people, shown.leads.userIds).map((person) => (
              <div className="checkbox" key={person.id}>
                <input type="checkbox" id={`lead-person-${person.id}`} name="leadUserIds" value={person.id} defaultChecked={shown.leads.userIds.includes(person.id)} />
                <label htmlFor={`lead-person-${person.id}`}>
                  {person.name} <SectorTag sector={person.sector} short />
                  {person.canAct ? null : <span className="hint">{` ${ROLE_LABELS[person.role]}: cannot act on actions`}</span>}
                </label>
              </div>
            ))}
          </div>
          <div>
            <p className="field__label">Groups</p>
            {groups.map((group) => (
              <div className="checkbox" key={group.id}>
                <input type="checkbox" id={`lead-group-${group.id}`} name="leadGroupIds" value={group.id} defaultChecked={shown.leads.groupIds.includes(group.id)} />
                <label htmlFor={`lead-group-${group.id}`}>
                  {group.name} <SectorTag sector={group.sector} short />
                </label>
              </div>
            ))}
          </div>
        </div>
        <TextAreaField
          name="outsideBodies"
          label="Outside bodies"
          hint="Organisations that are not members here, one per line. For example “JSNA team”."
          defaultValue={shown.leads.outsideBodies.join("\n")}
          rows={2}
        />
      </fieldset>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        Save changes
      </button>
    </Form>
  );
}

// Only admins and members act on an action they lead (policy.ts), so only
// they are offered as leads: naming an observer or a facilitator would leave
// an action nobody named can move. Someone already leading it stays listed,
// marked, so that saving does not drop them unseen.
function leadCandidates(people: Props["people"], leadIds: readonly string[]) {
  return people
    .map((person) => ({ ...person, canAct: person.role === "admin" || person.role === "member" }))
    .filter((person) => person.canAct || leadIds.includes(person.id));
}

function ConflictChoices({ conflict, people, groups }: { conflict: NonNullable<ActionResult["conflict"]>; people: Props["people"]; groups: Props["groups"] }) {
  const { theirs, yours } = conflict;
  const show = {
    title: (content: ActionContent) => content.title,
    description: (content: ActionContent) => content.description || "(empty)",
    dueOn: (content: ActionContent) => (content.dueOn ? formatDueDate(content.dueOn) : "No date"),
    timescaleText: (content: ActionContent) => content.timescaleText || "(empty)",
    leads: (content: ActionContent) => leadNames(content, people, groups).join(", ") || "No lead",
  };
  const labels = { title: "Title", description: "Description", dueOn: "Due date", timescaleText: "Timescale wording", leads: "Leads" };
  const differing = (Object.keys(show) as Array<keyof typeof show>).filter((field) => show[field](theirs) !== show[field](yours));
  return (
    <div className="conflict" role="alert">
      <h3>Someone else saved this action while you were editing</h3>
      <p>Nothing has been overwritten. For each difference, choose which version to keep, then save.</p>
      <input type="hidden" name="theirs" value={JSON.stringify(theirs)} />
      {differing.map((field) => (
        <fieldset key={field} className="fieldset conflict__field">
          <legend>{labels[field]}</legend>
          <div className="radio">
            <input type="radio" id={`pick-${field}-theirs`} name={`pick_${field}`} value="theirs" />
            <label htmlFor={`pick-${field}-theirs`}>Theirs: {show[field](theirs)}</label>
          </div>
          <div className="radio">
            <input type="radio" id={`pick-${field}-yours`} name={`pick_${field}`} value="yours" defaultChecked />
            <label htmlFor={`pick-${field}-yours`}>Yours: {show[field](yours)}</label>
          </div>
        </fieldset>
      ))}
    </div>
  );
}

/** The obstacle categories the action addresses: a list for most, checkboxes for the plan's stewards. */
function Obstacles({ obstacles, obstacleIds, permissions, slug, planId, result }: Props & { result: ActionResult | undefined }) {
  const addressed = obstacles.filter((obstacle) => obstacleIds.includes(obstacle.id));
  const error = result && !result.ok ? result.errors?.obstacleCategoryIds : undefined;
  if (obstacles.length === 0) {
    return (
      <div className="obstacles">
        <h3 className="field__label">Obstacles it addresses</h3>
        <p>
          This plan has no obstacle categories yet.
          {permissions.setObstacles ? (
            <>
              {" "}
              <Link to={`/p/${slug}/plans/${planId}/settings`}>Add them in the plan&apos;s settings</Link>.
            </>
          ) : null}
        </p>
      </div>
    );
  }
  if (!permissions.setObstacles) {
    return (
      <div className="obstacles">
        <h3 className="field__label">Obstacles it addresses</h3>
        {addressed.length === 0 ? (
          <p>None chosen yet.</p>
        ) : (
          <ul className="obstacles__list">
            {addressed.map((obstacle) => (
              <li key={obstacle.id}>{obstacle.name}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    // Fresh boxes whenever the saved choice changes, by this person or another.
    <Form method="post" className="obstacles" key={obstacleIds.join(",")}>
      <input type="hidden" name="intent" value={ACTION_INTENT.setObstacles} />
      <fieldset className={error ? "fieldset field--error" : "fieldset"} id="obstacleCategoryIds" aria-describedby={error ? "obstacleCategoryIds-hint obstacleCategoryIds-error" : "obstacleCategoryIds-hint"}>
        <legend>Obstacles it addresses</legend>
        <p className="field__hint" id="obstacleCategoryIds-hint">
          Tick each obstacle this action helps to overcome. The board can be filtered by them.
        </p>
        {error ? (
          <p className="field__error" id="obstacleCategoryIds-error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        {obstacles.map((obstacle) => (
          <div className="checkbox" key={obstacle.id}>
            <input type="checkbox" id={`action-obstacle-${obstacle.id}`} name="obstacleCategoryIds" value={obstacle.id} defaultChecked={obstacleIds.includes(obstacle.id)} />
            <label htmlFor={`action-obstacle-${obstacle.id}`}>{obstacle.name}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button button--secondary">
        Save obstacles
      </button>
    </Form>
  );
}

/** Changes the column from the dialog; the same move the board makes. */
function StatusForm({ action, slug, planId }: Props) {
  const location = useLocation();
  return (
    <Form method="post" action={`/p/${slug}/plans/${planId}`} className="status-form">
      <input type="hidden" name="intent" value={BOARD_INTENT.move} />
      <input type="hidden" name="actionId" value={action.id} />
      <input type="hidden" name="placement" value="bottom" />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="objectiveId" value={action.objectiveId} />
      <label htmlFor="status-select" className="field__label">
        Status
      </label>
      <div className="inline-form">
        <select id="status-select" name="status" className="input select" defaultValue={action.status}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          Change status
        </button>
      </div>
      {action.confirmed ? <TextAreaField name="reason" label="Reason for reopening (needed to move it out of Done)" rows={2} /> : null}
    </Form>
  );
}

function ArchiveForm({ reference }: { reference: string }) {
  return (
    <details className="disclosure archive">
      <summary>Archive this action</summary>
      <Form method="post" className="disclosure__body">
        <input type="hidden" name="intent" value={ACTION_INTENT.archive} />
        <p>Archiving takes {reference} off the board. Its history and notes are kept.</p>
        <button type="submit" className="button button--warning">
          Archive {reference}
        </button>
      </Form>
    </details>
  );
}
