import { z } from "zod";
import { TextField } from "~/components/forms";
import { SectorTag } from "~/components/sector";
import { isRealDate } from "~/domain/dates";
import { MAX_STEWARD_GROUPS, idList } from "~/domain/form-lists";
import type { GroupSector } from "~/domain/vocabulary";
import { TEXT_LIMITS } from "~/domain/limits";

const isoDate = z
  .string()
  .trim()
  .transform((value) => value || null)
  .pipe(z.string().refine(isRealDate, "Enter a real date").nullable());

/** Creating a plan and changing its settings share these fields. */
export const PlanForm = z
  .object({
    title: z
      .string({ error: "Enter a title" })
      .trim()
      .min(1, "Enter a title")
      .max(TEXT_LIMITS.planTitle, `Title must be ${TEXT_LIMITS.planTitle} characters or fewer`),
    periodStart: isoDate.default(null),
    periodEnd: isoDate.default(null),
    stewardGroupIds: idList(MAX_STEWARD_GROUPS, `Choose at most ${MAX_STEWARD_GROUPS} steward groups`),
    singleSectorSignoff: z.preprocess((value) => value === "on", z.boolean()),
  })
  .refine((plan) => !plan.periodStart || !plan.periodEnd || plan.periodEnd >= plan.periodStart, {
    path: ["periodEnd"],
    message: "The end of the period must be on or after its start",
  });

export interface PlanFormGroup {
  id: string;
  name: string;
  sector: GroupSector;
}

export function PlanFields({
  errors,
  groups,
  defaults,
}: {
  errors: Partial<Record<string, string>>;
  groups: PlanFormGroup[];
  defaults?: { title: string; periodStart: string | null; periodEnd: string | null; stewardGroupIds: string[] };
}) {
  return (
    <>
      <TextField name="title" label="Title" defaultValue={defaults?.title} error={errors.title} limit={TEXT_LIMITS.planTitle} />
      <div className="field-row">
        <TextField name="periodStart" label="Period starts (optional)" type="date" defaultValue={defaults?.periodStart ?? ""} error={errors.periodStart} />
        <TextField name="periodEnd" label="Period ends (optional)" type="date" defaultValue={defaults?.periodEnd ?? ""} error={errors.periodEnd} />
      </div>
      <fieldset className="fieldset" aria-describedby="stewardGroupIds-hint">
        <legend>Steward groups</legend>
        <p className="field__hint" id="stewardGroupIds-hint">
          Members of these groups may add, archive and reorder the plan&apos;s objectives and actions, and edit every action.
        </p>
        {errors.stewardGroupIds ? <p className="field__error">{errors.stewardGroupIds}</p> : null}
        {groups.length === 0 ? <p>Create a group first.</p> : null}
        {groups.map((group) => (
          <div className="checkbox" key={group.id}>
            <input
              type="checkbox"
              id={`steward-${group.id}`}
              name="stewardGroupIds"
              value={group.id}
              defaultChecked={defaults?.stewardGroupIds.includes(group.id)}
            />
            <label htmlFor={`steward-${group.id}`}>
              {group.name} <SectorTag sector={group.sector} short />
            </label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

/** The creator joins the steward groups they chose, so the new board is one they can fill. */
export const JoinStewards = z.object({ creatorJoinsStewards: z.preprocess((value) => value === "on", z.boolean()) });

/** A new plan, typed in or imported: its settings, and whether its creator joins its stewards. */
export const NewPlanForm = PlanForm.and(JoinStewards);

export function JoinStewardsField({ error, defaultChecked }: { error: string | undefined; defaultChecked?: boolean }) {
  return (
    <div className={error ? "field field--error" : "field"}>
      {error ? (
        <p className="field__error" id="creatorJoinsStewards-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="checkbox">
        <input
          type="checkbox"
          id="creatorJoinsStewards"
          name="creatorJoinsStewards"
          defaultChecked={defaultChecked}
          aria-describedby={error ? "creatorJoinsStewards-hint creatorJoinsStewards-error" : "creatorJoinsStewards-hint"}
        />
        <label htmlFor="creatorJoinsStewards">Add me to the steward groups I chose</label>
      </div>
      <p className="field__hint" id="creatorJoinsStewards-hint">
        Only stewards add a plan&apos;s objectives and actions. Join them to fill the new board in yourself; otherwise their members do.
      </p>
    </div>
  );
}
