import { UNSAFE_decodeViaTurboStream as decodeTurboStream } from "react-router";
import type { FormReply } from "../../../app/components/form-reply";
import { ACTION_INTENT, BOARD_INTENT } from "../../../app/domain/intents";
import type { Status } from "../../../app/domain/vocabulary";
import type { ActionContent } from "../../../app/server/plans/action-content.server";
import type { BoardLoaderData } from "../../../app/routes/board/types";
import type { Client } from "../../integration/support/http";

// The board as its scripts use it: route data and form replies over React
// Router's `.data` requests (turbo-stream), as a browser with JavaScript
// sends them, rather than the HTML pages a browser without it gets.

/** What the action dialog's Save answers with (ActionResult in app/routes/action/route.tsx). */
export type EditReply = FormReply & { version?: number; conflict?: { theirs: ActionContent } };

/** One answer to a write: its HTTP status and the reply the page reads (null when there was none to read). */
export interface Answer<Reply extends FormReply = FormReply> {
  status: number;
  reply: Reply | null;
}

/** The plan the demo's board shows (Portsmouth's), as its address. */
export async function demoPlanPath(person: Client): Promise<string> {
  const page = await (await person.get("/p/portsmouth")).text();
  const path = /\/p\/portsmouth\/plans\/[0-9a-f-]{36}/.exec(page)?.[0];
  if (!path) throw new Error("The partnership page links to no plan");
  return path;
}

/** The board's loader data, as the board asks for it again after each change. */
export async function boardData(person: Client, planPath: string): Promise<BoardLoaderData> {
  return routeData(person, `${planPath}.data?_routes=routes/board/route`, "routes/board/route");
}

/** The action dialog's editable content, with the version the editor starts from. */
export async function actionContent(person: Client, planPath: string, actionId: string): Promise<ActionContent> {
  const dialog = await routeData<{ content: ActionContent }>(person, `${planPath}/actions/${actionId}.data?_routes=routes/action/route`, "routes/action/route");
  return dialog.content;
}

export interface MoveFields {
  actionId: string;
  objectiveId: string;
  status: Status;
  /** As encodePlacement writes it: "top", "bottom", "before:<id>", "after:<id>". */
  placement: string;
  reason?: string;
}

/** A drop on the board: the fields its move fetcher posts. */
export function move(person: Client, planPath: string, fields: MoveFields): Promise<Answer> {
  return send(person, `${planPath}.data`, { intent: BOARD_INTENT.move, ...fields });
}

/** Save in the action dialog, from the version the editor saw. */
export function edit(person: Client, planPath: string, actionId: string, content: ActionContent): Promise<Answer<EditReply>> {
  return send(person, `${planPath}/actions/${actionId}.data`, {
    intent: ACTION_INTENT.update,
    version: String(content.version),
    title: content.title,
    description: content.description,
    dueOn: content.dueOn ?? "",
    timescaleText: content.timescaleText,
    leadUserIds: content.leads.userIds,
    leadGroupIds: content.leads.groupIds,
    outsideBodies: content.leads.outsideBodies.join("\n"),
  });
}

/** Add note in the action dialog. */
export function addNote(person: Client, planPath: string, actionId: string, body: string): Promise<Answer> {
  return send(person, `${planPath}/actions/${actionId}.data`, { intent: ACTION_INTENT.addNote, body });
}

async function send<Reply extends FormReply>(person: Client, path: string, form: Record<string, string | string[]>): Promise<Answer<Reply>> {
  const response = await person.post(path, form);
  if (response.status >= 500) return { status: response.status, reply: null };
  // An action's reply arrives as { data }; a thrown response or error as { error }.
  const value = (await decode(response)) as { data?: Reply } | undefined;
  return { status: response.status, reply: value?.data ?? null };
}

async function routeData<Data>(person: Client, path: string, routeId: string): Promise<Data> {
  const response = await person.get(path);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  const decoded = (await decode(response)) as Record<string, { data?: Data }>;
  const data = decoded[routeId]?.data;
  if (!data) throw new Error(`${path} sent no data for ${routeId}`);
  return data;
}

/**
 * A turbo-stream body, read whole first: a server killed mid-answer then
 * fails this await rather than the decoder's own reading, which nobody awaits.
 */
async function decode(response: Response): Promise<unknown> {
  const body = new Response(await response.arrayBuffer()).body!;
  return (await decodeTurboStream(body, globalThis)).value;
}

/** A seeded pseudo-random source (xorshift32), so that a failing run can be repeated from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    next,
    /** One of `items`, each as likely. */
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
  };
}
