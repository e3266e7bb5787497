import { addDaysTo, formatDateTime, formatDueDate } from "~/domain/dates";
import { attentionOf, burnUp, changeCounts, actionsSummary, sectorBalance, type BurnUpEvent, type BurnUpPoint } from "~/domain/plan-status";
import { outcomeViews } from "~/domain/outcome-figures";
import { ragOf } from "~/domain/rag";
import { actionReference } from "~/domain/references";
import { reviewDueWords } from "~/domain/reviews";
import type { PlanStatusData } from "~/server/status/status.server";
import type { PlanContextData } from "~/server/platform/plan-data.server";
import { confirmingSector, statusWords } from "~/domain/words";
import { leadsInWords } from "./labels";

// The status page's figures, shaped for the screen from what the server read:
// every rating, count and share is derived here from facts, none typed in.

export function statusView(data: PlanStatusData, plan: PlanContextData, options: { since: string; now: Date }) {
  const { board, today } = data;
  const objectiveNumber = new Map(board.objectives.map((objective) => [objective.id, objective.number]));
  const actions = board.cards.map((card) => {
    const confirmedDone = card.completion?.confirmed ?? false;
    const rating = ragOf({ status: card.status, dueOn: card.dueOn, confirmedDone }, today);
    const leads = card.leads.map((lead) => ({ name: lead.name, sector: lead.sector, outside: lead.kind === "outside" }));
    return {
      id: card.id,
      objectiveId: card.objectiveId,
      reference: actionReference(objectiveNumber.get(card.objectiveId) ?? 0, card.number),
      number: card.number,
      title: card.title,
      status: card.status,
      statusText: statusWords(card.status, confirmedDone),
      confirmedDone,
      rag: rating.rag,
      ragReason: rating.reason,
      dueOn: card.dueOn,
      dueText: card.dueOn ? formatDueDate(card.dueOn) : null,
      timescaleText: card.timescaleText,
      leads,
      leadsText: leadsInWords(leads),
      awaiting:
        card.completion && !confirmedDone
          ? { proposedBy: card.completion.proposedBy, confirmingSector: confirmingSector(card.completion.proposerSector, plan.singleSectorSignoff) }
          : null,
    };
  });
  const byObjective = new Map<string, typeof actions>();
  for (const action of actions) {
    const list = byObjective.get(action.objectiveId) ?? [];
    list.push(action);
    byObjective.set(action.objectiveId, list);
  }
  const attention = attentionOf(actions, today);
  const planStart = plan.periodStart ?? data.burnUpEvents.map((event) => event.on).sort()[0] ?? today;
  const confirmedNow = actions.filter((action) => action.confirmedDone).length;

  return {
    planTitle: plan.title,
    asOf: formatDateTime(options.now),
    today,
    nextReview: data.nextReview ? reviewDueWords(data.nextReview, today).text : null,
    objectives: board.objectives.map((objective) => {
      const objectiveActions = (byObjective.get(objective.id) ?? []).sort((a, b) => a.number - b.number);
      return {
        id: objective.id,
        number: objective.number,
        title: objective.title,
        summary: actionsSummary(objectiveActions, today),
        actions: objectiveActions,
      };
    }),
    overall: actionsSummary(actions, today),
    attention,
    since: {
      on: options.since,
      text: formatDueDate(options.since),
      counts: changeCounts(data.changes),
      notes: data.latestNotes.map((note) => ({
        id: note.id,
        actionId: note.actionId,
        reference: actionReference(note.objectiveNumber, note.number),
        title: note.title,
        author: note.author,
        at: formatDateTime(note.createdAt),
        body: note.body,
      })),
    },
    balance: sectorBalance(board.cards, data.groupMembers, data.updates),
    burnUp: burnUp({ confirmed: confirmedNow, total: actions.length }, data.burnUpEvents, planStart, today),
    burnUpByMonth: burnUpByMonth({ confirmed: confirmedNow, total: actions.length }, data.burnUpEvents, planStart, today),
    latestReview: data.latestReview ? publishedReviewView(data.latestReview) : null,
    outcomes: outcomeViews(data.outcomes, board.objectives, { showRecorders: true }),
  };
}

/** Month ends the paper's burn-up table shows, besides the plan's start and today. */
const PAPER_BURN_UP_MONTHS = 6;

/**
 * The burn-up's figures for paper, where a week a row ran to pages: the plan's
 * start, the end of each of the last six months, and today, each worked out
 * as the chart's points are.
 */
function burnUpByMonth(now: { confirmed: number; total: number }, events: BurnUpEvent[], start: string, today: string): BurnUpPoint[] {
  const from = start < today ? start : today;
  const monthEnds: string[] = [];
  for (
    let end = addDaysTo(`${today.slice(0, 7)}-01`, -1);
    end > from && monthEnds.length < PAPER_BURN_UP_MONTHS;
    end = addDaysTo(`${end.slice(0, 7)}-01`, -1)
  ) {
    monthEnds.unshift(end);
  }
  const days = [...new Set([from, ...monthEnds, today])];
  return days.map((on) => burnUp(now, events, on, on)[0]!);
}

function publishedReviewView(review: NonNullable<PlanStatusData["latestReview"]>) {
  const obstacles = review.snapshot?.obstacles ?? [];
  return {
    id: review.id,
    title: review.title,
    publishedOn: review.publishedAt ? formatDateTime(review.publishedAt) : null,
    summary: review.summary,
    findings: obstacles.flatMap((obstacle) => {
      const finding = review.findings.find((row) => row.obstacleCategoryId === obstacle.id);
      return finding ? [{ obstacle: obstacle.name, rating: finding.rating, commentary: finding.commentary }] : [];
    }),
  };
}

export type StatusView = ReturnType<typeof statusView>;
