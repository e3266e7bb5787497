import { redirect } from "react-router";
import { z } from "zod";
import { NoFields } from "~/server/http/forms.server";
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
import { intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { notFound } from "~/server/auth/guards.server";
import { actionHistory } from "~/server/plans/history.server";
import { obstacleCategoriesOf, obstacleIdsOfAction, setActionObstacles } from "~/server/plans/obstacles.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { membersOf, groupsOf } from "~/server/people/partnerships.server";
import { isUuid } from "~/domain/ids";
import { failed, succeeded } from "~/server/http/write-result.server";
import { ActionDialog } from "./action-dialog";
import type { Route } from "./+types/route";
import type { ActionSent } from "./types";
import { TEXT_LIMITS } from "~/domain/limits";
import { timescaleWarning } from "~/domain/timescale";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? `${loaderData.action.reference} ${loaderData.action.title}` : "Action"} – Partnership Board` },
];

export const loader = pageLoader(
  (args: Route.LoaderArgs) => planScope("action.view")(args),
  async ({ membership, plan, db, params }) => {
    if (!isUuid(params.actionId)) throw notFound();
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
    const proposal =
      action.status === "done" && action.completionProposedSector
        ? { proposerUserId: action.completionProposedBy, proposerSector: action.completionProposedSector }
        : null;
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
  },
);

const UpdateForm = z.object({
  version: z.coerce.number().int().positive(),
  title: z
    .string({ error: "Enter a title" })
    .trim()
    .min(1, "Enter a title")
    .max(TEXT_LIMITS.actionTitle, `Title must be ${TEXT_LIMITS.actionTitle} characters or fewer`),
  description: z
    .string()
    .trim()
    .max(TEXT_LIMITS.actionDescription, `Description must be ${TEXT_LIMITS.actionDescription.toLocaleString("en-GB")} characters or fewer`)
    .default(""),
  dueOn: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(z.string().refine(isRealDate, "Enter a real date, like 31 05 2010").nullable())
    .default(null),
  timescaleText: z.string().trim().max(TEXT_LIMITS.timescaleText, `Timescale wording must be ${TEXT_LIMITS.timescaleText} characters or fewer`).default(""),
  leadUserIds: idList(MAX_LEADS, `Choose at most ${MAX_LEADS} lead people`),
  leadGroupIds: idList(MAX_LEADS, `Choose at most ${MAX_LEADS} lead groups`),
  outsideBodies: lineList(
    MAX_LEADS,
    `Name at most ${MAX_LEADS} outside bodies`,
    z.string().max(TEXT_LIMITS.leadName, `Name each outside body in ${TEXT_LIMITS.leadName} characters or fewer`),
  ),
  theirs: z.string().optional(),
});
const NoteForm = z.object({
  body: z
    .string({ error: "Write the note" })
    .trim()
    .min(1, "Write the note")
    .max(TEXT_LIMITS.note, `Notes must be ${TEXT_LIMITS.note.toLocaleString("en-GB")} characters or fewer`),
});
const ReturnForm = z.object({
  reason: z
    .string({ error: "Say why it is not done yet" })
    .trim()
    .min(1, "Say why it is not done yet")
    .max(TEXT_LIMITS.reason, `Keep the reason to ${TEXT_LIMITS.reason.toLocaleString("en-GB")} characters`),
});
const ObstaclesForm = z.object({
  obstacleCategoryIds: idList(MAX_OBSTACLES, `Choose at most ${MAX_OBSTACLES} obstacle categories`),
});

/** What the forms sent, as text: a refused form is shown again with it, so nothing typed is lost. */
function sentValues(formData: FormData): { sent: ActionSent } {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const texts = (name: string) => formData.getAll(name).filter((value): value is string => typeof value === "string");
  return {
    sent: {
      intent: text("intent"),
      title: text("title"),
      description: text("description"),
      dueOn: text("dueOn"),
      timescaleText: text("timescaleText"),
      outsideBodies: text("outsideBodies"),
      leadUserIds: texts("leadUserIds"),
      leadGroupIds: texts("leadGroupIds"),
      body: text("body"),
      reason: text("reason"),
    },
  };
}

/** The action of the URL, or a 404 before the body is read. */
async function actionScope(args: Route.ActionArgs) {
  if (!isUuid(args.params.actionId)) throw notFound();
  return { ...(await planScope()(args)), actionId: args.params.actionId };
}

export const action = intentAction({
  scope: actionScope,
  sent: sentValues,
  forms: {
    [ACTION_INTENT.update]: UpdateForm,
    [ACTION_INTENT.addNote]: NoteForm,
    [ACTION_INTENT.setObstacles]: ObstaclesForm,
    [ACTION_INTENT.returnCompletion]: ReturnForm,
    [ACTION_INTENT.confirm]: NoFields,
    [ACTION_INTENT.archive]: NoFields,
  },
  run: {
    [ACTION_INTENT.update]: async (input, { db, membership, plan, actionId, formData, write }) => {
      const edit = resolveConflictChoices(
        {
          version: input.version,
          title: input.title,
          description: input.description,
          dueOn: input.dueOn,
          timescaleText: input.timescaleText,
          leads: { userIds: input.leadUserIds, groupIds: input.leadGroupIds, outsideBodies: input.outsideBodies },
        },
        input.theirs,
        formData,
      );
      const result = await write(() => updateActionContent(db, membership.actor, plan, actionId, edit));
      if (!result.ok) {
        // Someone saved first: both versions go back, for the editor to choose field by field.
        const theirs = result.failure.status === 409 ? (result.failure.current as ActionContent | undefined) : undefined;
        return theirs ? failed(result.failure, { conflict: { theirs, yours: edit } }) : result.response;
      }
      // Wording with no date we can read leaves the action undated: said again once saved, as the import says it.
      const warning = edit.dueOn ? null : timescaleWarning(edit.timescaleText);
      return succeeded(warning ? `Changes saved. ${warning}` : "Changes saved.", { version: result.value });
    },
    [ACTION_INTENT.addNote]: (input, { db, membership, plan, actionId, saved }) =>
      saved("Note added.", () => addProgressNote(db, membership.actor, plan, actionId, input.body)),
    [ACTION_INTENT.setObstacles]: (input, { db, membership, plan, actionId, saved }) =>
      saved("Obstacle categories saved.", () => setActionObstacles(db, membership.actor, plan, actionId, input.obstacleCategoryIds)),
    [ACTION_INTENT.returnCompletion]: (input, { db, membership, plan, actionId, saved }) =>
      saved("Returned. The reason is now a progress note.", () => returnCompletion(db, membership.actor, plan, actionId, input.reason)),
    [ACTION_INTENT.confirm]: (_input, { db, membership, plan, actionId, saved }) =>
      saved("Confirmed as done.", () => confirmCompletion(db, membership.actor, plan, actionId)),
    [ACTION_INTENT.archive]: async (_input, { db, membership, plan, actionId, write }) => {
      const result = await write(() => archiveAction(db, membership.actor, plan, actionId));
      return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${plan.id}`) : result.response;
    },
  },
});

const CONTENT_FIELDS = ["title", "description", "dueOn", "timescaleText", "leads"] as const;
const TheirContent = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(1).max(TEXT_LIMITS.actionTitle),
  description: z.string().max(TEXT_LIMITS.actionDescription),
  dueOn: z.string().refine(isRealDate).nullable(),
  timescaleText: z.string().max(TEXT_LIMITS.timescaleText),
  leads: z.object({ userIds: z.array(z.uuid()), groupIds: z.array(z.uuid()), outsideBodies: z.array(z.string().trim().min(1).max(TEXT_LIMITS.leadName)) }),
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
