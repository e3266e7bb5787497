import { formatDateTime, formatDueDate } from "~/domain/dates";
import { actionsSummary } from "~/domain/plan-status";
import { publicFeedPath, publicLeadWords, publicPartnershipPath, publicPlanPath } from "~/domain/public-pages";
import { outcomeViews } from "~/domain/outcome-figures";
import { ragOf } from "~/domain/rag";
import { actionReference, compareReferences } from "~/domain/references";
import { FINDING_LABELS, REVIEW_KIND_LABELS, RESPONSE_LABELS, statusWords } from "~/domain/words";
import type { PublicPlanData } from "~/server/public/public-plan.server";

// A published plan's figures for the open web, derived by the same domain
// rules as the board and the status page (one definition of done, overdue
// and each rating), from the public read model alone.

export function periodWords(start: string | null, end: string | null): string | null {
  if (start && end) return `${formatDueDate(start)} to ${formatDueDate(end)}`;
  if (start) return `from ${formatDueDate(start)}`;
  if (end) return `until ${formatDueDate(end)}`;
  return null;
}

export function publicPlanView(data: PublicPlanData, today: string, origin: string | null) {
  const objectiveNumber = new Map(data.objectives.map((objective) => [objective.id, objective.number]));
  const actions = data.actions.map((action) => {
    const rating = ragOf(action, today);
    return {
      id: action.id,
      objectiveId: action.objectiveId,
      reference: actionReference(objectiveNumber.get(action.objectiveId) ?? 0, action.number),
      title: action.title,
      status: action.status,
      dueOn: action.dueOn,
      confirmedDone: action.confirmedDone,
      statusText: statusWords(action.status, action.confirmedDone),
      rag: rating.rag,
      ragReason: rating.reason,
      dueText: action.dueOn ? formatDueDate(action.dueOn) : null,
      timescaleText: action.timescaleText,
      leads: action.leads.map(publicLeadWords),
    };
  });
  const overall = actionsSummary(actions, today);
  const path = publicPlanPath(data.partnership.slug, data.plan.id);
  return {
    partnership: data.partnership,
    partnershipPath: publicPartnershipPath(data.partnership.slug),
    path,
    // Absolute only where the operator set PUBLIC_URL: a kept page must not carry whatever Host a visitor sent.
    canonical: origin ? `${origin}${path}` : path,
    feedPath: publicFeedPath(data.partnership.slug, data.plan.id),
    title: data.plan.title,
    period: periodWords(data.plan.periodStart, data.plan.periodEnd),
    publishedOn: formatDueDate(data.plan.publishedAt.toISOString().slice(0, 10)),
    updatedAt: formatDateTime(data.plan.lastChangeAt),
    today: formatDueDate(today),
    overall,
    description: `${data.partnership.name}: ${overall.confirmedDone} of ${overall.total} actions confirmed done, as the partnership publishes it.`,
    objectives: data.objectives.map((objective) => {
      // By number, as the plan's readers cite them, rather than the board's order of work.
      const own = actions.filter((action) => action.objectiveId === objective.id).sort((a, b) => compareReferences(a.reference, b.reference));
      return { id: objective.id, number: objective.number, title: objective.title, summary: actionsSummary(own, today), actions: own };
    }),
    outcomes: outcomeViews(data.outcomes, data.objectives, { showRecorders: false }),
    reviews: data.reviews.map((review) => ({
      id: review.id,
      title: review.title,
      kind: REVIEW_KIND_LABELS[review.kind],
      publishedOn: formatDueDate(review.publishedAt.toISOString().slice(0, 10)),
      summary: review.summary,
      findings: review.findings.map((finding) => ({ ...finding, ratingText: FINDING_LABELS[finding.rating] })),
      recommendations: review.recommendations.map((recommendation) => ({
        ...recommendation,
        responses: recommendation.responses.map((response) => ({
          ...response,
          responseText: RESPONSE_LABELS[response.response],
          on: formatDateTime(response.at),
        })),
      })),
    })),
  };
}

export type PublicPlanView = ReturnType<typeof publicPlanView>;
