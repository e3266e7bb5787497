import type { GroupSector, Role, Sector, Status } from "../domain/vocabulary";

// Portsmouth's Partnership Improvement Action Plan 2010 (Appendix A of
// ../shared/seeds/004_8254ab84526ddb85.txt), with the wording of the plan kept,
// and one fictional account per persona. Demo passwords are public by design.

export const DEMO_PASSWORD = "partnership-demo";

export const demoPartnership = {
  slug: "portsmouth",
  name: "Portsmouth Public Sector & Voluntary and Community Sector",
};

export interface DemoGroup {
  name: string;
  sector: GroupSector;
  description: string;
}

export const demoGroups: DemoGroup[] = [
  {
    name: "Third Sector Leadership Group",
    sector: "voluntary_community",
    description: "The main third sector infrastructure organisations. Leads the implementation of the plan.",
  },
  { name: "Community First", sector: "voluntary_community", description: "Community First for Portsmouth. Shares the lead on implementing the plan." },
  { name: "Compact Working Group", sector: "cross_sector", description: "Keeps the Portsmouth Compact refreshed and in use." },
  { name: "Third Sector Development Consortium", sector: "voluntary_community", description: "Portsmouth Third Sector Development Consortium." },
  { name: "PCC Efficiencies Board", sector: "public", description: "Portsmouth City Council's efficiencies board." },
  { name: "Providers Network", sector: "voluntary_community", description: "Network of third sector service providers." },
  { name: "PCC communications team", sector: "public", description: "Portsmouth City Council communications." },
  { name: "Partnership Improvement Group", sector: "cross_sector", description: "Senior officers and practitioners from both sectors who wrote the plan." },
];

export const stewardGroupNames = ["Third Sector Leadership Group", "Community First"];

export interface DemoPerson {
  email: string;
  displayName: string;
  role: Role;
  sector: Sector;
  jobTitle: string;
  groups: Array<{ name: string; chair?: boolean }>;
  /** Demo personas can sign in; people named in the plan cannot until invited. */
  canSignIn: boolean;
}

export const demoPeople: DemoPerson[] = [
  {
    email: "admin@demo.test",
    displayName: "Priya Shah",
    role: "admin",
    sector: "public",
    jobTitle: "Partnerships Officer, demo account",
    groups: [],
    canSignIn: true,
  },
  {
    email: "leader@demo.test",
    displayName: "Sam Patel",
    role: "member",
    sector: "voluntary_community",
    jobTitle: "Third sector leader, demo account",
    groups: [{ name: "Third Sector Leadership Group", chair: true }],
    canSignIn: true,
  },
  {
    email: "officer@demo.test",
    displayName: "Jordan Hughes",
    role: "member",
    sector: "public",
    jobTitle: "Council officer, demo account",
    groups: [{ name: "Compact Working Group", chair: true }],
    canSignIn: true,
  },
  {
    email: "facilitator@demo.test",
    displayName: "Morgan Reid",
    role: "facilitator",
    sector: "independent",
    jobTitle: "Independent review facilitator, demo account",
    groups: [],
    canSignIn: true,
  },
  {
    email: "councillor@demo.test",
    displayName: "Cllr Chris Taylor",
    role: "observer",
    sector: "public",
    jobTitle: "Councillor, demo account",
    groups: [],
    canSignIn: true,
  },
  // People the plan names as leads (section 9 gives their roles).
  {
    email: "mandy.lindley@portsmouth.demo.test",
    displayName: "Mandy Lindley",
    role: "member",
    sector: "public",
    jobTitle: "Third Sector Partnerships and Commissioning Manager, PCC",
    groups: [{ name: "Compact Working Group" }],
    canSignIn: false,
  },
  {
    email: "david.williams@portsmouth.demo.test",
    displayName: "David Williams",
    role: "member",
    sector: "public",
    jobTitle: "Chief Executive, PCC",
    groups: [{ name: "PCC Efficiencies Board" }],
    canSignIn: false,
  },
  {
    email: "tracy.sanders@portsmouth.demo.test",
    displayName: "Tracy Sanders",
    role: "member",
    sector: "public",
    jobTitle: "Chief Executive, PCT",
    groups: [],
    canSignIn: false,
  },
  {
    email: "paul.edmondson-jones@portsmouth.demo.test",
    displayName: "Paul Edmondson-Jones",
    role: "member",
    sector: "public",
    jobTitle: "LSP Chair",
    groups: [],
    canSignIn: false,
  },
  {
    email: "matt.gummerson@portsmouth.demo.test",
    displayName: "Matt Gummerson",
    role: "member",
    sector: "public",
    jobTitle: "Principal Strategy Advisor, PCC",
    groups: [],
    canSignIn: false,
  },
  {
    email: "nicola.youern@portsmouth.demo.test",
    displayName: "Nicola Youern",
    role: "member",
    sector: "voluntary_community",
    jobTitle: "Chief Executive, You Trust",
    groups: [{ name: "Third Sector Leadership Group" }],
    canSignIn: false,
  },
];

export const demoPlan = {
  title: "Partnership Improvement Action Plan 2010",
  periodStart: "2010-03-01",
  periodEnd: "2011-03-31",
};

// Section 5: the obstacles the plan set out to address.
export const demoObstacles = [
  { name: "Timescales", description: "Transformation, decision-making and consultation can be slow." },
  { name: "People and power", description: "Gatekeeping, loudest voices often win, tick-box exercises, vested interests." },
  { name: "Governance", description: "Lack of quality assurance, accountability, flexibility, authority from 'above'." },
  { name: "Structure", description: "Lack of common objectives, outcomes, priorities; sectors not joined up with each other or within." },
  { name: "Communications", description: "Poor information and data sharing; too few common communication channels." },
  { name: "Capacity", description: "Lack of funding; small VCS organisations lack time and resources." },
];

export interface DemoAction {
  title: string;
  description: string;
  /** The "Lead person/group" cell as written; split on "/" when seeding. */
  leadWording: string;
  /** The "Timescale" cell as written. */
  timescale: string;
  obstacles: string[];
  /** What happened to it in 2010, oldest first, from Not started: its column, notes and completion follow. */
  history: Array<DemoStep & { at: string }>;
}

/** One step of a demo action's story: a move, a progress note, or a confirmation of its completion. */
export type DemoStep = { by: string; kind: "move"; to: Status } | { by: string; kind: "note"; body: string } | { by: string; kind: "confirm" };

const SAM = "leader@demo.test";
const JORDAN = "officer@demo.test";
const MANDY = "mandy.lindley@portsmouth.demo.test";

/** When the plan was loaded onto the board: agreed in March 2010, its actions added on the day its period began. */
export const demoPlanLoadedAt = "2010-03-01T09:30:00Z";

export interface DemoObjective {
  title: string;
  actions: DemoAction[];
}

export const demoObjectives: DemoObjective[] = [
  {
    title: "To identify future joint priorities for the public and third sectors through which partnership working will bring better outcomes for the city",
    actions: [
      {
        title: "Develop a written strategy for sustaining and supporting a thriving third sector",
        description:
          "Local authority, PCT and third sector to develop a written strategy for sustaining and " +
          "supporting a thriving third sector, building on a refreshed and revised local Compact.",
        leadWording: "Mandy Lindley/Compact Working Group/Third Sector Development Consortium",
        timescale: "Draft by end May 2010",
        obstacles: ["Structure"],
        history: [
          { at: "2010-03-22T10:05:00Z", by: JORDAN, kind: "move", to: "in_progress" },
          {
            at: "2010-05-20T14:40:00+01:00",
            by: JORDAN,
            kind: "note",
            body: "Compact Working Group agreed the outline. First draft circulating to both sectors.",
          },
          { at: "2010-06-17T16:10:00+01:00", by: SAM, kind: "note", body: "Third sector comments gathered at the Consortium meeting; sent back to Mandy." },
        ],
      },
      {
        title: "Identify joint commissioning priorities",
        description:
          "Local authority and PCT to identify joint commissioning priorities - leading to more integrated " +
          "commissioning which will help establish a role for community users, following Supported People models.",
        leadWording: "PCC Efficiencies Board/David Williams/Tracy Sanders/ JSNA team,",
        timescale: "June 2010",
        obstacles: ["Structure", "People and power"],
        history: [],
      },
      {
        title: "Communicate and jointly review commissioning priorities",
        description:
          "Communicate to the third sector existing commissioning priorities, derived " +
          "from central government for statutory agencies and their departments. Jointly " +
          "review existing commissioning priorities and other key strategies to agree " +
          "priorities for partnership working, ensuring communities and users are involved.",
        leadWording: "Paul Edmondson-Jones/Third Sector 'leadership group'",
        timescale: "",
        obstacles: ["Communications", "People and power"],
        history: [{ at: "2010-05-10T11:20:00+01:00", by: SAM, kind: "move", to: "in_progress" }],
      },
      {
        title: "Promote the Joint Strategic Needs Assessment to the third sector",
        description:
          "Promote the Joint Strategic Needs Assessment more widely to the third sector, making it relevant and sharing " +
          "it at events/networks. Third sector to be involved in production of JSNA and deciding how it can be used.",
        leadWording: "",
        timescale: "",
        obstacles: ["Communications"],
        history: [],
      },
      {
        title: "Map Portsmouth's third sector organisations and develop an online directory",
        description:
          "Map Portsmouth's third sector organisations, who is doing what and terms of reference. Develop an online directory as a " +
          "basis for communication across and within the sector, identifying gaps, synergies and potential partnership or cooperation " +
          "and added value linked to commissioning priorities. Track 'the State of the Sector' through changing economic and social " +
          "circumstances in the city; provide an online tool for Portsmouth residents seeking information, advice and support.",
        leadWording: "Community First (build on Merlin project)/Third Sector 'leadership group'/Matt Gummerson",
        timescale: "End June 2010",
        obstacles: ["Communications", "Capacity"],
        history: [
          { at: "2010-04-06T09:45:00+01:00", by: SAM, kind: "move", to: "in_progress" },
          { at: "2010-07-05T15:30:00+01:00", by: SAM, kind: "move", to: "at_risk" },
          {
            at: "2010-07-05T15:34:00+01:00",
            by: SAM,
            kind: "note",
            body: "Merlin project data is two years old. Community First needs volunteer time to refresh it before the directory can launch.",
          },
        ],
      },
      {
        title: "Support third sector partnerships and consortium building",
        description: "Explore, support and indicate opportunities for third sector partnerships and consortium building, to bid for tenders and funding.",
        leadWording: "Mandy Lindley/Community First/Providers Network/public sector funders",
        timescale: "April 2010",
        obstacles: ["Capacity"],
        history: [
          { at: "2010-03-08T10:00:00Z", by: SAM, kind: "move", to: "in_progress" },
          { at: "2010-04-28T17:15:00+01:00", by: SAM, kind: "move", to: "done" },
          { at: "2010-05-06T09:50:00+01:00", by: JORDAN, kind: "confirm" },
        ],
      },
    ],
  },
  {
    title: "To develop the culture, behaviours and structures which lead to positive partnership working",
    actions: [
      {
        title: "Develop a partnership website and a communication strategy",
        description:
          "Develop more comprehensive communication media – a partnership website – and a communication strategy. Identify " +
          "internal/external targets; what needs to be communicated; how best to communicate, avoiding dilution of messages.",
        leadWording: "Third Sector 'leadership group'/ PCC communications team",
        timescale: "Scope by end September 2010",
        obstacles: ["Communications"],
        history: [],
      },
      {
        title: "Bring more organisations together to realise their joint potential",
        description:
          "Bring more organisations together to realise their joint potential and responsibilities: hold a local event, " +
          "with possible follow-up events, that has a diverse cross-sector group; challenges entrenched cultures to create " +
          "a 'can-do' culture based upon 'creative problem solving'. Outcomes to include: statement of partnership values " +
          "that are based on behaviours that will drive success; greater understanding and better ways of working together.",
        leadWording: "Mandy Lindley/Nicola Youern to develop",
        timescale: "End April 2010",
        obstacles: ["People and power", "Structure"],
        history: [
          { at: "2010-03-15T11:00:00Z", by: MANDY, kind: "move", to: "in_progress" },
          { at: "2010-04-30T16:20:00+01:00", by: MANDY, kind: "move", to: "done" },
        ],
      },
      {
        title: "Enable third sector infrastructure organisations to collaborate or merge",
        description:
          "Enable third sector infrastructure organisations to collaborate or merge in order to strengthen the leadership " +
          "and structure of the sector. Clarify the roles and links between existing infrastructure organisations.",
        leadWording: "Third Sector 'leadership group' (comprising the main third sector infrastructure organisations)",
        timescale: "Two meetings by end June 2010",
        obstacles: ["Governance", "Structure", "Capacity"],
        history: [{ at: "2010-04-19T14:00:00+01:00", by: SAM, kind: "move", to: "in_progress" }],
      },
    ],
  },
];

/**
 * The six-month review, opened for the demo facilitator: a few assessments and
 * one obstacle finding written, the rest left for the person trying the demo.
 */
export const demoReview = {
  kind: "six_month" as const,
  title: "Six-month review",
  dueOn: "2010-09-30",
  scheduledBy: "admin@demo.test",
  facilitatorEmail: "facilitator@demo.test",
  scheduledAt: "2010-03-08T11:30:00Z",
  /** Its snapshot is of the plan as it stood then; the assessments and the finding follow in the next days. */
  openedAt: "2010-09-06T10:00:00+01:00",
  writtenAt: ["2010-09-13T11:00:00+01:00", "2010-09-14T15:30:00+01:00", "2010-09-15T10:20:00+01:00", "2010-09-16T12:00:00+01:00"],
  assessments: [
    {
      reference: "1.1",
      assessment: "on_track" as const,
      evidence: "A first draft of the strategy went to the Leadership Group in June; the consultation with the wider sector is planned for the autumn.",
    },
    {
      reference: "1.4",
      assessment: "some_progress" as const,
      evidence: "The JSNA was presented at one third sector forum. Few organisations have used it in bids so far.",
    },
    { reference: "2.1", assessment: "no_progress" as const, evidence: "No agreed owner for the website yet; the communication strategy has not started." },
  ],
  finding: {
    obstacle: "Communications",
    rating: "partly_addressed" as const,
    commentary:
      "Three actions address communication between the sectors. The JSNA briefings reached " +
      "the larger organisations, but smaller groups still hear of commissioning plans late.",
  },
};
