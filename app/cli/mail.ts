// `npm run mail:send-due [-- --now <ISO time>]` and `npm run mail:preview -- --to <email> [--kind <kind>]`.
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { databaseOptionsFromEnv } from "../../db/config";
import { migrateToLatest } from "../../db/migrate";
import { PERSON_EMAIL_KINDS, type PersonEmailKind } from "../domain/vocabulary";
import { config } from "../server/platform/config.server";
import { runMailRound } from "../server/notices/mailer.server";
import { previewEmail } from "../server/notices/preview.server";

const USAGE = `Usage:
  npm run mail:send-due [-- --now <ISO time, e.g. 2026-12-07T07:00:00Z>]
  npm run mail:preview -- --to <email> [--kind <${PERSON_EMAIL_KINDS.join("|")}>] [--now <ISO time>]`;

const [command, ...rest] = process.argv.slice(2);
if (command !== "send-due" && command !== "preview") {
  console.error(USAGE);
  process.exit(2);
}
const { values } = parseArgs({ args: rest, options: { now: { type: "string" }, to: { type: "string" }, kind: { type: "string", default: "digest" } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`--now must be a time such as 2026-12-07T07:00:00Z, not "${values.now}".\n${USAGE}`);
  process.exit(2);
}

const handle = await openDatabase(databaseOptionsFromEnv());
try {
  await migrateToLatest(handle.db);
  if (command === "send-due") await sendDue();
  else await preview();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}

/** Queues what is due by `now` and sends what is queued; exit 1 when anything could not go, with why. */
async function sendDue() {
  const round = await runMailRound(handle.db, { now });
  console.log(`Queued ${round.queued}; sent ${round.sent}; to retry ${round.retrying}; failed ${round.failed}; not sent ${round.cancelled}.`);
  for (const reason of round.reasons) console.log(`  ${reason}`);
  if (!config.smtpUrl) {
    console.error("SMTP_URL is not set: nothing was sent, and the emails wait in the outbox (admins see them on Emails).");
    process.exitCode = 1;
  } else if (round.retrying > 0 || round.failed > 0) process.exitCode = 1;
}

/** Prints an email as it would be sent to the person. */
async function preview() {
  const kind = values.kind as PersonEmailKind;
  if (!values.to || !PERSON_EMAIL_KINDS.includes(kind)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const email = await previewEmail(handle.db, values.to, kind, now);
  if (!email) {
    console.error(`Nothing to preview: no account for ${values.to}, or no "${kind}" email for them yet.`);
    process.exitCode = 1;
    return;
  }
  if (email.empty) console.log("(Nothing to say this week: this digest would not be sent.)\n");
  console.log(`To: ${email.to}\nSubject: ${email.subject}\n\n${email.text}`);
}
