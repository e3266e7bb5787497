import { Form, Link, useActionData } from "react-router";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { SectorTag } from "~/components/sector";
import { can } from "~/domain/policy";
import { formAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { createGroup, listGroups } from "~/server/people/groups.server";
import { GroupForm, groupSectorOptions } from "~/components/group-form";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";
import { TEXT_LIMITS } from "~/domain/limits";

export const meta: Route.MetaFunction = () => [{ title: "Groups – Partnership Board" }];

export const loader = pageLoader(memberScope("partnership.view"), async ({ membership, db }) => {
  return {
    slug: membership.partnership.slug,
    groups: await listGroups(db, membership.partnership.id),
    canManage: can(membership.actor, "partnership.manageGroups", { partnershipId: membership.partnership.id }),
  };
});

export const action = formAction({
  scope: memberScope("partnership.manageGroups"),
  form: GroupForm,
  run: (input, { db, membership, saved }) => saved(`Group ${input.name} created. Add its members next.`, () => createGroup(db, membership.actor, input)),
});

export default function Groups({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <>
      <h1>Groups</h1>
      <p>Groups lead actions and steward plans. Their members can edit what the group leads or stewards.</p>
      <Notice>{actionData?.notice}</Notice>
      {loaderData.groups.length === 0 ? (
        <p>There are no groups yet.</p>
      ) : (
        <ul className="card-list">
          {loaderData.groups.map((group) => (
            <li key={group.id} className="summary-card">
              <h2>
                <Link to={`/p/${loaderData.slug}/groups/${group.id}`}>{group.name}</Link>
              </h2>
              <p>
                <SectorTag sector={group.sector} /> · {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
              </p>
              {group.stewardOf.length > 0 ? <p>Stewards {group.stewardOf.join(", ")}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {loaderData.canManage ? (
        <section aria-labelledby="new-group-heading" className="section narrow">
          <h2 id="new-group-heading">Create a group</h2>
          <ErrorSummary errors={errors} formError={actionData?.formError} />
          <Form method="post" noValidate>
            <TextField name="name" label="Name" error={errors.name} limit={TEXT_LIMITS.groupName} />
            <SelectField
              name="sector"
              label="Sector"
              hint="Choose cross-sector for groups with members from more than one sector."
              options={groupSectorOptions}
              defaultValue="cross_sector"
              error={errors.sector}
            />
            <TextAreaField name="description" label="Description (optional)" rows={3} error={errors.description} limit={TEXT_LIMITS.groupDescription} />
            <button type="submit" className="button">
              Create group
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
