import { STATUSES, type Status } from "~/domain/vocabulary";
import { SelectField, TextAreaField, type FieldErrors } from "~/components/forms";
import { STATUS_LABELS } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";

// The fields of a move, shared by the board's Move… dialog and the Move page
// that stands in for it without JavaScript. Each offers the positions of one
// column only (the chosen one), so its size never depends on the whole board.

export interface MoveChoices {
  /** The lanes the card may go to: all of them for a steward, else its own. */
  objectives: ReadonlyArray<{ id: string; number: number; title: string }>;
  /** The column chosen, whose cards the Position field lists. */
  objectiveId: string;
  status: Status;
  /** The chosen column's other cards, in order. */
  neighbours: ReadonlyArray<{ id: string; reference: string; title: string }>;
  /** A confirmed action leaving Done needs a reason. */
  reopening: boolean;
}

/** The fields' ids: one move form per page, prefixed so they never meet another form's. */
export const MOVE_FIELD_IDS = { status: "move-status", objectiveId: "move-objective", placement: "move-placement", reason: "move-reason" } as const;

interface MoveFieldsProps {
  choices: MoveChoices;
  /** What was sent last, shown again after a refusal. */
  sent?: { placement?: string; reason?: string };
  errors?: FieldErrors;
  /** The column fields are controlled: the positions offered follow them. */
  onColumnChange: (column: { objectiveId: string; status: Status }) => void;
}

export function MoveFields({ choices, sent, errors = {}, onColumnChange }: MoveFieldsProps) {
  const { objectives, objectiveId, status, neighbours } = choices;
  const column = `${objectiveId}:${status}`;
  return (
    <>
      <SelectField
        id={MOVE_FIELD_IDS.status}
        name="status"
        label="Column"
        value={status}
        error={errors[MOVE_FIELD_IDS.status]}
        options={STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
        onChange={(event) => onColumnChange({ objectiveId, status: event.target.value as Status })}
      />
      {objectives.length > 1 ? (
        <SelectField
          id={MOVE_FIELD_IDS.objectiveId}
          name="objectiveId"
          label="Objective"
          value={objectiveId}
          error={errors[MOVE_FIELD_IDS.objectiveId]}
          options={objectives.map((objective) => ({ value: objective.id, label: `${objective.number}. ${truncate(objective.title, 60)}` }))}
          onChange={(event) => onColumnChange({ objectiveId: event.target.value, status })}
        />
      ) : (
        <input type="hidden" name="objectiveId" value={objectiveId} />
      )}
      <SelectField
        // A new column starts again at "Bottom of the column".
        key={column}
        id={MOVE_FIELD_IDS.placement}
        name="placement"
        label="Position"
        hint={
          `Top, bottom, or after a card now in the ${STATUS_LABELS[status]} ` +
          `column${objectives.length > 1 ? ` of objective ${objectives.find((objective) => objective.id === objectiveId)?.number ?? ""}` : ""}.`
        }
        defaultValue={sent?.placement ?? "bottom"}
        error={errors[MOVE_FIELD_IDS.placement]}
        options={[
          { value: "top", label: "Top of the column" },
          { value: "bottom", label: "Bottom of the column" },
          ...neighbours.map((neighbour) => ({ value: `after:${neighbour.id}`, label: `After ${neighbour.reference} ${truncate(neighbour.title, 60)}` })),
        ]}
      />
      {choices.reopening ? (
        <TextAreaField
          id={MOVE_FIELD_IDS.reason}
          name="reason"
          label="Reason for reopening (needed if you move it out of Done)"
          rows={2}
          limit={TEXT_LIMITS.reason}
          defaultValue={sent?.reason}
          error={errors[MOVE_FIELD_IDS.reason]}
        />
      ) : null}
    </>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
