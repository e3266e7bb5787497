import type { DemoGroup, DemoPerson, DemoStep } from "./portsmouth-data.server";

// The Hertfordshire Compact (Appendix A of ../shared/seeds/003_191396f602c5cc85.txt):
// each section an objective, each numbered undertaking an action in the Compact's
// own words, with a fictional five-month story of the plan being worked on.

export const compactPartnership = { slug: "hertfordshire", name: "Hertfordshire Compact" };

export const compactGroups: DemoGroup[] = [
  {
    name: "Statutory organisations",
    sector: "public",
    description: "Hertfordshire County Council and the district and borough councils signed up to the Compact.",
  },
  {
    name: "Voluntary and community sector",
    sector: "voluntary_community",
    description: "Voluntary and community sector organisations signed up to the Compact.",
  },
  {
    name: "Compact Steering Group",
    sector: "cross_sector",
    description: "A multi-agency group responsible for leading on the implementation, monitoring and championing of the Hertfordshire Compact.",
  },
  { name: "District council partnership officers", sector: "public", description: "Community partnership officers of the ten district and borough councils." },
  {
    name: "Local infrastructure organisations",
    sector: "voluntary_community",
    description: "The councils for voluntary service and volunteer centres that support local groups.",
  },
];

export const compactStewardGroupNames = ["Compact Steering Group"];

// Named once so the histories below read as a story: who recorded what.
const HELEN = "helen.marsh@hertfordshire.demo.test";
const RAJESH = "rajesh.kapoor@hertfordshire.demo.test";
const CLAIRE = "claire.donnelly@hertfordshire.demo.test";
const MARK = "mark.ellison@hertfordshire.demo.test";
const GRACE = "grace.okafor@hertfordshire.demo.test";
const TOM = "tom.whitfield@hertfordshire.demo.test";
const AISHA = "aisha.rahman@hertfordshire.demo.test";
const FIONA = "fiona.gallagher@hertfordshire.demo.test";

export const compactPeople: DemoPerson[] = [
  // The two shared demo accounts, which also belong to the Portsmouth partnership.
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
  // Fictional officers of both sectors; the steering group has two from each.
  {
    email: HELEN,
    displayName: "Helen Marsh",
    role: "admin",
    sector: "public",
    jobTitle: "Head of Policy and Partnerships, Hertfordshire County Council",
    groups: [{ name: "Compact Steering Group", chair: true }, { name: "Statutory organisations" }],
    canSignIn: false,
  },
  {
    email: RAJESH,
    displayName: "Rajesh Kapoor",
    role: "member",
    sector: "public",
    jobTitle: "Voluntary Sector Commissioning Manager, Hertfordshire County Council",
    groups: [{ name: "Statutory organisations", chair: true }, { name: "Compact Steering Group" }],
    canSignIn: false,
  },
  {
    email: CLAIRE,
    displayName: "Claire Donnelly",
    role: "member",
    sector: "public",
    jobTitle: "Community Partnerships Manager, Three Rivers District Council",
    groups: [{ name: "Statutory organisations" }, { name: "District council partnership officers", chair: true }],
    canSignIn: false,
  },
  {
    email: MARK,
    displayName: "Mark Ellison",
    role: "member",
    sector: "public",
    jobTitle: "Partnerships Officer, Dacorum Borough Council",
    groups: [{ name: "Statutory organisations" }, { name: "District council partnership officers" }],
    canSignIn: false,
  },
  {
    email: GRACE,
    displayName: "Grace Okafor",
    role: "member",
    sector: "voluntary_community",
    jobTitle: "Chief Executive, district council for voluntary service",
    groups: [{ name: "Voluntary and community sector", chair: true }, { name: "Compact Steering Group" }, { name: "Local infrastructure organisations" }],
    canSignIn: false,
  },
  {
    email: TOM,
    displayName: "Tom Whitfield",
    role: "member",
    sector: "voluntary_community",
    jobTitle: "Chief Officer, district council for voluntary service",
    groups: [{ name: "Voluntary and community sector" }, { name: "Local infrastructure organisations", chair: true }],
    canSignIn: false,
  },
  {
    email: AISHA,
    displayName: "Aisha Rahman",
    role: "member",
    sector: "voluntary_community",
    jobTitle: "Manager, district volunteer centre",
    groups: [{ name: "Voluntary and community sector" }, { name: "Compact Steering Group" }, { name: "Local infrastructure organisations" }],
    canSignIn: false,
  },
  {
    email: FIONA,
    displayName: "Fiona Gallagher",
    role: "member",
    sector: "voluntary_community",
    jobTitle: "Director, county equalities forum",
    groups: [{ name: "Voluntary and community sector" }],
    canSignIn: false,
  },
];

/**
 * Both sectors agreed to publish the plan: its admin (public sector) proposed
 * it and a VCS steward agreed. One VCS lead said yes to her name on public pages.
 */
export const compactPublication = { proposedBy: HELEN, agreedBy: GRACE, nameShownBy: FIONA };

// Backdated so the demo opens five months into a year-long plan.
export const compactPlan = { title: "Hertfordshire Compact implementation plan", startedDaysAgo: 150, lengthInDays: 365 };

export type CompactEvent = DemoStep & { daysAgo: number };

export interface CompactAction {
  title: string;
  /** The undertaking as the Compact words it. */
  description: string;
  /** Group names and person display names, split on "/" when seeding. */
  leadWording: string;
  timescale: string;
  /** Relative to the day the demo loads; null where the undertaking is ongoing. */
  dueInDays: number | null;
  /** Replayed in order, oldest first. */
  history: CompactEvent[];
}

export interface CompactObjective {
  title: string;
  actions: CompactAction[];
}

// Timescales count plan months ("By month 3") rather than naming calendar months,
// so the wording agrees with the due date whenever the demo is loaded.
export const compactObjectives: CompactObjective[] = [
  {
    title: "A strong, diverse and independent voluntary and community sector",
    actions: [
      {
        title: "Respect and uphold the independence of VCS organisations, including their right to campaign",
        description:
          "Respect and uphold the independence of Voluntary and Community Sector organisations (VCS) to deliver their " +
          "mission including their right to campaign regardless of any relationship financial or otherwise which may exist.",
        leadWording: "Statutory organisations",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 137, by: HELEN, kind: "move", to: "in_progress" }],
      },
      {
        title: "Ensure VCS organisations commissioned or funded by SOs are resourced reasonably and fairly",
        description:
          "Ensure VCS are supported and resourced in a reasonable and fair manner where they are commissioned or funded by SOs to fulfil their aims.",
        leadWording: "Statutory organisations/Rajesh Kapoor",
        timescale: "Report to the steering group in month 6",
        dueInDays: 18,
        history: [
          { daysAgo: 84, by: RAJESH, kind: "move", to: "in_progress" },
          {
            daysAgo: 18,
            by: GRACE,
            kind: "note",
            body: "CVS members have sent in 23 examples of contracts where costs have risen but the price has not; passed to Rajesh for his review.",
          },
        ],
      },
      {
        title: "Resource local support and development organisations so VCS can build capacity",
        description:
          "Ensure that SO’s collectively recognise the need to resource, in a range of ways, local support and " +
          "development organisations in order to assist VCS with their capacity to deliver positive outcomes.",
        leadWording: "Statutory organisations",
        timescale: "Before the budget is set",
        dueInDays: -12,
        history: [
          { daysAgo: 120, by: RAJESH, kind: "move", to: "in_progress" },
          {
            daysAgo: 89,
            by: GRACE,
            kind: "note",
            body: "Infrastructure bodies have asked for a three-year settlement covering all ten districts; no commitment yet from the district councils.",
          },
          { daysAgo: 25, by: RAJESH, kind: "move", to: "at_risk" },
          {
            daysAgo: 25,
            by: RAJESH,
            kind: "note",
            body: "Two district councils have proposed cutting infrastructure grants in their draft budgets. Raised at the steering group.",
          },
        ],
      },
      {
        title: "Make data and information more accessible to the VCS",
        description:
          "Ensure greater transparency by making data and information more accessible; helping VCS to make " +
          "appropriate challenges and allowing them to access new and existing markets of service provision.",
        leadWording: "Statutory organisations/Helen Marsh",
        timescale: "By month 4",
        dueInDays: -29,
        history: [
          { daysAgo: 131, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 100,
            by: HELEN,
            kind: "note",
            body: "Commissioning plans, needs assessments and grant spend by district now listed on one open data page, linked from the Compact web page.",
          },
          { daysAgo: 49, by: HELEN, kind: "move", to: "done" },
          { daysAgo: 45, by: GRACE, kind: "confirm" },
        ],
      },
      {
        title: "Open up SO premises and resources to the VCS where this produces public benefits",
        description: "Consider ways to facilitate greater VCS access to SO premises and resources where this will produce public benefits.",
        leadWording: "Statutory organisations/Claire Donnelly",
        timescale: "By month 12",
        dueInDays: 215,
        history: [
          { daysAgo: 88, by: CLAIRE, kind: "move", to: "in_progress" },
          {
            daysAgo: 69,
            by: CLAIRE,
            kind: "note",
            body: "Three Rivers has listed the meeting rooms community groups can book free of charge. Asking the other districts for their lists.",
          },
        ],
      },
      {
        title: "Create a transparent and open commissioning environment",
        description: "Create a transparent and open commissioning environment to foster good relations, encourage co-operation and partnership.",
        leadWording: "Statutory organisations/Rajesh Kapoor",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 109, by: RAJESH, kind: "move", to: "in_progress" }],
      },
      {
        title: "Back campaigning and advocacy with robust evidence of who is represented",
        description:
          "When campaigning or advocating ensure that robust evidence is provided including " +
          "information about the source and range of people and communities represented.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [
          { daysAgo: 75, by: GRACE, kind: "move", to: "in_progress" },
          {
            daysAgo: 73,
            by: TOM,
            kind: "note",
            body: "The CVS campaigning guide now asks members to say who they speak for and where their evidence comes from.",
          },
        ],
      },
      {
        title: "Uphold independence, focusing on the cause represented whatever the funding relationship",
        description:
          "Ensure independence is upheld focusing on the cause represented regardless of any relationship they have with the SO financial or otherwise.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [],
      },
      {
        title: "Monitor and evaluate activities against each organisation's mission",
        description: "Monitor and evaluate activities that are undertaken to ensure they achieve the organisations mission.",
        leadWording: "Voluntary and community sector/Tom Whitfield",
        timescale: "First quarter",
        dueInDays: -59,
        history: [
          { daysAgo: 135, by: TOM, kind: "move", to: "in_progress" },
          { daysAgo: 110, by: TOM, kind: "note", body: "Free outcomes-monitoring workshops run for small groups in two districts; 34 organisations attended." },
          { daysAgo: 88, by: TOM, kind: "move", to: "done" },
          { daysAgo: 81, by: RAJESH, kind: "confirm" },
        ],
      },
      {
        title: "Encourage and support volunteer engagement in developing and delivering public services",
        description: "Encourage, facilitate and support volunteer engagement in the development and delivery of public services",
        leadWording: "Statutory organisations/Voluntary and community sector/Aisha Rahman",
        timescale: "By month 9",
        dueInDays: 123,
        history: [
          { daysAgo: 113, by: AISHA, kind: "move", to: "in_progress" },
          { daysAgo: 44, by: MARK, kind: "note", body: "Dacorum will pilot a shared volunteer role description for its libraries with the volunteer centre." },
          { daysAgo: 7, by: AISHA, kind: "note", body: "Library volunteer pilot started with 12 volunteers; induction run jointly with Dacorum staff." },
        ],
      },
      {
        title: "Respect each other's organisational processes and use established procedures for concerns",
        description:
          "When working jointly with another organisation, respect each other’s organisational " +
          "processes and use established procedures to address any concerns or queries that arise.",
        leadWording: "Statutory organisations/Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [
          { daysAgo: 27, by: CLAIRE, kind: "move", to: "in_progress" },
          {
            daysAgo: 27,
            by: CLAIRE,
            kind: "note",
            body: "Agreed that concerns go first to the named contract or grant manager, then to the steering group. Route to be published with the Compact.",
          },
        ],
      },
      {
        title: "Adopt a “no surprises” approach before press contact, social media or public announcements",
        description:
          "Prior to initiating contact with the press, using social media, or making public announcements, adopt a “no " +
          "surprises” approach so that no organisation is unfairly or unnecessarily deprived of information or reasonable notice.",
        leadWording: "Statutory organisations/Voluntary and community sector",
        timescale: "By month 2",
        dueInDays: -90,
        history: [
          { daysAgo: 146, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 138,
            by: HELEN,
            kind: "note",
            body: "Draft “no surprises” media protocol circulated to communications leads at the county council, the districts and the infrastructure bodies.",
          },
          {
            daysAgo: 127,
            by: GRACE,
            kind: "note",
            body: "VCS comments returned: small groups need a named press contact at each council, not a general inbox.",
          },
          { daysAgo: 108, by: HELEN, kind: "move", to: "done" },
          { daysAgo: 104, by: GRACE, kind: "confirm" },
        ],
      },
      {
        title: "Promote the Compact as the agreed basis for effective partnership working",
        description: "Take advantage of opportunities to promote the COMPACT as the agreed basis for effective partnership working.",
        leadWording: "Compact Steering Group",
        timescale: "Sign-up drive through month 6",
        dueInDays: 28,
        history: [
          { daysAgo: 100, by: GRACE, kind: "move", to: "in_progress" },
          {
            daysAgo: 60,
            by: HELEN,
            kind: "note",
            body: "Sign-up pack sent to all ten district and borough councils. Three Rivers' Policy and Resources Committee has agreed to sign.",
          },
          { daysAgo: 12, by: AISHA, kind: "note", body: "Volunteer centre newsletter ran a Compact feature; 22 more groups have signed up online since." },
        ],
      },
    ],
  },
  {
    title: "Effective and transparent design and development of policies, programmes and public services",
    actions: [
      {
        title: "Make social, environmental and economic value a standard part of policy and service design",
        description:
          "Ensure that social, environmental and economic value forms a standard part of designing, developing and delivering " +
          "policies programmes and services. All policy decisions are subject to the Equalities Impact Assessment process.",
        leadWording: "Statutory organisations",
        timescale: "By month 3",
        dueInDays: -59,
        history: [
          { daysAgo: 128, by: CLAIRE, kind: "move", to: "in_progress" },
          {
            daysAgo: 113,
            by: CLAIRE,
            kind: "note",
            body: "Three Rivers' committee report template now has social value and equalities relevance sections; sent to the other districts as an example.",
          },
          { daysAgo: 42, by: CLAIRE, kind: "move", to: "done" },
          { daysAgo: 38, by: AISHA, kind: "confirm" },
        ],
      },
      {
        title: "Consider the social impact of policies and programmes on local social action",
        description:
          "Consider the social impact that may result from policy and programme development and in particular consider " +
          "how these would impact local efforts to inspire and encourage social action and to empower communities.",
        leadWording: "Statutory organisations",
        timescale: "Ongoing",
        dueInDays: null,
        history: [
          { daysAgo: 65, by: MARK, kind: "move", to: "in_progress" },
          {
            daysAgo: 65,
            by: MARK,
            kind: "note",
            body: "Dacorum's draft community strategy now asks how each proposal would affect local volunteering and social action.",
          },
        ],
      },
      {
        title: "Work with the VCS from the earliest possible stage to design policies, programmes and services",
        description:
          "Work with VCS from the earliest possible stage to design policies, programmes and services. Ensure " +
          "those likely to have a view are involved and remove barriers that may prevent organisations contributing.",
        leadWording: "Statutory organisations/Helen Marsh",
        timescale: "By month 6",
        dueInDays: 32,
        history: [
          { daysAgo: 80, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 37,
            by: GRACE,
            kind: "note",
            body: "VCS representatives were invited to the first design workshop for the new carers' strategy this time, not just the consultation.",
          },
        ],
      },
      {
        title: "Give notice of forthcoming consultations and run 12-week consultations where appropriate",
        description:
          "Give notice of forthcoming consultations relevant to the VCS, allowing where possible enough time " +
          "for VCS to involve their service users, beneficiaries, members, volunteers and trustees in preparing " +
          "responses. Where it is appropriate, and enables meaningful engagement, conduct 12-week formal written " +
          "consultations, with clear explanations and rationale for shorter time frames or a more informal approach.",
        leadWording: "Statutory organisations/Claire Donnelly",
        timescale: "Consultation calendar by month 4",
        dueInDays: -29,
        history: [
          { daysAgo: 111, by: CLAIRE, kind: "move", to: "in_progress" },
          {
            daysAgo: 35,
            by: CLAIRE,
            kind: "note",
            body: "Forward consultation calendar drafted for Three Rivers and the county council; still waiting for returns from four districts.",
          },
          {
            daysAgo: 9,
            by: GRACE,
            kind: "note",
            body: "Groups are still hearing of consultations with under six weeks to respond. The calendar is needed before the next round starts.",
          },
        ],
      },
      {
        title: "Feed back to consultation respondents on how their views influenced decisions",
        description:
          "Provide feedback, where appropriate, to explain how respondents including those who felt there may be barriers, have influenced " +
          "the design and development of policies/programmes/public services including where respondents’ views have not been acted upon.",
        leadWording: "Statutory organisations",
        timescale: "By month 5",
        dueInDays: 2,
        history: [
          {
            daysAgo: 13,
            by: AISHA,
            kind: "note",
            body: "Raised at the steering group: no “you said, we did” feedback has gone out yet on the last three county consultations.",
          },
        ],
      },
      {
        title: "Engage with SOs as they develop policies, programmes and services",
        description: "Engage with SOs as they develop policies, programmes and services that affect local communities and VCS services.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [
          { daysAgo: 90, by: TOM, kind: "move", to: "in_progress" },
          { daysAgo: 48, by: TOM, kind: "note", body: "The CVS policy forum now meets a week before each county cabinet; three joint responses sent so far." },
        ],
      },
      {
        title: "Be clear, when making representation, who is represented and on what basis",
        description: "Be clear, when making representation, who is being represented in what capacity and on what basis that representation is being made.",
        leadWording: "Voluntary and community sector",
        timescale: "By month 3",
        dueInDays: -59,
        history: [
          { daysAgo: 122, by: GRACE, kind: "move", to: "in_progress" },
          {
            daysAgo: 97,
            by: FIONA,
            kind: "note",
            body: "Forum members tried the one-page representation statement on two consultation responses; it works and takes ten minutes to fill in.",
          },
          { daysAgo: 64, by: GRACE, kind: "move", to: "done" },
          { daysAgo: 60, by: HELEN, kind: "confirm" },
        ],
      },
      {
        title: "Put forward evidence-based ideas with clear proposals for positive outcomes",
        description: "When putting forward ideas, focus on evidence based solutions, with clear proposals for positive outcomes.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [],
      },
      {
        title: "Encourage and facilitate engagement in developing and delivering services",
        description: "Encourage and facilitate engagement in both development and delivery of services.",
        leadWording: "Statutory organisations/Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 28, by: FIONA, kind: "move", to: "in_progress" }],
      },
      {
        title: "Seek and use the views of service users and the public in designing programmes and services",
        description:
          "Seek, and take on board, the views of service users, clients, beneficiaries " +
          "and wider members of the public in the design and development of programmes " +
          "and services, including the use of data that is available. Aim to find solutions " +
          "that are evidence-based and clearly able to demonstrate positive outcomes.",
        leadWording: "Statutory organisations/Voluntary and community sector",
        timescale: "By month 9",
        dueInDays: 123,
        history: [
          { daysAgo: 72, by: AISHA, kind: "move", to: "in_progress" },
          {
            daysAgo: 29,
            by: FIONA,
            kind: "note",
            body: "Two listening sessions held with disabled residents on the draft transport plan; findings shared with the county council.",
          },
        ],
      },
      {
        title: "Assess new policies and legislation jointly to reduce the bureaucratic burden on small organisations",
        description:
          "Work in partnership to assess implications of new policies, legislation and guidance " +
          "aiming to reduce the bureaucratic burden particularly on small organisations.",
        leadWording: "Compact Steering Group",
        timescale: "By month 4",
        dueInDays: -29,
        history: [
          { daysAgo: 108, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 80,
            by: AISHA,
            kind: "note",
            body: "Small groups report answering the same safeguarding and insurance questions for every funder. Collecting examples.",
          },
          { daysAgo: 20, by: GRACE, kind: "move", to: "at_risk" },
          {
            daysAgo: 20,
            by: GRACE,
            kind: "note",
            body: "Only the county council has agreed to a shared due-diligence “passport” so far; the districts have not replied.",
          },
        ],
      },
    ],
  },
  {
    title: "Responsive and high-quality programmes and services",
    actions: [
      {
        title: "Give the VCS a greater role in delivering public services and apply the Social Value Act",
        description:
          "Enable the VCS to have a greater role and more opportunities in delivering public " +
          "services in line with the Hertfordshire statutory organisations commissioning strategies. " +
          "Comply with the requirement in the Public Services (Social Value) Act 2012 to " +
          "consider the economic, environmental and social benefits of all procurement practice.",
        leadWording: "Statutory organisations/Rajesh Kapoor",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 134, by: RAJESH, kind: "move", to: "in_progress" }],
      },
      {
        title: "Use a range of ways to fund and support the VCS and remove barriers for smaller organisations",
        description:
          "Consider a range of ways to fund and support VCS where they are delivering SO aims and objectives " +
          "including grants, contracts, sub-contracting and use of resources and premises. Work to remove " +
          "barriers that may prevent VCS accessing SO funding thereby enabling smaller organisations to " +
          "become involved in delivering services where they are best placed to achieve the desired outcomes.",
        leadWording: "Statutory organisations",
        timescale: "By month 12",
        dueInDays: 215,
        history: [
          { daysAgo: 57, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 50,
            by: GRACE,
            kind: "note",
            body: "VCS asked for smaller lots in the next day-services tender so local groups can bid without a prime contractor.",
          },
        ],
      },
      {
        title: "Give a clear rationale for relevant funding decisions",
        description: "Ensure transparency by providing a clear rationale for relevant funding decisions.",
        leadWording: "Statutory organisations/Rajesh Kapoor",
        timescale: "By month 3",
        dueInDays: -59,
        history: [
          { daysAgo: 125, by: RAJESH, kind: "move", to: "in_progress" },
          {
            daysAgo: 101,
            by: RAJESH,
            kind: "note",
            body: "Grant decision letters now give the panel's reasons and scores; unsuccessful applicants are offered a feedback call.",
          },
          { daysAgo: 71, by: RAJESH, kind: "move", to: "done" },
          { daysAgo: 67, by: GRACE, kind: "confirm" },
        ],
      },
      {
        title: "Commit to multi-year funding where appropriate, or explain why not",
        description:
          "Commit to multi-year funding, where appropriate, and where it adds value for money. The funding term should reflect the time it will " +
          "take to deliver the outcome. If multi-year funding is not considered to be the best way of delivering the objective, explain the reasons.",
        leadWording: "Statutory organisations/Rajesh Kapoor",
        timescale: "Before next year's grant offers",
        dueInDays: -8,
        history: [
          { daysAgo: 98, by: RAJESH, kind: "move", to: "in_progress" },
          {
            daysAgo: 40,
            by: RAJESH,
            kind: "note",
            body: "Cabinet paper recommending three-year grants for infrastructure and advice services drafted; legal and finance still to comment.",
          },
          { daysAgo: 14, by: GRACE, kind: "move", to: "at_risk" },
          {
            daysAgo: 14,
            by: GRACE,
            kind: "note",
            body: "Several VCS grants have again been offered for one year only. Some organisations are issuing redundancy notices as a precaution.",
          },
        ],
      },
      {
        title: "Run well-managed, transparent and proportionate application and tendering processes",
        description:
          "Ensure well managed and transparent application and tendering processes " +
          "which are proportionate to the desired objectives and outcomes of programmes.",
        leadWording: "Statutory organisations",
        timescale: "By month 4",
        dueInDays: -29,
        history: [
          { daysAgo: 106, by: RAJESH, kind: "move", to: "in_progress" },
          { daysAgo: 14, by: RAJESH, kind: "move", to: "done" },
          { daysAgo: 11, by: GRACE, kind: "confirm" },
        ],
      },
      {
        title: "Agree proportionate outcome monitoring with the VCS before contracts or funding agreements",
        description:
          "Agree with VCSs how outcomes, including those of social, environmental or economic " +
          "value, will be monitored before a contract or funding agreement is made. Ensure that " +
          "monitoring/reporting is relevant and proportionate to the nature and size of the opportunity. " +
          "Be clear about what information is being asked for and why and how it will be used.",
        leadWording: "Statutory organisations/Rajesh Kapoor",
        timescale: "By month 6",
        dueInDays: 32,
        history: [
          { daysAgo: 76, by: RAJESH, kind: "move", to: "in_progress" },
          {
            daysAgo: 41,
            by: RAJESH,
            kind: "note",
            body: "Monitoring framework drafted in three tiers by grant size, with light-touch reporting under £10,000.",
          },
          {
            daysAgo: 26,
            by: AISHA,
            kind: "note",
            body: "Small groups tested the light-touch form. They asked for one annual return instead of quarterly ones.",
          },
        ],
      },
      {
        title: "Treat sectors equally in reporting and monitoring when tendering for contracts",
        description: "Ensure equal treatment across sectors including reporting and monitoring arrangements when tendering for contracts.",
        leadWording: "Statutory organisations",
        timescale: "Ongoing",
        dueInDays: null,
        history: [],
      },
      {
        title: "Allow appropriate overheads, including collaboration, training and volunteer costs, in funding bids",
        description:
          "Recognise that when VCS apply for funding they can include appropriate and relevant overheads including the " +
          "costs associated with items such as collaboration with other organisations and training and volunteer involvement.",
        leadWording: "Statutory organisations/Mark Ellison",
        timescale: "By month 3",
        dueInDays: -59,
        history: [
          { daysAgo: 112, by: MARK, kind: "move", to: "in_progress" },
          { daysAgo: 92, by: GRACE, kind: "note", body: "VCS asked that full cost recovery covers volunteer expenses and training, as the Compact says." },
          {
            daysAgo: 56,
            by: MARK,
            kind: "note",
            body: "Funding guidance rewritten to allow overheads, collaboration, training and volunteer costs; in use at Dacorum and the county council.",
          },
          { daysAgo: 23, by: MARK, kind: "move", to: "done" },
          { daysAgo: 19, by: AISHA, kind: "confirm" },
        ],
      },
      {
        title: "Allocate risks to those best equipped to manage them, including through prime contractors",
        description:
          "Discuss and allocate risks to the organisation(s) best equipped to manage them. Where prime contractors are used ensure they adhere to the " +
          "principles of this COMPACT in allocating risk. Ensure delivery terms and risks are proportionate to the nature and value of the opportunity.",
        leadWording: "Statutory organisations",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 36, by: CLAIRE, kind: "move", to: "in_progress" }],
      },
      {
        title: "Use funding models that widen involvement, such as outcome-based payments and payment in advance",
        description:
          "Ensure that the widest possible range of organisations can be involved in the provision " +
          "of services through appropriate funding and financing models, for example outcome " +
          "based payments and payment in advance of expenditure. Payment in advance of expenditure " +
          "should be considered on a case-by-case basis where this represents value for money.",
        leadWording: "Statutory organisations",
        timescale: "By month 12",
        dueInDays: 215,
        history: [],
      },
      {
        title: "Ensure all bodies distributing funds on SOs' behalf, including prime contractors, follow the Compact",
        description:
          "Ensure all bodies distributing funds on the SO’s behalf adhere to the commitments " +
          "in this COMPACT. This includes the relationship between prime contractors " +
          "and their supply chains. Demonstrate how funding arrangements and financial " +
          "support can allow smaller and specialist providers to play a greater part.",
        leadWording: "Statutory organisations",
        timescale: "Before new contracts are let in month 6",
        dueInDays: 24,
        history: [],
      },
      {
        title: "Check eligibility before applying for funding and be explicit about outcomes",
        description: "Ensure eligibility for funding before applying and be explicit about how outcomes will be achieved.",
        leadWording: "Voluntary and community sector/Tom Whitfield",
        timescale: "By month 2",
        dueInDays: -90,
        history: [
          { daysAgo: 133, by: TOM, kind: "move", to: "in_progress" },
          {
            daysAgo: 115,
            by: TOM,
            kind: "note",
            body: "Funding-readiness sessions held in four districts, with a checklist on eligibility and outcomes to use before starting any bid.",
          },
          { daysAgo: 79, by: TOM, kind: "move", to: "done" },
          { daysAgo: 74, by: HELEN, kind: "confirm" },
        ],
      },
      {
        title: "Keep robust governance to manage delivery risk and give funders early notice of changes",
        description:
          "Ensure robust governance arrangements so that organisations can best manage any risk associated with service " +
          "delivery and financing models including giving funders early notice of significant changes in circumstances.",
        leadWording: "Voluntary and community sector",
        timescale: "By month 6",
        dueInDays: 32,
        history: [
          { daysAgo: 94, by: TOM, kind: "move", to: "in_progress" },
          { daysAgo: 68, by: TOM, kind: "note", body: "Governance health check offered to all CVS members; 19 trustee boards booked so far." },
        ],
      },
      {
        title: "Be open and transparent about reporting as part of good management",
        description:
          "Be open and transparent about reporting, recognising that monitoring (whether internal or external) is an aspect of good management practice.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 44, by: GRACE, kind: "move", to: "in_progress" }],
      },
      {
        title: "Demonstrate the social, environmental or economic value of programmes and services",
        description: "Demonstrate the social, environmental or economic value of the programmes and services provided, where appropriate.",
        leadWording: "Voluntary and community sector/Tom Whitfield",
        timescale: "By month 4",
        dueInDays: -29,
        history: [
          { daysAgo: 117, by: TOM, kind: "move", to: "in_progress" },
          {
            daysAgo: 87,
            by: TOM,
            kind: "note",
            body:
              "Social value toolkit drafted with the county council's procurement team: " +
              "a one-page way for small groups to show volunteer hours and local spend.",
          },
          { daysAgo: 9, by: TOM, kind: "move", to: "done" },
          { daysAgo: 9, by: TOM, kind: "note", body: "Toolkit published on the CVS websites. Ready for the statutory side to confirm." },
        ],
      },
      {
        title: "Help feed back the views of users and communities to SOs to improve services",
        description: "Help facilitate feedback from users and communities to the SO to help improve delivery of programmes and services.",
        leadWording: "Voluntary and community sector",
        timescale: "Quarterly",
        dueInDays: null,
        history: [
          { daysAgo: 102, by: AISHA, kind: "move", to: "in_progress" },
          { daysAgo: 77, by: AISHA, kind: "note", body: "First quarterly digest of user feedback sent to the county council's commissioners." },
          { daysAgo: 15, by: AISHA, kind: "note", body: "Second quarterly digest sent. Commissioners asked for it to be broken down by district next time." },
        ],
      },
      {
        title: "Give public recognition of SO funding",
        description: "Recognise that SO can legitimately expect VCS to give public recognition of its funding.",
        leadWording: "Voluntary and community sector/Grace Okafor",
        timescale: "Within two months",
        dueInDays: -90,
        history: [
          { daysAgo: 141, by: GRACE, kind: "move", to: "in_progress" },
          {
            daysAgo: 129,
            by: GRACE,
            kind: "note",
            body: "Guidance on acknowledging public funding in annual reports, websites and press releases sent to all CVS members.",
          },
          { daysAgo: 124, by: GRACE, kind: "move", to: "done" },
          { daysAgo: 121, by: RAJESH, kind: "confirm" },
        ],
      },
      {
        title: "Engage European funding bodies and bidders with the Compact's undertakings",
        description:
          "In order to apply COMPACT principles in the distribution of European funding, " +
          "we will work together to engage managing authorities, opt in partners and " +
          "successful bidders with the undertakings of Hertfordshire COMPACT. Where " +
          "conflicts arise we will discuss the potential effects and agree solutions together.",
        leadWording: "Compact Steering Group",
        timescale: "First quarter",
        dueInDays: -59,
        history: [
          { daysAgo: 95, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 62,
            by: HELEN,
            kind: "note",
            body: "Letter drafted asking the Local Enterprise Partnership's European programme team to adopt the Compact undertakings; awaiting sign-off.",
          },
          {
            daysAgo: 24,
            by: GRACE,
            kind: "note",
            body: "The Local Enterprise Partnership has agreed to put the Compact on a board agenda, but has not given a date.",
          },
        ],
      },
      {
        title: "Run an annual survey on the effectiveness of the SO/VCS partnership and publish the results",
        description:
          "Encourage feedback through an annual survey from a range of sources on the effectiveness of the SO/ VCS partnership " +
          "and how successful it has been in delivering shared objectives. Place this feedback in the public domain.",
        leadWording: "Compact Steering Group",
        timescale: "First survey before the six-month review, then annually",
        dueInDays: 13,
        history: [
          { daysAgo: 54, by: AISHA, kind: "move", to: "in_progress" },
          { daysAgo: 16, by: GRACE, kind: "note", body: "Twelve-question online survey drafted; piloting it with ten groups this week." },
          {
            daysAgo: 3,
            by: HELEN,
            kind: "note",
            body: "The county council's research team will host the survey and publish the results on the open data page.",
          },
        ],
      },
    ],
  },
  {
    title: "Clear arrangements for managing changes to programmes and services",
    actions: [
      {
        title: "Agree an improvement timetable with the VCS before ending a financial relationship",
        description:
          "If a programme or service is encountering problems agree with the VCS a timetable of " +
          "actions to improve performance before making a decision to end a financial relationship.",
        leadWording: "Statutory organisations",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 86, by: CLAIRE, kind: "move", to: "in_progress" }],
      },
      {
        title: "Assess the impact on beneficiaries, service users and volunteers before reducing or ending funding",
        description:
          "Assess the impact on beneficiaries, service users and volunteers before deciding to reduce or " +
          "end funding. Assess the need to re-allocate funds to another organisation serving the same group.",
        leadWording: "Statutory organisations",
        timescale: "By month 3",
        dueInDays: -59,
        history: [
          { daysAgo: 116, by: RAJESH, kind: "move", to: "in_progress" },
          {
            daysAgo: 77,
            by: RAJESH,
            kind: "note",
            body: "Impact checklist added to the decommissioning procedure; it must be signed off before any grant is reduced.",
          },
          { daysAgo: 31, by: RAJESH, kind: "move", to: "done" },
          { daysAgo: 27, by: GRACE, kind: "confirm" },
        ],
      },
      {
        title: "Discuss restrictions or changes to future resources with the VCS as early as possible",
        description:
          "Where there are restrictions or changes to future resources discuss with VCSs the potential implications as early as possible, give " +
          "organisations the opportunity to respond and consider the response, fully respecting sector expertise before making a final decision.",
        leadWording: "Statutory organisations/Helen Marsh",
        timescale: "Before budget proposals go to cabinet",
        dueInDays: 9,
        history: [
          { daysAgo: 58, by: HELEN, kind: "move", to: "in_progress" },
          {
            daysAgo: 6,
            by: HELEN,
            kind: "note",
            body: "Budget briefing for VCS leaders booked for the week before the proposals go to cabinet; invitations sent through the CVSs.",
          },
        ],
      },
      {
        title: "Give at least three months' written notice, with reasons, when changing or ending funding",
        description:
          "Give a minimum of three months’ notice in writing when changing or ending a funding relationship or other " +
          "support apart from in exceptional circumstances and provide a clear rationale for why the decision has been taken.",
        leadWording: "Statutory organisations/Claire Donnelly",
        timescale: "By month 2",
        dueInDays: -90,
        history: [
          { daysAgo: 139, by: CLAIRE, kind: "move", to: "in_progress" },
          {
            daysAgo: 118,
            by: CLAIRE,
            kind: "note",
            body: "The three months' written notice clause in Three Rivers' service level agreements is now in the county council's grant conditions too.",
          },
          { daysAgo: 99, by: CLAIRE, kind: "move", to: "done" },
          { daysAgo: 96, by: AISHA, kind: "confirm" },
        ],
      },
      {
        title: "Plan for the end of funding to reduce the impact on beneficiaries and the organisation",
        description: "Plan for the end of funding to reduce any potential negative impact on beneficiaries and the organisation.",
        leadWording: "Voluntary and community sector",
        timescale: "By month 8",
        dueInDays: 93,
        history: [
          { daysAgo: 59, by: TOM, kind: "move", to: "in_progress" },
          { daysAgo: 28, by: TOM, kind: "note", body: "Exit-planning workshop for trustees run with 15 organisations whose grants end this year." },
        ],
      },
      {
        title: "Contribute positively to reviews of programmes and funding practice",
        description: "Contribute positively to reviews of programmes and funding practice.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [
          { daysAgo: 85, by: GRACE, kind: "move", to: "in_progress" },
          { daysAgo: 52, by: FIONA, kind: "note", body: "Forum members gave evidence to the county council's review of its community grants scheme." },
        ],
      },
      {
        title: "Advise SOs on the impact of funding changes on people in vulnerable situations",
        description:
          "Advise SOs on the social, environmental or economic impact of funding changes " +
          "and on ways to minimise their effects on people in vulnerable situations.",
        leadWording: "Voluntary and community sector/Fiona Gallagher",
        timescale: "By month 4",
        dueInDays: -29,
        history: [
          { daysAgo: 103, by: FIONA, kind: "move", to: "in_progress" },
          {
            daysAgo: 66,
            by: FIONA,
            kind: "note",
            body: "Briefing on how the proposed day-centre changes would affect disabled and older people sent to the county council's scrutiny committee.",
          },
          { daysAgo: 8, by: FIONA, kind: "move", to: "done" },
          { daysAgo: 4, by: HELEN, kind: "confirm" },
        ],
      },
      {
        title: "Plan jointly for the end of contracts and funding to minimise the impact on beneficiaries",
        description: "Jointly plan for the end of contracts and funding to minimise negative impacts on beneficiaries and services.",
        leadWording: "Statutory organisations/Voluntary and community sector",
        timescale: "Before current contracts end",
        dueInDays: 45,
        history: [
          { daysAgo: 70, by: TOM, kind: "move", to: "in_progress" },
          { daysAgo: 16, by: TOM, kind: "move", to: "at_risk" },
          {
            daysAgo: 16,
            by: TOM,
            kind: "note",
            body: "Three county advice contracts end this year and no joint exit planning meeting has been set. Providers have asked for one.",
          },
        ],
      },
    ],
  },
  {
    title: "An equal and fair society",
    actions: [
      {
        title: "Work with VCS organisations serving protected and disadvantaged groups and act on their views",
        description:
          "Work with VCS that represent, support or provide services to people specifically protected by " +
          "legislation and other under-represented and disadvantaged groups. Understand the specific needs of " +
          "these groups by actively seeking the views of service users and clients. Take these views into " +
          "account, including assessing impact, when designing and implementing policies, programmes and services.",
        leadWording: "Statutory organisations",
        timescale: "Ongoing",
        dueInDays: null,
        history: [{ daysAgo: 123, by: HELEN, kind: "move", to: "in_progress" }],
      },
      {
        title: "Acknowledge fair access to state funding for organisations representing disadvantaged groups",
        description:
          "Acknowledge that organisations representing specific disadvantaged or under-represented group(s) " +
          "can help promote social and community cohesion and should have fair access to state funding.",
        leadWording: "Statutory organisations",
        timescale: "By month 9",
        dueInDays: 123,
        history: [],
      },
      {
        title: "Show funders how the work helps them meet their public sector equality duties",
        description:
          "If receiving funding from a SO, show how the value of the work can help that body " +
          "deliver its public sector duties on promoting equality and tackling discrimination.",
        leadWording: "Voluntary and community sector/Fiona Gallagher",
        timescale: "By month 3",
        dueInDays: -59,
        history: [
          { daysAgo: 119, by: FIONA, kind: "move", to: "in_progress" },
          {
            daysAgo: 93,
            by: FIONA,
            kind: "note",
            body: "Template equality paragraph for monitoring returns agreed with the county council's equalities officer and shared with forum members.",
          },
          { daysAgo: 57, by: FIONA, kind: "move", to: "done" },
          { daysAgo: 52, by: RAJESH, kind: "confirm" },
        ],
      },
      {
        title: "Take practical action through funding bids to eliminate discrimination and advance equality",
        description:
          "Take practical action, such as through funding bids, to eliminate unlawful " +
          "discrimination, advance equality of opportunity and build stronger communities.",
        leadWording: "Voluntary and community sector",
        timescale: "Ongoing",
        dueInDays: null,
        history: [
          { daysAgo: 83, by: FIONA, kind: "move", to: "in_progress" },
          {
            daysAgo: 22,
            by: FIONA,
            kind: "note",
            body: "Model equality section for funding bids shared with 40 member groups; two have used it in lottery bids already.",
          },
        ],
      },
      {
        title: "Foster good relations, advance equality and ensure a voice for under-represented groups",
        description:
          "Take practical action to foster good relations, eliminate unlawful discrimination, " +
          "advance equality and to ensure a voice for under-represented and disadvantaged groups.",
        leadWording: "Statutory organisations/Voluntary and community sector/Fiona Gallagher",
        timescale: "By month 12",
        dueInDays: 215,
        history: [
          { daysAgo: 91, by: FIONA, kind: "move", to: "in_progress" },
          { daysAgo: 5, by: FIONA, kind: "note", body: "Hate crime awareness week planned with the police and three district councils." },
        ],
      },
    ],
  },
];
