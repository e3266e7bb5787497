import { describe, expect, it } from "vitest";
import type { ShouldRevalidateFunctionArgs } from "react-router";
import { keepAboveThePlan, keepTheBoard } from "./revalidation";

const BOARD = "/p/portsmouth/plans/6f1c2a9e-0000-4000-8000-000000000001";

function form(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return formData;
}

function args(formAction: string | undefined, fields: Record<string, string> | undefined, actionResult?: unknown): ShouldRevalidateFunctionArgs {
  const url = new URL(`http://localhost${BOARD}`);
  return {
    currentUrl: url,
    currentParams: {},
    nextUrl: url,
    nextParams: {},
    formMethod: formAction ? "POST" : undefined,
    formAction,
    formData: fields ? form(fields) : undefined,
    actionResult,
    defaultShouldRevalidate: true,
  } as ShouldRevalidateFunctionArgs;
}

describe("what reads itself again after a form", () => {
  const move = { intent: "move", actionId: "a", objectiveId: "o", status: "done", placement: "bottom" };

  it("after a move whose reply the board applies, nothing", () => {
    const applied = args(BOARD, move, { ok: true, notice: null, version: 7, cards: [] });
    expect(keepTheBoard(applied)).toBe(false);
    expect(keepAboveThePlan(applied)).toBe(false);
  });

  it("after a refused move, the board, so it shows what is true", () => {
    const refused = args(BOARD, move, { ok: false, formError: "You may not do that" });
    expect(keepTheBoard(refused)).toBe(true);
    expect(keepAboveThePlan(refused)).toBe(false);
  });

  it("after the board's other forms and the action dialog's, the board but not what is above the plan", () => {
    const created = args(`${BOARD}?q=fund`, { intent: "create-action" }, { ok: true });
    expect(keepTheBoard(created)).toBe(true);
    expect(keepAboveThePlan(created)).toBe(false);
    expect(keepAboveThePlan(args(`${BOARD}/actions/6f1c2a9e-0000-4000-8000-000000000002`, { intent: "add-note" }, { ok: true }))).toBe(false);
  });

  it("after a form elsewhere (settings, account) or a plain reload, as React Router would", () => {
    expect(keepAboveThePlan(args(`${BOARD}/settings`, { intent: "update-plan" }, { ok: true }))).toBe(true);
    expect(keepAboveThePlan(args("/account", {}, { ok: true }))).toBe(true);
    expect(keepAboveThePlan(args(undefined, undefined))).toBe(true);
    expect(keepTheBoard(args(undefined, undefined))).toBe(true);
  });
});
