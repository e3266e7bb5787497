import { useState } from "react";
import { Form, Link, redirect, useSubmit } from "react-router";
import { STATUSES, type Status } from "~/domain/vocabulary";
import { ErrorSummary, type FieldErrors } from "~/components/forms";
import { isUuid } from "~/domain/ids";
import { BOARD_INTENT } from "~/domain/intents";
import { can } from "~/domain/policy";
import { loadBoard, type BoardData } from "~/server/plans/board.server";
import { getDb } from "~/server/platform/db.server";
import { formAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { forbidden, notFound, requirePermission, type Membership } from "~/server/auth/guards.server";
import { moveAction } from "~/server/plans/moves.server";
import type { getPlan } from "~/server/plans/plan-context.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { invalid } from "~/server/http/write-result.server";
import { cardAnchor } from "~/components/card-anchor";
import { MoveForm } from "~/components/move-form";
import { MOVE_FIELD_IDS, MoveFields, type MoveChoices } from "~/components/move-fields";
import { columnCards } from "~/domain/ordering";
import type { Route } from "./+types/route";
import { STATUS_LABELS } from "~/domain/words";

// Move… as a page of its own, for a browser without JavaScript (with it, the
// board opens its Move… dialog instead): the card's column, objective and
// position, where the positions offered are the chosen column's cards.
// "Show positions" asks for another column's; the board's filters ride
// along as `back`, so the person returns to the view they left.

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Move ${loaderData ? `${loaderData.card.reference} ${loaderData.card.title}` : "an action"} – Partnership Board` },
];

type Params = { actionId: string };

/** The card being moved, from the board's read model, or 404; 403 unless this person may move it. */
async function movableCard(membership: Membership, plan: ReturnType<typeof getPlan>, params: Params, request: Request) {
  await requirePermission(membership, "plan.view", { plan }, request);
  if (!isUuid(params.actionId)) throw notFound();
  const board = await loadBoard(await getDb(), plan.id, plan.partnershipId);
  const card = board.cards.find((candidate) => candidate.id === params.actionId);
  if (!card) throw notFound();
  const leadIds = (kind: "person" | "group") => card.leads.flatMap((lead) => (lead.kind === kind && lead.id ? [lead.id] : []));
  await requirePermission(
    membership,
    "action.edit",
    { ...planTarget(plan), action: { leadUserIds: leadIds("person"), leadGroupIds: leadIds("group") } },
    request,
  );
  return { board, card };
}

/** The board with the filters the person left it with. */
function boardAddress(slug: string, planId: string, back: string | null): string {
  const filters = new URLSearchParams(back?.slice(0, 2000) ?? "").toString();
  return `/p/${slug}/plans/${planId}${filters ? `?${filters}` : ""}`;
}

/** What the page offers: the lanes this person may use, and the cards of the column asked for (else the card's own). */
function choicesFor(
  board: BoardData,
  card: BoardData["cards"][number],
  mayChangeLane: boolean,
  wanted: { objectiveId?: string | null; status?: string | null },
): MoveChoices {
  const objectives = mayChangeLane ? board.objectives : board.objectives.filter((objective) => objective.id === card.objectiveId);
  const objectiveId = objectives.some((objective) => objective.id === wanted.objectiveId) ? wanted.objectiveId! : card.objectiveId;
  const status = STATUSES.includes(wanted.status as Status) ? (wanted.status as Status) : card.status;
  const numberOf = new Map(board.objectives.map((objective) => [objective.id, objective.number]));
  return {
    objectives: objectives.map(({ id, number, title }) => ({ id, number, title })),
    objectiveId,
    status,
    neighbours: columnCards(board.cards, objectiveId, status)
      .filter((other) => other.id !== card.id)
      .map((other) => ({ id: other.id, reference: `${numberOf.get(other.objectiveId)}.${other.number}`, title: other.title })),
    reopening: card.completion?.confirmed ?? false,
  };
}

export const loader = pageLoader(
  (args: Route.LoaderArgs) => planScope()(args),
  async ({ membership, plan, request, params, url }) => {
    const { board, card } = await movableCard(membership, plan, params, request);
    const mayChangeLane = can(membership.actor, "plan.editStructure", planTarget(plan));
    const objectiveNumber = board.objectives.find((objective) => objective.id === card.objectiveId)?.number;
    const back = url.searchParams.get("back");
    return {
      card: { id: card.id, reference: `${objectiveNumber}.${card.number}`, title: card.title, status: card.status, objectiveNumber },
      choices: choicesFor(board, card, mayChangeLane, { objectiveId: url.searchParams.get("objectiveId"), status: url.searchParams.get("status") }),
      back: back ?? "",
      boardUrl: boardAddress(membership.partnership.slug, plan.id, back),
    };
  },
);

/** The card to move and its board, or a 404 or 403. */
async function moveScope(args: Route.ActionArgs) {
  const scope = await planScope()(args);
  return { ...scope, ...(await movableCard(scope.membership, scope.plan, args.params, args.request)) };
}
type MoveScope = Awaited<ReturnType<typeof moveScope>>;

/** Shown again as sent: the chosen column with its positions, the position and the reason. */
function shownAgain(formData: FormData, { board, card, membership, plan }: MoveScope, placement?: string) {
  const field = (name: string) => String(formData.get(name) ?? "");
  const mayChangeLane = can(membership.actor, "plan.editStructure", planTarget(plan));
  return {
    sent: { placement: placement ?? field("placement"), reason: field("reason") },
    choices: choicesFor(board, card, mayChangeLane, { objectiveId: field("objectiveId"), status: field("status") }),
  };
}

export const action = formAction({
  scope: moveScope,
  // Whoever sends a body that is not a form is told so, before the board is loaded to check the card.
  readFirst: true,
  form: MoveForm,
  sent: shownAgain,
  errorsAt: fieldIds,
  run: async (input, scope) => {
    const { board, card, membership, plan, formData } = scope;
    const refuse = (errors: FieldErrors, placement?: string) => invalid(errors, shownAgain(formData, scope, placement));
    if (input.actionId !== card.id) return refuse({ [MOVE_FIELD_IDS.status]: "This form was for another action. Open Move… again from the board." });
    // "After 1.3" was chosen from another column's list: say so rather than move it somewhere unexpected.
    const { placement } = input;
    if (placement.at === "before" || placement.at === "after") {
      const anchor = board.cards.find((other) => other.id === placement.anchorId);
      if (anchor && (anchor.objectiveId !== input.objectiveId || anchor.status !== input.status)) {
        return refuse({ [MOVE_FIELD_IDS.placement]: `Choose a position in ${STATUS_LABELS[input.status]}: the card you chose is in another column` }, "bottom");
      }
    }
    const result = await scope.write(() => moveAction(scope.db, membership.actor, plan, input));
    if (!result.ok) {
      // The page a person without the right sees; the refusal is already in the history.
      if (result.failure.status === 403) throw forbidden();
      return refuse(fieldIds({ [result.failure.field === "form" ? "status" : result.failure.field]: result.failure.message }));
    }
    return redirect(`${boardAddress(membership.partnership.slug, plan.id, String(formData.get("back") ?? ""))}#${cardAnchor(card.id)}`);
  },
});

/** Errors by field name, as the schema and the write give them, by the ids of the fields they belong to. */
function fieldIds(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [MOVE_FIELD_IDS[field as keyof typeof MOVE_FIELD_IDS] ?? MOVE_FIELD_IDS.status, message]),
  );
}

export default function MoveRoute({ loaderData, actionData }: Route.ComponentProps) {
  // A refused move shows the column it asked for; otherwise the loader's.
  const choices = actionData && !actionData.ok ? actionData.choices : loaderData.choices;
  // Drawn afresh for each column answered for.
  return <MovePage key={`${choices.objectiveId}:${choices.status}`} loaderData={{ ...loaderData, choices }} actionData={actionData} />;
}

function MovePage({ loaderData, actionData }: Pick<Route.ComponentProps, "loaderData" | "actionData">) {
  const { card, choices, back, boardUrl } = loaderData;
  const submit = useSubmit();
  // The column as chosen here; with JavaScript, choosing one fetches its positions at once.
  const [column, setColumn] = useState({ objectiveId: choices.objectiveId, status: choices.status });
  const shown = column.objectiveId === choices.objectiveId && column.status === choices.status ? choices : { ...choices, ...column, neighbours: [] };
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <div className="narrow">
      <h1>
        Move {card.reference} {card.title}
      </h1>
      <p>{`Now in the ${STATUS_LABELS[card.status]} column of objective ${card.objectiveNumber}.`}</p>
      <ErrorSummary errors={errors} formError={actionData && !actionData.ok ? actionData.formError : null} />
      <Form method="post" className="move-form">
        <input type="hidden" name="intent" value={BOARD_INTENT.move} />
        <input type="hidden" name="actionId" value={card.id} />
        <input type="hidden" name="back" value={back} />
        <MoveFields
          choices={shown}
          sent={actionData && !actionData.ok ? actionData.sent : undefined}
          errors={errors}
          onColumnChange={(next) => {
            setColumn(next);
            submit({ ...next, back }, { method: "get", replace: true, preventScrollReset: true });
          }}
        />
        <div className="button-row">
          <button type="submit" className="button">
            Move<span className="visually-hidden"> {card.reference}</span>
          </button>
          <button type="submit" formMethod="get" formNoValidate className="button button--secondary">
            Show positions in the chosen column
          </button>
          <Link to={`${boardUrl}#${cardAnchor(card.id)}`}>Cancel</Link>
        </div>
      </Form>
    </div>
  );
}
