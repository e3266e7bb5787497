import { createContext, redirect, type ShouldRevalidateFunction } from "react-router";
import { z } from "zod";
import { isFiltered, matchesFilters, parseFilters } from "~/domain/board-filters";
import { ukToday } from "~/domain/dates";
import { BOARD_INTENT } from "~/domain/intents";
import { leadFilterPeople } from "~/domain/leads";
import { can, type Target } from "~/domain/policy";
import { completionTarget, confirmersOf, type PersonWhoCanAct } from "~/domain/confirmers";
import { safeRedirectPath } from "~/domain/redirects";
import { createAction } from "~/server/plans/action-content.server";
import { moveAction } from "~/server/plans/moves.server";
import { createObjective, moveObjective, renameObjective } from "~/server/plans/objectives.server";
import { keptBoard, type KeptBoard } from "~/server/plans/kept-boards.server";
import { keptPage, viewerPlaceholdersContext } from "~/server/http/kept-pages.server";
import { getMembership } from "~/server/auth/guards.server";
import { getPlan } from "~/server/plans/plan-context.server";
import { getDb } from "~/server/platform/db.server";
import { type FormTools, intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import type { Membership } from "~/server/auth/guards.server";
import { loadPlan, planTarget, type PlanContextData } from "~/server/platform/plan-data.server";
import { succeeded } from "~/server/http/write-result.server";
import { Board } from "./board";
import { MoveForm } from "~/components/move-form";
import { keepTheBoard } from "~/components/revalidation";
import type { BoardLoaderData, Card, MoveReply, SentValues } from "./types";
import type { BoardCard } from "~/server/plans/board.server";
import type { Route } from "./+types/route";
import { TEXT_LIMITS } from "~/domain/limits";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.plan.title ?? "Plan"} – Partnership Board` }];

/** The board as this viewer sees it: worked out once per request, by the middleware that keeps the page and the loader alike. */
const boardViewContext = createContext<BoardView | null>(null);

type BoardView = Omit<BoardLoaderData, "slug" | "plan" | "version" | "spareIds">;

/**
 * A board page is rendered once per plan version, date, address and
 * permission class (what its viewer may do, card by card), and kept
 * (server/http/kept-pages.server.ts): two viewers share a page only when
 * every control on it is theirs to use.
 */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    const membership = getMembership(context);
    const plan = getPlan(context);
    // A form's answer shows the board as the form left it: its loader reads it then.
    if (request.method !== "GET" || !can(membership.actor, "plan.view", planTarget(plan))) return next();
    const url = new URL(request.url);
    const view = boardViewOf(await keptBoard(await getDb(), plan), membership, plan, url.searchParams);
    context.set(boardViewContext, view);
    const { actor } = membership;
    const permissionClass = {
      role: actor.role,
      sector: actor.sector,
      ...view.permissions,
      // A filtered board can depend on who is looking ("led by me or my groups").
      viewer: view.filtered ? [actor.userId, ...[...actor.groupIds].sort()] : null,
    };
    // The board alone: a card's page opened over it shows what only its own loader knows.
    if (url.pathname.replace(/\/$/, "") !== `/p/${membership.partnership.slug}/plans/${plan.id}`) return next();
    const key = JSON.stringify(["board", plan.id, plan.version, view.today, url.search, permissionClass]);
    return keptPage({ request, context, key, displayName: membership.user.displayName }, next);
  },
];

export const loader = pageLoader(planScope("plan.view"), async ({ membership, plan: before, context, db, url }): Promise<BoardLoaderData> => {
  const worked = context.get(boardViewContext);
  // After a form sent without JavaScript, the plan as that form left it.
  const plan = worked ? before : ((await loadPlan(db, before.partnershipId, before.id)) ?? before);
  const view = worked ?? boardViewOf(await keptBoard(db, plan), membership, plan, url.searchParams);
  const placeholders = context.get(viewerPlaceholdersContext);
  return {
    slug: membership.partnership.slug,
    plan: { id: plan.id, title: plan.title, singleSectorSignoff: plan.singleSectorSignoff },
    version: plan.version,
    ...view,
    // Ids for forms sent without JavaScript; with it, the browser makes its own.
    spareIds: placeholders
      ? { action: placeholders.spareIds[0], objective: placeholders.spareIds[1] }
      : { action: crypto.randomUUID(), objective: crypto.randomUUID() },
  };
});

/** What one viewer is shown of the kept board: the cards their filters keep, and what they may do. */
function boardViewOf(board: KeptBoard, membership: Membership, plan: PlanContextData, search: URLSearchParams): BoardView {
  const actor = membership.actor;
  const target = planTarget(plan);
  const canEditStructure = can(actor, "plan.editStructure", target);
  // An empty board that this viewer cannot fill says who can: the stewards, by name.
  const needsStewardsNamed = board.objectives.length === 0 && !canEditStructure;
  const peopleWhoMayConfirm = board.peopleWhoCanAct;
  const filters = parseFilters(search);
  const today = ukToday();
  const numberOf = new Map(board.objectives.map((objective) => [objective.id, objective.number]));
  const cards = board.cards
    .filter((card) =>
      matchesFilters({ ...card, objectiveNumber: numberOf.get(card.objectiveId) ?? 0 }, filters, {
        today,
        userId: actor.userId,
        groupIds: actor.groupIds,
      }),
    )
    .map((card) => shownCard(card, peopleWhoMayConfirm, target));
  return {
    objectives: board.objectives,
    cards,
    allCardCount: board.cards.length,
    filters,
    filtered: isFiltered(filters),
    people: leadFilterPeople(board.people, board.cards),
    groups: board.groups,
    obstacles: board.obstacles,
    latestReview: board.latestReview,
    today,
    stewards: needsStewardsNamed
      ? board.groups
          .filter((group) => plan.stewardGroupIds.includes(group.id))
          .map((group) => ({
            id: group.id,
            name: group.name,
            memberNames: peopleWhoMayConfirm.filter((person) => person.groupIds.has(group.id)).map((person) => person.name),
          }))
      : null,
    permissions: {
      editStructure: canEditStructure,
      manage: can(actor, "plan.manage", target),
      viewHistory: can(actor, "plan.viewHistory", target),
      editableActionIds: board.cards.filter((card) => can(actor, "action.edit", { ...target, action: leadsOfCard(card) })).map((card) => card.id),
      confirmableActionIds: cards.filter((card) => card.confirmers?.some((confirmer) => confirmer.id === actor.userId)).map((card) => card.id),
    },
  };
}

function leadsOfCard(card: Pick<Card, "leads">) {
  return {
    leadUserIds: card.leads.flatMap((lead) => (lead.kind === "person" && lead.id ? [lead.id] : [])),
    leadGroupIds: card.leads.flatMap((lead) => (lead.kind === "group" && lead.id ? [lead.id] : [])),
  };
}

/** A card as the board shows it: which obstacles it addresses only mattered to the filter; one awaiting confirmation names who may confirm it. */
function shownCard({ obstacleIds: _filteredAbove, ...card }: BoardCard, peopleWhoMayConfirm: PersonWhoCanAct[] | null, target: Target): Card {
  return card.completion && !card.completion.confirmed && peopleWhoMayConfirm
    ? { ...card, confirmers: confirmersOfCard(peopleWhoMayConfirm, target, card) }
    : card;
}

/** Who may confirm a card's proposed completion, by the policy's own rule. */
function confirmersOfCard(people: PersonWhoCanAct[], planWide: Target, card: Pick<Card, "leads" | "completion">) {
  const withLeads = { ...planWide, action: leadsOfCard(card) };
  const proposal = { proposerUserId: card.completion?.proposerId ?? null, proposerSector: card.completion!.proposerSector };
  return confirmersOf(people, { ...withLeads, completion: completionTarget(people, withLeads, proposal) });
}

const CreateActionForm = z.object({
  id: z.uuid(),
  objectiveId: z.uuid(),
  title: z
    .string({ error: "Enter a title for the action" })
    .trim()
    .min(1, "Enter a title for the action")
    .max(TEXT_LIMITS.actionTitle, `Title must be ${TEXT_LIMITS.actionTitle} characters or fewer`),
});
const ObjectiveTitle = z
  .string({ error: "Enter the objective" })
  .trim()
  .min(1, "Enter the objective")
  .max(TEXT_LIMITS.objectiveTitle, `Objective must be ${TEXT_LIMITS.objectiveTitle} characters or fewer`);
const CreateObjectiveForm = z.object({ id: z.uuid(), title: ObjectiveTitle });
const RenameObjectiveForm = z.object({ objectiveId: z.uuid(), title: ObjectiveTitle });
const MoveObjectiveForm = z.object({ objectiveId: z.uuid(), direction: z.enum(["up", "down"]) });

/** What a refused form sent, so that a board shown again without JavaScript puts it back. */
const SENT_FIELDS = ["intent", "actionId", "objectiveId", "status", "placement", "reason", "title"] as const;

function sentValues(formData: FormData): { sent: SentValues } {
  const sent: SentValues = {};
  for (const name of SENT_FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") sent[name] = value;
  }
  return { sent };
}

export const action = intentAction({
  scope: planScope(),
  sent: sentValues,
  forms: {
    [BOARD_INTENT.move]: MoveForm,
    [BOARD_INTENT.createAction]: CreateActionForm,
    [BOARD_INTENT.createObjective]: CreateObjectiveForm,
    [BOARD_INTENT.renameObjective]: RenameObjectiveForm,
    [BOARD_INTENT.moveObjective]: MoveObjectiveForm,
  },
  run: {
    [BOARD_INTENT.move]: (input, scope) =>
      written(
        scope,
        () => moveAction(scope.db, scope.membership.actor, scope.plan, input),
        (moved): MoveReply => ({
          version: moved.version,
          cards: [shownCard(moved.card, moved.peopleWhoCanAct, planTarget(scope.plan))],
          ...(moved.objectives.length ? { objectives: moved.objectives } : {}),
        }),
      ),
    [BOARD_INTENT.createAction]: (input, scope) => written(scope, () => createAction(scope.db, scope.membership.actor, scope.plan, input)),
    [BOARD_INTENT.createObjective]: (input, scope) => written(scope, () => createObjective(scope.db, scope.membership.actor, scope.plan, input)),
    [BOARD_INTENT.renameObjective]: (input, scope) =>
      written(scope, () => renameObjective(scope.db, scope.membership.actor, scope.plan, input.objectiveId, input.title)),
    [BOARD_INTENT.moveObjective]: (input, scope) =>
      written(scope, () => moveObjective(scope.db, scope.membership.actor, scope.plan, input.objectiveId, input.direction)),
  },
});

/**
 * Every board form answers alike: the page a form sent without JavaScript
 * names, or what changed (a move's card, which the board shows without
 * reading itself again; for other forms, nothing, and the board reads itself).
 */
async function written<Result, Extra extends object = object>(
  scope: FormTools<{ sent: SentValues }> & { membership: Membership; plan: { id: string } },
  change: () => Promise<Result>,
  reply?: (result: Result) => Extra,
) {
  const result = await scope.write(change);
  if (!result.ok) return result.response;
  const back = scope.formData.get("redirectTo");
  if (typeof back === "string") return redirect(safeRedirectPath(back, `/p/${scope.membership.partnership.slug}/plans/${scope.plan.id}`));
  return succeeded(null, reply?.(result.value));
}

/** A move's reply carries its card, which the board lays over its own: it reads itself again after any other form. */
export const shouldRevalidate: ShouldRevalidateFunction = keepTheBoard;

export default function BoardRoute({ loaderData, actionData }: Route.ComponentProps) {
  return <Board {...loaderData} refused={actionData && !actionData.ok ? actionData : null} />;
}
