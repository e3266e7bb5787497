import { useEffect, useRef } from "react";
import { Form, Link, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { Notice } from "~/components/notice";
import { isUuid } from "~/domain/ids";
import { notFound } from "~/server/auth/guards.server";
import { resetLinkReach } from "~/server/auth/password-resets.server";
import { formAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { succeeded } from "~/server/http/write-result.server";
import { beyondReach, erasePersonAsAdmin, planErasure } from "~/server/people/erasure.server";
import { ERASED_NOTE_TEXT, erasureChangeWords } from "~/domain/erasure";
import { listPeople } from "~/server/people/members.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Erase a person's data – Partnership Board" }];

/** The confirmation: the person's email, typed again. */
const EraseForm = z.object({ email: z.string({ error: "Type their email address to confirm" }).trim().min(1, "Type their email address to confirm") });

/**
 * Erasure at a person's request, for an admin of every partnership they belong
 * to: what it would change, then the confirmation. The operator's way is
 * `npm run db:erase-person`.
 */
export const loader = pageLoader(
  (args: Route.LoaderArgs) => memberScope("partnership.manageMembers")(args),
  async ({ membership, db, params }) => {
    const person = isUuid(params.userId) ? (await listPeople(db, membership.partnership.id)).find((each) => each.userId === params.userId) : undefined;
    if (!person) throw notFound();
    const peopleUrl = `/p/${membership.partnership.slug}/people`;
    if (person.erased) return { peopleUrl, displayName: person.displayName, state: "erased" as const };
    if (person.userId === membership.user.id) return { peopleUrl, displayName: person.displayName, state: "self" as const };
    if (!(await resetLinkReach(db, membership.user.id, [person.userId])).has(person.userId)) {
      return { peopleUrl, displayName: person.displayName, state: "beyondReach" as const, reason: beyondReach(person.displayName) };
    }
    const plan = await planErasure(db, { userId: person.userId });
    return {
      peopleUrl,
      displayName: plan.displayName,
      state: "offered" as const,
      email: plan.email,
      pseudonym: plan.pseudonym,
      partnerships: plan.partnerships,
      changes: plan.changes.map((change) => ({ what: erasureChangeWords(change), rows: change.rows })),
    };
  },
);

export const action = formAction({
  scope: async (args: Route.ActionArgs) => {
    const scope = await memberScope("partnership.manageMembers")(args);
    if (!isUuid(args.params.userId)) throw notFound();
    return { ...scope, userId: args.params.userId };
  },
  form: EraseForm,
  run: async ({ email }, { db, membership, userId, write }) => {
    const result = await write(() => erasePersonAsAdmin(db, membership.actor, userId, email));
    if (!result.ok) return result.response;
    return succeeded(`Their data is erased: they now appear as ${result.value.pseudonym} everywhere, and can no longer sign in.`);
  },
});

export default function ErasePerson({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const formError = actionData?.formError ?? null;
  const back = <Link to={loaderData.peopleUrl}>Back to People</Link>;
  if (actionData?.notice) {
    return (
      <div className="narrow">
        <ErasedHeading />
        <Notice>{actionData.notice}</Notice>
        <p>{back}</p>
      </div>
    );
  }
  if (loaderData.state !== "offered") {
    return (
      <div className="narrow">
        <h1>{`Erase ${loaderData.displayName}'s data`}</h1>
        <p>
          {loaderData.state === "erased"
            ? `${loaderData.displayName}'s data was erased already.`
            : loaderData.state === "self"
              ? "You cannot erase your own data here: ask another admin, or the site's operator."
              : loaderData.reason}
        </p>
        <p>{back}</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{`Erase ${loaderData.displayName}'s data`}</h1>
      <p>
        {`Do this only at their request. Their name and email are replaced everywhere by “${loaderData.pseudonym}”, in this partnership's history and in ` +
          `every other partnership they belong to. They can no longer sign in. What they did stays in the plans' history, under the new name. ` +
          `This cannot be undone.`}
      </p>
      <p>
        {`Their full name and email address are found wherever they are written. A first name alone in someone's note (“${firstNameOf(loaderData.displayName)} said…”) ` +
          `is not found, and stays as written.`}
      </p>
      <ErrorSummary errors={errors} formError={formError} />
      <h2>Their partnerships</h2>
      <ul>
        {loaderData.partnerships.map((partnership) => (
          <li key={partnership.id}>
            {`${partnership.name}: their progress notes ${partnership.keepsNoteText ? "keep their text" : `say “${ERASED_NOTE_TEXT}”`}, with their date and action`}
          </li>
        ))}
      </ul>
      <h2>What changes</h2>
      <table className="table">
        <caption className="visually-hidden">What the erasure changes</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.changes.map((change) => (
            <tr key={change.what}>
              <td>{change.what}</td>
              <td>{change.rows}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Confirm</h2>
      <Form method="post" noValidate>
        <TextField
          name="email"
          label={`Type ${loaderData.displayName}'s email address to confirm`}
          hint={loaderData.email}
          error={errors.email}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="button-row">
          <button type="submit" className="button button--warning">
            {`Erase ${loaderData.displayName}'s data`}
          </button>
          {back}
        </div>
      </Form>
    </div>
  );
}

/** The first word of a name, for the example of what is not found. */
function firstNameOf(displayName: string): string {
  return displayName.split(/\s+/)[0] ?? displayName;
}

/** The outcome replaces the form and the button that sent it: focus goes to its heading, so the person is not left at the top of the page. */
function ErasedHeading() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 tabIndex={-1} ref={heading}>
      Data erased
    </h1>
  );
}
