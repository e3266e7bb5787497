// `npm run db:migrate`, `npm run db:seed` and `npm run db:admin -- …`.
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { databaseOptionsFromEnv } from "../../db/config";
import { migrateToLatest } from "../../db/migrate";
import { SECTORS, type Sector } from "../domain/vocabulary";
import { seedDemoData } from "../demo/seed.server";
import { issueOperatorResetLink } from "../server/auth/password-resets.server";
import { bootstrapAdmin } from "../server/people/first-admin.server";

const USAGE = `Usage:
  npm run db:migrate
  npm run db:seed
  npm run db:admin -- --slug <partnership-slug> --partnership <name> --email <email> --name <person's name>
                      --sector <${SECTORS.join("|")}> [--url <https://board.example.org>]
  npm run db:reset-link -- --email <email> [--url <https://board.example.org>]`;

const [command, ...rest] = process.argv.slice(2);
if (command !== "migrate" && command !== "seed" && command !== "admin" && command !== "reset-link") {
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
