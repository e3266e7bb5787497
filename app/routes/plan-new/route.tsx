import { Form, redirect, useActionData } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { getDb } from "~/server/db.server";
import { groupsOf } from "~/server/partnerships.server";
import { parseForm, readForm } from "~/server/forms.server";
import { getMembership, requirePermission } from "~/server/guards.server";
import { createPlan } from "~/server/plans.server";
import { attemptWrite, invalid } from "~/server/write-result.server";
import { PlanFields, PlanForm } from "./plan-form";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Create a plan – Partnership Board" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  await requirePermission(membership, "plan.create", {}, request);
  const groups = await groupsOf(await getDb(), membership.partnership.id);
  return { groups };
}

export async function action({ request, context }: Route.ActionArgs) {
  const membership = getMembership(context);
  await requirePermission(membership, "plan.create", {}, request);
  const form = parseForm(await readForm(request), PlanForm);
  if (!form.ok) return invalid(form.errors);
  const { singleSectorSignoff: _ignored, ...fields } = form.data;
  const result = await attemptWrite(membership, request, async () => createPlan(await getDb(), membership.actor, fields));
  return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${result.value}`) : result.response;
}

export default function NewPlan({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>Create a plan</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate>
        <PlanFields errors={errors} groups={loaderData.groups} />
        <button type="submit" className="button">
          Create plan
        </button>
      </Form>
    </div>
  );
}
