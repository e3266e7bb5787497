import { Form, Link, redirect, useActionData } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { groupsOf } from "~/server/people/partnerships.server";
import { formAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { createPlan } from "~/server/plans/plans.server";
import { signoffWarnings } from "~/domain/confirmers";
import { peopleWhoCanAct } from "~/server/plans/confirmers.server";
import { JoinStewardsField, NewPlanForm, PlanFields } from "~/components/plan-form";
import { SignoffWarnings } from "~/components/signoff-warnings";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Create a plan – Partnership Board" }];

export const loader = pageLoader(memberScope("plan.create"), async ({ membership, db }) => {
  const [groups, people] = await Promise.all([groupsOf(db, membership.partnership.id), peopleWhoCanAct(db, membership.partnership.id)]);
  return {
    slug: membership.partnership.slug,
    groups,
    // Which steward groups will be ticked is not known yet; only a partnership of one sector is.
    signoffWarnings: signoffWarnings(people, [], false),
  };
});

export const action = formAction({
  scope: memberScope("plan.create"),
  form: NewPlanForm,
  run: async ({ singleSectorSignoff: _ignored, ...fields }, { db, membership, write }) => {
    const result = await write(() => createPlan(db, membership.actor, fields));
    return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${result.value}`) : result.response;
  },
});

export default function NewPlan({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>Create a plan</h1>
      <p>
        Already keep the plan as a Word or Excel table? <Link to={`/p/${loaderData.slug}/plans/import`}>Import it</Link> instead of typing it in.
      </p>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <SignoffWarnings warnings={loaderData.signoffWarnings} slug={loaderData.slug} signoffSetting="settings" />
      <Form method="post" noValidate>
        <PlanFields errors={errors} groups={loaderData.groups} />
        <JoinStewardsField error={errors.creatorJoinsStewards} />
        <button type="submit" className="button">
          Create plan
        </button>
      </Form>
    </div>
  );
}
