import { Form, Link, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { SectorTag } from "~/components/sector";
import { can } from "~/domain/policy";
import { intentAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { GROUP_INTENT } from "~/domain/intents";
import { getGroup, removeGroupMember, setGroupMember, updateGroup } from "~/server/people/groups.server";
import { notFound } from "~/server/auth/guards.server";
import { listPeople } from "~/server/people/members.server";
import { isUuid } from "~/domain/ids";
import { GROUP_ROLES } from "~/domain/vocabulary";
import { GroupForm, groupSectorOptions } from "~/components/group-form";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";
import { TEXT_LIMITS } from "~/domain/limits";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.group.name ?? "Group"} – Partnership Board` }];

const MemberForm = z.object({ userId: z.uuid({ error: "Choose a person" }), role: z.enum(GROUP_ROLES).default("member") });

export const loader = pageLoader(
  (args: Route.LoaderArgs) => memberScope("partnership.view")(args),
  async ({ membership, db, params }) => {
    const group = isUuid(params.groupId) ? await getGroup(db, membership.partnership.id, params.groupId) : null;
    if (!group) throw notFound();
    const canManage = can(membership.actor, "partnership.manageGroups", { partnershipId: membership.partnership.id });
    const people = canManage ? await listPeople(db, membership.partnership.id) : [];
    return {
      slug: membership.partnership.slug,
      group,
      canManage,
      candidates: people
        .filter((person) => !person.disabled && !group.members.some((member) => member.userId === person.userId))
        .map((person) => ({ value: person.userId, label: person.displayName })),
    };
  },
);

/** The group of the URL, for an admin who manages groups; refused before the body is read. */
async function groupScope(args: Route.ActionArgs) {
  const scope = await memberScope("partnership.manageGroups")(args);
  if (!isUuid(args.params.groupId)) throw notFound();
  return { ...scope, groupId: args.params.groupId };
}

export const action = intentAction({
  scope: groupScope,
  forms: {
    [GROUP_INTENT.update]: GroupForm,
    [GROUP_INTENT.addMember]: MemberForm,
    [GROUP_INTENT.setRole]: MemberForm,
    [GROUP_INTENT.removeMember]: MemberForm,
  },
  run: {
    [GROUP_INTENT.update]: (input, { db, membership, groupId, saved }) => saved("Group saved.", () => updateGroup(db, membership.actor, groupId, input)),
    [GROUP_INTENT.addMember]: ({ userId, role }, { db, membership, groupId, saved }) =>
      saved("Member added.", () => setGroupMember(db, membership.actor, groupId, userId, role)),
    [GROUP_INTENT.setRole]: ({ userId, role }, { db, membership, groupId, saved }) =>
      saved("Role changed.", () => setGroupMember(db, membership.actor, groupId, userId, role)),
    [GROUP_INTENT.removeMember]: ({ userId }, { db, membership, groupId, saved }) =>
      saved("Member removed.", () => removeGroupMember(db, membership.actor, groupId, userId)),
  },
});

export default function Group({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const { group, canManage } = loaderData;
  return (
    <>
      <p>
        <Link to={`/p/${loaderData.slug}/groups`}>Back to groups</Link>
      </p>
      <h1>{group.name}</h1>
      <p>
        <SectorTag sector={group.sector} />
      </p>
      {group.description ? <p>{group.description}</p> : null}
      <Notice>{actionData?.notice}</Notice>
      <ErrorSummary errors={errors} formError={actionData?.formError} />

      <section aria-labelledby="members-heading" className="section">
        <h2 id="members-heading">Members</h2>
        {group.members.length === 0 ? (
          <p>No members yet.</p>
        ) : (
          <ul className="plain-list">
            {group.members.map((member) => (
              <li key={member.userId} className="member-row">
                <span>
                  {member.displayName}
                  {member.role === "chair" ? " (chair)" : ""} <SectorTag sector={member.sector} short />
                </span>
                {canManage ? (
                  <span className="member-row__actions">
                    {member.role === "chair" ? null : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value={GROUP_INTENT.setRole} />
                        <input type="hidden" name="userId" value={member.userId} />
                        <input type="hidden" name="role" value="chair" />
                        <button type="submit" className="button button--link">
                          Make <span className="visually-hidden">{member.displayName} the </span>chair
                        </button>
                      </Form>
                    )}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={GROUP_INTENT.removeMember} />
                      <input type="hidden" name="userId" value={member.userId} />
                      <button type="submit" className="button button--link">
                        Remove<span className="visually-hidden"> {member.displayName} from the group</span>
                      </button>
                    </Form>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManage && loaderData.candidates.length > 0 ? (
          <Form method="post" className="narrow">
            <input type="hidden" name="intent" value={GROUP_INTENT.addMember} />
            <SelectField name="userId" label="Add a member" options={loaderData.candidates} error={errors.userId} />
            <button type="submit" className="button button--secondary">
              Add to group
            </button>
          </Form>
        ) : null}
      </section>

      {canManage ? (
        <section aria-labelledby="edit-heading" className="section narrow">
          <h2 id="edit-heading">Edit the group</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value={GROUP_INTENT.update} />
            <TextField name="name" label="Name" defaultValue={group.name} error={errors.name} limit={TEXT_LIMITS.groupName} />
            <SelectField name="sector" label="Sector" options={groupSectorOptions} defaultValue={group.sector} error={errors.sector} />
            <TextAreaField
              name="description"
              label="Description (optional)"
              rows={3}
              defaultValue={group.description}
              error={errors.description}
              limit={TEXT_LIMITS.groupDescription}
            />
            <button type="submit" className="button">
              Save group
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
