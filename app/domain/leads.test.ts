import { describe, expect, it } from "vitest";
import { leadFilterPeople, splitLeadWording } from "./leads";

describe("splitLeadWording", () => {
  it.each([
    [
      "Mandy Lindley/Compact Working Group/Third Sector Development Consortium",
      ["Mandy Lindley", "Compact Working Group", "Third Sector Development Consortium"],
    ],
    ["PCC Efficiencies Board/David Williams/Tracy Sanders/ JSNA team,", ["PCC Efficiencies Board", "David Williams", "Tracy Sanders", "JSNA team"]],
    ["Paul Edmondson-Jones/Third Sector 'leadership group'", ["Paul Edmondson-Jones", "Third Sector leadership group"]],
    [
      "Community First (build on Merlin project)/Third Sector 'leadership group'/Matt Gummerson",
      ["Community First", "Third Sector leadership group", "Matt Gummerson"],
    ],
    ["Mandy Lindley/Nicola Youern to develop", ["Mandy Lindley", "Nicola Youern"]],
    ["Third Sector 'leadership group' (comprising the main third sector infrastructure organisations)", ["Third Sector leadership group"]],
    ["", []],
    [" / ", []],
  ])("splits %j", (wording, names) => {
    expect(splitLeadWording(wording)).toEqual(names);
  });
});

describe("leadFilterPeople", () => {
  const people = [
    { id: "sam", role: "member" as const },
    { id: "priya", role: "admin" as const },
    { id: "chris", role: "observer" as const },
    { id: "morgan", role: "facilitator" as const },
    { id: "ex-member", role: "observer" as const },
  ];
  it("offers those who may lead, and anyone who leads an action now", () => {
    const cards = [
      {
        leads: [
          { kind: "person", id: "ex-member" },
          { kind: "group", id: "chris" },
        ],
      },
    ];
    expect(leadFilterPeople(people, cards).map((person) => person.id)).toEqual(["sam", "priya", "ex-member"]);
  });
});
