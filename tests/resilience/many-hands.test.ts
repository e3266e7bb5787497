import { describe, expect, it } from "vitest";
import { replyMessage } from "../../app/components/form-reply";
import { compareKeys, decodePlacement, encodePlacement, type Placement } from "../../app/domain/ordering";
import { STATUSES } from "../../app/domain/vocabulary";
import type { ActionContent } from "../../app/server/plans/action-content.server";
import type { BoardLoaderData } from "../../app/routes/board/types";
import { signedIn, type Client } from "../integration/support/http";
import { serve } from "../integration/support/servers";
import { engine } from "../integration/support/test-database";
import { actionContent, boardData, demoPlanPath, edit, move, seededRandom, type Answer, type EditReply, type MoveFields } from "./support/board-client";
import { demoServerData } from "./support/databases";

// Twenty people at one board at once, each making fifty changes as fast as
// the server answers: drops anywhere on the board, from a board that may be
// out of date, and saves from the action dialog with the version last seen.
// Whatever the interleaving, nothing may fail on our side, every refusal must
// say why, each column must keep one order, and the history must hold exactly
// the changes that were acknowledged. MANY_HANDS_SEED repeats each person's
// choices; how they interleave is the server's doing, so a failure seen once
// may take a few runs with its seed to recur.

const CLIENTS = 20;
const WRITES_EACH = 50;
/** Only Sam's steward group may move and edit every action of the demo plan; each hand signs in for a session of its own. */
const EDITOR = "leader@demo.test";
const MOVE_VERBS = new Set(["moved", "completion_proposed", "reopened"]);

type Write = { kind: "move"; fields: MoveFields; answer: Answer } | { kind: "edit"; actionId: string; sent: ActionContent; answer: Answer<EditReply> };

/** One person's fifty changes, with what they believe the board and each action hold. */
async function hand(person: Client, planPath: string, index: number, seed: number): Promise<Write[]> {
  const random = seededRandom(seed + index);
  const writes: Write[] = [];
  let board = await boardData(person, planPath);
  // What this person last saw of each action's content: the dialog they opened, or their own save.
  const seen = new Map<string, ActionContent>();
  for (let count = 0; count < WRITES_EACH; count += 1) {
    const card = random.pick(board.cards);
    if (random.next() < 0.6) {
      const fields = randomMove(board, card, random);
      writes.push({ kind: "move", fields, answer: await move(person, planPath, fields) });
    } else {
      // Half the time the dialog is opened afresh; otherwise it was left open a while.
      if (!seen.has(card.id) || random.next() < 0.5) seen.set(card.id, await actionContent(person, planPath, card.id));
      const sent = {
        ...seen.get(card.id)!,
        title: `Hand ${index}, change ${count}: ${card.title.slice(0, 40)}`.trim(),
        description: `Edited by hand ${index} at change ${count}.`,
      };
      const answer = await edit(person, planPath, card.id, sent);
      writes.push({ kind: "edit", actionId: card.id, sent, answer });
      if (answer.reply?.ok && answer.reply.version) seen.set(card.id, { ...sent, version: answer.reply.version });
      // After a conflict the dialog holds their version to choose from.
      else if (answer.reply?.conflict) seen.set(card.id, answer.reply.conflict.theirs);
    }
    // The board reloads after a change, though not always before the next drag.
    if (random.next() < 0.15) board = await boardData(person, planPath);
  }
  return writes;
}

/** A drag from this person's board as it stands: any card, to any column, next to a card they see there or at either end. */
function randomMove(board: BoardLoaderData, card: BoardLoaderData["cards"][number], random: ReturnType<typeof seededRandom>): MoveFields {
  const objectiveId = random.pick(board.objectives).id;
  const status = random.pick(STATUSES);
  const others = board.cards.filter((other) => other.objectiveId === objectiveId && other.status === status && other.id !== card.id);
  const anchor = others.length > 0 ? random.pick(others) : null;
  const at = random.pick(anchor ? (["top", "bottom", "before", "after"] as const) : (["top", "bottom"] as const));
  const placement: Placement = at === "top" || at === "bottom" ? { at } : { at, anchorId: anchor!.id };
  // The board asks for a reason before it takes a confirmed action out of Done.
  const reopening = card.status === "done" && card.completion?.confirmed && status !== "done";
  return { actionId: card.id, objectiveId, status, placement: encodePlacement(placement), ...(reopening ? { reason: "Reopened in the many-hands test" } : {}) };
}

const columnOf = (card: { objectiveId: string; status: string }) => `${card.objectiveId}:${card.status}`;

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe(`many hands on one board on ${engine}`, () => {
  it(
    "answers 20 people making 50 changes each at once without a fault, keeps " + "each column in one order, and records exactly the acknowledged changes",
    async () => {
      const seed = Number(process.env.MANY_HANDS_SEED ?? Math.floor(Math.random() * 2 ** 31));
      console.log(`many-hands on ${engine}: seed ${seed} (MANY_HANDS_SEED=${seed} repeats this run)`);
      const data = await demoServerData();
      const server = await serve(data.env);
      const people: Client[] = [];
      // One after another: the sign-in throttle counts attempts made at the same moment.
      for (let index = 0; index < CLIENTS; index += 1) people.push(await signedIn(server.url, EDITOR));
      const planPath = await demoPlanPath(people[0]!);
      const before = await boardData(people[0]!, planPath);
      const versionsBefore = new Map(
        await Promise.all(before.cards.map(async (card) => [card.id, (await actionContent(people[0]!, planPath, card.id)).version] as const)),
      );

      const loadStartedAt = new Date();
      const started = performance.now();
      const writes = (await Promise.all(people.map((person, index) => hand(person, planPath, index, seed)))).flat();
      const loadSeconds = (performance.now() - started) / 1000;
      const finalPage = await people[0]!.get(planPath);
      const after = await boardData(people[0]!, planPath);
      await server.stop("SIGTERM");

      const answers = writes.map((write) => write.answer);
      const statusesOf = (kind: Write["kind"]) => countBy(writes.filter((write) => write.kind === kind).map((write) => String(write.answer.status)));
      const counts = { moves: statusesOf("move"), edits: statusesOf("edit") };
      console.log(`many-hands on ${engine}: ${writes.length} writes in ${loadSeconds.toFixed(1)} s, answers by status ${JSON.stringify(counts)}`);

      // No fault of ours, and every refusal tells the person why.
      expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
      const acknowledged = writes.filter((write) => write.answer.status === 200 && write.answer.reply?.ok === true);
      const refused = writes.filter((write) => !acknowledged.includes(write));
      for (const write of refused) {
        expect(write.answer.status, JSON.stringify(write)).toBeGreaterThanOrEqual(400);
        expect(write.answer.status, JSON.stringify(write)).toBeLessThan(500);
        expect(write.answer.reply?.ok, JSON.stringify(write)).toBe(false);
        expect(replyMessage(write.answer.reply), JSON.stringify(write)).toMatch(/\w{3,}/);
      }
      // A drop never conflicts: drops into one gap queue on the lane's lock. A
      // 409 here would be the unique index catching two equal keys.
      expect(refused.filter((write) => write.kind === "move" && write.answer.status === 409)).toEqual([]);
      // Edits from a stale version are refused with both versions to choose from.
      const conflicts = refused.filter((write) => write.kind === "edit" && write.answer.status === 409);
      expect(conflicts.length).toBeGreaterThan(0);
      for (const write of conflicts) expect(write.kind === "edit" && write.answer.reply?.conflict?.theirs.version).toBeGreaterThan(0);
      expect(finalPage.status).toBe(200);

      const handle = await data.open();
      try {
        const actions = await handle.db
          .selectFrom("actions")
          .select(["id", "objectiveId", "status", "orderKey", "version", "title"])
          .where("planId", "=", before.plan.id)
          .where("archivedAt", "is", null)
          .execute();
        expect(actions.map((action) => action.id).sort()).toEqual(before.cards.map((card) => card.id).sort());

        // Each column: distinct keys in one strict order, which the board shows as it is.
        for (const column of new Set(actions.map(columnOf))) {
          const keys = actions
            .filter((action) => columnOf(action) === column)
            .map((action) => action.orderKey)
            .sort(compareKeys);
          for (let index = 1; index < keys.length; index += 1) expect(compareKeys(keys[index - 1]!, keys[index]!), column).toBe(-1);
          const shown = after.cards.filter((card) => columnOf(card) === column).map((card) => card.orderKey);
          expect(shown, column).toEqual(keys);
        }

        // Exactly one event per acknowledged change, and none for a refused one.
        const editor = await handle.db.selectFrom("users").select("id").where("email", "=", EDITOR).executeTakeFirstOrThrow();
        const events = await handle.db
          .selectFrom("auditEvents")
          .select(["id", "verb", "actorUserId", "actionId", "planId", "entityType", "changes", "context"])
          .where("occurredAt", ">=", loadStartedAt)
          .orderBy("id")
          .execute();
        expect(events.filter((event) => event.actorUserId !== editor.id || event.planId !== before.plan.id)).toEqual([]);
        const eventKeys = events.map((event) => {
          const context = event.context as { placement?: Placement; version?: number };
          const changes = event.changes as { title?: { after: string } };
          if (MOVE_VERBS.has(event.verb)) return `move ${event.actionId} ${encodePlacement(context.placement!)}`;
          if (event.verb === "updated") return `edit ${event.actionId} v${context.version} ${changes.title?.after}`;
          return `${event.verb} ${event.entityType} ${event.actionId}`;
        });
        const acknowledgedKeys = acknowledged.map((write) =>
          write.kind === "move"
            ? `move ${write.fields.actionId} ${encodePlacement(decodePlacement(write.fields.placement))}`
            : `edit ${write.actionId} v${write.answer.reply!.version} ${write.sent.title}`,
        );
        expect(eventKeys.sort()).toEqual(acknowledgedKeys.sort());

        // No save is lost: each action's version counts the saves acknowledged
        // for it, and it holds the title of the last of them.
        for (const action of actions) {
          const saves = acknowledged.flatMap((write) => (write.kind === "edit" && write.actionId === action.id ? [write] : []));
          expect(action.version, action.id).toBe(versionsBefore.get(action.id)! + saves.length);
          const last = saves.find((write) => write.answer.reply!.version === action.version);
          if (last) expect(action.title).toBe(last.sent.title);
        }

        // The history replays to where each card is: its last recorded move says its column.
        const replayed = new Map(before.cards.map((card) => [card.id, { objectiveId: card.objectiveId, status: card.status as string }]));
        for (const event of events) {
          if (!MOVE_VERBS.has(event.verb)) continue;
          const changes = event.changes as { status?: { after: string }; objectiveId?: { after: string } };
          const place = replayed.get(event.actionId!)!;
          if (changes.status) place.status = changes.status.after;
          if (changes.objectiveId) place.objectiveId = changes.objectiveId.after;
        }
        for (const action of actions) expect(replayed.get(action.id), action.id).toEqual({ objectiveId: action.objectiveId, status: action.status });
      } finally {
        await handle.close();
      }
    },
  );
});
