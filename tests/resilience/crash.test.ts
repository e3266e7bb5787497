import { describe, expect, it } from "vitest";
import { STATUSES, type Status } from "../../app/domain/vocabulary";
import { signedIn, type Client } from "../integration/support/http";
import { health, serve } from "../integration/support/servers";
import { engine } from "../integration/support/test-database";
import { addNote, boardData, demoPlanPath, move, type Answer } from "./support/board-client";
import { demoServerData } from "./support/databases";

// kill -9 of the production server in the middle of a burst of changes over
// HTTP: a change the server acknowledged must be there after a restart, and
// each change must be there whole (its rows and its one audit event) or not
// at all. A change whose answer the kill cut off may have gone either way.

const CLIENTS = 6;
/** Acknowledged changes before the kill: enough that every client is mid-burst. */
const KILL_AFTER = 60;
const EDITOR = "leader@demo.test";
const NOTE_PREFIX = "Crash test note";

/** A change as sent, and how it ended: acknowledged, refused, or cut off by the kill. */
type Sent = { kind: "move"; actionId: string; status: Status; outcome: Outcome } | { kind: "note"; actionId: string; body: string; outcome: Outcome };
type Outcome = "acknowledged" | "refused" | "cut off";
type Place = { objectiveId: string; status: Status };

/**
 * One person moving their own cards from column to column and adding notes
 * to them until the server dies. Each person has cards of their own, so what
 * they last saw acknowledged is where each card is.
 */
async function burst(person: Client, planPath: string, index: number, cards: Map<string, Place>, sent: Sent[], killing: { now: boolean }) {
  for (let count = 0; !killing.now; count += 1) {
    const [actionId, place] = [...cards][count % cards.size]!;
    let change: Sent;
    let request: Promise<Answer>;
    if (count % 2 === 0) {
      // Into the next column, at its top, within the card's own objective.
      const status = STATUSES[(STATUSES.indexOf(place.status) + 1) % STATUSES.length]!;
      change = { kind: "move", actionId, status, outcome: "cut off" };
      request = move(person, planPath, { actionId, objectiveId: place.objectiveId, status, placement: "top" });
    } else {
      change = { kind: "note", actionId, body: `${NOTE_PREFIX} ${index}.${count}`, outcome: "cut off" };
      request = addNote(person, planPath, actionId, change.body);
    }
    sent.push(change);
    let answer: Answer;
    try {
      answer = await request;
    } catch {
      return; // The server died with this change in flight.
    }
    change.outcome = answer.status === 200 && answer.reply?.ok ? "acknowledged" : "refused";
    if (change.kind === "move" && change.outcome === "acknowledged") cards.set(actionId, { ...place, status: change.status });
  }
}

describe(`the server killed with SIGKILL during a burst of changes on ${engine}`, () => {
  it("keeps every acknowledged change, none in part, and answers again after a restart", async () => {
    const data = await demoServerData();
    const first = await serve(data.env);
    const people: Client[] = [];
    for (let index = 0; index < CLIENTS; index += 1) people.push(await signedIn(first.url, EDITOR));
    const planPath = await demoPlanPath(people[0]!);
    const before = await boardData(people[0]!, planPath);
    // A confirmed action leaves Done only with a reason; the burst leaves those alone.
    const movable = before.cards.filter((card) => !card.completion?.confirmed);
    const cardsOf = people.map(
      (_person, index) =>
        new Map(
          movable.filter((_card, position) => position % CLIENTS === index).map((card) => [card.id, { objectiveId: card.objectiveId, status: card.status }]),
        ),
    );

    const sent: Sent[] = [];
    const killing = { now: false };
    const loadStartedAt = new Date();
    const bursts = Promise.all(people.map((person, index) => burst(person, planPath, index, cardsOf[index]!, sent, killing)));
    await expect
      .poll(() => sent.filter((change) => change.outcome === "acknowledged").length, { timeout: 60_000, interval: 5 })
      .toBeGreaterThanOrEqual(KILL_AFTER);
    killing.now = true;
    expect(await first.stop("SIGKILL")).toBe("SIGKILL");
    await bursts;

    const restartedAt = performance.now();
    const second = await serve(data.env);
    await expect.poll(async () => (await health(second).catch(() => null))?.status, { timeout: 60_000, interval: 20 }).toBe(200);
    const restartMs = performance.now() - restartedAt;
    const cutOff = sent.filter((change) => change.outcome === "cut off");
    const acknowledged = sent.filter((change) => change.outcome === "acknowledged");
    console.log(
      `crash on ${engine}: ${acknowledged.length} acknowledged, ${cutOff.length} cut off, ` +
        `${sent.length - acknowledged.length - cutOff.length} refused; /healthz answered 200 ${Math.round(restartMs)} ms after the restart began`,
    );
    expect(sent.filter((change) => change.outcome === "refused")).toEqual([]);
    expect(cutOff.length).toBeLessThanOrEqual(CLIENTS);
    await second.stop("SIGTERM");

    const handle = await data.open();
    try {
      const events = await handle.db
        .selectFrom("auditEvents")
        .select(["id", "verb", "actionId", "entityType", "entityId", "changes"])
        .where("planId", "=", before.plan.id)
        .where("occurredAt", ">=", loadStartedAt)
        .orderBy("id")
        .execute();
      const notes = await handle.db.selectFrom("progressNotes").select(["id", "actionId", "body"]).where("body", "like", `${NOTE_PREFIX}%`).execute();

      // Every acknowledged note is there; any other is one the kill cut off.
      const bodies = notes.map((note) => note.body);
      expect(acknowledged.flatMap((change) => (change.kind === "note" && !bodies.includes(change.body) ? [change.body] : []))).toEqual([]);
      const maybe = new Set(cutOff.flatMap((change) => (change.kind === "note" ? [change.body] : [])));
      expect(bodies.filter((body) => !acknowledged.some((change) => change.kind === "note" && change.body === body) && !maybe.has(body))).toEqual([]);
      // Each note with its one event, and each note event with its note.
      const noteEvents = events.filter((event) => event.entityType === "progress_note");
      expect(noteEvents.map((event) => event.entityId).sort()).toEqual(notes.map((note) => note.id).sort());

      // Each card's moves: at least those acknowledged, at most one more cut off,
      // and its column is where its recorded moves took it.
      const moveEvents = events.filter((event) => event.entityType === "action");
      expect(moveEvents.every((event) => event.verb === "moved" || event.verb === "completion_proposed")).toBe(true);
      const actions = await handle.db.selectFrom("actions").select(["id", "status"]).where("planId", "=", before.plan.id).execute();
      for (const card of movable) {
        const movesOf = (outcome: Outcome) =>
          sent.filter((change) => change.kind === "move" && change.actionId === card.id && change.outcome === outcome).length;
        const recorded = moveEvents.filter((event) => event.actionId === card.id);
        expect(recorded.length, card.id).toBeGreaterThanOrEqual(movesOf("acknowledged"));
        expect(recorded.length, card.id).toBeLessThanOrEqual(movesOf("acknowledged") + movesOf("cut off"));
        const lastRecorded = (recorded.at(-1)?.changes as { status?: { after: Status } } | undefined)?.status?.after ?? card.status;
        expect(actions.find((action) => action.id === card.id)!.status, card.id).toBe(lastRecorded);
      }

      // The trail holds the acknowledged changes, and at most those the kill cut off.
      console.log(`crash on ${engine}: ${events.length - acknowledged.length} of the ${cutOff.length} changes cut off had committed`);
      expect(events.length).toBeGreaterThanOrEqual(acknowledged.length);
      expect(events.length).toBeLessThanOrEqual(acknowledged.length + cutOff.length);
    } finally {
      await handle.close();
    }
  });
});
