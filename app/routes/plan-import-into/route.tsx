import { Form, Link, redirect, useActionData } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { IMPORT_INTENT } from "~/domain/intents";
import { importIntoPlan, planIsEmpty } from "~/server/exchange/plan-import.server";
import { refused } from "~/server/http/write-result.server";
import { ImportButtons, ImportFields, ImportPreviewSection } from "~/components/import-panel";
import { PROBLEMS_TO_FIX } from "~/server/exchange/import-preview.server";
import { IMPORT_FORMS, previewImport, readImportTable } from "~/server/http/import-forms.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Import into this plan – Partnership Board" }];

// A plan's stewards fill an empty plan from the table they already keep.

export const loader = pageLoader(planScope("plan.editStructure"), async ({ membership, plan, db }) => {
  return { slug: membership.partnership.slug, plan: { id: plan.id, title: plan.title }, isEmpty: await planIsEmpty(db, plan.id) };
});

export const action = intentAction({
  scope: planScope("plan.editStructure"),
  forms: IMPORT_FORMS,
  withoutIntent: IMPORT_INTENT.preview,
  run: {
    [IMPORT_INTENT.preview]: (_none, scope) => previewImport(scope),
    [IMPORT_INTENT.import]: async (_none, scope) => {
      const { db, membership, plan, write } = scope;
      const read = await readImportTable(scope);
      if (!read.ok) return read.response;
      if (!read.preview.canCommit) return refused(400, { formError: PROBLEMS_TO_FIX }, read.reply);
      const result = await write(() => importIntoPlan(db, membership.actor, plan, read.imported), { extra: read.reply });
      return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${plan.id}?imported=${result.value.actions}`) : result.response;
    },
  },
});

export default function ImportIntoPlan({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = reply?.errors ?? {};
  const preview = reply && "preview" in reply ? reply.preview : undefined;
  const board = `/p/${loaderData.slug}/plans/${loaderData.plan.id}`;
  return (
    <div className="narrow import">
      <h1>Import into {loaderData.plan.title}</h1>
      {loaderData.isEmpty ? (
        <>
          <p>Fill this plan from the table your partnership already keeps. You see what would be written before anything is.</p>
          <ErrorSummary errors={errors} formError={reply?.formError} />
          <Form method="post" encType="multipart/form-data" noValidate>
            <ImportFields reply={reply && "text" in reply ? reply : undefined} error={errors.table} />
            <ImportPreviewSection reply={reply && "preview" in reply ? reply : undefined} />
            <ImportButtons canCommit={preview?.canCommit ?? false} actionCount={preview?.counts.actions ?? 0} />
          </Form>
        </>
      ) : (
        <p>
          This plan already has objectives, and an import only fills an empty plan. Add to it on <Link to={board}>the board</Link>, or ask an admin to import
          the table as a new plan.
        </p>
      )}
    </div>
  );
}
