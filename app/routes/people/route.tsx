import { Form, Link, useActionData } from "react-router";
import { z } from "zod";
import { ROLES, SECTORS } from "~/domain/vocabulary";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { Notice } from "~/components/notice";
import { SectorTag } from "~/components/sector";
import { ShownLink } from "~/components/shown-link";
import { formatDateTime } from "~/domain/dates";
import { emailAddress, requiredText } from "~/server/http/forms.server";
import { intentAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { PEOPLE_INTENT } from "~/domain/intents";
import { canSendMail, invitationEmail, sendMail, siteLink } from "~/server/mail/mail.server";
import { issuePasswordResetLink, resetLinkReach } from "~/server/auth/password-resets.server";
import { createInvitation, listPendingInvitations, revokeInvitation } from "~/server/people/invitations.server";
import { changeMembership, listPeople, setMemberDisabled } from "~/server/people/members.server";
import { succeeded } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";
import { resetLinkNotOffered, ROLE_LABELS, SECTOR_LABELS } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";

export const meta: Route.MetaFunction = () => [{ title: "People – Partnership Board" }];

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const sectorOptions = SECTORS.map((sector) => ({ value: sector, label: SECTOR_LABELS[sector] }));

const InviteForm = z.object({
  email: emailAddress(),
  displayName: requiredText("their name"),
  role: z.enum(ROLES, { error: "Choose a role" }),
  sector: z.enum(SECTORS, { error: "Choose a sector" }),
  /** Set when inviting a member the plan already names, who has not signed up. */
  existingUserId: z.union([z.uuid({ error: "Choose the person again from the list" }), z.literal("")]).optional(),
});
const ChangeForm = z.object({
  userId: z.uuid(),
  role: z.enum(ROLES, { error: "Choose a role" }),
  sector: z.enum(SECTORS, { error: "Choose a sector" }),
});
/** Disable, restore access, or a reset link: the person is the form. */
const PersonForm = z.object({ userId: z.uuid({ error: "Choose a person" }) });
const RevokeForm = z.object({ invitationId: z.uuid({ error: "Choose an invitation" }) });

export const loader = pageLoader(memberScope("partnership.manageMembers"), async ({ membership, db, url }) => {
  const [people, invitations] = await Promise.all([listPeople(db, membership.partnership.id), listPendingInvitations(db, membership.partnership.id)]);
  // "Invite" beside someone not yet signed up fills the invitation form in for them.
  const invitee = people.find((person) => person.userId === url.searchParams.get("invite") && !person.canSignIn && !person.disabled) ?? null;
  // A reset link is offered only where issuing it would be allowed, by the rule the server checks.
  const resettable = people.filter((person) => person.canSignIn && !person.disabled && person.userId !== membership.user.id);
  const reach = await resetLinkReach(
    db,
    membership.user.id,
    resettable.map((person) => person.userId),
  );
  // Erasure reaches every partnership of the person: offered by the same rule as a reset link.
  const erasable = await resetLinkReach(
    db,
    membership.user.id,
    people.filter((person) => person.userId !== membership.user.id).map((person) => person.userId),
  );
  return {
    me: membership.user.id,
    peoplePath: `/p/${membership.partnership.slug}/people`,
    invitee: invitee && { userId: invitee.userId, displayName: invitee.displayName, email: invitee.email, role: invitee.role, sector: invitee.sector },
    people: people.map((person) => ({
      ...person,
      resetLink: resettable.includes(person) ? (reach.has(person.userId) ? ("offered" as const) : ("beyondReach" as const)) : null,
      erasable: erasable.has(person.userId),
    })),
    resetByEmail: canSendMail(),
    invitations: invitations.map((invitation) => ({ ...invitation, expiresAt: formatDateTime(invitation.expiresAt) })),
  };
});

export const action = intentAction({
  scope: memberScope("partnership.manageMembers"),
  forms: {
    [PEOPLE_INTENT.invite]: InviteForm,
    [PEOPLE_INTENT.change]: ChangeForm,
    [PEOPLE_INTENT.disable]: PersonForm,
    [PEOPLE_INTENT.enable]: PersonForm,
    [PEOPLE_INTENT.revoke]: RevokeForm,
    [PEOPLE_INTENT.resetLink]: PersonForm,
  },
  run: {
    [PEOPLE_INTENT.invite]: async ({ existingUserId, ...invitation }, { db, membership, request, write }) => {
      const result = await write(() => createInvitation(db, membership.actor, { ...invitation, existingUserId: existingUserId || null }));
      if (!result.ok) return result.response;
      const { token, expiresAt } = result.value;
      const invitationLink = siteLink(`/invitations/${token}`, request);
      const { email: to, displayName } = invitation;
      const mailed = await sendMail(invitationEmail({ to, displayName, partnershipName: membership.partnership.name, link: invitationLink, expiresAt }));
      const sending = mailed ? "We emailed them this link; you can also send it yourself." : "Send them this link.";
      return succeeded(`Invitation created for ${displayName}. ${sending} It works once and expires on ${formatDateTime(expiresAt)}.`, { invitationLink });
    },
    [PEOPLE_INTENT.change]: ({ userId, ...change }, { db, membership, saved }) =>
      saved("Changes saved.", () => changeMembership(db, membership.actor, userId, change)),
    [PEOPLE_INTENT.disable]: ({ userId }, { db, membership, saved }) =>
      saved("Access removed. Their sessions have ended.", () => setMemberDisabled(db, membership.actor, userId, true)),
    [PEOPLE_INTENT.enable]: ({ userId }, { db, membership, saved }) => saved("Access restored.", () => setMemberDisabled(db, membership.actor, userId, false)),
    [PEOPLE_INTENT.revoke]: ({ invitationId }, { db, membership, saved }) =>
      saved("Invitation withdrawn. The link no longer works.", () => revokeInvitation(db, membership.actor, invitationId)),
    [PEOPLE_INTENT.resetLink]: async ({ userId }, { db, membership, request, write }) => {
      const result = await write(() => issuePasswordResetLink(db, membership.actor, userId));
      if (!result.ok) return result.response;
      const { token, expiresAt, displayName } = result.value;
      return succeeded(
        `Reset link created for ${displayName}. Send it to them yourself: it is shown only now. It ` +
          `works once, until ${formatDateTime(expiresAt)}, and any earlier link for them no longer works.`,
        { resetLink: siteLink(`/password-reset/${token}`, request), resetFor: userId },
      );
    },
  },
});

export default function People({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const invitationLink = actionData && "invitationLink" in actionData && typeof actionData.invitationLink === "string" ? actionData.invitationLink : null;
  // Once an invitation is sent the form starts empty again, whoever it was for.
  const invitee = invitationLink ? null : loaderData.invitee;
  const resetLink = actionData && "resetLink" in actionData && typeof actionData.resetLink === "string" ? actionData.resetLink : null;
  const resetFor = actionData && "resetFor" in actionData ? actionData.resetFor : null;
  return (
    <>
      <h1>People</h1>
      {/* A link's answer shows by the form it came from: the invitation's below, a reset link in its person's row. */}
      {actionData?.notice && !invitationLink && !resetLink ? <Notice>{actionData.notice}</Notice> : null}
      <ErrorSummary errors={errors} formError={actionData?.formError} />

      <section aria-labelledby="members-heading" className="section">
        <h2 id="members-heading">Members</h2>
        <div className="table-scroll">
          <table className="table table--stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Groups</th>
                <th scope="col">Role and sector</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.people.map((person) => (
                <tr key={person.userId}>
                  <td>
                    <strong>{person.displayName}</strong>
                    <br />
                    <span className="hint">{person.email}</span>
                    {person.jobTitle ? (
                      <>
                        <br />
                        <span className="hint">{person.jobTitle}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Groups">{person.groups.map((group) => `${group.name}${group.role === "chair" ? " (chair)" : ""}`).join(", ") || "None"}</td>
                  <td data-label="Role and sector">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={PEOPLE_INTENT.change} />
                      <input type="hidden" name="userId" value={person.userId} />
                      <label className="visually-hidden" htmlFor={`role-${person.userId}`}>
                        Role of {person.displayName}
                      </label>
                      <select id={`role-${person.userId}`} name="role" defaultValue={person.role} className="input select">
                        {roleOptions.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                      <label className="visually-hidden" htmlFor={`sector-${person.userId}`}>
                        Sector of {person.displayName}
                      </label>
                      <select id={`sector-${person.userId}`} name="sector" defaultValue={person.sector} className="input select">
                        {sectorOptions.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button--secondary">
                        Save<span className="visually-hidden"> role and sector of {person.displayName}</span>
                      </button>
                    </Form>
                    <SectorTag sector={person.sector} short />
                  </td>
                  <td data-label="Access">
                    {person.erased ? "Erased at their request" : person.disabled ? "Disabled" : person.canSignIn ? "Active" : "Not yet signed up"}
                    {!person.disabled && !person.canSignIn ? (
                      <p>
                        <Link to={`?invite=${person.userId}#invite-heading`} className="button button--secondary" preventScrollReset>
                          Invite<span className="visually-hidden"> {person.displayName}</span>
                        </Link>
                      </p>
                    ) : null}
                    {person.userId === loaderData.me || person.erased ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value={person.disabled ? PEOPLE_INTENT.enable : PEOPLE_INTENT.disable} />
                        <input type="hidden" name="userId" value={person.userId} />
                        <button type="submit" className={person.disabled ? "button button--secondary" : "button button--warning"}>
                          {person.disabled ? "Restore access" : "Disable"}
                          <span className="visually-hidden"> {person.displayName}</span>
                        </button>
                      </Form>
                    )}
                    {person.resetLink === "offered" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value={PEOPLE_INTENT.resetLink} />
                        <input type="hidden" name="userId" value={person.userId} />
                        <button type="submit" className="button button--secondary">
                          Reset link<span className="visually-hidden"> for {person.displayName}</span>
                        </button>
                      </Form>
                    ) : person.resetLink === "beyondReach" ? (
                      <p className="hint">{resetLinkNotOffered(loaderData.resetByEmail)}</p>
                    ) : null}
                    {/* A file, not a page: a plain link, so the browser downloads it. Each download is recorded. */}
                    {person.erased ? null : (
                      <p>
                        <a href={`${loaderData.peoplePath}/${person.userId}/data.json`} download className="button button--secondary">
                          Download data<span className="visually-hidden"> of {person.displayName}</span>
                        </a>
                      </p>
                    )}
                    {person.erasable && !person.erased ? (
                      <p>
                        <Link to={person.userId + "/erase"}>
                          Erase this person's data…<span className="visually-hidden"> ({person.displayName})</span>
                        </Link>
                      </p>
                    ) : null}
                    {resetLink && resetFor === person.userId ? (
                      <>
                        <Notice>{actionData?.notice}</Notice>
                        <ShownLink
                          key={resetLink}
                          id="reset-link"
                          label="Reset link"
                          hint="Shown only now: send it to them yourself."
                          link={resetLink}
                          copied="Link copied. Paste it into your message to them."
                        />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invite-heading" className="section narrow">
        <h2 id="invite-heading" tabIndex={-1}>
          {invitee ? `Invite ${invitee.displayName}` : "Invite someone"}
        </h2>
        {invitee ? (
          <p className="hint">Check their email address: the invitation goes there, and they sign in with it. Their leads and groups stay theirs.</p>
        ) : null}
        {invitationLink ? (
          // Where the admin is, focused: the page's top is a long table away.
          <div>
            <Notice>{actionData?.notice}</Notice>
            <ShownLink
              key={invitationLink}
              id="invitation-link"
              label="Invitation link"
              hint="Shown only now: the notice above says whether it was also emailed."
              link={invitationLink}
              copied="Link copied. Paste it into your message to them."
            />
          </div>
        ) : null}
        {/* Remade after each invitation sent, so no field keeps the last one's values. */}
        <Form method="post" noValidate key={`${invitee?.userId ?? "someone"}:${invitationLink ?? ""}`}>
          <input type="hidden" name="intent" value={PEOPLE_INTENT.invite} />
          {invitee ? <input type="hidden" name="existingUserId" value={invitee.userId} /> : null}
          <TextField
            name="displayName"
            label="Their name"
            autoComplete="off"
            defaultValue={invitee?.displayName}
            error={errors.displayName}
            limit={TEXT_LIMITS.personName}
          />
          <TextField
            name="email"
            label="Their email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
            defaultValue={invitee?.email}
            error={errors.email}
          />
          <SelectField name="role" label="Role" options={roleOptions} defaultValue={invitee?.role ?? "member"} error={errors.role} />
          <SelectField name="sector" label="Sector they act in" options={sectorOptions} defaultValue={invitee?.sector ?? "public"} error={errors.sector} />
          <button type="submit" className="button">
            Create invitation
          </button>
        </Form>
      </section>

      <section aria-labelledby="pending-heading" className="section">
        <h2 id="pending-heading">Invitations not yet accepted</h2>
        {loaderData.invitations.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className="plain-list">
            {loaderData.invitations.map((invitation) => (
              <li key={invitation.id}>
                {invitation.displayName} ({invitation.email}), {ROLE_LABELS[invitation.role].toLowerCase()}, expires {invitation.expiresAt}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value={PEOPLE_INTENT.revoke} />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="button button--link">
                    Withdraw<span className="visually-hidden"> invitation for {invitation.displayName}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
