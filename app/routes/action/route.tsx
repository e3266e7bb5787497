import { redirect } from "react-router";
import { z } from "zod";
import { formatDateTime, isRealDate } from "~/domain/dates";
import { ACTION_INTENT } from "~/domain/intents";
import { MAX_LEADS, MAX_OBSTACLES, idList, lineList } from "~/domain/form-lists";
import { describeActor, describeChange } from "~/domain/history";
import { can } from "~/domain/policy";
import { completionTarget, confirmersOf } from "~/domain/confirmers";
import { peopleWhoCanAct } from "~/server/plans/confirmers.server";
import {
  actionSummary,
  addProgressNote,
  archiveAction,
  currentContent,
  progressNotesOf,
  updateActionContent,
  type ActionContent,
} from "~/server/plans/action-content.server";
import { confirmCompletion, returnCompletion } from "~/server/plans/moves.server";
import { getDb } from "~/server/platform/db.server";
import { parseForm, readForm } from "~/server/http/forms.server";
import { getMembership, notFound, requirePermission } from "~/server/auth/guards.server";
import { actionHistory } from "~/server/plans/history.server";
import { obstacleCategoriesOf, obstacleIdsOfAction, setActionObstacles } from "~/server/plans/obstacles.server";
import { getPlan } from "~/server/plans/plan-context.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { membersOf, groupsOf } from "~/server/people/partnerships.server";
import { isUuid } from "~/domain/ids";
import { attemptWrite, failed, invalid, refused, succeeded } from "~/server/http/write-result.server";
import type { FormReply } from "~/components/form-reply";
import { ActionDialog } from "./action-dialog";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? `${loaderData.action.reference} ${loaderData.action.title}` : "Action"} – Partnership Board` },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  await requirePermission(membership, "action.view", { plan }, request);
  if (!isUuid(params.actionId)) throw notFound();
  const db = await getDb();
  const action = await actionSummary(db, plan, params.actionId);
  if (!action) throw notFound();

  const [content, notes, history, people, groups, obstacles, obstacleIds] = await Promise.all([
    currentContent(db, plan, action.id),
    progressNotesOf(db, action.id),
    actionHistory(db, action.id),
    membersOf(db, plan.partnershipId),
    groupsOf(db, plan.partnershipId),
    obstacleCategoriesOf(db, plan.id),
    obstacleIdsOfAction(db, action.id),
  ]);
  const leads = content!.leads;
  const withLeads = planTarget(plan, { action: { leadUserIds: leads.userIds, leadGroupIds: leads.groupIds } });
  const awaiting = action.status === "done" && action.completionConfirmedAt === null;
  // Who may confirm, by the same rule the write applies: a lead or steward of
  // another sector, else anyone of another sector who acts here.
  const peopleWhoMayConfirm = awaiting ? await peopleWhoCanAct(db, plan.partnershipId) : [];
  const proposal = action.status === "done" && action.completionProposedSector ? { proposerUserId: action.completionProposedBy, proposerSector: action.completionProposedSector } : null;
  const completion = proposal ? completionTarget(peopleWhoMayConfirm, withLeads, proposal) : undefined;
  const target = { ...withLeads, completion };
  const actor = membership.actor;
  return {
    slug: membership.partnership.slug,
    planId: plan.id,
    singleSectorSignoff: plan.singleSectorSignoff,
    action: {
      id: action.id,
      reference: `${action.objectiveNumber}.${action.number}`,
      formerReferences: action.formerReferences,
      title: action.title,
      status: action.status,
      objectiveId: action.objectiveId,
      objectiveTitle: action.objectiveTitle,
      objectiveNumber: action.objectiveNumber,
      awaitingConfirmation: awaiting,
      confirmed: action.status === "done" && action.completionConfirmedAt !== null,
      proposer: proposal ? { name: action.proposerName ?? "Someone", sector: proposal.proposerSector } : null,
      confirmers: awaiting ? confirmersOf(peopleWhoMayConfirm, target).map((confirmer) => confirmer.name) : [],
    },
    content: content!,
    people,
    groups,
    /** The plan's obstacle categories in order, and the ones this action addresses. */
    obstacles,
    obstacleIds,
    notes: notes.map((note) => ({ id: note.id, body: note.body, author: note.author, at: formatDateTime(note.createdAt) })),
    history: history.map((event) => ({ id: event.id, actor: describeActor(event), change: describeChange(event), at: formatDateTime(event.occurredAt) })),
    permissions: {
      edit: can(actor, "action.edit", target),
      addNote: can(actor, "action.addNote", target),
      archive: can(actor, "plan.editStructure", target),
      setObstacles: can(actor, "plan.editStructure", target),
      confirm: awaiting && can(actor, "action.confirmCompletion", target),
      confirmBlockedBySector: awaiting && can(actor, "action.edit", target) && !can(actor, "action.confirmCompletion", target),
    },
  };
}


const UpdateForm = z.object({
  intent: z.literal(ACTION_INTENT.update),
  version: z.coerce.number().int().positive(),
  title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(500, "Title must be 500 characters or fewer"),
  description: z.string().trim().max(10_000, "Description must be 10,000 characters or fewer").default(""),
  dueOn: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(z.string().refine(isRealDate, "Enter a real date, like 31 05 2010").nullable())
    .default(null),
  timescaleText: z.string().trim().max(300, "Timescale wording must be 300 characters or fewer").default(""),
  leadUserIds: idList(MAX_LEADS, `Choose at most ${MAX_LEADS} lead people`),
  leadGroupIds: idList(MAX_LEADS, `Choose at most ${MAX_LEADS} lead groups`),
  outsideBodies: lineList(MAX_LEADS, `Name at most ${MAX_LEADS} outside bodies`, z.string().max(200, "Name each outside body in 200 characters or fewer")),
  theirs: z.string().optional(),
});
const NoteForm = z.object({
  intent: z.literal(ACTION_INTENT.addNote),
  body: z.string({ error: "Write the note" }).trim().min(1, "Write the note").max(10_000, "Notes must be 10,000 characters or fewer"),
});
const ReturnForm = z.object({
  intent: z.literal(ACTION_INTENT.returnCompletion),
  reason: z.string({ error: "Say why it is not done yet" }).trim().min(1, "Say why it is not done yet").max(2_000, "Keep the reason to 2,000 characters"),
});
const ObstaclesForm = z.object({
  intent: z.literal(ACTION_INTENT.setObstacles),
  obstacleCategoryIds: idList(MAX_OBSTACLES, `Choose at most ${MAX_OBSTACLES} obstacle categories`),
});
const SimpleForm = z.object({ intent: z.enum([ACTION_INTENT.archive, ACTION_INTENT.confirm]) });

export type ActionResult = FormReply & { version?: number; conflict?: { theirs: ActionContent; yours: ActionContent } };

export async function action({ request, params, context }: Route.ActionArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  if (!isUuid(params.actionId)) throw notFound();
  const formData = await readForm(request);
  const db = await getDb();
  const write = <T,>(change: () => Promise<T>) => attemptWrite(membership, request, change, { planId: plan.id });

  switch (formData.get("intent")) {
    case ACTION_INTENT.update: {
      const form = parseForm(formData, UpdateForm);
      if (!form.ok) return invalid(form.errors);
      const edit = resolveConflictChoices(
        {
          version: form.data.version,
          title: form.data.title,
          description: form.data.description,
          dueOn: form.data.dueOn,
          timescaleText: form.data.timescaleText,
          leads: { userIds: form.data.leadUserIds, groupIds: form.data.leadGroupIds, outsideBodies: form.data.outsideBodies },
        },
        form.data.theirs,
        formData,
      );
      const result = await write(() => updateActionContent(db, membership.actor, plan, params.actionId, edit));
      if (!result.ok) {
        // Someone saved first: both versions go back, for the editor to choose field by field.
        const theirs = result.failure.status === 409 ? (result.failure.current as ActionContent | undefined) : undefined;
        return theirs ? failed(result.failure, { conflict: { theirs, yours: edit } }) : result.response;
      }
      return succeeded("Changes saved.", { version: result.value });
    }
    case ACTION_INTENT.addNote: {
      const form = parseForm(formData, NoteForm);
      if (!form.ok) return invalid(form.errors);
      const result = await write(() => addProgressNote(db, membership.actor, plan, params.actionId, form.data.body));
      return result.ok ? succeeded("Note added.") : result.response;
    }
    case ACTION_INTENT.setObstacles: {
      const form = parseForm(formData, ObstaclesForm);
      if (!form.ok) return invalid(form.errors);
      const result = await write(() => setActionObstacles(db, membership.actor, plan, params.actionId, form.data.obstacleCategoryIds));
      return result.ok ? succeeded("Obstacle categories saved.") : result.response;
    }
    case ACTION_INTENT.returnCompletion: {
      const form = parseForm(formData, ReturnForm);
      if (!form.ok) return invalid(form.errors);
      const result = await write(() => returnCompletion(db, membership.actor, plan, params.actionId, form.data.reason));
      return result.ok ? succeeded("Returned. The reason is now a progress note.") : result.response;
    }
    case ACTION_INTENT.confirm:
    case ACTION_INTENT.archive: {
      const form = parseForm(formData, SimpleForm);
      if (!form.ok) return invalid(form.errors);
      const change = form.data.intent === ACTION_INTENT.confirm ? confirmCompletion : archiveAction;
      const result = await write(() => change(db, membership.actor, plan, params.actionId));
      if (!result.ok) return result.response;
      if (form.data.intent === ACTION_INTENT.archive) return redirect(`/p/${membership.partnership.slug}/plans/${plan.id}`);
      return succeeded("Confirmed as done.");
    }
    default:
      return refused(400, { formError: "That request was not understood" });
  }
}

const CONTENT_FIELDS = ["title", "description", "dueOn", "timescaleText", "leads"] as const;
const TheirContent = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(500),
  description: z.string().max(10_000),
  dueOn: z.string().refine(isRealDate).nullable(),
  timescaleText: z.string().max(300),
  leads: z.object({ userIds: z.array(z.uuid()), groupIds: z.array(z.uuid()), outsideBodies: z.array(z.string().trim().min(1).max(200)) }),
});

/**
 * After a conflict the form carries the other person's version; for each field
 * where the editor picked "theirs", their value replaces the one typed.
 */
function resolveConflictChoices(yours: ActionContent, theirsJson: string | undefined, formData: FormData): ActionContent {
  if (!theirsJson) return yours;
  let theirs: ActionContent;
  try {
    // Checked like typed input: it came back from the browser.
    theirs = TheirContent.parse(JSON.parse(theirsJson));
  } catch {
    return yours;
  }
  const resolved = { ...yours };
  for (const field of CONTENT_FIELDS) {
    if (formData.get(`pick_${field}`) === "theirs" && field in theirs) Object.assign(resolved, { [field]: theirs[field] });
  }
  return resolved;
}

export default function ActionRoute({ loaderData }: Route.ComponentProps) {
  return <ActionDialog {...loaderData} />;
}
