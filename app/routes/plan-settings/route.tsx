import { Form, Link, useActionData } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { getDb } from "~/server/db.server";
import { groupsOf } from "~/server/partnerships.server";
import { parseForm, readForm } from "~/server/forms.server";
import { getMembership, requirePermission } from "~/server/guards.server";
import { getPlan } from "~/server/plan-context.server";
import { isSingleSector, updatePlan } from "~/server/plans.server";
import { attemptWrite, invalid, succeeded } from "~/server/write-result.server";
import { PlanFields, PlanForm } from "../plan-new/plan-form";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";

export const meta: Route.MetaFunction = () => [{ title: "Plan settings – Partnership Board" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  await requirePermission(membership, "plan.manage", { plan }, request);
  const groups = await groupsOf(await getDb(), membership.partnership.id);
  const stewardSectors = groups.filter((group) => plan.stewardGroupIds.includes(group.id)).map((group) => group.sector);
  return { slug: membership.partnership.slug, plan, groups, stewardsAreOneSector: isSingleSector(stewardSectors) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  await requirePermission(membership, "plan.manage", { plan }, request);
  const form = parseForm(await readForm(request), PlanForm);
  if (!form.ok) return invalid(form.errors);
  const result = await attemptWrite(membership, request, async () => updatePlan(await getDb(), membership.actor, plan.id, form.data), { planId: plan.id });
  return result.ok ? succeeded("Settings saved.") : result.response;
}

export default function PlanSettings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const { plan } = loaderData;
  return (
    <div className="narrow">
      <p>
        <Link to={`/p/${loaderData.slug}/plans/${plan.id}`}>Back to the board</Link>
      </p>
      <h1>Settings for {plan.title}</h1>
      <Notice>{actionData?.notice}</Notice>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate>
        <PlanFields errors={errors} groups={loaderData.groups} defaults={plan} />
        <fieldset className="fieldset">
          <legend>Completion sign-off</legend>
          <div className="checkbox">
            <input type="checkbox" id="singleSectorSignoff" name="singleSectorSignoff" defaultChecked={plan.singleSectorSignoff} aria-describedby="singleSectorSignoff-hint" />
            <label htmlFor="singleSectorSignoff">Allow single-sector sign-off</label>
          </div>
          <p className="field__hint" id="singleSectorSignoff-hint">
            Normally someone from another sector confirms that an action is done. Where every steward group is of one
            sector, you may let another person of that sector confirm instead.
            {loaderData.stewardsAreOneSector ? "" : " This plan's stewards are not all of one sector, so this is not available."}
          </p>
        </fieldset>
        <button type="submit" className="button">
          Save settings
        </button>
      </Form>
    </div>
  );
}
