import { data } from "react-router";
import { ukToday } from "~/domain/dates";
import { isUuid } from "~/domain/ids";
import { personalDataFilename } from "~/domain/personal-data";
import { notFound, recordRefusal } from "~/server/auth/guards.server";
import { memberScope, pageLoader } from "~/server/http/pipeline.server";
import { failureOf, ForbiddenError } from "~/server/platform/errors.server";
import { downloadMemberData, personalDataResponse } from "~/server/people/personal-data.server";
import type { Route } from "./+types/member-data-json";

/**
 * An admin's download of what their partnership holds about a member (a
 * subject access request made to the partnership), recorded in its history.
 * Anyone else is refused (and the refusal logged) before anything is read.
 */
export const loader = pageLoader(
  (args: Route.LoaderArgs) => memberScope("partnership.manageMembers")(args),
  async ({ membership, db, params, request }) => {
    if (!isUuid(params.userId)) throw notFound();
    const now = new Date();
    try {
      const person = await downloadMemberData(db, membership.actor, params.userId, now);
      return personalDataResponse(person, personalDataFilename(ukToday(now), person.profile.name));
    } catch (error) {
      // Someone outside the partnership, or a role lost a moment ago: its 404 or 403, never a 500.
      const failure = failureOf(error);
      if (!failure) throw error;
      if (error instanceof ForbiddenError) await recordRefusal(membership, error.verb, request);
      throw failure.status === 404 ? notFound() : data(failure.message, { status: failure.status });
    }
  },
);
