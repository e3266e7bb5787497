import { describe, expect, it } from "vitest";
import { splitLeadWording } from "./leads";

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
