import { useActionData } from "react-router";
import { SURVEY_INTENT } from "~/domain/intents";
import { can } from "~/domain/policy";
import { MIN_ANSWERS_SHOWN, whoMustAgreeToSend } from "~/domain/surveys";
import { sectorAfterAName } from "~/domain/words";
import { notFound } from "~/server/auth/guards.server";
import { NoFields } from "~/server/http/forms.server";
import { intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { succeeded } from "~/server/http/write-result.server";
import {
  agreeSurvey,
  closeSurvey,
  inviteOrganisations,
  percentIndicatorsOf,
  proposeSurvey,
  removeOrganisation,
  surveyOf,
  updateSurvey,
  withdrawSurvey,
} from "~/server/outcomes/surveys.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { DraftForm, InviteForm, RemoveOrganisationForm } from "./forms";
import { SurveyPage } from "./survey-page";
import type { SurveyReply } from "./types";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.survey.title ?? "Partner survey"} – Partnership Board` }];

// One partner survey: its stewards edit the draft, invite organisations,
// propose sending it, and (the other sector) agree, withdraw or close it;
// everyone in the partnership reads where it stands, and its totals once it
// is closed with enough answers. Only stewards see the organisations' addresses.

export const loader = pageLoader(planScope(), async ({ membership, plan, db, params }) => {
  const survey = await surveyOf(db, plan.id, params.surveyId ?? "");
  if (!survey) throw notFound();
  const actor = membership.actor;
  const canManage = can(actor, "survey.manage", planTarget(plan));
  const canAgree =
    survey.state === "proposed" &&
    can(
      actor,
      "survey.agree",
      planTarget(plan, { survey: { proposerUserId: survey.proposed?.userId ?? null, proposerSector: survey.proposed?.sector ?? null } }),
    );
  const step = (person: { name: string; sector: Parameters<typeof sectorAfterAName>[0] } | null) =>
    person ? `${person.name} (${sectorAfterAName(person.sector)})` : null;
  return {
    slug: membership.partnership.slug,
    plan: { id: plan.id, title: plan.title },
    survey: { ...survey, proposed: null, organisations: canManage ? survey.organisations : [] },
    proposedBy: step(survey.proposed),
    agreedBy: step(survey.agreed),
    ownProposal: survey.proposed?.userId === actor.userId,
    whoMustAgree: survey.state === "proposed" && survey.proposed ? whoMustAgreeToSend(survey.proposed.sector, plan.singleSectorSignoff) : null,
    indicators: canManage && survey.state === "draft" ? await percentIndicatorsOf(db, plan.id) : [],
    offers: {
      edit: canManage && survey.state === "draft",
      propose: canManage && survey.state === "draft",
      agree: canAgree,
      withdraw: canManage && survey.state === "proposed",
      close: canManage && survey.state === "open",
    },
  };
});

/** Which form a reply answers, and what it sent (whole), so a refused form comes back as it was. */
function replyContext(formData: FormData) {
  const sent: Record<string, string | string[]> = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string" || name.length > 40) continue;
    const before = sent[name];
    sent[name] = before === undefined ? value : [before, value].flat();
  }
  const intent = formData.get("intent");
  return { intent: typeof intent === "string" ? (intent.slice(0, 40) as SurveyReply["intent"]) : undefined, sent };
}

export const action = intentAction({
  // Observers are refused before the body is read (the plan's middleware); each write asks the policy for its own verb inside its transaction.
  scope: async (args: Route.ActionArgs) => ({ ...(await planScope()(args)), surveyId: args.params.surveyId ?? "" }),
  sent: replyContext,
  forms: {
    [SURVEY_INTENT.update]: DraftForm,
    [SURVEY_INTENT.inviteOrganisations]: InviteForm,
    [SURVEY_INTENT.removeOrganisation]: RemoveOrganisationForm,
    [SURVEY_INTENT.propose]: NoFields,
    [SURVEY_INTENT.agree]: NoFields,
    [SURVEY_INTENT.withdraw]: NoFields,
    [SURVEY_INTENT.close]: NoFields,
  },
  run: {
    [SURVEY_INTENT.update]: (draft, { db, membership, plan, surveyId, saved }) =>
      saved("Survey saved.", () => updateSurvey(db, membership.actor, plan, surveyId, draft)),
    [SURVEY_INTENT.inviteOrganisations]: (organisations, { db, membership, plan, surveyId, saved }) =>
      saved(`${organisations.length} organisation${organisations.length === 1 ? "" : "s"} invited. Nothing is sent until the survey is agreed.`, () =>
        inviteOrganisations(db, membership.actor, plan, surveyId, organisations),
      ),
    [SURVEY_INTENT.removeOrganisation]: ({ linkId }, { db, membership, plan, surveyId, saved }) =>
      saved("Organisation removed from the survey.", () => removeOrganisation(db, membership.actor, plan, surveyId, linkId)),
    [SURVEY_INTENT.propose]: (_none, { db, membership, plan, surveyId, saved }) =>
      saved("Sending proposed. The survey is sent once a steward or admin of the other sector agrees.", () =>
        proposeSurvey(db, membership.actor, plan, surveyId),
      ),
    [SURVEY_INTENT.agree]: async (_none, { db, membership, plan, surveyId, write }) => {
      const result = await write(() => agreeSurvey(db, membership.actor, plan, surveyId));
      if (!result.ok) return result.response;
      return succeeded(
        result.value === 0
          ? "The survey was sent already."
          : `Agreed and sent: ${result.value} organisation${result.value === 1 ? "" : "s"} will get their link by email.`,
      );
    },
    [SURVEY_INTENT.withdraw]: async (_none, { db, membership, plan, surveyId, write }) => {
      const result = await write(() => withdrawSurvey(db, membership.actor, plan, surveyId));
      if (!result.ok) return result.response;
      return succeeded(result.value ? "Proposal withdrawn. The survey is a draft again." : "Nothing to withdraw: the survey is a draft.");
    },
    [SURVEY_INTENT.close]: async (_none, { db, membership, plan, surveyId, write }) => {
      const result = await write(() => closeSurvey(db, membership.actor, plan, surveyId));
      if (!result.ok) return result.response;
      const { answers, reading } = result.value;
      if (answers < 0) return succeeded("The survey was closed already.");
      return succeeded(
        reading
          ? `Survey closed. ${reading.note}: recorded as a reading of “${reading.indicatorName}”.`
          : `Survey closed with ${answers} answer${answers === 1 ? "" : "s"}.${answers < MIN_ANSWERS_SHOWN ? ` That is fewer than ${MIN_ANSWERS_SHOWN}, so no results are shown and no reading was recorded.` : ""}`,
      );
    },
  },
});

export default function Survey({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<SurveyReply>();
  return <SurveyPage data={loaderData} reply={reply} />;
}
