import { useState } from "react";
import { Form, useNavigation } from "react-router";
import { TextAreaField, TextField } from "~/components/forms";
import { SectorTag } from "~/components/sector";
import { UNSAVED_ATTRIBUTE } from "~/components/unsaved-changes";
import { formatDueDate } from "~/domain/dates";
import { ACTION_INTENT } from "~/domain/intents";
import { mayLead } from "~/domain/leads";
import type { ActionContent } from "~/server/plans/action-content.server";
import type { ActionProps as Props, ActionResult, ActionSent } from "./types";
import { ROLE_LABELS } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";
import { timescaleWarning } from "~/domain/timescale";

export function ReadOnlyDetails({ content, people, groups }: Props) {
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

export function EditForm({ content, people, groups, result }: Props & { result: ActionResult | undefined }) {
  const navigation = useNavigation();
  // The version this editor started from. Live updates refresh `content`, but
  // must not reset what someone is typing; only their own save starts afresh.
  const [baseline, setBaseline] = useState(content);
  const [handledResult, setHandledResult] = useState(result);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // The fields are made afresh (a new key) only where they must be: for a conflict, to hold the
  // person's side, and once the action saved from a conflict arrives, to hold what was chosen.
  // After a plain save they already hold what was saved, and whatever was typed since the reply
  // (the saved action arrives a moment after it) must stay.
  const [formKey, setFormKey] = useState("edit");
  // Adjusted while rendering (not in an effect), so no stale frame shows.
  if (result !== handledResult) {
    setHandledResult(result);
    if (result?.ok && result.version) setSavedVersion(result.version);
    if (result && !result.ok && result.conflict) setFormKey(`conflict-${result.conflict.theirs.version}`);
  }
  if (savedVersion !== null && content.version >= savedVersion) {
    setSavedVersion(null);
    setBaseline(content);
    if (formKey.startsWith("conflict")) setFormKey(`saved-${content.version}`);
  }
  const conflict = result && !result.ok ? result.conflict : undefined;
  // A refused save shows what was sent (without JavaScript the page is new, and would show the saved text).
  const refused = result && !result.ok && !conflict && result.sent?.intent === ACTION_INTENT.update ? contentSent(result.sent, baseline) : null;
  // After a conflict the form holds your values, on top of their version.
  const shown = conflict ? { ...conflict.yours, version: conflict.theirs.version } : (refused ?? baseline);
  const fieldError = (field: string) => (result && !result.ok ? result.errors?.[field] : undefined);
  const changedMeanwhile = !conflict && savedVersion === null && content.version !== baseline.version;
  return (
    // After a conflict or a refusal the form's fields start from the person's own unsaved values: leaving asks, as if typed.
    <Form method="post" className="edit-form" key={formKey} {...(conflict || refused ? { [UNSAVED_ATTRIBUTE]: "" } : {})}>
      <input type="hidden" name="intent" value={ACTION_INTENT.update} />
      <input type="hidden" name="version" value={shown.version} />
      {conflict ? <ConflictChoices conflict={conflict} people={people} groups={groups} /> : null}
      {changedMeanwhile ? (
        <p className="notice notice--warning" role="status">
          Someone else has saved changes to this action since you opened it. Nothing is lost: if you save, you will see both versions and choose.
        </p>
      ) : null}
      <TextField name="title" label="Title" defaultValue={shown.title} error={fieldError("title")} limit={TEXT_LIMITS.actionTitle} />
      <TextAreaField
        name="description"
        label="Description"
        defaultValue={shown.description}
        rows={4}
        error={fieldError("description")}
        limit={TEXT_LIMITS.actionDescription}
      />
      <DueDateFields dueOn={shown.dueOn} timescaleText={shown.timescaleText} fieldError={fieldError} />
      <fieldset className="fieldset">
        <legend>Leads</legend>
        {fieldError("leads") ? <p className="field__error">{fieldError("leads")}</p> : null}
        <div className="lead-choices">
          <div>
            <p className="field__label">People</p>
            <p className="field__hint">Members and admins: the people who can act on the actions they lead.</p>
            {leadCandidates(people, shown.leads.userIds).map((person) => (
              <div className="checkbox" key={person.id}>
                <input
                  type="checkbox"
                  id={`lead-person-${person.id}`}
                  name="leadUserIds"
                  value={person.id}
                  defaultChecked={shown.leads.userIds.includes(person.id)}
                />
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
                <input
                  type="checkbox"
                  id={`lead-group-${group.id}`}
                  name="leadGroupIds"
                  value={group.id}
                  defaultChecked={shown.leads.groupIds.includes(group.id)}
                />
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

/** The action's content as a refused form sent it, on the version it was edited from. */
function contentSent(sent: ActionSent, baseline: ActionContent): ActionContent {
  return {
    version: baseline.version,
    title: sent.title ?? "",
    description: sent.description ?? "",
    dueOn: sent.dueOn || null,
    timescaleText: sent.timescaleText ?? "",
    leads: { userIds: sent.leadUserIds ?? [], groupIds: sent.leadGroupIds ?? [], outsideBodies: (sent.outsideBodies ?? "").split(/\r?\n/) },
  };
}

/**
 * The due date and the plan's wording of it. Wording with no date we can read
 * ("31/02/2011") leaves the action undated when no date is given: the field
 * says so, in the import's words, once the person leaves it (and at once when
 * the wording is put right), and again when the saved action comes back.
 */
function DueDateFields({
  dueOn,
  timescaleText,
  fieldError,
}: {
  dueOn: string | null;
  timescaleText: string;
  fieldError: (field: string) => string | undefined;
}) {
  const [dueOnGiven, setDueOnGiven] = useState(Boolean(dueOn));
  const [checkedWording, setCheckedWording] = useState(timescaleText);
  return (
    <div className="field-row">
      <TextField
        name="dueOn"
        label="Due date"
        type="date"
        defaultValue={dueOn ?? ""}
        error={fieldError("dueOn")}
        onChange={(event) => setDueOnGiven(event.currentTarget.value !== "")}
      />
      <TextField
        name="timescaleText"
        label="Timescale, as the plan words it"
        hint="For example “Draft by end May 2010”. With no due date, we work one out from this."
        defaultValue={timescaleText}
        error={fieldError("timescaleText")}
        limit={TEXT_LIMITS.timescaleText}
        warning={dueOnGiven ? null : timescaleWarning(checkedWording)}
        onBlur={(event) => setCheckedWording(event.currentTarget.value)}
        onChange={(event) => {
          const wording = event.currentTarget.value;
          if (!timescaleWarning(wording)) setCheckedWording(wording);
        }}
      />
    </div>
  );
}

// Those who may lead (mayLead); someone already leading it stays listed,
// marked, so that saving does not drop them unseen.
function leadCandidates(people: Props["people"], leadIds: readonly string[]) {
  return people.map((person) => ({ ...person, canAct: mayLead(person.role) })).filter((person) => person.canAct || leadIds.includes(person.id));
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
