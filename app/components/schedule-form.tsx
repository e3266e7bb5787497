import { z } from "zod";
import { SelectField, TextField } from "~/components/forms";
import { isRealDate } from "~/domain/dates";
import { idList } from "~/domain/form-lists";
import { defaultDueOn } from "~/domain/reviews";
import { formatDueDate } from "~/domain/dates";
import { REVIEW_KINDS, type ReviewKind } from "~/domain/vocabulary";
import { REVIEW_KIND_LABELS } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";

/** How many facilitators one review may have. */
const MAX_FACILITATORS = 20;

/** Scheduling a review and changing its schedule share these fields. */
export const ScheduleForm = z.object({
  kind: z.enum(REVIEW_KINDS, { error: "Choose the kind of review" }),
  title: z
    .string({ error: "Enter a title" })
    .trim()
    .min(1, "Enter a title")
    .max(TEXT_LIMITS.reviewTitle, `Title must be ${TEXT_LIMITS.reviewTitle} characters or fewer`),
  dueOn: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(z.string().refine(isRealDate, "Enter a real date, like 30 09 2010").nullable())
    .default(null),
  facilitatorUserIds: idList(MAX_FACILITATORS, `Assign at most ${MAX_FACILITATORS} facilitators`).refine(
    (ids) => ids.length > 0,
    "Assign at least one facilitator",
  ),
});

export const NO_DUE_DATE = "Enter the date the review is due";

/** The date given, or the kind's default from the plan's start (null when there is neither). */
export function dueOnOrDefault(schedule: { kind: ReviewKind; dueOn: string | null }, planStart: string | null): string | null {
  return schedule.dueOn ?? defaultDueOn(schedule.kind, planStart);
}

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
  planStart,
}: {
  errors: Partial<Record<string, string>>;
  facilitators: Array<{ id: string; name: string }>;
  defaults: ScheduleDefaults;
  planStart: string | null;
}) {
  const sixMonths = defaultDueOn("six_month", planStart);
  const year = defaultDueOn("annual", planStart);
  return (
    <>
      <SelectField
        name="kind"
        label="Kind of review"
        defaultValue={defaults.kind}
        error={errors.kind}
        options={REVIEW_KINDS.map((kind) => ({ value: kind, label: REVIEW_KIND_LABELS[kind] }))}
      />
      <TextField name="title" label="Title" defaultValue={defaults.title} error={errors.title} limit={TEXT_LIMITS.reviewTitle} />
      <TextField
        name="dueOn"
        label="Due date"
        type="date"
        defaultValue={defaults.dueOn ?? ""}
        error={errors.dueOn}
        hint={
          sixMonths && year
            ? `Leave it empty and a six-month review falls due on ${formatDueDate(sixMonths)}, ` +
              `six months after the plan starts; an annual one on ${formatDueDate(year)}.`
            : "The plan has no start date, so give one."
        }
      />
      <fieldset
        className="fieldset"
        id="facilitatorUserIds"
        aria-describedby={`facilitatorUserIds-hint${errors.facilitatorUserIds ? " facilitatorUserIds-error" : ""}`}
      >
        <legend>Facilitators</legend>
        <p className="field__hint" id="facilitatorUserIds-hint">
          Only the facilitators assigned here write the review.
        </p>
        {errors.facilitatorUserIds ? (
          <p className="field__error" id="facilitatorUserIds-error">
            {errors.facilitatorUserIds}
          </p>
        ) : null}
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
