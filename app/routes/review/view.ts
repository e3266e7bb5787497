import { formatDateTime } from "~/domain/dates";
import { describeActor, describeChange } from "~/domain/history";
import { actionReference, compareReferences } from "~/domain/references";
import type { actionWorkSince, ReviewData } from "~/server/reviews/review-data.server";

// The review page's presenter: what the loader's data says, in the shape and
// words its parts show. Pure, so the route only fetches and decides.

type Snapshot = NonNullable<ReviewData["snapshot"]>;

/** What the review says, laid out as its pages read it: by objective, by obstacle, then barriers and recommendations. */
export function contentOf(review: ReviewData) {
  const snapshot = review.snapshot!;
  const assessments = new Map(review.assessments.map((assessment) => [assessment.actionId, assessment]));
  const findings = new Map(review.findings.map((finding) => [finding.obstacleCategoryId, finding]));
  const obstacleNames = new Map(snapshot.obstacles.map((obstacle) => [obstacle.id, obstacle.name]));
  const objectives: Array<{ id: string; number: number; title: string; actions: Array<ReturnType<typeof actionOf>> }> = [];
  function actionOf(action: (typeof snapshot.actions)[number]) {
    const assessment = assessments.get(action.actionId);
    return {
      actionId: action.actionId,
      reference: actionReference(action.objectiveNumber, action.number),
      title: action.title,
      status: action.status,
      confirmedDone: action.confirmedDone,
      dueOn: action.dueOn,
      timescaleText: action.timescaleText,
      leads: action.leads,
      obstacles: action.obstacleIds.map((id) => obstacleNames.get(id) ?? "").filter(Boolean),
      latestNote: action.latestNote ? { ...action.latestNote, at: formatDateTime(action.latestNote.at) } : null,
      assessment: assessment
        ? {
            value: assessment.assessment,
            evidence: assessment.evidence,
            version: assessment.version,
            by: assessment.updatedByName,
            at: formatDateTime(assessment.updatedAt),
          }
        : null,
    };
  }
  const referenceOf = (action: (typeof snapshot.actions)[number]) => actionReference(action.objectiveNumber, action.number);
  for (const action of [...snapshot.actions].sort((a, b) => compareReferences(referenceOf(a), referenceOf(b)))) {
    let objective = objectives.find((candidate) => candidate.id === action.objectiveId);
    if (!objective) {
      objective = { id: action.objectiveId, number: action.objectiveNumber, title: action.objectiveTitle, actions: [] };
      objectives.push(objective);
    }
    objective.actions.push(actionOf(action));
  }
  return {
    takenAt: formatDateTime(snapshot.takenAt),
    summary: review.summary,
    summaryVersion: review.summaryVersion,
    objectives,
    actionCount: snapshot.actions.length,
    assessedCount: snapshot.actions.filter((action) => assessments.has(action.actionId)).length,
    obstacles: snapshot.obstacles.map((obstacle) => {
      const finding = findings.get(obstacle.id);
      return {
        ...obstacle,
        actionCount: snapshot.actions.filter((action) => action.obstacleIds.includes(obstacle.id)).length,
        finding: finding ? { rating: finding.rating, commentary: finding.commentary, version: finding.version, by: finding.updatedByName } : null,
      };
    }),
    barriers: review.barriers.map((barrier) => ({
      ...barrier,
      categoryName: barrier.obstacleCategoryId ? (obstacleNames.get(barrier.obstacleCategoryId) ?? null) : null,
    })),
    recommendations: review.recommendations.map((recommendation) => ({
      id: recommendation.id,
      number: recommendation.number,
      body: recommendation.body,
      version: recommendation.version,
      responses: recommendation.responses.map((response) => ({
        id: response.id,
        response: response.response,
        body: response.body,
        author: response.author,
        at: formatDateTime(response.createdAt),
      })),
    })),
    addenda: review.addenda.map((addendum) => ({ id: addendum.id, body: addendum.body, author: addendum.author, at: formatDateTime(addendum.createdAt) })),
  };
}

/** Each action as the snapshot holds it, to compare with the plan today. */
export function statesAtTheSnapshot(snapshot: Snapshot) {
  return snapshot.actions.map((action) => ({
    actionId: action.actionId,
    reference: actionReference(action.objectiveNumber, action.number),
    title: action.title,
    status: action.status,
    confirmedDone: action.confirmedDone,
  }));
}

/** For each action, its notes and history in words, for the facilitators' workspace. */
export function workOf(since: Date | null, byAction: Awaited<ReturnType<typeof actionWorkSince>>) {
  return {
    since: since ? formatDateTime(since) : null,
    byAction: Object.fromEntries(
      [...byAction].map(([actionId, work]) => [
        actionId,
        {
          notes: work.notes.map((note) => ({ id: note.id, body: note.body, author: note.author, at: formatDateTime(note.createdAt) })),
          events: work.events.map((event) => ({
            id: event.id,
            actor: describeActor(event),
            change: describeChange(event),
            at: formatDateTime(event.occurredAt),
          })),
        },
      ]),
    ),
  };
}
