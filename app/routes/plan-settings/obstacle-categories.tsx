import { useEffect, useRef } from "react";
import { Form } from "react-router";
import type { FieldErrors } from "~/components/form-reply";
import { TextAreaField, TextField } from "~/components/forms";
import { listWords } from "~/domain/history";
import { SETTINGS_INTENT } from "~/domain/intents";
import type { ObstacleRow, SettingsReply } from "./types";
import { TEXT_LIMITS } from "~/domain/limits";

// The plan's obstacle categories: a list in the plan's order that everyone on
// this page reads; stewards get a small form per change (add, edit, move, remove).

const NEW = "obstacle-new";

/** The DOM id of the form a reply answers: the add form, or one category's row. */
function prefixOf(reply: SettingsReply): string {
  return reply.intent === SETTINGS_INTENT.addObstacle || !reply.categoryId ? NEW : `obstacle-${reply.categoryId}`;
}

/** A refused obstacle form's errors, keyed by the id of the field they concern, for the error summary's links. */
export function summaryErrors(reply: SettingsReply): FieldErrors {
  const prefix = prefixOf(reply);
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(reply.errors ?? {})) {
    const id = field === "name" || field === "description" ? `${prefix}-${field}` : prefix === NEW ? `${NEW}-name` : prefix;
    errors[id] ??= message;
  }
  return errors;
}

export function ObstacleCategories({
  obstacles,
  editable,
  stewardGroupNames,
  reply,
}: {
  obstacles: ObstacleRow[];
  editable: boolean;
  stewardGroupNames: string[];
  reply: SettingsReply | undefined;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a move the row has moved, and after a removal it is gone: put focus where the person can carry on.
  useEffect(() => {
    if (!reply?.ok || !reply.categoryId) return;
    if (reply.intent === SETTINGS_INTENT.moveObstacle) {
      const row = document.getElementById(`obstacle-${reply.categoryId}`);
      row?.querySelector<HTMLButtonElement>("button[name=direction]")?.focus();
    } else if (reply.intent === SETTINGS_INTENT.removeObstacle) {
      headingRef.current?.focus();
    }
  }, [reply]);

  const errorsFor = (categoryId: string | null): FieldErrors => {
    if (!reply || reply.ok) return {};
    const concerns =
      categoryId === null ? reply.intent === SETTINGS_INTENT.addObstacle : reply.intent === SETTINGS_INTENT.editObstacle && reply.categoryId === categoryId;
    return concerns ? (reply.errors ?? {}) : {};
  };
  const addErrors = errorsFor(null);

  return (
    <section aria-labelledby="obstacles-heading" className="section">
      <h2 id="obstacles-heading" ref={headingRef} tabIndex={-1}>
        Obstacle categories
      </h2>
      <p className="hint">
        The obstacles this plan sets out to address, in the plan&apos;s order. Each action says which of them it addresses, and the board can be filtered by
        them.
      </p>
      {editable ? null : (
        <p>
          {stewardGroupNames.length > 0
            ? `The plan's stewards edit these: members of ${listWords(stewardGroupNames)}.`
            : "The plan's stewards edit these, and this plan has no steward groups yet. An admin can choose them in Plan details."}
        </p>
      )}
      {obstacles.length === 0 ? (
        <p className="empty-state">No obstacle categories yet.{editable ? " Add the first one below, for example “Timescales” or “Capacity”." : ""}</p>
      ) : (
        <ol className="obstacle-list">
          {obstacles.map((obstacle, index) => (
            <li key={obstacle.id} id={`obstacle-${obstacle.id}`} className="obstacle-list__item">
              <h3 className="obstacle-list__name">{obstacle.name}</h3>
              <p className="obstacle-list__description">{obstacle.description || "No description."}</p>
              <p className="hint">
                {obstacle.actionCount === 0
                  ? "No action addresses this yet."
                  : `${obstacle.actionCount} ${obstacle.actionCount === 1 ? "action addresses" : "actions address"} this.`}
              </p>
              {editable ? (
                <ObstacleControls
                  obstacle={obstacle}
                  first={index === 0}
                  last={index === obstacles.length - 1}
                  errors={errorsFor(obstacle.id)}
                  sent={!reply?.ok && reply?.categoryId === obstacle.id ? reply.sent : undefined}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {editable ? (
        <Form method="post" noValidate className="obstacle-add" aria-labelledby="obstacle-add-heading">
          <h3 id="obstacle-add-heading">Add an obstacle category</h3>
          <input type="hidden" name="intent" value={SETTINGS_INTENT.addObstacle} />
          {/* Fresh fields after each category added; what a refused form sent stays. */}
          <div key={reply?.ok && reply.intent === SETTINGS_INTENT.addObstacle ? `added-${obstacles.length}` : "adding"}>
            <CategoryFields
              prefix={NEW}
              errors={addErrors}
              defaults={reply && !reply.ok && reply.intent === SETTINGS_INTENT.addObstacle ? reply.sent : undefined}
            />
          </div>
          <button type="submit" className="button">
            Add obstacle category
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function ObstacleControls({
  obstacle,
  first,
  last,
  errors,
  sent,
}: {
  obstacle: ObstacleRow;
  first: boolean;
  last: boolean;
  errors: FieldErrors;
  sent: SettingsReply["sent"];
}) {
  const prefix = `obstacle-${obstacle.id}`;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <div className="obstacle-list__controls">
      {first && last ? null : (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={SETTINGS_INTENT.moveObstacle} />
          <input type="hidden" name="categoryId" value={obstacle.id} />
          {first ? null : (
            <button type="submit" name="direction" value="up" className="button button--secondary button--small">
              Move up<span className="visually-hidden"> {obstacle.name}</span>
            </button>
          )}
          {last ? null : (
            <button type="submit" name="direction" value="down" className="button button--secondary button--small">
              Move down<span className="visually-hidden"> {obstacle.name}</span>
            </button>
          )}
        </Form>
      )}
      <details className="disclosure" open={hasErrors ? true : undefined}>
        <summary>
          Edit<span className="visually-hidden"> {obstacle.name}</span>
        </summary>
        <Form method="post" noValidate className="disclosure__body" key={`${obstacle.name}\n${obstacle.description}`}>
          <input type="hidden" name="intent" value={SETTINGS_INTENT.editObstacle} />
          <input type="hidden" name="categoryId" value={obstacle.id} />
          <CategoryFields prefix={prefix} errors={errors} defaults={sent ?? obstacle} />
          <button type="submit" className="button button--secondary">
            Save<span className="visually-hidden"> {obstacle.name}</span>
          </button>
        </Form>
      </details>
      <details className="disclosure">
        <summary>
          Remove<span className="visually-hidden"> {obstacle.name}</span>
        </summary>
        <Form method="post" className="disclosure__body">
          <input type="hidden" name="intent" value={SETTINGS_INTENT.removeObstacle} />
          <input type="hidden" name="categoryId" value={obstacle.id} />
          <p>
            {obstacle.actionCount > 0
              ? `${obstacle.actionCount} ${obstacle.actionCount === 1 ? "action addresses" : "actions address"} ` +
                `“${obstacle.name}”. Removing it takes it off ${obstacle.actionCount === 1 ? "that action" : "them"}.`
              : `No action addresses “${obstacle.name}”.`}{" "}
            The history keeps a record of the change.
          </p>
          <button type="submit" className="button button--warning">
            Remove “{obstacle.name}”
          </button>
        </Form>
      </details>
    </div>
  );
}

function CategoryFields({ prefix, errors, defaults }: { prefix: string; errors: FieldErrors; defaults: { name?: string; description?: string } | undefined }) {
  return (
    <>
      <TextField id={`${prefix}-name`} name="name" label="Name" error={errors.name} defaultValue={defaults?.name ?? ""} limit={TEXT_LIMITS.obstacleName} />
      <TextAreaField
        id={`${prefix}-description`}
        name="description"
        label="Description (optional)"
        hint="What gets in the way, in a sentence or two."
        error={errors.description}
        rows={2}
        defaultValue={defaults?.description ?? ""}
        limit={TEXT_LIMITS.obstacleDescription}
      />
    </>
  );
}
