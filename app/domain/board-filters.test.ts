import { describe, expect, it } from "vitest";
import { isFiltered, matchesFilters, NO_FILTERS, parseFilters, type FilterableCard } from "./board-filters";

const SAM = "11111111-1111-1111-1111-111111111111";
const TSLG = "22222222-2222-2222-2222-222222222222";
const CAPACITY = "33333333-3333-4333-8333-333333333333";
const TIMESCALES = "44444444-4444-4444-8444-444444444444";
const card: FilterableCard = {
  number: 5,
  objectiveNumber: 1,
  title: "Map Portsmouth's third sector organisations",
  status: "at_risk",
  dueOn: "2010-06-30",
  leads: [
    { kind: "group", id: TSLG, name: "Third Sector Leadership Group", sector: "voluntary_community" },
    { kind: "outside", id: null, name: "JSNA team", sector: null },
  ],
  obstacleIds: [CAPACITY],
};
const context = { today: "2010-06-20", userId: SAM, groupIds: new Set([TSLG]) };

describe("board filters", () => {
  it("reads only values it understands from the URL", () => {
    expect(parseFilters(new URLSearchParams(`lead=group:${TSLG}&sector=public&status=done&due=soon&q=%20map%20&mine=1&obstacle=${CAPACITY}`))).toEqual({
      lead: `group:${TSLG}`,
      sector: "public",
      status: "done",
      due: "soon",
      text: "map",
      mine: true,
      obstacle: CAPACITY,
    });
    expect(parseFilters(new URLSearchParams("lead=evil&sector=nope&status=blocked&due=later&obstacle=capacity"))).toEqual(NO_FILTERS);
  });

  it.each([
    [{}, true],
    [{ status: "at_risk" }, true],
    [{ status: "done" }, false],
    [{ lead: `group:${TSLG}` }, true],
    [{ lead: `person:${SAM}` }, false],
    [{ sector: "voluntary_community" }, true],
    [{ sector: "public" }, false],
    [{ due: "soon" }, true],
    [{ due: "overdue" }, false],
    [{ text: "1.5" }, true],
    [{ text: "portsmouth JSNA" }, true],
    [{ text: "website" }, false],
    [{ mine: true }, true],
    [{ obstacle: CAPACITY }, true],
    [{ obstacle: TIMESCALES }, false],
    [{ obstacle: CAPACITY, status: "done" }, false],
  ] as const)("%j → %s", (filters, expected) => {
    expect(matchesFilters(card, { ...NO_FILTERS, ...filters }, context)).toBe(expected);
  });

  it("finds an action by a reference it held before it moved", () => {
    expect(matchesFilters(card, { ...NO_FILTERS, text: "2.3" }, context)).toBe(false);
    expect(matchesFilters({ ...card, formerReferences: ["2.3", "3.1"] }, { ...NO_FILTERS, text: "2.3" }, context)).toBe(true);
  });

  it("counts an action as mine only when I or my group lead it", () => {
    expect(matchesFilters(card, { ...NO_FILTERS, mine: true }, { ...context, groupIds: new Set() })).toBe(false);
  });

  it("takes an obstacle only as a category id, never as text or SQL", () => {
    for (const value of ["", "Capacity", `${CAPACITY}'; drop table actions; --`, `${CAPACITY}x`, "33333333333343338333333333333333"]) {
      expect(parseFilters(new URLSearchParams({ obstacle: value })).obstacle).toBeNull();
    }
    expect(parseFilters(new URLSearchParams({ obstacle: CAPACITY.toUpperCase() })).obstacle).toBe(CAPACITY);
  });

  it("counts an obstacle filter as filtering, and shows no action that addresses no category", () => {
    expect(isFiltered({ ...NO_FILTERS, obstacle: CAPACITY })).toBe(true);
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(matchesFilters({ ...card, obstacleIds: [] }, { ...NO_FILTERS, obstacle: CAPACITY }, context)).toBe(false);
  });
});
