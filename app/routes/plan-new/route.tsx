import { Form, redirect, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { getDb } from "~/server/db.server";
import { groupsOf } from "~/server/partnerships.server";
import { parseForm, readForm } from "~/server/forms.server";
import { getMembership, requirePermission } from "~/server/guards.server";
import { createPlan } from "~/server/plans.server";
import { attemptWrite, invalid } from "~/server/write-result.server";
import { signoffWarnings } from "~/domain/confirmers";
import { peopleWhoCanAct } from "~/server/confirmers.server";
import { PlanFields, PlanForm } from "./plan-form";
import { SignoffWarnings } from "./signoff-warnings";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Create a plan – Partnership Board" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  await requirePermission(membership, "plan.create", {}, request);
  const db = await getDb();
  const [groups, people] = await Promise.all([groupsOf(db, membership.partnership.id), peopleWhoCanAct(db, membership.partnership.id)]);
  return {
    slug: membership.partnership.slug,
    groups,
    // Which steward groups will be ticked is not known yet; only a partnership of one sector is.
    signoffWarnings: signoffWarnings(people, [], false),
  };
}

/** The creator joins the steward groups they chose, so the new board is one they can fill. */
const JoinStewards = z.object({ creatorJoinsStewards: z.preprocess((value) => value === "on", z.boolean()) });

export async function action({ request, context }: Route.ActionArgs) {
  const membership = getMembership(context);
  await requirePermission(membership, "plan.create", {}, request);
  const formData = await readForm(request);
  const form = parseForm(formData, PlanForm);
  const join = parseForm(formData, JoinStewards);
  if (!form.ok) return invalid(form.errors);
  if (!join.ok) return invalid(join.errors);
  const { singleSectorSignoff: _ignored, ...fields } = form.data;
  const result = await attemptWrite(membership, request, async () => createPlan(await getDb(), membership.actor, { ...fields, ...join.data }));
  return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${result.value}`) : result.response;
}

export default function NewPlan({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>Create a plan</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <SignoffWarnings warnings={loaderData.signoffWarnings} slug={loaderData.slug} signoffSetting="settings" />
      <Form method="post" noValidate>
        <PlanFields errors={errors} groups={loaderData.groups} />
        <div className={errors.creatorJoinsStewards ? "field field--error" : "field"}>
          {errors.creatorJoinsStewards ? (
            <p className="field__error" id="creatorJoinsStewards-error">
              <span className="visually-hidden">Error: </span>
              {errors.creatorJoinsStewards}
            </p>
          ) : null}
          <div className="checkbox">
            <input
              type="checkbox"
              id="creatorJoinsStewards"
              name="creatorJoinsStewards"
              aria-describedby={errors.creatorJoinsStewards ? "creatorJoinsStewards-hint creatorJoinsStewards-error" : "creatorJoinsStewards-hint"}
            />
            <label htmlFor="creatorJoinsStewards">Add me to the steward groups I chose</label>
          </div>
          <p className="field__hint" id="creatorJoinsStewards-hint">
            Only stewards add a plan&apos;s objectives and actions. Join them to fill the new board in yourself; otherwise their members do.
          </p>
        </div>
        <button type="submit" className="button">
          Create plan
        </button>
      </Form>
    </div>
  );
}
