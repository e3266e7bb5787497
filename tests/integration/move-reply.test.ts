import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNSAFE_decodeViaTurboStream as decodeViaTurboStream } from "react-router";
import { references } from "./support/people";
import { startApp, type TestApp } from "./support/app";
import { signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";
import { openEventStream } from "../support/event-stream";

// A move sent with JavaScript (to the board's address plus ".data", as React
// Router sends it) answers with what it changed, so the board shows it without
// reading itself again: the card as the board's loader shows it, and the plan
// version that move made, which its live echo carries too.

let app: TestApp;
let ids: Record<string, string>;
let planPath: string;
let leader: Client;
let officer: Client;

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  ids = await references(app.db, plan.id);
  leader = await signedIn(app.url, "leader@demo.test");
  officer = await signedIn(app.url, "officer@demo.test");
}, 60_000);
afterAll(() => app?.close());

interface Reply {
  ok: boolean;
  formError?: string | null;
  version?: number;
  cards?: Array<Record<string, unknown> & { id: string }>;
  objectives?: Array<{ id: string; heldNumbers: number[] }>;
}
interface BoardData {
  version: number;
  cards: Array<Record<string, unknown> & { id: string }>;
  objectives: Array<{ id: string; heldNumbers: number[] }>;
}

async function move(person: Client, fields: Record<string, string>): Promise<{ status: number; reply: Reply }> {
  const response = await person.post(`${planPath}.data`, { intent: "move", placement: "bottom", ...fields });
  const { value } = await decodeViaTurboStream(response.body!, globalThis);
  return { status: response.status, reply: (value as { data: Reply }).data };
}

/** The board's own data, as its loader sends it to a browser. */
async function boardData(): Promise<BoardData> {
  const { value } = await decodeViaTurboStream((await leader.get(`${planPath}.data`)).body!, globalThis);
  return (value as Record<string, { data: BoardData }>)["routes/board/route"]!.data;
}

async function versionInTheRow() {
  return (await app.db.selectFrom("plans").select("version").where("id", "=", planPath.split("/").at(-1)!).executeTakeFirstOrThrow()).version;
}

describe(`a move's reply on ${engine}`, () => {
  it("carries the moved card as the board shows it, who may confirm it, and the version the move made", async () => {
    const before = await versionInTheRow();
    const stream = await openEventStream(`${app.url}${planPath}/events`, leader.cookie);
    const { status, reply } = await move(leader, { actionId: ids["1.2"]!, objectiveId: ids["objective 1"]!, status: "done" });
    expect(status).toBe(200);
    expect(reply).toMatchObject({ ok: true, version: expect.any(Number) });
    expect(reply.version).toBeGreaterThan(before);
    expect(reply.version).toBe(await versionInTheRow());
    expect(reply.objectives).toBeUndefined();
    // Its live echo carries the same version: the board that moved it knows it shows that change already.
    expect(JSON.parse((await stream.next("change")).data)).toEqual({ actionId: ids["1.2"], version: reply.version });
    stream.close();

    const [card] = reply.cards!;
    expect(reply.cards).toHaveLength(1);
    expect(card).toMatchObject({ id: ids["1.2"], status: "done", number: 2, completion: { proposedBy: "Sam Patel", confirmed: false } });
    // Sam proposed it, from the voluntary and community sector: the public sector's people confirm.
    expect((card!.confirmers as Array<{ name: string }>).map((confirmer) => confirmer.name)).toEqual(["Jordan Hughes", "Priya Shah"]);

    // One definition of a card: the board's loader, read now, shows the same card at the same version.
    const board = await boardData();
    expect(board.version).toBe(reply.version);
    expect(board.cards.find((shown) => shown.id === ids["1.2"])).toEqual(card);
  });

  it("says what the two objectives hold when the card changes objective", async () => {
    const { reply } = await move(leader, { actionId: ids["1.3"]!, objectiveId: ids["objective 2"]!, status: "not_started", placement: "top" });
    expect(reply.ok).toBe(true);
    expect(reply.version).toBe(await versionInTheRow());
    const [card] = reply.cards!;
    expect(card).toMatchObject({ id: ids["1.3"], objectiveId: ids["objective 2"], number: 4, formerReferences: ["1.3"] });
    expect(card!.confirmers).toBeUndefined();

    const board = await boardData();
    expect(board.version).toBe(reply.version);
    expect(board.cards.find((shown) => shown.id === ids["1.3"])).toEqual(card);
    const held = (objectives: BoardData["objectives"]) => objectives.map(({ id, heldNumbers }) => ({ id, heldNumbers: [...heldNumbers].sort() }));
    expect(held(reply.objectives!)).toEqual(
      expect.arrayContaining(held(board.objectives.filter((objective) => [ids["objective 1"], ids["objective 2"]].includes(objective.id)))),
    );
    expect(reply.objectives).toHaveLength(2);
  });

  it("refuses a move the person may not make with its message, and no card or version", async () => {
    const before = await versionInTheRow();
    // Jordan leads 1.1 through the Compact Working Group, but may not move it to another objective.
    const { status, reply } = await move(officer, { actionId: ids["1.1"]!, objectiveId: ids["objective 2"]!, status: "in_progress" });
    expect(status).toBe(403);
    expect(reply).toMatchObject({ ok: false, formError: expect.any(String) });
    expect(reply.version).toBeUndefined();
    expect(reply.cards).toBeUndefined();
    expect(await versionInTheRow()).toBe(before);
  });
});
