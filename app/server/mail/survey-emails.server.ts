import { MIN_ANSWERS_SHOWN, surveyAnswerPath } from "../../domain/surveys";
import type { GroupSector } from "../../domain/vocabulary";
import { sectorAfterAName } from "../../domain/words";
import type { AddressEmail } from "../platform/outbox.server";
import { mailLink, renderEmail, type EmailDocument } from "./compose.server";

// The one email an invited organisation gets: who is asking and why, that
// its answers are anonymous, and its link. It goes to an address with no
// account, so it carries no unsubscribe link: it is sent once, and never
// followed by another. Pure: the write that opens the survey queues it.

export interface SurveyInvitationFacts {
  partnership: { id: string; name: string };
  plan: { title: string };
  survey: { title: string; introduction: string; questionCount: number };
  /** The two stewards who agreed to send it, one from each sector. */
  proposer: { name: string; sector: GroupSector };
  agreer: { name: string; sector: GroupSector };
}

export function surveyInvitationEmail(facts: SurveyInvitationFacts, organisation: { name: string; email: string }, token: string): AddressEmail {
  const link = mailLink(surveyAnswerPath(token));
  const questions = `${facts.survey.questionCount} question${facts.survey.questionCount === 1 ? "" : "s"}`;
  const document: EmailDocument = {
    title: facts.survey.title,
    intro: [
      `${facts.partnership.name} asks ${organisation.name} to answer a short survey (${questions}), for its plan “${facts.plan.title}”. It takes a few minutes.`,
      `The plan's stewards agreed to send it: ${facts.proposer.name} (${sectorAfterAName(facts.proposer.sector)}) and ${facts.agreer.name} (${sectorAfterAName(facts.agreer.sector)}).`,
    ],
    sections: [
      // What the stewards typed, as typed: renderEmail escapes it for the HTML part.
      ...(facts.survey.introduction.trim() ? [{ heading: "Why we are asking", paragraphs: paragraphsOf(facts.survey.introduction) }] : []),
      {
        heading: "Your answers are anonymous",
        paragraphs: [
          "Your answers are stored without your organisation's name, email or link, and without the time you answered.",
          `Results are shown only as totals, and only once at least ${MIN_ANSWERS_SHOWN} organisations have answered. Nobody, the stewards included, can see how one organisation answered.`,
        ],
      },
      {
        heading: "Answer the survey",
        paragraphs: [`This link is for ${organisation.name} alone, and answers once. You do not need an account.`],
        items: [{ text: `Answer “${facts.survey.title}”`, href: link }],
      },
    ],
    outro: [`If this reached the wrong person, please pass it to someone who can answer for ${organisation.name}.`],
  };
  return {
    toAddress: organisation.email,
    kind: "survey_invitation",
    partnershipId: facts.partnership.id,
    subject: `${facts.survey.title} — ${facts.partnership.name}`,
    ...renderEmail(document),
  };
}

/** Typed text split where its writer left a blank line. */
function paragraphsOf(text: string): string[] {
  return text
    .trim()
    .split(/(?:\r?\n[ \t]*){2,}/)
    .filter((paragraph) => paragraph.trim() !== "");
}
