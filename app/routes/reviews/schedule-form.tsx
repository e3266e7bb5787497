import { z } from "zod";
import { SelectField, TextField } from "~/components/forms";
import { isRealDate } from "~/domain/dates";
import { idList } from "~/domain/form-lists";
import { REVIEW_KIND_LABELS } from "~/domain/reviews";
import { REVIEW_KINDS, type ReviewKind } from "~/domain/vocabulary";

/** How many facilitators one review may have. */
const MAX_FACILITATORS = 20;

/** Scheduling a review and changing its schedule share these fields. */
export const ScheduleForm = z.object({
  kind: z.enum(REVIEW_KINDS, { error: "Choose the kind of review" }),
  title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(300, "Title must be 300 characters or fewer"),
  dueOn: z.string({ error: "Enter the date the review is due" }).trim().refine(isRealDate, "Enter a real date, like 30 09 2010"),
  facilitatorUserIds: idList(MAX_FACILITATORS, `Assign at most ${MAX_FACILITATORS} facilitators`).refine((ids) => ids.length > 0, "Assign at least one facilitator"),
});

export interface ScheduleDefaults {
  kind: ReviewKind;
  title: string;
  dueOn: string | null;
  facilitatorUserIds: string[];
}

export function ScheduleFields({
  errors,
  facilitators,
  defaults,
}: {
  errors: Partial<Record<string, string>>;
  facilitators: Array<{ id: string; name: string }>;
  defaults: ScheduleDefaults;
}) {
  return (
    <>
      <SelectField
        name="kind"
        label="Kind of review"
        defaultValue={defaults.kind}
        error={errors.kind}
        options={REVIEW_KINDS.map((kind) => ({ value: kind, label: REVIEW_KIND_LABELS[kind] }))}
      />
      <TextField name="title" label="Title" defaultValue={defaults.title} error={errors.title} />
      <TextField
        name="dueOn"
        label="Due date"
        type="date"
        defaultValue={defaults.dueOn ?? ""}
        error={errors.dueOn}
        hint="A six-month review is due six months after the plan starts."
      />
      <fieldset className="fieldset" id="facilitatorUserIds" aria-describedby="facilitatorUserIds-hint">
        <legend>Facilitators</legend>
        <p className="field__hint" id="facilitatorUserIds-hint">
          Only the facilitators assigned here write the review.
        </p>
        {errors.facilitatorUserIds ? <p className="field__error">{errors.facilitatorUserIds}</p> : null}
        {facilitators.length === 0 ? (
          <p>This partnership has no review facilitators yet. An admin can invite one from the People page, with the role Facilitator.</p>
        ) : null}
        {facilitators.map((facilitator) => (
          <div className="checkbox" key={facilitator.id}>
            <input
              type="checkbox"
              id={`facilitator-${facilitator.id}`}
              name="facilitatorUserIds"
              value={facilitator.id}
              defaultChecked={defaults.facilitatorUserIds.includes(facilitator.id)}
            />
            <label htmlFor={`facilitator-${facilitator.id}`}>{facilitator.name}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}
