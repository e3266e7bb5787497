// `npm run db:migrate`, `npm run db:seed`, `npm run db:admin -- …` and the operator's other commands below.
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { databaseOptionsFromEnv } from "../../db/config";
import { migrateToLatest } from "../../db/migrate";
import { SECTORS, type Sector } from "../domain/vocabulary";
import { seedDemoData } from "../demo/seed.server";
import { issueOperatorResetLink } from "../server/auth/password-resets.server";
import { purgeSecurityLog } from "../server/auth/security-log-retention.server";
import { config } from "../server/platform/config.server";
import { ERASED_NOTE_TEXT, erasePerson, planErasure, setErasurePolicy, type ErasurePlan } from "../server/people/erasure.server";
import { bootstrapAdmin } from "../server/people/first-admin.server";

const USAGE = `Usage:
  npm run db:migrate
  npm run db:seed
  npm run db:admin -- --slug <partnership-slug> --partnership <name> --email <email> --name <person's name>
                      --sector <${SECTORS.join("|")}> [--url <https://board.example.org>]
  npm run db:reset-link -- --email <email> [--url <https://board.example.org>]
  npm run db:erase-person -- --email <email> [--dry-run]
  npm run db:erasure-policy -- --slug <partnership-slug> --notes <keep|remove>
  npm run db:purge-security-log [-- --days <days, default SECURITY_LOG_DAYS or 400>]`;

const COMMANDS = ["migrate", "seed", "admin", "reset-link", "erase-person", "erasure-policy", "purge-security-log"];
const [command, ...rest] = process.argv.slice(2);
if (!command || !COMMANDS.includes(command)) {
  console.error(USAGE);
  process.exit(2);
}

const handle = await openDatabase(databaseOptionsFromEnv());
try {
  console.log(`Database: ${handle.engine} at ${handle.location}`);
  const { results = [] } = await migrateToLatest(handle.db);
  for (const result of results) console.log(`Migration ${result.migrationName}: ${result.status}`);
  if (results.length === 0) console.log("Schema is up to date.");
  if (command === "seed") {
    const { created } = await seedDemoData(handle.db);
    console.log(created ? "Loaded the demo partnerships." : "Demo data is already there; nothing changed.");
  }
  if (command === "admin") await createFirstAdmin(rest);
  if (command === "reset-link") await printResetLink(rest);
  if (command === "erase-person") await erase(rest);
  if (command === "erasure-policy") await setPolicy(rest);
  if (command === "purge-security-log") await purge(rest);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}

/** A partnership's first admin: prints the invitation link they open to choose a password. */
async function createFirstAdmin(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      slug: { type: "string" },
      partnership: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      sector: { type: "string" },
      url: { type: "string", default: `http://localhost:${process.env.PORT || 3000}` },
    },
  });
  const sector = values.sector as Sector;
  if (
    !values.slug ||
    !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug) ||
    !values.partnership ||
    !values.email?.includes("@") ||
    !values.name ||
    !SECTORS.includes(sector)
  ) {
    throw new Error(USAGE);
  }
  const { token, expiresAt } = await bootstrapAdmin(handle.db, {
    partnershipSlug: values.slug,
    partnershipName: values.partnership,
    email: values.email.trim().toLowerCase(),
    displayName: values.name,
    sector,
  });
  console.log(`Send ${values.name} this link; it works once, until ${expiresAt.toUTCString()}:`);
  console.log(new URL(`/invitations/${token}`, values.url!).toString());
}

/** A password reset link for someone no single admin may reset (see README, Forgotten passwords). */
async function printResetLink(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      url: { type: "string", default: process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}` },
    },
  });
  if (!values.email?.includes("@")) throw new Error(USAGE);
  const { token, expiresAt, displayName } = await issueOperatorResetLink(handle.db, values.email);
  console.log(`Send ${displayName} this link to choose a new password; it works once, until ${expiresAt.toUTCString()}:`);
  console.log(new URL(`/password-reset/${token}`, values.url!).toString());
}

/** A person's erasure at their request (see README, Erasure): what would change with --dry-run, or what changed. */
async function erase(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: "string" }, "dry-run": { type: "boolean", default: false } } });
  if (!values.email?.includes("@")) throw new Error(USAGE);
  if (values["dry-run"]) {
    const plan = await planErasure(handle.db, values.email);
    console.log(`Dry run: nothing was changed. Erasing ${plan.displayName} <${plan.email}> would make them ${plan.pseudonym} <${plan.placeholderEmail}>.`);
    printErasure(plan, "would be");
    return;
  }
  const done = await erasePerson(handle.db, values.email);
  console.log(`Erased: ${values.email.trim().toLowerCase()} is now ${done.pseudonym} <${done.placeholderEmail}>.`);
  printErasure(done, "were");
}

function printErasure(plan: ErasurePlan, tense: "were" | "would be") {
  const where = plan.partnerships.map((partnership) => `${partnership.name} (notes' text ${partnership.keepsNoteText ? "kept" : "removed"})`);
  console.log(`Partnerships: ${where.length ? where.join(", ") : "none"}`);
  console.log(`Rows that ${tense} changed:`);
  for (const change of plan.changes) console.log(`  ${change.place}: ${change.rows} ${change.change}`);
}

/** Whether a partnership's erased people keep their notes' text, as the partnership decides. */
async function setPolicy(args: string[]) {
  const { values } = parseArgs({ args, options: { slug: { type: "string" }, notes: { type: "string" } } });
  if (!values.slug || (values.notes !== "keep" && values.notes !== "remove")) throw new Error(USAGE);
  const changed = await setErasurePolicy(handle.db, values.slug, values.notes === "keep");
  const rule = values.notes === "keep" ? "keep their text, with their name replaced" : `say “${ERASED_NOTE_TEXT}”`;
  console.log(`${changed ? "Saved" : "Already so"}: in ${values.slug}, an erased person's progress notes ${rule}.`);
}

/** The security log's routine entries older than the period kept (README, Security log). */
async function purge(args: string[]) {
  const { values } = parseArgs({ args, options: { days: { type: "string" } } });
  const days = values.days === undefined ? config.securityLogDays : Number(values.days);
  const { removed, partnerships } = await purgeSecurityLog(handle.db, { days });
  console.log(
    `Removed ${removed} security-log ${removed === 1 ? "entry" : "entries"} (refused page visits and failed sign-ins) older than ${days} days` +
      (partnerships ? `, from ${partnerships} partnership${partnerships === 1 ? "" : "s"}.` : "."),
  );
}
