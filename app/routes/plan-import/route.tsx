import { Form, Link, redirect, useActionData } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { intentAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { IMPORT_INTENT } from "~/domain/intents";
import { groupsOf } from "~/server/people/partnerships.server";
import { importPlan } from "~/server/exchange/plan-import.server";
import { invalid, refused } from "~/server/http/write-result.server";
import { JoinStewardsField, NewPlanForm, PlanFields } from "~/components/plan-form";
import { ImportButtons, ImportFields, ImportPreviewSection } from "~/components/import-panel";
import { PROBLEMS_TO_FIX } from "~/server/exchange/import-preview.server";
import { IMPORT_FORMS, previewImport, readImportTable } from "~/server/http/import-forms.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Import a plan – Partnership Board" }];

// An admin brings a plan in from the table the partnership already keeps:
// the new plan's settings, then the table, previewed before anything is written.

export const loader = pageLoader(memberScope("plan.create"), async ({ membership, db }) => {
  return { slug: membership.partnership.slug, groups: await groupsOf(db, membership.partnership.id) };
});

export const action = intentAction({
  scope: memberScope("plan.create"),
  forms: IMPORT_FORMS,
  withoutIntent: IMPORT_INTENT.preview,
  run: {
    [IMPORT_INTENT.preview]: (_none, scope) => previewImport(scope),
    [IMPORT_INTENT.import]: async (_none, scope) => {
      const { db, membership, parse, write } = scope;
      const read = await readImportTable(scope);
      if (!read.ok) return read.response;
      const { preview, reply } = read;
      // The new plan's settings come from the page (a JSON export fills them in at its
      // preview), read once the table is, so that a refusal shows the table again.
      const form = parse(NewPlanForm);
      if (!form.ok) return invalid(form.errors, reply);
      if (!preview.canCommit) return refused(400, { formError: PROBLEMS_TO_FIX }, reply);
      const { singleSectorSignoff: _ignored, ...fields } = form.data;
      const result = await write(() => importPlan(db, membership.actor, fields, read.imported), { extra: reply });
      return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${result.value.planId}?imported=${result.value.actions}`) : result.response;
    },
  },
});

export default function ImportPlan({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = reply?.errors ?? {};
  const preview = reply && "preview" in reply ? reply.preview : undefined;
  const plan = reply && "plan" in reply ? reply.plan : null;
  return (
    <div className="narrow import">
      <h1>Import a plan</h1>
      <p>
        Bring in the plan your partnership already keeps as a Word or Excel table. You see what would be written before anything is. To start an empty plan
        instead, <Link to={`/p/${loaderData.slug}/plans/new`}>create a plan</Link>.
      </p>
      <ErrorSummary errors={errors} formError={reply?.formError} />
      <Form method="post" encType="multipart/form-data" noValidate>
        <PlanFields
          errors={errors}
          groups={loaderData.groups}
          defaults={plan ? { ...plan, stewardGroupIds: [] } : undefined}
          key={plan ? "from-export" : "typed"}
        />
        <JoinStewardsField error={errors.creatorJoinsStewards} />
        <ImportFields reply={reply && "text" in reply ? reply : undefined} error={errors.table} />
        <ImportPreviewSection reply={reply && "preview" in reply ? reply : undefined} />
        <ImportButtons canCommit={preview?.canCommit ?? false} actionCount={preview?.counts.actions ?? 0} />
      </Form>
    </div>
  );
}
