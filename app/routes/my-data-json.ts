import { ukToday } from "~/domain/dates";
import { personalDataFilename } from "~/domain/personal-data";
import { notFound } from "~/server/auth/guards.server";
import { pageLoader, signedInScope } from "~/server/http/pipeline.server";
import { personalDataOf, personalDataResponse } from "~/server/people/personal-data.server";

/** "Download my data" under Your account: everything held about the signed-in person. Anyone else is sent to sign in. */
export const loader = pageLoader(signedInScope, async ({ user, db }) => {
  const now = new Date();
  const data = await personalDataOf(db, user.id, { partnershipId: null }, now);
  if (!data) throw notFound();
  return personalDataResponse(data, personalDataFilename(ukToday(now)));
});
