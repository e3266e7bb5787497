import { describe, expect, it } from "vitest";
import { completionTarget, confirmersOf, signoffWarnings, whoCanConfirm, type PersonWhoCanAct } from "./confirmers";
import type { Target } from "./policy";

const P = "p-portsmouth";
const person = (
  userId: string,
  name: string,
  sector: PersonWhoCanAct["sector"],
  groupIds: string[] = [],
  role: PersonWhoCanAct["role"] = "member",
): PersonWhoCanAct => ({
  userId,
  name,
  sector,
  role,
  partnershipId: P,
  groupIds: new Set(groupIds),
});
const sam = person("u-sam", "Sam Patel", "voluntary_community", ["g-vcs"]);
const nicola = person("u-nicola", "Nicola Youern", "voluntary_community", ["g-vcs"]);
const jordan = person("u-jordan", "Jordan Hughes", "public", ["g-compact"]);
const priya = person("u-priya", "Priya Shah", "public", [], "admin");
const plan = { stewardGroupIds: ["g-vcs"], singleSectorSignoff: false };
const ledByVcs: Target = { partnershipId: P, plan, action: { leadUserIds: [], leadGroupIds: ["g-vcs"] } };
const ledByCompact: Target = { partnershipId: P, plan, action: { leadUserIds: [], leadGroupIds: ["g-compact"] } };
const proposedBySam = { proposerUserId: "u-sam", proposerSector: "voluntary_community" as const };

describe("who can confirm a completion", () => {
  it("falls back to anyone of another sector when every lead and steward is of the proposer's sector", () => {
    const people = [sam, nicola, jordan, priya];
    const completion = completionTarget(people, ledByVcs, proposedBySam);
    expect(completion.noLeadOrStewardOfAnotherSector).toBe(true);
    expect(confirmersOf(people, { ...ledByVcs, completion }).map((confirmer) => confirmer.name)).toEqual(["Jordan Hughes", "Priya Shah"]);
  });

  it("keeps to the leads and stewards of another sector when there are some", () => {
    const people = [sam, nicola, jordan, priya];
    const completion = completionTarget(people, ledByCompact, proposedBySam);
    expect(completion.noLeadOrStewardOfAnotherSector).toBe(false);
    expect(confirmersOf(people, { ...ledByCompact, completion }).map((confirmer) => confirmer.name)).toEqual(["Jordan Hughes"]);
  });

  it("names nobody when nobody of another sector acts here", () => {
    const people = [sam, nicola];
    const completion = completionTarget(people, ledByVcs, proposedBySam);
    expect(confirmersOf(people, { ...ledByVcs, completion })).toEqual([]);
  });
});

describe("the sentence naming them", () => {
  it.each([
    [["Jordan Hughes"], "Jordan Hughes can confirm."],
    [["Jordan Hughes", "Priya Shah"], "Jordan Hughes or Priya Shah can confirm."],
    [["A", "B", "C"], "A, B or C can confirm."],
    [["A", "B", "C", "D"], "A, B, C or 1 other can confirm."],
    [["A", "B", "C", "D", "E", "F"], "A, B, C or 3 others can confirm."],
  ])("%j → %s", (names, sentence) => {
    expect(whoCanConfirm(names)).toBe(sentence);
  });
  it("says what would let someone confirm when nobody can", () => {
    expect(whoCanConfirm([])).toMatch(/^Nobody here can confirm it yet: an admin can invite someone of another sector/);
  });
});

describe("the warnings in a plan's settings", () => {
  it("names who confirms when every steward group is of one sector", () => {
    expect(signoffWarnings([sam, nicola, jordan, priya], ["voluntary_community", "voluntary_community"], false)).toEqual([
      { kind: "stewards-of-one-sector", stewardSector: "voluntary_community", confirmerNames: ["Jordan Hughes", "Priya Shah"] },
    ]);
  });
  it("says nothing when the stewards span the sectors, or under single-sector sign-off", () => {
    expect(signoffWarnings([sam, jordan], ["voluntary_community", "public"], false)).toEqual([]);
    expect(signoffWarnings([sam, jordan], ["cross_sector"], false)).toEqual([]);
    expect(signoffWarnings([sam, nicola], ["voluntary_community"], true)).toEqual([]);
  });
  it("warns that nobody could confirm when everyone who acts here is of one sector, or nobody does", () => {
    expect(signoffWarnings([sam, nicola], ["voluntary_community"], false)).toEqual([{ kind: "nobody-could-confirm", sector: "voluntary_community" }]);
    expect(signoffWarnings([], [], false)).toEqual([{ kind: "nobody-could-confirm", sector: null }]);
  });
});
